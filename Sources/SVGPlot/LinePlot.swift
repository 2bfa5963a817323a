/// One named line: `y[i]` at `x[i]`; non-finite points break the line.
public struct LineSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var y: [Double]

    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// `y` at 0, 1, 2, …: checkpoints, interpolation steps.
    public init(name: String, y: [Double]) {
        self.init(name: name, x: y.indices.map(Double.init), y: y)
    }
}

/// A horizontal reference line, e.g. the collapse threshold of a metric.
public struct Threshold: Sendable, Equatable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

public struct LinePlotOptions: Sendable, Equatable {
    public var chart = ChartOptions()
    public var showMarkers = true
    public var threshold: Threshold?

    public init(chart: ChartOptions = ChartOptions()) {
        self.chart = chart
    }
}

/// Several series as lines with markers (metric trends over checkpoints, interpolation profiles).
public struct LinePlot: Plot {
    public var series: [LineSeries]
    public var options: LinePlotOptions

    public init(series: [LineSeries], options: LinePlotOptions = LinePlotOptions()) {
        self.series = series
        self.options = options
    }

    public func document() throws -> SVGDocument {
        let chart = try options.chart.validated()
        if series.isEmpty { throw PlotError.empty(what: "the list of line series") }
        for item in series { try checkLength("y of \(item.name)", item.y.count, expected: item.x.count) }
        func usable(_ item: LineSeries, _ index: Int) -> Bool {
            let x = item.x[index]
            let y = item.y[index]
            return x.isFinite && y.isFinite && (chart.xScale == .linear || x > 0) && (chart.yScale == .linear || y > 0)
        }
        let points = series.map { item in item.x.indices.filter { usable(item, $0) } }
        var yValues = zip(series, points).flatMap { item, indices in indices.map { item.y[$0] } }
        if let threshold = options.threshold, threshold.value.isFinite { yValues.append(threshold.value) }
        let xValues = zip(series, points).flatMap { item, indices in indices.map { item.x[$0] } }
        guard let xExtent = Extent.of(xValues, kind: chart.xScale), let yExtent = Extent.of(yValues, kind: chart.yScale)
        else {
            throw PlotError.invalidValue(
                what: "line values", value: "\(series.count) series", reason: "no finite point")
        }
        let colors = Palette.categorical(count: series.count)
        let shapes = series.indices.map { MarkerShape.allCases[$0 % MarkerShape.allCases.count] }
        let entries = series.indices.map {
            LegendEntry(
                label: series[$0].name, color: colors[$0], symbol: .line(options.showMarkers ? shapes[$0] : nil))
        }
        let frame = ChartFrame(
            options: chart, xDomain: Extent.padded(xExtent, kind: chart.xScale, padding: dataPadding),
            yDomain: Extent.padded(yExtent, kind: chart.yScale, padding: dataPadding * 2),
            key: series.count > 1 ? .legend(entries) : .none)

        var marks: [SVGElement] = []
        var thresholdLabel: SVGElement?
        if let threshold = options.threshold, frame.y.accepts(threshold.value) {
            let py = frame.y.pixel(threshold.value)
            let grey = SVGPaint.color(.secondaryText)
            marks.append(
                SVGElement(
                    .line,
                    [
                        .x1(frame.plotLeft), .y1(py), .x2(frame.plotRight), .y2(py), .stroke(grey), .strokeWidth(1.2),
                        .strokeDashes([6, 4]),
                    ]))
            // The label goes in whichever corner along the line holds fewest data points, with a white
            // halo, drawn after the series so a line crossing it stays readable.
            let pixels = zip(series, points).flatMap { item, indices in
                indices.map { (frame.x.pixel(item.x[$0]), frame.y.pixel(item.y[$0])) }
            }
            let labelWidth = ChartFrame.textWidth(threshold.label, size: ChartFrame.tickSize)
            let candidates: [(x: Double, y: Double, anchor: TextAnchor)] = [
                (frame.plotRight - 4, py - 5, .end), (frame.plotLeft + 4, py - 5, .start),
                (frame.plotRight - 4, py + ChartFrame.tickSize + 3, .end),
                (frame.plotLeft + 4, py + ChartFrame.tickSize + 3, .start),
            ]
            func crowding(_ candidate: (x: Double, y: Double, anchor: TextAnchor)) -> Int {
                let left = candidate.anchor == .end ? candidate.x - labelWidth : candidate.x
                return pixels.filter {
                    $0.0 >= left - 6 && $0.0 <= left + labelWidth + 6 && $0.1 >= candidate.y - ChartFrame.tickSize - 6
                        && $0.1 <= candidate.y + 6
                }.count
            }
            let best = candidates.min { crowding($0) < crowding($1) } ?? candidates[0]
            thresholdLabel = .text(
                threshold.label,
                [
                    .x(best.x), .y(best.y), .textAnchor(best.anchor), .fontSize(ChartFrame.tickSize), .fill(grey),
                    .stroke(.color(.white)), .strokeWidth(3), .strokeUnderFill,
                ])
        }
        for (index, item) in series.enumerated() {
            var line = SVGPath()
            var previous: Int?
            var markers = SVGPath()
            for point in item.x.indices {
                guard usable(item, point) else {
                    previous = nil
                    continue
                }
                let px = frame.x.pixel(item.x[point])
                let py = frame.y.pixel(item.y[point])
                if previous == nil { line.move(to: px, py) } else { line.line(to: px, py) }
                previous = point
                if options.showMarkers { shapes[index].append(to: &markers, x: px, y: py, radius: 3.5) }
            }
            let paint = SVGPaint.color(colors[index])
            var children = [SVGElement(.path, [.pathData(line), .fill(.none), .stroke(paint), .strokeWidth(2)])]
            if !markers.isEmpty { children.append(SVGElement(.path, [.pathData(markers), .fill(paint)])) }
            marks.append(.group([.ariaLabel(item.name)], children))
        }
        if let thresholdLabel { marks.append(thresholdLabel) }
        var description =
            "Line plot of \(series.count) series: "
            + describeList(zip(series, points).map { "\($0.name) (\(formatCount($1.count)) points)" }) + "."
        if let threshold = options.threshold {
            description += " Threshold \(threshold.label) at \(formatReadable(threshold.value))."
        }
        return frame.document(marks: marks, description: description)
    }
}
