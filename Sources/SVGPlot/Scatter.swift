/// How scatter points are coloured.
public enum PointColoring: Sendable, Equatable {
    /// One colour for all points; `name` appears in the description.
    case single(name: String)
    /// `codes[i]` indexes `names`; one colour (and, above 8 categories, one marker shape) per name.
    case categories(codes: [Int], names: [String])
    /// Real (blue `#0072B2`) vs generated (vermillion `#D55E00`) overlay.
    case realVersusGenerated(isGenerated: [Bool])
    /// Viridis over the value range, with a colour bar named `name`.
    case continuous(values: [Double], name: String)
}

public struct ScatterOptions: Sendable, Equatable {
    public var chart = ChartOptions()
    /// Marker radius in pixels; nil picks one from the point count.
    public var pointRadius: Double?
    /// Marker opacity; nil picks one from the point count (dense maps need translucency).
    public var opacity: Double?
    /// Per-point hover text, one per point; used only while points are drawn as separate elements.
    public var hoverTitles: [String]?
    /// Up to this many points each point is its own element grouped per class; above, one `<path>` per
    /// class keeps a 100k-point map to a few MB (measured: see scripts/bench_svgplot.sh).
    public var elementLimit = 20_000
    /// Label class centres (median position) directly on the map; nil means "when there are more than 8
    /// categories", where colour alone no longer separates them.
    public var directLabels: Bool?
    /// Draw a binned 2-D histogram instead of points: this many square cells across the plot area, one
    /// translucent layer per class (or viridis counts for a single class). Output size depends on the
    /// number of cells and classes, not on n. nil draws points.
    public var densityBins: Int?

    public init(chart: ChartOptions = ChartOptions()) {
        self.chart = chart
    }
}

/// A scatter plot or embedding map. Cost: O(n) time; output about 40 bytes per point as elements,
/// about 20 as path commands.
public struct ScatterPlot: Plot {
    public var x: [Double]
    public var y: [Double]
    public var coloring: PointColoring
    public var options: ScatterOptions

    public init(x: [Double], y: [Double], coloring: PointColoring, options: ScatterOptions = ScatterOptions()) {
        self.x = x
        self.y = y
        self.coloring = coloring
        self.options = options
    }

    /// Continuous colours are quantised into this many viridis bins in path mode (one path per bin);
    /// 64 levels, as the colour bar: with 32, a dense map coloured by its own x showed visible steps (audit
    /// of issue 5); one path per bin, so more bins barely change the size.
    static let continuousBins = 64
    /// Larger markers would cover a whole small plot: surely a unit mistake.
    static let maximumRadius = 50.0

    struct PointClass {
        var name: String
        var color: Color
        var shape: MarkerShape
        var indices: [Int]
        /// Drawn as outlines (real points on top of a real-vs-generated overlay) so what lies under shows.
        var isHollow = false
    }

    /// Outline width and largest opacity of hollow markers: thin, translucent rings let the generated
    /// points under a dense real mode show through (checked by eye on the demo ring at 1.5× zoom).
    static let hollowStrokeWidth = 0.6
    static let hollowStrokeOpacity = 0.6
    /// WCAG contrast of direct labels against white: above AAA's 7, dark enough to read on any cluster colour.
    static let directLabelContrast = 12.0
    /// In path mode the real layer of an overlay stays filled (outlined circles would triple the bytes per
    /// point) and is drawn at this fraction of the opacity, so covered generated modes show through.
    static let denseOverlayOpacityFactor = 0.5

    public func document() throws -> SVGDocument {
        var chart = try options.chart.validated()
        try validateInput()
        let drawable = drawablePoints(chart: chart)
        guard
            let xExtent = Extent.of(drawable.lazy.map { x[$0] }, kind: chart.xScale),
            let yExtent = Extent.of(drawable.lazy.map { y[$0] }, kind: chart.yScale)
        else {
            throw PlotError.invalidValue(
                what: "coordinates", value: "\(x.count) points", reason: "none is finite (and positive on a log axis)")
        }
        if chart.isMap {
            chart.xScale = .linear
            chart.yScale = .linear
        }
        let classes = pointClasses(drawable: drawable)
        let xDomain = Extent.padded(xExtent, kind: chart.xScale, padding: dataPadding)
        let yDomain = Extent.padded(yExtent, kind: chart.yScale, padding: dataPadding)
        if let bins = options.densityBins {
            return try densityDocument(
                chart: chart, xDomain: xDomain, yDomain: yDomain, classes: classes, drawable: drawable, bins: bins)
        }
        let frame = ChartFrame(
            options: chart, xDomain: xDomain, yDomain: yDomain, key: chartKey(classes: classes, drawable: drawable))

        let style = MarkStyle(
            radius: options.pointRadius ?? Self.defaultRadius(pointCount: drawable.count),
            opacity: options.opacity ?? Self.defaultOpacity(pointCount: drawable.count),
            asElements: drawable.count <= options.elementLimit)
        var marks: [SVGElement] = []
        if case .continuous(let values, _) = coloring {
            marks.append(continuousMarks(drawable: drawable, values: values, frame: frame, style: style))
        } else {
            marks.append(categoricalMarks(classes: classes, frame: frame, style: style))
        }
        var description = describe(classes: classes, drawn: drawable.count)
        if let labels = directLabelsIfWanted(classes: classes, frame: frame) {
            marks.append(labels.element)
            description += labels.note
        }
        return frame.document(marks: marks, description: description)
    }

