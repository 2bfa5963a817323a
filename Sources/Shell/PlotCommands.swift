import DataFiles
import Foundation
import LinearAlgebra
import SVGPlot

/// Plots: `plot` (a scatter map of a dataset, optionally with generated rows overlaid), `plot hist`,
/// `plot images`. Every plot is a standalone SVG file; the path written is echoed on stderr.
enum PlotCommands {
    static let specs: [CommandSpec] = [scatter, histogram, images]

    static let commonOptions: [ArgumentSpec] = [
        .option("title", .text, help: "Title above the plot (default: describes what is drawn)."),
        .option("width", .integer(240...20_000), default: "720", help: "Width in pixels."),
        .option("height", .integer(180...20_000), default: "480", help: "Height in pixels."),
        NonFiniteGuard.option,
    ]

    static let scatter = CommandSpec(
        name: "plot", group: .plots,
        abstract: "Draw a dataset as a labelled scatter map, or a result table as bars.",
        discussion: """
            Two-column data is drawn as it is; wider data is projected on its first two principal components \
            (explained variance in the subtitle), never two raw columns. fake= overlays a second dataset in \
            vermillion over the first in blue, both projected with the components of the first. color=label \
            (the default for labelled data) uses Okabe–Ito colours, or Paul Tol's with marker shapes and direct \
            labels above 8 classes; color=COLUMN colours by a column on the viridis scale. A result table             (e.g. `m = metrics …`) is drawn as grouped bars: one group per row, named by its first text             column, one bar per numeric column.
            """,
        arguments: [
            .positional("data", .objectReference(kinds: ["dataset", "table"]), help: "The dataset (row selections allowed) or result table."),
            .option("fake", .objectReference(kinds: ["dataset"]), help: "Generated rows to overlay on the real ones."),
            .option("x", .text, help: "Column (name or index) for the horizontal axis."),
            .option("y", .text, help: "Column (name or index) for the vertical axis."),
            .option("color", .text, default: "auto", help: "auto, label, none, or a column name/index for a continuous colour."),
            .option("out", .outputPath(extensions: ["svg"]), help: "The SVG file to write (default: DATA.svg)."),
        ] + commonOptions,
        examples: ["plot digits out=digits.svg", "plot ring fake=ring_fake out=overlay.svg title=\"Ring: real vs collapsed\"",
                   "plot ring x=x y=y color=none out=ring.svg"],
        handler: { state, arguments in
            let reference = arguments.reference("data")!
            if case .table(let table) = reference.object {
                for option in ["fake", "x", "y"] where arguments.isPresent(option) {
                    throw ShellError("\(option)= applies to datasets; '\(reference.text)' is a result table", offset: arguments.offsets[option])
                }
                return try write(try barChart(table, name: reference.text, arguments: arguments), state: state, arguments: arguments, defaultName: reference.name)
            }
            let data = try arguments.dataset("data")
            let fake = try arguments.reference("fake").map { _ in try arguments.dataset("fake") }
            if let fake, fake.columnCount != data.columnCount {
                throw ShellError("fake has \(fake.columnCount) columns but \(reference.text) has \(data.columnCount)", offset: arguments.offsets["fake"])
            }
            try NonFiniteGuard.require(data, name: reference.text, allowed: NonFiniteGuard.allows(arguments))
            if let fake { try NonFiniteGuard.require(fake, name: arguments.text("fake")!, allowed: NonFiniteGuard.allows(arguments)) }

            let projection = try planarCoordinates(data, extra: fake, arguments: arguments, token: state.cancellation)
            var options = ScatterOptions(chart: chartOptions(arguments, defaultTitle: fake == nil ? reference.text : "\(reference.text) vs \(arguments.text("fake")!)"))
            options.chart.isMap = projection.isMap
            options.chart.xAxisLabel = projection.xLabel
            options.chart.yAxisLabel = projection.yLabel
            let count = data.rowCount + (fake?.rowCount ?? 0)
            options.chart.subtitle = ([projection.note] + ["n=\(formatCount(data.rowCount))" + (fake.map { " + \(formatCount($0.rowCount)) generated" } ?? "")]).compactMap { $0 }.joined(separator: " · ")
            let coloring: PointColoring
            if fake != nil {
                coloring = .realVersusGenerated(isGenerated: (0..<count).map { $0 >= data.rowCount })
            } else {
                coloring = try pointColoring(data, choice: arguments.text("color")!, offset: arguments.offsets["color"])
            }
            let plot = ScatterPlot(x: projection.x, y: projection.y, coloring: coloring, options: options)
            return try write(plot, state: state, arguments: arguments, defaultName: reference.name)
        })

