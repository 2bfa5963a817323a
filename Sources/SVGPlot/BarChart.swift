import Foundation

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
    /// Decimals of the value labels; nil picks one count for the whole chart from its largest value
    /// (3 significant digits there), so neighbouring labels line up ("0.590" next to "0.359").
    public var valueDecimals: Int?
    /// The value axis spans at least this range (e.g. 0...1 for scores, so a score of 0.4 does not fill
    /// the panel); values outside it still widen the axis. nil fits the axis to the data.
    public var valueDomain: ClosedRange<Double>?

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
        let yDomain: ClosedRange<Double>
        if let fixed = options.valueDomain, fixed.lowerBound <= low, fixed.upperBound >= high {
            yDomain = fixed
        } else {
            // Pad only away from zero: bars start at the axis.
            let span = max(high - low, 1e-12)
            let padded = (low < 0 ? low - span * dataPadding : 0)...(high > 0 ? high + span * dataPadding : 0)
            yDomain = Extent.niced(padded, kind: .linear, approximateTicks: 5)
        }
        let decimals = options.valueDecimals ?? Self.sharedDecimals(values)
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
                    let text =
                        decimals.map { formatFixed(value, decimals: $0, keepTrailingZeros: true) } ?? formatReadable(value)
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
        return frame.document(marks: marks, description: describe())
    }

    /// What is drawn, with the values: "… Values: precision 0.6, recall 0.3." (per series when there are
    /// several), at most `describedCategoryLimit` values per series.
    func describe() -> String {
        var text =
            "Bar chart of \(series.count) series (\(describeList(series.map(\.name)))) over "
            + "\(categories.count) \(categories.count == 1 ? "category" : "categories"): \(describeList(categories))."
        let listed = series.map { item in
            describeList(zip(categories, item.values).map { "\($0) \($1.isNaN ? "no value" : formatReadable($1))" })
        }
        if series.count == 1 {
            text += " Values: \(listed[0])."
        } else {
            text += " Values: " + zip(series, listed).map { "\($0.name): \($1)" }.joined(separator: "; ") + "."
        }
        return text
    }

    /// One decimal count for every value label: 0 for whole numbers, else enough for 3 significant digits of
    /// the largest magnitude (at most 6); nil (each value formatted on its own) for magnitudes the fixed
    /// notation shows badly, below 0.001 or from 10,000 up.
    static func sharedDecimals(_ values: [Double]) -> Int? {
        let finite = values.filter(\.isFinite)
        let largest = finite.map(abs).max() ?? 0
        guard largest < 10_000 else { return nil }
        if finite.allSatisfy({ $0 == $0.rounded() }) { return 0 }
        guard largest >= 1e-3 else { return nil }
        let exponent = Int(log10(largest).rounded(.down))
        return min(max(2 - exponent, 0), 6)
    }
}

extension BarChart {
    /// The same chart keeping only the categories at `indices` (in that order): one panel of a table split
    /// by what its rows measure.
    public func keepingCategories(_ indices: [Int]) -> BarChart {
        var chart = self
        chart.categories = indices.map { categories[$0] }
        chart.series = series.map { item in BarSeries(name: item.name, values: indices.map { item.values[$0] }) }
        return chart
    }

    /// The same chart keeping only the series at `indices` (in that order).
    public func keepingSeries(_ indices: [Int]) -> BarChart {
        var chart = self
        chart.series = indices.map { series[$0] }
        return chart
    }
}
