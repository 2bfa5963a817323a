/// The shared layout of every chart: it places the title, subtitle, axes with ticks, axis labels and the
/// key (legend or colour bar) outside the plot area, and hands plot kinds two scales into that area.
/// New plot kinds compute their data domains, build a frame, and draw marks with `frame.x` / `frame.y`.
public struct ChartFrame: Sendable {
    public let options: ChartOptions
    /// The plot area in canvas pixels.
    public let plotLeft: Double, plotTop: Double, plotWidth: Double, plotHeight: Double
    public let x: Scale
    public let y: Scale
    let xTicks: Ticks
    let yTicks: Ticks
    let key: ChartKey
    /// Category names on the x axis (bar charts) replace numeric x ticks.
    let xCategories: [(label: String, position: Double)]
    let slantsCategories: Bool
    /// Slanted category labels run at 35° and may take at most this share of the canvas height.
    static let slantSine = 0.574
    static let maximumSlantedShare = 0.25

    // Typography and spacing in pixels, chosen so a 720x480 chart reads well on a slide.
    static let padding = 12.0
    static let titleSize = 17.0
    static let subtitleSize = 12.5
    static let labelSize = 12.5
    static let tickSize = 11.0
    static let tickLength = 5.0
    static let legendRowHeight = 18.0
    static let legendSymbolWidth = 22.0
    static let colorBarWidth = 14.0
    /// Target spacing between y ticks; x spacing also accounts for label width.
    static let yTickSpacing = 55.0

    static func textWidth(_ text: String, size: Double) -> Double {
        TextMetrics.width(text, size: size)
    }

    /// Builds the layout. `xDomain`/`yDomain` are already padded as the plot kind wants them.
    public init(
        options: ChartOptions, xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, key: ChartKey,
        xCategories: [String] = []
    ) {
        self.options = options
        if case .legend(let entries) = key {
            let rows =
                (options.height - Self.headerHeight(title: options.title, subtitle: options.subtitle, width: options.width)
                    - Self.padding) / Self.legendRowHeight
            self.key = .legend(Self.fittedLegend(entries, width: options.width, rows: Int(rows)))
        } else {
            self.key = key
        }
        let key = self.key
        let showTicks = !options.isMap
        var top = Self.headerHeight(title: options.title, subtitle: options.subtitle, width: options.width)
        var bottom = options.height - Self.padding
        if options.xAxisLabel != nil { bottom -= Self.labelSize + 8 }
        if showTicks { bottom -= Self.tickSize + Self.tickLength + 6 }
        // Category labels too wide for their band are drawn slanted; their drop is reserved below.
        let tentativeBand =
            (options.width - 2 * Self.padding - Self.keyWidth(self.key, canvasWidth: options.width) - 60)
            / Double(max(xCategories.count, 1))
        let widestCategory = xCategories.map { Self.textWidth($0, size: Self.tickSize) }.max() ?? 0
        let slanted = widestCategory > tentativeBand - 4
        let slantedLength = min(widestCategory, options.height * Self.maximumSlantedShare)
        if slanted { bottom -= slantedLength * Self.slantSine }
        self.slantsCategories = slanted
        let availableHeight = max(bottom - top, 40)

        var yTicks = Ticks(values: [], labels: [])
        if showTicks {
            let approximate = max(2, Int(availableHeight / Self.yTickSpacing))
            yTicks = Scale(kind: options.yScale, domain: yDomain, pixelStart: 0, pixelEnd: 1)
                .ticks(approximateCount: approximate)
        }
        let yLabelWidth = yTicks.labels.map { Self.textWidth($0, size: Self.tickSize) }.max() ?? 0
        var left = Self.padding
        if options.yAxisLabel != nil { left += Self.labelSize + 8 }
        if showTicks { left += yLabelWidth + Self.tickLength + 6 }
        var right = options.width - Self.padding - Self.keyWidth(key, canvasWidth: options.width)
        // Leave room for the last x tick label to overhang the plot area.
        if showTicks && Self.keyWidth(key, canvasWidth: options.width) == 0 { right -= 12 }
        let availableWidth = max(right - left, 40)
        var width = availableWidth
        var height = availableHeight

        if options.isMap {
            // Equal aspect: shrink the plot area on the axis with fewer data units per pixel and centre it;
            // the key follows the plot area, so plot and key stay together with the slack split around them.
            let xSpan = xDomain.upperBound - xDomain.lowerBound
            let ySpan = yDomain.upperBound - yDomain.lowerBound
            if xSpan > 0 && ySpan > 0 && xSpan.isFinite && ySpan.isFinite {
                let unitsPerPixel = max(xSpan / availableWidth, ySpan / availableHeight)
                width = xSpan / unitsPerPixel
                height = ySpan / unitsPerPixel
                top += (availableHeight - height) / 2
                left += (availableWidth - width) / 2
            }
        }
        self.plotLeft = left
        self.plotTop = top
        self.plotWidth = width
        self.plotHeight = height
        x = Scale(kind: options.xScale, domain: xDomain, pixelStart: left, pixelEnd: left + width)
        y = Scale(kind: options.yScale, domain: yDomain, pixelStart: top + height, pixelEnd: top)
        self.yTicks = yTicks
        if showTicks && xCategories.isEmpty {
            // Fewer ticks until the widest label (plus a gap) fits between neighbours.
            var approximate = max(2, Int(width / 70))
            var ticks = x.ticks(approximateCount: approximate)
            while approximate > 2 {
                let widest = ticks.labels.map { Self.textWidth($0, size: Self.tickSize) }.max() ?? 0
                let spacing = ticks.values.count > 1 ? abs(x.pixel(ticks.values[1]) - x.pixel(ticks.values[0])) : width
                if widest + 10 <= spacing { break }
                approximate -= 1
                ticks = x.ticks(approximateCount: approximate)
            }
            xTicks = ticks
        } else {
            xTicks = Ticks(values: [], labels: [])
        }
        let band = width / Double(max(xCategories.count, 1))
        // Category labels are shortened to their band (or, slanted, to the reserved drop) so they never overlap.
        let fitting = max(slanted ? slantedLength : band - 4, 3 * Self.tickSize)
        self.xCategories = xCategories.enumerated().map {
            (
                TextMetrics.truncated($0.element, toWidth: fitting, size: Self.tickSize),
                left + band * (Double($0.offset) + 0.5)
            )
        }
    }