    static let histogram = CommandSpec(
        name: "plot hist", group: .plots,
        abstract: "Draw histograms of one column of one or two datasets, overlaid on shared bins.",
        arguments: [
            .positional("data", .objectReference(kinds: ["dataset"]), help: "The dataset (row selections allowed)."),
            .option("column", .text, help: "Column name or index (default: the first)."),
            .option("vs", .objectReference(kinds: ["dataset"]), help: "A second dataset drawn on the same bins."),
            .option("bins", .integer(1...1000), help: "Number of bins (default: chosen from the sample size)."),
            .option("density", .boolean, default: "no", help: "Normalise each series to unit area."),
            .option("out", .outputPath(extensions: ["svg"]), help: "The SVG file to write (default: DATA-hist.svg)."),
        ] + commonOptions,
        examples: ["plot hist ring column=x vs=ring_fake out=hist.svg", "plot hist digits column=36 bins=17 out=pixel.svg"],
        handler: { state, arguments in try NonFiniteGuard.screened(["data", "vs"], in: arguments) { arguments in
            let reference = arguments.reference("data")!
            let data = try arguments.dataset("data")
            let columnText = arguments.text("column")
            let column = try columnIndex(columnText ?? "0", in: data, option: "column", offset: arguments.offsets["column"])
            var series = [HistogramSeries(name: reference.text, values: columnValues(data, column))]
            if let other = arguments.reference("vs") {
                let second = try arguments.dataset("vs")
                guard column < second.columnCount else {
                    throw ShellError("\(other.text) has no column \(column) (it has \(second.columnCount))", offset: arguments.offsets["vs"])
                }
                series.append(HistogramSeries(name: other.text, values: columnValues(second, column)))
            }
            let columnName = data.columnNames?[column] ?? "x\(column)"
            var options = HistogramOptions(chart: chartOptions(arguments, defaultTitle: "\(columnName) of \(series.map(\.name).joined(separator: " and "))"))
            options.binCount = arguments.integer("bins")
            options.density = arguments.boolean("density") ?? false
            options.chart.xAxisLabel = columnName
            options.chart.yAxisLabel = options.density ? "density" : "count"
            options.chart.subtitle = series.map { "\($0.name): n=\(formatCount($0.values.count))" }.joined(separator: " · ")
            var result = try write(HistogramPlot(series: series, options: options), state: state, arguments: arguments, defaultName: "\(reference.name)-hist")
            if columnText == nil, data.columnCount > 1 { result.notes.insert("drew column \(columnName); column= picks another", at: 0) }
            return result
        } })

    /// The default grid: 4 rows of 10, enough to judge variety at a glance.
    static let defaultImageRows = 4
    static let defaultImageColumns = 10

    static let images = CommandSpec(
        name: "plot images", group: .plots,
        abstract: "Draw rows of a dataset as small images (8x8, 28x28, 32x32x3, …) with their labels.",
        discussion: "The row shape comes from the file (an N-D .npy) unless shape= gives it; values are scaled to the dataset's range.",
        arguments: [
            .positional("data", .objectReference(kinds: ["dataset"]), help: "The dataset (row selections allowed)."),
            .option("shape", .text, help: "Image shape HxW or HxWxC (default: the dataset's row shape)."),
            .option("rows", .integer(1...100), default: "\(defaultImageRows)", help: "Grid rows."),
            .option("cols", .integer(1...100), default: "\(defaultImageColumns)", help: "Grid columns."),
            .option("out", .outputPath(extensions: ["svg"]), help: "The SVG file to write (default: DATA-images.svg)."),
        ] + commonOptions.filter { $0.name == "title" || $0.name == "allow_nonfinite" },
        examples: ["plot images digits out=grid.svg", "plot images digits[label==7] rows=2 cols=8 out=sevens.svg"],
        handler: { state, arguments in
            let reference = arguments.reference("data")!
            let data = try arguments.dataset("data")
            let shape: ImageShape
            do {
                if let text = arguments.text("shape") {
                    shape = try ImageShape(parsing: text)
                } else if let rowShape = data.rowShape {
                    shape = try ImageShape(rowShape)
                } else {
                    throw ShellError("\(reference.text) has no image shape; give one, e.g. shape=8x8")
                }
            } catch let error as PlotError {
                throw ShellError("shape=\(arguments.text("shape") ?? ""): \(error)", offset: arguments.offsets["shape"])
            }
            guard shape.valueCount == data.columnCount else {
                throw ShellError("shape \(shape.height)x\(shape.width)\(shape.channels > 1 ? "x\(shape.channels)" : "") holds \(shape.valueCount) values but rows of \(reference.text) have \(data.columnCount)", offset: arguments.offsets["shape"])
            }
            try NonFiniteGuard.require(data, name: reference.text, allowed: NonFiniteGuard.allows(arguments))
            let count = min(data.rowCount, arguments.integer("rows")! * arguments.integer("cols")!)
            let imagesToDraw = (0..<count).map { data.values.row($0).map(Double.init) }
            var options = ImageGridOptions(title: arguments.text("title") ?? "\(reference.text): first \(count) of \(formatCount(data.rowCount)) rows")
            options.columns = arguments.integer("cols")
            if let labels = data.labels { options.captions = (0..<count).map { labels.name(ofRow: $0) } }
            let extent = data.values.withUnsafeBufferPointer { ($0.min() ?? 0, $0.max() ?? 1) }
            if extent.0 < extent.1 { options.valueRange = Double(extent.0)...Double(extent.1) }
            return try write(ImageGrid(images: imagesToDraw, shape: shape, options: options), state: state, arguments: arguments, defaultName: "\(reference.name)-images")
        })