    /// Marker size, opacity, and whether points are separate elements or one dense path per class.
    struct MarkStyle {
        var radius: Double
        var opacity: Double
        var asElements: Bool
    }

    private func validateInput() throws {
        try checkLength("y", y.count, expected: x.count)
        if x.isEmpty { throw PlotError.empty(what: "the point set") }
        if let titles = options.hoverTitles { try checkLength("hoverTitles", titles.count, expected: x.count) }
        if let radius = options.pointRadius, !(radius.isFinite && radius > 0 && radius <= Self.maximumRadius) {
            throw PlotError.invalidValue(
                what: "pointRadius", value: formatReadable(radius), reason: "use a size in pixels in (0, 50]")
        }
        if let opacity = options.opacity, !(opacity.isFinite && opacity > 0 && opacity <= 1) {
            throw PlotError.invalidValue(
                what: "opacity", value: formatReadable(opacity), reason: "use a value in (0, 1]")
        }
        try validateColoring()
    }

    /// Indices of points that can be placed: finite coordinates (positive on log axes) and a finite colour value.
    private func drawablePoints(chart: ChartOptions) -> [Int] {
        let xScale = chart.isMap ? ScaleKind.linear : chart.xScale
        let yScale = chart.isMap ? ScaleKind.linear : chart.yScale
        return x.indices.filter {
            if case .continuous(let values, _) = coloring, !values[$0].isFinite { return false }
            return (x[$0].isFinite && (xScale == .linear || x[$0] > 0))
                && (y[$0].isFinite && (yScale == .linear || y[$0] > 0))
        }
    }

    func chartKey(classes: [PointClass], drawable: [Int]) -> ChartKey {
        switch coloring {
        case .continuous(let values, let name):
            let range = Extent.of(drawable.lazy.map { values[$0] }, kind: .linear) ?? 0...1
            return .colorBar(name: name, range: range)
        case .single:
            return .none
        case .categories, .realVersusGenerated:
            let asElements = drawable.count <= options.elementLimit && options.densityBins == nil
            // In path mode the real layer is filled at a fraction of the opacity; its legend marker matches.
            let denseHollowOpacity =
                (options.opacity ?? Self.defaultOpacity(pointCount: drawable.count)) * Self.denseOverlayOpacityFactor
            return .legend(
                drawnClasses(classes).map {
                    let symbol: LegendEntry.Symbol =
                        if options.densityBins != nil { .swatch(fillOpacity: 0.6) }
                        else if !$0.isHollow { .marker($0.shape) }
                        else if asElements { .outlinedMarker($0.shape) }
                        else { .translucentMarker($0.shape, opacity: denseHollowOpacity) }
                    return LegendEntry(label: $0.name, color: $0.color, symbol: symbol, count: $0.indices.count)
                })
        }
    }

    /// The classes the legend and `<desc>` list: a row selection (`digits[label==3]`) keeps every label name
    /// so colours stay those of the whole dataset, but classes with no drawn point are not listed.
    func drawnClasses(_ classes: [PointClass]) -> [PointClass] {
        guard case .categories = coloring else { return classes }
        return classes.filter { !$0.indices.isEmpty }
    }

    /// Class indices in drawing order: larger classes first so small classes stay visible on top. A
    /// real-vs-generated overlay always draws the real points last: the question it answers is which real
    /// modes the generator covers, and generated points drawn over real ones would hide exactly those.
    func drawingOrder(_ classes: [PointClass]) -> [Int] {
        if case .realVersusGenerated = coloring { return Array(classes.indices.reversed()) }
        return classes.indices.sorted { (classes[$0].indices.count, $1) > (classes[$1].indices.count, $0) }
    }

