import Foundation
import SVGPlot

/// `plot TABLE`: a result table as grouped bars, split into one panel per kind of metric present.
extension PlotCommands {
    /// What a metric measures, which decides its panel. Decided by name, never by value: a collapsed
    /// generator's `modes_covered` of 1 is a count, not a perfect score, and an FD below 1 is still a
    /// distance; the same table therefore splits the same way at every checkpoint.
    enum MetricKind: CaseIterable {
        case score, count, distance, other

        var panelTitle: String {
            switch self {
            case .score: "Scores in [0, 1]"
            case .count: "Counts"
            case .distance: "Distances"
            case .other: "Other values"
            }
        }

        /// Bounded in [0, 1] by definition (PRDC's density is not: it has no upper bound).
        static let scores: Set<String> = [
            "precision", "recall", "coverage", "high_quality", "authenticity", "ndb_fraction", "mmd_p",
        ]
        static let counts: Set<String> = ["modes_covered", "modes_total", "modes_with_min_share", "ndb", "n", "count"]
        static let distances: Set<String> = ["fd", "fd_infinity", "kid", "mmd", "swd", "emd", "emd_w2", "jsd"]

        init(metricName: String) {
            var name = metricName.lowercased()
            // The spread of a metric (`fd_std`, `precision_ci_low`) is on the metric's own scale.
            for suffix in ["_std", "_ci_low", "_ci_high"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
            // Known names first (`modes_with_min_share` is a count although it ends in "_share"), then families.
            if Self.scores.contains(name) {
                self = .score
            } else if Self.counts.contains(name) {
                self = .count
            } else if Self.distances.contains(name) {
                self = .distance
            } else if name.hasPrefix("n_") || name.hasPrefix("modes_") {
                self = .count
            } else if name.hasSuffix("_share") || name.hasSuffix("_accuracy") || name.hasSuffix("_f1") {
                self = .score
            } else if name.hasPrefix("fd_") || name.hasPrefix("emd_") {
                self = .distance
            } else {
                self = .other
            }
        }
    }

    /// Bars for a result table: groups are rows (named by the first text column), bars are numeric columns.
    /// A metric table (one `value` column) is split by the kind of each row's metric, other tables by the
    /// kind of each column: one panel per kind present, so an FD of 20 never flattens the scores and a
    /// count never poses as a score.
    static func tableChart(_ table: ResultTable, name: String, state: ShellState, arguments: BoundArguments) throws -> any Plot {
        var bars = try barChart(table, name: name, arguments: arguments)
        // Provenance is the statement as typed ("s = metrics ring fake"); the subtitle wants the command.
        let source = state.session.provenance(of: name).map { provenance in
            let assignment = "\(name) = "
            return provenance.description.hasPrefix(assignment)
                ? String(provenance.description.dropFirst(assignment.count)) : provenance.description
        }
        let subtitle = tableSubtitle(table, source: source)
        // The subtitle (repeated in the <desc>) names the command that made the table.
        let detail = "Data: table \(name)."
        let byMetric = bars.series.count == 1 && bars.series[0].name == "value"
        let kinds = (byMetric ? bars.categories : bars.series.map(\.name)).map(MetricKind.init(metricName:))
        let present = MetricKind.allCases.filter(kinds.contains)
        func panel(_ kind: MetricKind) -> BarChart {
            let indices = kinds.indices.filter { kinds[$0] == kind }
            var chart = byMetric ? bars.keepingCategories(indices) : bars.keepingSeries(indices)
            if kind == .score { chart.options.valueDomain = 0...1 }
            // A panel of one series has no legend: its axis names it (density beside the scores).
            if !byMetric, chart.series.count == 1 { chart.options.chart.yAxisLabel = chart.series[0].name }
            return chart
        }
        guard present.count > 1 else {
            if present == [.score] { bars.options.valueDomain = 0...1 }
            bars.options.chart.subtitle = subtitle
            bars.options.chart.descriptionDetail = detail
            return bars
        }
        // Two panels a row, each about half the canvas asked for: squatter panels slant and cut the metric names.
        let columns = 2
        var options = SmallMultiplesOptions(title: bars.options.chart.title)
        options.columns = columns
        options.subtitle = subtitle
        options.descriptionDetail = detail
        let width = bars.options.chart.width
        let height = bars.options.chart.height
        let panels = present.map { kind in
            var chart = panel(kind)
            chart.options.chart.title = kind.panelTitle
            chart.options.chart.width = max((width - 2 * 12 - 8 * Double(columns - 1)) / Double(columns), 240)
            chart.options.chart.height = max(height - 50, 180)
            return chart
        }
        return SmallMultiples(panels: panels, options: options)
    }