    /// Bars for a result table: groups are rows (named by the first text column), bars are numeric columns.
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
        let path = arguments.path("out") ?? state.resolvePath(typed)
        let text: String
        do { text = try plot.svgText() } catch let error as PlotError { throw ShellError("cannot draw: \(error)") }
        try AtomicFile.write(Array(text.utf8), to: path)
        var result = CommandResult()
        result.notes.append("wrote \(typed)")
        result.fields = [("out", .text(typed)), ("bytes", .integer(text.utf8.count))]
        return result
    }

    struct PlanarCoordinates {
        var x: [Double]
        var y: [Double]
        var xLabel: String
        var yLabel: String
        var isMap: Bool
        var note: String?
    }

    /// The two coordinates to draw for `data` (then `extra`, projected the same way).
    static func planarCoordinates(
        _ data: Dataset, extra: Dataset?, arguments: BoundArguments, token: CancellationToken
    ) throws -> PlanarCoordinates {
        let xText = arguments.text("x")
        let yText = arguments.text("y")
        if xText != nil || yText != nil || data.columnCount <= 2 {
            guard data.columnCount >= 2 || (xText != nil && yText != nil) else {
                throw ShellError("a scatter needs two columns; this dataset has \(data.columnCount)")
            }
            let xColumn = try columnIndex(xText ?? "0", in: data, option: "x", offset: arguments.offsets["x"])
            let yColumn = try columnIndex(yText ?? "1", in: data, option: "y", offset: arguments.offsets["y"])
            var x = columnValues(data, xColumn)
            var y = columnValues(data, yColumn)
            if let extra {
                x += columnValues(extra, xColumn)
                y += columnValues(extra, yColumn)
            }
            return PlanarCoordinates(
                x: x, y: y, xLabel: data.columnNames?[xColumn] ?? "x\(xColumn)",
                yLabel: data.columnNames?[yColumn] ?? "x\(yColumn)", isMap: false, note: nil)
        }
        guard data.rowCount >= 2 else { throw ShellError("PCA needs at least 2 rows; this dataset has \(data.rowCount)") }
        let pca = try PrincipalComponents(fitting: data.values, componentCount: 2, token: token)
        var projected = try pca.transform(data.values, token: token)
        if let extra { projected = projected.appendingRows(of: try pca.transform(extra.values, token: token)) }
        let explained = pca.explainedVarianceRatio.prefix(2).reduce(0, +) * 100
        return PlanarCoordinates(
            x: (0..<projected.rows).map { Double(projected[$0, 0]) }, y: (0..<projected.rows).map { Double(projected[$0, 1]) },
            xLabel: "PC1", yLabel: "PC2", isMap: true,
            note: String(format: "PCA of %d columns, %.1f%% of variance", data.columnCount, explained))
    }

    static func pointColoring(_ data: Dataset, choice: String, offset: Int?) throws -> PointColoring {
        switch choice {
        case "none":
            return .single(name: "rows")
        case "auto", "label":
            guard let labels = data.labels else {
                if choice == "label" { throw ShellError("the dataset has no labels to colour by", offset: offset) }
                return .single(name: "rows")
            }
            return .categories(codes: labels.codes.map(Int.init), names: labels.names)
        default:
            let column = try columnIndex(choice, in: data, option: "color", offset: offset)
            return .continuous(values: columnValues(data, column), name: data.columnNames?[column] ?? "x\(column)")
        }
    }

    /// A column by header name, `xN`, or 0-based index.
    static func columnIndex(_ text: String, in data: Dataset, option: String, offset: Int?) throws -> Int {
        if let names = data.columnNames, let index = names.firstIndex(of: text) { return index }
        let digits = text.hasPrefix("x") ? String(text.dropFirst()) : text
        if let index = Int(digits), index >= 0, index < data.columnCount { return index }
        let known = data.columnNames ?? (0..<min(data.columnCount, 6)).map { "x\($0)" }
        throw ShellError("\(option)=\(text): no such column (columns: \(known.joined(separator: ", "))\(data.columnCount > known.count ? ", …" : ""))", offset: offset)
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