    /// One group (or dense path) per class, in `drawingOrder`.
    private func categoricalMarks(classes: [PointClass], frame: ChartFrame, style: MarkStyle) -> SVGElement {
        let order = drawingOrder(classes)
        var groups: [SVGElement] = []
        for index in order where !classes[index].indices.isEmpty {
            let pointClass = classes[index]
            if style.asElements {
                let points = pointClass.indices.map { point in
                    let position = pixel(of: point, in: frame)
                    var element = pointClass.shape.element(
                        x: position.x, y: position.y, radius: style.radius, attributes: [])
                    if let titles = options.hoverTitles { element.append(.title(titles[point])) }
                    return element
                }
                let paint: [SVGAttribute] =
                    pointClass.isHollow
                    ? [
                        .fill(.none), .stroke(.color(pointClass.color)), .strokeWidth(Self.hollowStrokeWidth),
                        .strokeOpacity(min(style.opacity, Self.hollowStrokeOpacity)),
                    ] : [.fill(.color(pointClass.color)), .fillOpacity(style.opacity)]
                groups.append(.group(paint + [.ariaLabel(pointClass.name)], points))
            } else {
                let opacity = style.opacity * (pointClass.isHollow ? Self.denseOverlayOpacityFactor : 1)
                var layer = MarkerShape.denseLayer(
                    shape: pointClass.shape, points: pointClass.indices.map { pixel(of: $0, in: frame) },
                    radius: style.radius, color: pointClass.color, opacity: opacity)
                layer.attributes.append(.ariaLabel(pointClass.name))
                groups.append(layer)
            }
        }
        return .group([], groups)
    }

    static func defaultRadius(pointCount: Int) -> Double {
        switch pointCount {
        case ..<1_000: return 3.5
        case ..<5_000: return 2.5
        case ..<20_000: return 1.8
        default: return 1.2
        }
    }

    static func defaultOpacity(pointCount: Int) -> Double {
        switch pointCount {
        case ..<1_000: return 0.85
        case ..<20_000: return 0.7
        default: return 0.5
        }
    }

    private func pointClasses(drawable: [Int]) -> [PointClass] {
        switch coloring {
        case .single(let name):
            return [PointClass(name: name, color: Palette.okabeIto[0], shape: .circle, indices: drawable)]
        case .continuous:
            return []
        case .realVersusGenerated(let isGenerated):
            let generated = drawable.filter { isGenerated[$0] }
            let real = drawable.filter { !isGenerated[$0] }
            return [
                PointClass(name: "real", color: Palette.real, shape: .circle, indices: real, isHollow: true),
                PointClass(name: "generated", color: Palette.generated, shape: .circle, indices: generated),
            ]
        case .categories(let codes, let names):
            var members = Array(repeating: [Int](), count: names.count)
            for point in drawable { members[codes[point]].append(point) }
            let colors = Palette.categorical(count: names.count)
            return names.indices.map {
                PointClass(
                    name: names[$0], color: colors[$0], shape: MarkerShape.forCategory($0, of: names.count),
                    indices: members[$0])
            }
        }
    }

    private func validateColoring() throws {
        switch coloring {
        case .single:
            break
        case .continuous(let values, _):
            try checkLength("colour values", values.count, expected: x.count)
        case .realVersusGenerated(let isGenerated):
            try checkLength("isGenerated", isGenerated.count, expected: x.count)
        case .categories(let codes, let names):
            try checkLength("labels", codes.count, expected: x.count)
            if names.isEmpty { throw PlotError.empty(what: "the category names") }
            if let bad = codes.first(where: { $0 < 0 || $0 >= names.count }) {
                throw PlotError.labelOutOfRange(code: bad, categoryCount: names.count)
            }
        }
    }

    private func continuousMarks(drawable: [Int], values: [Double], frame: ChartFrame, style: MarkStyle) -> SVGElement {
        let radius = style.radius
        let opacity = style.opacity
        let range = Extent.of(drawable.lazy.map { values[$0] }, kind: .linear) ?? 0...1
        let span = range.upperBound - range.lowerBound
        func fraction(_ value: Double) -> Double { span > 0 ? (value - range.lowerBound) / span : 0.5 }
        if style.asElements {
            let points = drawable.map { point -> SVGElement in
                var element = SVGElement(
                    .circle,
                    [
                        .cx(frame.x.pixel(x[point])), .cy(frame.y.pixel(y[point])), .r(radius),
                        .fill(.color(Palette.viridis(fraction(values[point])))),
                    ])
                if let titles = options.hoverTitles { element.append(.title(titles[point])) }
                return element
            }
            return .group([.fillOpacity(opacity)], points)
        }
        var bins = Array(repeating: [(x: Double, y: Double)](), count: Self.continuousBins)
        for point in drawable {
            let scaled = unitClamped(fraction(values[point])) * Double(Self.continuousBins)
            bins[min(Int(scaled), Self.continuousBins - 1)].append(pixel(of: point, in: frame))
        }
        let layers = bins.enumerated().compactMap { bin, points -> SVGElement? in
            guard !points.isEmpty else { return nil }
            let colour = Palette.viridis((Double(bin) + 0.5) / Double(Self.continuousBins))
            // Opaque: translucent neighbouring bins add up where they overlap and draw seams that look like
            // structure in the data (audit of issue 5, 200k points coloured by a column).
            return MarkerShape.denseLayer(shape: .circle, points: points, radius: radius, color: colour, opacity: 1)
        }
        return .group([], layers)
    }

