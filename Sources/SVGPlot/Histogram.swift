/// One named sample for a histogram.
public struct HistogramSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

public struct HistogramOptions: Sendable, Equatable {
    public var chart = ChartOptions()
    /// Number of equal-width bins shared by all series; nil picks `sqrt(n)` clamped to 10...60.
    public var binCount: Int?
    /// Bin range; nil uses the smallest and largest finite value over all series.
    public var range: ClosedRange<Double>?
    /// Divide each series by its count × bin width, so series of different sizes compare.
    public var density = false
    /// Opacity of the fill under each outline; overlapping series stay visible.
    public var fillOpacity = 0.25

    public init(chart: ChartOptions = ChartOptions()) {
        self.chart = chart
    }

    static let binCountRange = 10...60
    /// Above this the bars are thinner than a pixel on any sensible canvas.
    static let maximumBinCount = 10_000
}

/// Equal-width bins over a closed range, as `numpy.histogram(values, bins=count, range=range)`: every bin
/// is half-open except the last, which includes the upper edge; values outside the range are ignored.
public struct Bins: Sendable, Equatable {
    public var range: ClosedRange<Double>
    public var count: Int

    public init(range: ClosedRange<Double>, count: Int) {
        self.range = range
        self.count = max(count, 1)
    }

    public var width: Double { (range.upperBound - range.lowerBound) / Double(count) }

    /// `count + 1` edges computed as numpy.linspace does (start + i·step, last edge exactly the bound).
    public var edges: [Double] {
        (0...count).map { $0 == count ? range.upperBound : range.lowerBound + Double($0) * width }
    }

    /// Counts per bin; non-finite values are ignored. O(n). Matches numpy.histogram exactly: the index
    /// estimated by division is corrected against the edges, so values on an edge land where numpy
    /// puts them.
    public func counts(of values: [Double]) -> [Int] {
        var counts = Array(repeating: 0, count: count)
        let edges = self.edges
        let width = self.width
        for value in values where value.isFinite && range.contains(value) {
            let estimate = width > 0 ? (value - range.lowerBound) / width : 0
            var index = estimate.isFinite ? min(max(Int(min(max(estimate, 0), Double(count))), 0), count - 1) : 0
            if value < edges[index] && index > 0 { index -= 1 }
            if value >= edges[index + 1] && index < count - 1 { index += 1 }
            counts[index] += 1
        }
        return counts
    }
}

/// One or several overlaid histograms on shared bins, each drawn as a translucent fill plus an outline.
public struct HistogramPlot: Plot {
    public var series: [HistogramSeries]
    public var options: HistogramOptions

    public init(series: [HistogramSeries], options: HistogramOptions = HistogramOptions()) {
        self.series = series
        self.options = options
    }

    /// The bins this plot uses.
    public func bins() throws -> Bins {
        if series.isEmpty { throw PlotError.empty(what: "the list of histogram series") }
        let all = series.flatMap(\.values)
        guard let extent = options.range ?? Extent.of(all, kind: .linear) else {
            throw PlotError.invalidValue(
                what: "histogram values", value: "\(all.count) values", reason: "none is finite")
        }
        guard extent.lowerBound.isFinite, extent.upperBound.isFinite else {
            throw PlotError.invalidValue(
                what: "range", value: "\(extent)", reason: "bounds must be finite")
        }
        let finiteCount = all.filter(\.isFinite).count
        let automatic = Int(Double(finiteCount).squareRoot().rounded())
        let count =
            options.binCount
            ?? min(
                max(automatic, HistogramOptions.binCountRange.lowerBound),
                HistogramOptions.binCountRange.upperBound)
        guard count >= 1, count <= HistogramOptions.maximumBinCount else {
            throw PlotError.invalidValue(
                what: "bins", value: String(count), reason: "use 1...\(HistogramOptions.maximumBinCount)")
        }
        guard (extent.upperBound - extent.lowerBound).isFinite else {
            throw PlotError.invalidValue(
                what: "histogram range",
                value: "\(formatReadable(extent.lowerBound))...\(formatReadable(extent.upperBound))",
                reason: "too wide for double precision; give an explicit range")
        }
        var range = extent
        if range.upperBound <= range.lowerBound { range = (range.lowerBound - 0.5)...(range.upperBound + 0.5) }
        return Bins(range: range, count: count)
    }

    /// Per series, the drawn height of each bin: its count, or with `density` count / (total × width)
    /// so that the bars of each series integrate to 1 (as `numpy.histogram(..., density=True)`).
    public func barHeights(bins: Bins) -> [[Double]] {
        series.map { item in
            let counts = bins.counts(of: item.values)
            let total = counts.reduce(0, +)
            guard options.density, total > 0 else { return counts.map(Double.init) }
            return counts.map { Double($0) / (Double(total) * bins.width) }
        }
    }

    public func document() throws -> SVGDocument {
        var chart = try options.chart.validated()
        chart.xScale = .linear
        let bins = try bins()
        let heights = barHeights(bins: bins)
        let tallest = heights.joined().max() ?? 0
        let yDomain: ClosedRange<Double>
        if chart.yScale == .log {
            let positive = heights.joined().filter { $0 > 0 }
            let low = positive.min() ?? 1
            yDomain = Extent.padded(low...max(tallest, low), kind: .log, padding: dataPadding)
        } else {
            yDomain = Extent.niced(0...max(tallest, 1e-12), kind: .linear, approximateTicks: 5)
        }
        let colors = Palette.categorical(count: series.count)
        let entries = series.indices.map {
            LegendEntry(
                label: series[$0].name, color: colors[$0], symbol: .swatch(fillOpacity: options.fillOpacity),
                count: series[$0].values.filter { bins.range.contains($0) }.count)
        }
        let measure = options.density ? "density" : "count"
        if chart.yAxisLabel == nil { chart.yAxisLabel = measure }
        let frame = ChartFrame(
            options: chart, xDomain: bins.range, yDomain: yDomain,
            key: series.count > 1 ? .legend(entries) : .none)
        let edges = bins.edges
        let floor = chart.yScale == .log ? yDomain.lowerBound : 0
        var marks: [SVGElement] = []
        for (index, values) in heights.enumerated() {
            // A step outline over the bins, closed along the baseline for the fill.
            var outline = SVGPath()
            outline.move(to: frame.x.pixel(edges[0]), frame.y.pixel(floor))
            for (bin, value) in values.enumerated() {
                let top = frame.y.pixel(max(value, floor))
                outline.line(to: frame.x.pixel(edges[bin]), top)
                outline.line(to: frame.x.pixel(edges[bin + 1]), top)
            }
            outline.line(to: frame.x.pixel(edges[edges.count - 1]), frame.y.pixel(floor))
            let paint = SVGPaint.color(colors[index])
            marks.append(
                SVGElement(
                    .path,
                    [
                        .pathData(outline), .fill(paint), .fillOpacity(options.fillOpacity), .stroke(paint),
                        .strokeWidth(1.5),
                        .ariaLabel(series[index].name),
                    ]))
        }
        let summary = series.indices.map { "\(series[$0].name) (\(formatCount(entries[$0].count ?? 0)) values)" }
        let description =
            "Histogram of \(describeList(summary)) on \(bins.count) shared bins from "
            + "\(formatReadable(bins.range.lowerBound)) to \(formatReadable(bins.range.upperBound)); "
            + "y shows \(measure)."
        return frame.document(marks: marks, description: description)
    }
}