    /// The command that made the table and, when every row has the same sample sizes, n: e.g.
    /// "metrics ring fake · n=2,000 real + 2,000 generated".
    static func tableSubtitle(_ table: ResultTable, source: String?) -> String? {
        var parts = [source].compactMap { $0 }
        func shared(_ column: String) -> Int? {
            guard let index = table.columns.firstIndex(of: column) else { return nil }
            let values = Set(table.rows.compactMap { $0[index].numericValue })
            guard values.count == 1, let value = values.first, value.isFinite, value >= 0, value < 1e15 else { return nil }
            return Int(value)
        }
        switch (shared("n_real"), shared("n_fake")) {
        case (let real?, let fake?): parts.append("n=\(formatCount(real)) real + \(formatCount(fake)) generated")
        case (let real?, nil): parts.append("n=\(formatCount(real)) real")
        case (nil, let fake?): parts.append("n=\(formatCount(fake)) generated")
        case (nil, nil): if let n = shared("n") { parts.append("n=\(formatCount(n))") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The bars of `table`: `y=` names the columns to draw (comma-separated, sample sizes allowed), else the
    /// `value` column of a metric table, else every numeric column but the sample sizes (n, n_real, …),
    /// which would dwarf the metrics on a shared axis.
    static func barChart(_ table: ResultTable, name: String, arguments: BoundArguments) throws -> BarChart {
        let allNumeric = table.columns.indices.filter { column in
            !table.rows.isEmpty && table.rows.allSatisfy { $0[column].isNumeric || $0[column] == .missing }
        }
        let numericColumns: [Int]
        if let typed = arguments.text("y") {
            numericColumns = try typed.split(separator: ",").map { part in
                let wanted = part.trimmingCharacters(in: .whitespaces)
                guard let index = table.columns.firstIndex(of: wanted), allNumeric.contains(index) else {
                    let known = allNumeric.map { table.columns[$0] }.joined(separator: ", ")
                    throw ShellError("y=\(typed): '\(name)' has no numeric column '\(wanted)' (numeric columns: \(known.isEmpty ? "none" : known))", offset: arguments.offsets["y"])
                }
                return index
            }
        } else {
            numericColumns = table.columns.firstIndex(of: "value").map { [$0] }
                ?? allNumeric.filter { table.columns[$0] != "n" && !table.columns[$0].hasPrefix("n_") }
        }
        guard !numericColumns.isEmpty else { throw ShellError("'\(name)' has no numeric column to draw") }
        let labelColumn = table.columns.indices.first { !allNumeric.contains($0) }
        let categories = table.rows.enumerated().map { index, row in labelColumn.map { row[$0].display } ?? "row \(index)" }
        let series = numericColumns.map { column in
            BarSeries(name: table.columns[column], values: table.rows.map { $0[column].numericValue ?? .nan })
        }
        var options = BarChartOptions(chart: chartOptions(arguments, defaultTitle: name))
        // Metric names speak for themselves; other groupings (label, cluster) get their column's name.
        if let labelColumn, table.columns[labelColumn] != "metric" { options.chart.xAxisLabel = table.columns[labelColumn] }
        // One series has no legend: the axis names it (y=n_fake).
        if series.count == 1, series[0].name != "value" { options.chart.yAxisLabel = series[0].name }
        return BarChart(categories: categories, series: series, options: options)
    }
}