    func pixel(of point: Int, in frame: ChartFrame) -> (x: Double, y: Double) {
        (frame.x.pixel(x[point]), frame.y.pixel(y[point]))
    }

    /// At most this many classes get a direct label, the largest first: past about 30 names the labels
    /// cover the clusters they name (audit of issue 5: 500 classes were unreadable), and the legend lists them.
    static let directLabelLimit = 30
    static let directLabelSize = 13.0

    /// The direct labels when `options.directLabels` (default: more than 8 classes) asks for them, with the
    /// sentence the `<desc>` adds when some classes went unlabelled.
    func directLabelsIfWanted(classes: [PointClass], frame: ChartFrame) -> (element: SVGElement, note: String)? {
        let present = classes.filter { !$0.indices.isEmpty }.count
        // A selection down to one class has nothing to tell apart: the legend names it.
        let wantsLabels = options.directLabels ?? (classes.count > Palette.okabeItoCapacity && present > 1)
        guard wantsLabels else { return nil }
        let labels = directLabels(classes: classes, frame: frame)
        let note =
            labels.placed < present
            ? " Direct labels on the \(labels.placed) largest of \(present) classes that fit without overlapping." : ""
        return (labels.element, note)
    }

    /// Class names at the median position of their members. A label in its class colour vanishes on its own
    /// cluster (pale blue and sand on light clusters, purple on purple), so labels are near-black with a
    /// trace of the class hue (darkened to `directLabelContrast` against white) on a thin white halo.
    /// Greedy placement, largest class first: a label whose box (estimated text width plus the halo) overlaps
    /// one already placed is skipped, and at most `directLabelLimit` are drawn.
    func directLabels(classes: [PointClass], frame: ChartFrame) -> (element: SVGElement, placed: Int) {
        var labels: [SVGElement] = []
        var boxes: [(left: Double, top: Double, right: Double, bottom: Double)] = []
        let size = Self.directLabelSize
        let order = classes.indices.filter { !classes[$0].indices.isEmpty }
            .sorted { (classes[$0].indices.count, $1) > (classes[$1].indices.count, $0) }
        for index in order where labels.count < Self.directLabelLimit {
            let pointClass = classes[index]
            let centreX = median(pointClass.indices.map { frame.x.pixel(x[$0]) })
            let baseline = median(pointClass.indices.map { frame.y.pixel(y[$0]) }) + 4
            // The halo (stroke width 3) adds 1.5 px on every side; ascent ≈ 0.76 em, descent ≈ 0.24 em.
            let halfWidth = TextMetrics.width(pointClass.name, size: size, bold: true) / 2 + 1.5
            let box = (
                left: centreX - halfWidth, top: baseline - 0.76 * size - 1.5,
                right: centreX + halfWidth, bottom: baseline + 0.24 * size + 1.5
            )
            let collides = boxes.contains {
                box.left < $0.right && $0.left < box.right && box.top < $0.bottom && $0.top < box.bottom
            }
            if collides { continue }
            boxes.append(box)
            let ink = pointClass.color.darkened(toContrastWithWhite: Self.directLabelContrast)
            labels.append(.text(pointClass.name, [.x(centreX), .y(baseline), .fill(.color(ink))]))
        }
        let element = SVGElement.group(
            [
                .fontSize(size), .fontWeight(.bold), .textAnchor(.middle), .stroke(.color(.white)), .strokeWidth(3),
                .strokeUnderFill,
            ], labels)
        return (element, labels.count)
    }

    func describe(classes: [PointClass], drawn: Int) -> String {
        var text = "Scatter plot of \(formatCount(drawn)) points"
        switch coloring {
        case .single(let name): text += " (\(name))"
        case .continuous(_, let name): text += " coloured by \(name)"
        case .categories, .realVersusGenerated:
            let listed = drawnClasses(classes)
            text += " in \(listed.count) \(listed.count == 1 ? "class" : "classes"): "
            text += describeList(listed.map { "\($0.name) (\(formatCount($0.indices.count)))" })
        }
        text += "."
        if let xLabel = options.chart.xAxisLabel { text += " x: \(xLabel)." }
        if let yLabel = options.chart.yAxisLabel { text += " y: \(yLabel)." }
        let skipped = x.count - drawn
        if skipped > 0 { text += " \(formatCount(skipped)) points with unusable coordinates were not drawn." }
        return text
    }
}

/// The middle value (mean of the two middle values for even counts); 0 for an empty array.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
