/// One named set of bar heights, one per category.
public struct BarSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

public struct BarChartOptions: Sendable, Equatable {
    public var chart = ChartOptions()
    /// Print each bar's value at its end.
    public var showValueLabels = true
    /// Decimals of the value labels; nil picks 3 significant digits.
    public var valueDecimals: Int?

    public init(chart: ChartOptions = ChartOptions()) {
        self.chart = chart
    }

    /// Fraction of each category's band filled by its bars; the rest separates categories.
    static let bandFill = 0.8
    /// Value labels shrink with the bars down to this font size and are dropped rather than made smaller.
    static let smallestValueLabelSize = 7.0
}

/// Grouped bars: one group per category, one bar per series (metric comparisons, per-mode counts).
/// Non-finite values leave a gap. Negative values grow downwards from zero.
public struct BarChart: Plot {
    public var categories: [String]
    public var series: [BarSeries]
    public var options: BarChartOptions

    public init(categories: [String], series: [BarSeries], options: BarChartOptions = BarChartOptions()) {
        self.categories = categories
        self.series = series
        self.options = options
    }

    public func document() throws -> SVGDocument {
        var chart = try options.chart.validated()
        chart.xScale = .linear
        chart.yScale = .linear
        chart.isMap = false
        if categories.isEmpty { throw PlotError.empty(what: "the list of bar categories") }
        if series.isEmpty { throw PlotError.empty(what: "the list of bar series") }
        for item in series { try checkLength("values of \(item.name)", item.values.count, expected: categories.count) }
        let values = series.flatMap(\.values).filter(\.isFinite)
        let low = min(values.min() ?? 0, 0)
        let high = max(values.max() ?? 1, 0)
        // Pad only away from zero: bars start at the axis.
        let span = max(high - low, 1e-12)
        let padded = (low < 0 ? low - span * dataPadding : 0)...(high > 0 ? high + span * dataPadding : 0)
        let yDomain = Extent.niced(padded, kind: .linear, approximateTicks: 5)
        let colors = Palette.categorical(count: series.count)
        let entries = series.indices.map { LegendEntry(label: series[$0].name, color: colors[$0], symbol: .swatch(fillOpacity: 1)) }
        let frame = ChartFrame(
            options: chart, xDomain: 0...Double(categories.count), yDomain: yDomain,
            key: series.count > 1 ? .legend(entries) : .none, xCategories: categories)

        let bandWidth = frame.plotWidth / Double(categories.count)
        let barWidth = bandWidth * BarChartOptions.bandFill / Double(series.count)
        let zero = frame.y.pixel(0)
        var marks: [SVGElement] = []
        var valueLabels: [(text: String, x: Double, y: Double)] = []
        for (seriesIndex, item) in series.enumerated() {
            var bars: [SVGElement] = []
            for (category, value) in item.values.enumerated() where value.isFinite {
                let left =
                    frame.plotLeft + bandWidth * (Double(category) + (1 - BarChartOptions.bandFill) / 2)
                    + barWidth * Double(seriesIndex)
                let end = frame.y.pixel(value)
                var bar = SVGElement(
                    .rect,
                    [
                        .x(left), .y(min(zero, end)), .width(barWidth), .height(abs(zero - end)),
                    ])
                bar.append(.title("\(categories[category]) · \(item.name): \(formatReadable(value))"))
                bars.append(bar)
                if options.showValueLabels {
                    let text = options.valueDecimals.map { formatFixed(value, decimals: $0) } ?? formatReadable(value)
                    let py = value >= 0 ? end - 4 : end + ChartFrame.tickSize + 2
                    valueLabels.append((text, left + barWidth / 2, py))
                }
            }
            marks.append(.group([.fill(.color(colors[seriesIndex])), .ariaLabel(item.name)], bars))
        }
        // Neighbouring bars touch, so a label wider than its bar would run into the next one: then no bar
        // gets a label (hover titles and the axis still give the values).
        let size = min(ChartFrame.tickSize, max(barWidth / 3, BarChartOptions.smallestValueLabelSize))
        let widest = valueLabels.map { TextMetrics.width($0.text, size: size) }.max() ?? 0
        if !valueLabels.isEmpty && widest <= barWidth - 1 {
            marks.append(
                .group(
                    [.fontSize(size), .textAnchor(.middle), .fill(.color(.axis))],
                    valueLabels.map { .text($0.text, [.x($0.x), .y($0.y)]) }))
        }
        if low < 0 {
            marks.append(
                SVGElement(
                    .line,
                    [
                        .x1(frame.plotLeft), .y1(zero), .x2(frame.plotRight), .y2(zero), .stroke(.color(.axis)),
                        .strokeWidth(1),
                    ]))
        }
        let description =
            "Bar chart of \(series.count) series (\(describeList(series.map(\.name)))) over "
            + "\(categories.count) categories: \(describeList(categories))."
        return frame.document(marks: marks, description: description)
    }
}

extension BarChart {
    /// Values in [0, 1] (precision, recall, coverage, shares) and values on other scales (FD, KID, counts):
    /// on one axis the larger would flatten the scores. With one series the categories are split, with
    /// several the series are (a series is a score when all its finite values are). nil when everything
    /// shares one scale.
    public func splitByScale() -> (scores: BarChart, others: BarChart)? {
        func isScore(_ value: Double) -> Bool { !value.isFinite || (0...1).contains(value) }
        var scores = self
        var others = self
        if series.count == 1 {
            let scoreIndices = categories.indices.filter { isScore(series[0].values[$0]) }
            let otherIndices = categories.indices.filter { !isScore(series[0].values[$0]) }
            guard !scoreIndices.isEmpty, !otherIndices.isEmpty else { return nil }
            for (part, indices) in [(0, scoreIndices), (1, otherIndices)] {
                let categories = indices.map { self.categories[$0] }
                let values = indices.map { series[0].values[$0] }
                let chart = BarChart(
                    categories: categories, series: [BarSeries(name: series[0].name, values: values)], options: options)
                if part == 0 { scores = chart } else { others = chart }
            }
            return (scores, others)
        }
        let scoreSeries = series.filter { $0.values.allSatisfy(isScore) }
        let otherSeries = series.filter { !$0.values.allSatisfy(isScore) }
        guard !scoreSeries.isEmpty, !otherSeries.isEmpty else { return nil }
        scores.series = scoreSeries
        others.series = otherSeries
        return (scores, others)
    }
}