    /// The legend gets at most this fraction of the canvas width; longer labels are shortened.
    static let maximumLegendShare = 0.45

    /// Legend entries whose labels fit the legend's share of `width`,
    /// and, when there are more entries than `rows`, the last row says how many are not listed.
    static func fittedLegend(_ entries: [LegendEntry], width: Double, rows: Int) -> [LegendEntry] {
        let available = width * maximumLegendShare - 16 - legendSymbolWidth - 4
        var fitted = entries.map { entry in
            var entry = entry
            // The count suffix " (1,234)" is kept whole; only the label is shortened.
            let suffix = textWidth(entry.text, size: labelSize) - textWidth(entry.label, size: labelSize)
            entry.label = TextMetrics.truncated(
                entry.label, toWidth: max(available - suffix, 3 * labelSize), size: labelSize)
            return entry
        }
        if fitted.count > max(rows, 2) {
            let kept = max(rows, 2) - 1
            let hidden = fitted.count - kept
            fitted = Array(fitted.prefix(kept))
            fitted.append(LegendEntry(label: "… \(formatCount(hidden)) more", color: .secondaryText, symbol: .none))
        }
        return fitted
    }

    /// A colour-bar title may take at most this share of the canvas width; longer ones are shortened.
    static let maximumColorBarTitleShare = 0.3

    /// The colour-bar title as drawn: left-aligned over the bar, shortened to its share of the canvas.
    static func colorBarTitle(_ name: String, canvasWidth: Double) -> String {
        TextMetrics.truncated(name, toWidth: canvasWidth * maximumColorBarTitleShare, size: labelSize)
    }

    static func keyWidth(_ key: ChartKey, canvasWidth: Double) -> Double {
        switch key {
        case .none:
            return 0
        case .legend(let entries):
            let widest = entries.map { textWidth($0.text, size: labelSize) }.max() ?? 0
            return 16 + legendSymbolWidth + widest + 4
        case .colorBar(let name, let range):
            let ticks = Ticks.linear(range, approximateCount: 5)
            let widest = ticks.labels.map { textWidth($0, size: tickSize) }.max() ?? 0
            // The title starts at the bar's left edge, so its whole width is reserved.
            let title = textWidth(colorBarTitle(name, canvasWidth: canvasWidth), size: labelSize)
            return 16 + max(colorBarWidth + tickLength + 4 + widest, title) + 4
        }
    }

