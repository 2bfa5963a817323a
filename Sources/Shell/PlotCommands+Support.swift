import DataFiles
import Foundation
import SVGPlot

/// The pieces every `plot` command shares: result tables as bars, chart options, writing the file,
/// columns by name, image shapes.
extension PlotCommands {
    /// Bars for a result table: groups are rows (named by the first text column), bars are numeric columns.
    /// Scores in [0, 1] and other values (FD, KID, counts) go on separate panels when both occur: on one
    /// axis an FD of 20 would flatten every score.
    static func tableChart(_ table: ResultTable, name: String, arguments: BoundArguments) throws -> any Plot {
        let bars = try barChart(table, name: name, arguments: arguments)
        guard let split = bars.splitByScale() else { return bars }
        var options = SmallMultiplesOptions(title: bars.options.chart.title)
        options.columns = 2
        let width = bars.options.chart.width
        let height = bars.options.chart.height
        let panels = [(split.scores, "Scores in [0, 1]"), (split.others, "Other values")].map { chart, title in
            var chart = chart
            chart.options.chart.title = title
            chart.options.chart.width = max((width - 2 * 12 - 8) / 2, 240)
            chart.options.chart.height = max(height - 50, 180)
            return chart
        }
        return SmallMultiples(panels: panels, options: options)
    }

    static func barChart(_ table: ResultTable, name: String, arguments: BoundArguments) throws -> BarChart {
        let allNumeric = table.columns.indices.filter { column in
            !table.rows.isEmpty && table.rows.allSatisfy { $0[column].isNumeric || $0[column] == .missing }
        }
        // A metric table draws its values; sample sizes (n, n_real, …) would dwarf them on a shared axis.
        let numericColumns = table.columns.firstIndex(of: "value").map { [$0] }
            ?? allNumeric.filter { table.columns[$0] != "n" && !table.columns[$0].hasPrefix("n_") }
        guard !numericColumns.isEmpty else { throw ShellError("'\(name)' has no numeric column to draw") }
        let labelColumn = table.columns.indices.first { !allNumeric.contains($0) }
        let categories = table.rows.enumerated().map { index, row in labelColumn.map { row[$0].display } ?? "row \(index)" }
        let series = numericColumns.map { column in
            BarSeries(name: table.columns[column], values: table.rows.map { $0[column].numericValue ?? .nan })
        }
        let options = BarChartOptions(chart: chartOptions(arguments, defaultTitle: name))
        return BarChart(categories: categories, series: series, options: options)
    }

    // MARK: - Shared pieces

    static func chartOptions(_ arguments: BoundArguments, defaultTitle: String) -> ChartOptions {
        ChartOptions(
            title: arguments.text("title") ?? defaultTitle,
            width: Double(arguments.integer("width") ?? 720), height: Double(arguments.integer("height") ?? 480))
    }

    /// Writes the plot atomically to `out=` (or DEFAULT.svg in the working directory) and echoes the path.
    static func write(_ plot: some Plot, state: ShellState, arguments: BoundArguments, defaultName: String) throws -> CommandResult {
        let typed = arguments.text("out") ?? "\(defaultName).svg"
        let fileExtension = URL(fileURLWithPath: typed).pathExtension
        if fileExtension.lowercased() != "svg" {
            let stem = fileExtension.isEmpty ? typed : String(typed.dropLast(fileExtension.count + 1))
            let conversion = fileExtension.isEmpty ? "" : " (then `rsvg-convert -o \(typed) \(stem).svg` for a .\(fileExtension))"
            throw ShellError("out=\(typed): plots are written as SVG; name the file \(stem).svg\(conversion)", offset: arguments.offsets["out"])
        }
        let path = arguments.path("out") ?? state.resolvePath(typed)
        let text: String
        do { text = try plot.svgText() } catch let error as PlotError { throw ShellError("cannot draw: \(error)") }
        try AtomicFile.write(Array(text.utf8), to: path)
        var result = CommandResult()
        result.notes.append("wrote \(typed)")
        result.fields = [("out", .text(typed)), ("bytes", .integer(text.utf8.count))]
        return result
    }

    /// A column by header name, `xN`, or 0-based index.
    static func columnIndex(_ text: String, in data: Dataset, option: String, offset: Int?) throws -> Int {
        if let names = data.columnNames, let index = names.firstIndex(of: text) { return index }
        let digits = text.hasPrefix("x") ? String(text.dropFirst()) : text
        if let index = Int(digits), index >= 0, index < data.columnCount { return index }
        let known = data.columnNames ?? (0..<min(data.columnCount, 6)).map { "x\($0)" }
        throw ShellError("\(option)=\(text): no such column (columns: \(known.joined(separator: ", "))\(data.columnCount > known.count ? ", …" : ""))", offset: offset)
    }

    /// The image shape from shape= or the dataset's row shape, with the fix for channels-first rows.
    static func imageShape(of data: Dataset, name: String, arguments: BoundArguments) throws -> ImageShape {
        let typed = arguments.text("shape")
        let offset = arguments.offsets["shape"]
        let dimensions: [Int]
        if let typed {
            do { _ = try ImageShape(parsing: typed) } catch let error as PlotError {
                guard case .invalidImageShape = error else { throw ShellError("shape=\(typed): \(error)", offset: offset) }
            }
            dimensions = typed.split(separator: "x").compactMap { Int($0) }
        } else if let rowShape = data.rowShape {
            dimensions = rowShape
        } else {
            throw ShellError("\(name) has no image shape; give one, e.g. shape=8x8")
        }
        let spelled = dimensions.map(String.init).joined(separator: "x")
        let source = typed.map { "shape=\($0)" } ?? "the row shape \(spelled) of \(name)"
        // (C, H, W) as PyTorch stores images: channels first, where this module wants them last.
        if dimensions.count == 3, [1, 3].contains(dimensions[0]), ![1, 3].contains(dimensions[2]) {
            throw ShellError(
                "\(source) looks channels-first (C×H×W, PyTorch's layout); plot images wants H×W×C: save the array "
                    + "transposed (numpy: x.transpose(0, 2, 3, 1)), or give shape=\(dimensions[1])x\(dimensions[2])x\(dimensions[0]) after transposing",
                offset: offset)
        }
        do { return try ImageShape(dimensions) } catch let error as PlotError {
            throw ShellError("\(source): \(error)", offset: offset)
        }
    }

    static func columnValues(_ data: Dataset, _ column: Int) -> [Double] {
        (0..<data.rowCount).map { Double(data.values[$0, column]) }
    }

    static func formatCount(_ count: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: count)) ?? String(count)
    }
}