    var plotRight: Double { plotLeft + plotWidth }
    var plotBottom: Double { plotTop + plotHeight }

    /// Whether a canvas point lies inside the plot area (with a small tolerance for markers on the edge).
    func contains(x px: Double, y py: Double) -> Bool {
        px >= plotLeft - 0.5 && px <= plotRight + 0.5 && py >= plotTop - 0.5 && py <= plotBottom + 0.5
    }

    /// Titles and subtitles wrap to at most this many lines; the rest is ellipsized (the full title stays
    /// in `<title>`, the full subtitle in `<desc>`).
    static let maximumHeaderLines = 2

    /// The title and subtitle at the top left, wrapped to `width`, and the y below which content may start.
    static func header(title: String, subtitle: String?, width: Double) -> (elements: [SVGElement], height: Double) {
        let available = max(width - 2 * padding, 40)
        let titleLines = TextMetrics.wrapped(
            title, toWidth: available, size: titleSize, bold: true, maximumLines: maximumHeaderLines)
        let subtitleLines = TextMetrics.wrapped(
            subtitle ?? "", toWidth: available, size: subtitleSize, maximumLines: maximumHeaderLines)
        var elements: [SVGElement] = []
        var baseline = padding
        for (index, line) in titleLines.enumerated() {
            baseline += index == 0 ? titleSize : titleSize + 4
            elements.append(.text(line, [.x(padding), .y(baseline), .fontSize(titleSize), .fontWeight(.bold)]))
        }
        for (index, line) in subtitleLines.enumerated() {
            baseline += index == 0 ? (titleLines.isEmpty ? subtitleSize : subtitleSize + 6) : subtitleSize + 4
            elements.append(
                .text(line, [.x(padding), .y(baseline), .fontSize(subtitleSize), .fill(.color(.secondaryText))]))
        }
        return (elements, elements.isEmpty ? padding + 16 : baseline + 20)
    }

    /// Vertical space the header takes at canvas width `width`, including the gap below it.
    static func headerHeight(title: String, subtitle: String?, width: Double) -> Double {
        header(title: title, subtitle: subtitle, width: width).height
    }

    /// Background, grid and titles: drawn before the marks.
    func underlay() -> [SVGElement] {
        var elements: [SVGElement] = [
            SVGElement(.rect, [.x(0), .y(0), .width(options.width), .height(options.height), .fill(.color(.white))])
        ]
        elements += Self.header(title: options.title, subtitle: options.subtitle, width: options.width).elements
        var grid = SVGPath()
        for value in yTicks.values {
            let py = y.pixel(value)
            grid.move(to: plotLeft, py)
            grid.horizontal(by: plotWidth)
        }
        for value in xTicks.values {
            let px = x.pixel(value)
            grid.move(to: px, plotTop)
            grid.vertical(by: plotHeight)
        }
        if !grid.isEmpty {
            elements.append(
                SVGElement(.path, [.pathData(grid), .fill(.none), .stroke(.color(.gridLine)), .strokeWidth(1)]))
        }
        return elements
    }

    /// Axes, tick labels, axis labels and the key: drawn after the marks so nothing hides them.
    func overlay() -> [SVGElement] {
        var elements: [SVGElement] = []
        let axisStyle: [SVGAttribute] = [.fill(.none), .stroke(.color(.axis)), .strokeWidth(1)]
        if options.isMap {
            elements.append(
                SVGElement(.rect, [.x(plotLeft), .y(plotTop), .width(plotWidth), .height(plotHeight)] + axisStyle))
        } else {
            var axes = SVGPath()
            axes.move(to: plotLeft, plotTop)
            axes.vertical(by: plotHeight)
            axes.horizontal(by: plotWidth)
            for value in yTicks.values {
                axes.move(to: plotLeft, y.pixel(value))
                axes.horizontal(by: -Self.tickLength)
            }
            for value in xTicks.values {
                axes.move(to: x.pixel(value), plotBottom)
                axes.vertical(by: Self.tickLength)
            }
            for category in xCategories {
                axes.move(to: category.position, plotBottom)
                axes.vertical(by: Self.tickLength)
            }
            elements.append(SVGElement(.path, [.pathData(axes)] + axisStyle))
        }
        let tickText: [SVGAttribute] = [.fontSize(Self.tickSize), .fill(.color(.axis))]
        var labels: [SVGElement] = []
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            labels.append(
                .text(
                    label,
                    [
                        .x(plotLeft - Self.tickLength - 3), .y(y.pixel(value) + Self.tickSize * 0.35),
                        .textAnchor(.end),
                    ]))
        }
        let xLabelBaseline = plotBottom + Self.tickLength + Self.tickSize + 2
        for (value, label) in zip(xTicks.values, xTicks.labels) {
            labels.append(.text(label, [.x(x.pixel(value)), .y(xLabelBaseline), .textAnchor(.middle)]))
        }
        for category in xCategories {
            if slantsCategories {
                let px = category.position + 3
                let py = xLabelBaseline - 4
                labels.append(
                    .text(
                        category.label,
                        [
                            .x(px), .y(py), .textAnchor(.end), .rotate(degrees: -35, x: px, y: py),
                        ]))
            } else {
                labels.append(.text(category.label, [.x(category.position), .y(xLabelBaseline), .textAnchor(.middle)]))
            }
        }
        if !labels.isEmpty { elements.append(.group(tickText, labels)) }

        let labelText: [SVGAttribute] = [.fontSize(Self.labelSize), .fill(.color(.black))]
        // Maps are centred in the canvas, so their axis labels hug the plot area rather than the canvas edges.
        if let label = xAxisLabelDrawn {
            let py = options.isMap ? plotBottom + Self.labelSize + 6 : options.height - Self.padding - 2
            elements.append(
                .text(label, labelText + [.x(plotLeft + plotWidth / 2), .y(py), .textAnchor(.middle)]))
        }
        if let label = yAxisLabelDrawn {
            let px = options.isMap ? plotLeft - 8 : Self.padding + Self.labelSize - 2
            let py = plotTop + plotHeight / 2
            elements.append(
                .text(label, labelText + [.x(px), .y(py), .textAnchor(.middle), .rotate(degrees: -90, x: px, y: py)]))
        }
        elements += keyElements()
        return elements
    }

    private func keyElements() -> [SVGElement] {
        let left = plotRight + 16
        switch key {
        case .none:
            return []
        case .legend(let entries):
            var rows: [SVGElement] = []
            // A map centred in a tall canvas starts low; its legend moves up so it never runs off the bottom.
            let legendHeight = Self.legendRowHeight * Double(entries.count)
            let headerBottom = Self.headerHeight(title: options.title, subtitle: options.subtitle, width: options.width)
            let legendTop = max(min(plotTop, options.height - Self.padding - legendHeight), headerBottom)
            for (index, entry) in entries.enumerated() {
                let centreY = legendTop + Self.legendRowHeight * (Double(index) + 0.5)
                if let symbol = legendSymbol(entry, x: left + Self.legendSymbolWidth / 2 - 2, y: centreY) {
                    rows.append(symbol)
                }
                rows.append(
                    .text(
                        entry.text,
                        [
                            .x(left + Self.legendSymbolWidth), .y(centreY + Self.labelSize * 0.35),
                        ]))
            }
            return [.group([.fontSize(Self.labelSize), .fill(.color(.black))], rows)]
        case .colorBar(let name, let range):
            return colorBar(name: name, range: range, left: left)
        }
    }

    private func legendSymbol(_ entry: LegendEntry, x px: Double, y py: Double) -> SVGElement? {
        let paint: SVGPaint = .color(entry.color)
        switch entry.symbol {
        case .none:
            return nil
        case .marker(let shape):
            return shape.element(x: px, y: py, radius: 4.5, attributes: [.fill(paint)])
        case .translucentMarker(let shape, let opacity):
            return shape.element(x: px, y: py, radius: 4.5, attributes: [.fill(paint), .fillOpacity(opacity)])
        case .outlinedMarker(let shape):
            return shape.element(
                x: px, y: py, radius: 4.5, attributes: [.fill(.none), .stroke(paint), .strokeWidth(1.5)])
        case .swatch(let fillOpacity):
            return SVGElement(
                .rect,
                [
                    .x(px - 7), .y(py - 6), .width(14), .height(12), .fill(paint), .fillOpacity(fillOpacity),
                    .stroke(paint), .strokeWidth(1.5),
                ])
        case .line(let shape):
            var children = [
                SVGElement(.line, [.x1(px - 9), .y1(py), .x2(px + 9), .y2(py), .stroke(paint), .strokeWidth(2)])
            ]
            if let shape { children.append(shape.element(x: px, y: py, radius: 3.5, attributes: [.fill(paint)])) }
            return .group([], children)
        }
    }

    /// A vertical viridis bar drawn as stacked rectangles: gradients would need `id`/`url(#…)` references,
    /// which this module never emits.
    private func colorBar(name: String, range: ClosedRange<Double>, left: Double) -> [SVGElement] {
        let steps = 64
        let top = plotTop + Self.labelSize + 8
        let height = max(plotHeight - (Self.labelSize + 8), 40)
        var cells: [SVGElement] = []
        let cellHeight = height / Double(steps)
        for step in 0..<steps {
            let t = (Double(step) + 0.5) / Double(steps)
            // Cells overlap by half a pixel so anti-aliasing leaves no seams.
            cells.append(
                SVGElement(
                    .rect,
                    [
                        .x(left), .y(top + height - Double(step + 1) * cellHeight), .width(Self.colorBarWidth),
                        .height(cellHeight + 0.5), .fill(.color(Palette.viridis(t))),
                    ]))
        }
        var elements: [SVGElement] = [.group([.crispEdges], cells)]
        elements.append(
            .text(
                Self.colorBarTitle(name, canvasWidth: options.width),
                [.x(left), .y(plotTop + Self.labelSize), .fontSize(Self.labelSize)]))
        let scale = Scale(kind: .linear, domain: range, pixelStart: top + height, pixelEnd: top)
        let ticks = Ticks.linear(range, approximateCount: 5)
        var labels: [SVGElement] = []
        var marks = SVGPath()
        for (value, label) in zip(ticks.values, ticks.labels) {
            let py = scale.pixel(value)
            marks.move(to: left + Self.colorBarWidth, py)
            marks.horizontal(by: Self.tickLength)
            labels.append(
                .text(label, [.x(left + Self.colorBarWidth + Self.tickLength + 3), .y(py + Self.tickSize * 0.35)]))
        }
        elements.append(SVGElement(.path, [.pathData(marks), .stroke(.color(.axis)), .strokeWidth(1)]))
        elements.append(.group([.fontSize(Self.tickSize), .fill(.color(.axis))], labels))
        return elements
    }

    /// Axis labels shortened to the plot area's side (a rotated y label longer than the plot would run
    /// over the title); the full text goes to the `<desc>`.
    var xAxisLabelDrawn: String? {
        options.xAxisLabel.map { TextMetrics.truncated($0, toWidth: max(plotWidth, 3 * Self.labelSize), size: Self.labelSize) }
    }
    var yAxisLabelDrawn: String? {
        options.yAxisLabel.map { TextMetrics.truncated($0, toWidth: max(plotHeight, 3 * Self.labelSize), size: Self.labelSize) }
    }

    /// The full text of every label the frame had to shorten, as a sentence for the `<desc>`; nil when none was.
    var shortenedLabelsInFull: String? {
        var parts: [String] = []
        if let full = options.xAxisLabel, xAxisLabelDrawn != full { parts.append("x axis: \(full)") }
        if let full = options.yAxisLabel, yAxisLabelDrawn != full { parts.append("y axis: \(full)") }
        if case .colorBar(let name, _) = key, Self.colorBarTitle(name, canvasWidth: options.width) != name {
            parts.append("colour bar: \(name)")
        }
        return parts.isEmpty ? nil : "Labels in full: " + parts.joined(separator: "; ") + "."
    }

    /// `description` followed by the data names/parameters and the subtitle's numbers, each as a sentence.
    static func fullDescription(_ description: String, subtitle: String?, detail: String?) -> String {
        var text = description
        for extra in [detail, subtitle] {
            guard let extra, !extra.isEmpty else { continue }
            text += " " + extra + (extra.hasSuffix(".") ? "" : ".")
        }
        return text
    }

    /// Wraps the marks in the frame and the accessible root.
    public func document(marks: [SVGElement], description: String) -> SVGDocument {
        let body = SVGElement.group([.sansSerifFont], underlay() + marks + overlay())
        return SVGDocument(
            width: options.width, height: options.height, title: options.title,
            description: Self.fullDescription(
                description, subtitle: options.subtitle,
                detail: [options.descriptionDetail, shortenedLabelsInFull].compactMap { $0 }.joined(separator: " ")),
            content: [body])
    }
}
