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

    /// Density cells across the plot: 60 resolves the modes of a map at slide size; more than 400 is
    /// finer than two pixels on the default canvas.
    static let defaultDensityBins = 60
    static let densityBinRange = 5...400

    static let scatter = CommandSpec(
        name: "plot", group: .plots,
        abstract: "Draw a dataset as a labelled scatter map, or a result table as bars.",
        discussion: """
            Two-column data is drawn as it is; wider data is projected on its first two principal components \
            (explained variance in the subtitle), never two raw columns. fake= overlays a second dataset \
            (color=real-vs-fake, implied): generated rows in vermillion, real rows as blue rings on top so \
            covered modes stay visible, both projected with the components of the first. color=label (the \
            default for labelled data) uses Okabe–Ito colours, or Paul Tol's with marker shapes and direct \
            labels above 8 classes; color=COLUMN colours by a column on the viridis scale. density=yes draws a \
            binned 2-D histogram (bins= cells across) instead of points: one translucent layer per class, or \
            counts in viridis for unlabelled data; its size does not grow with the row count. With \
            allow_nonfinite=yes rows holding NaN/Inf are left out (and counted in the subtitle). A result \
            table (e.g. `m = metrics …`) is drawn as grouped bars: one group per row, named by its first \
            text column, one bar per numeric column (y= picks columns, e.g. y=n_fake for per-mode counts); \
            scores in [0, 1], counts, distances (FD, KID, …) and other values each get their own panel, \
            decided by the metric's name, so panels stay comparable between checkpoints.
            """,
        arguments: [
            .positional("data", .objectReference(kinds: ["dataset", "table"]), help: "The dataset (row selections allowed) or result table."),
            .option("fake", .objectReference(kinds: ["dataset"]), help: "Generated rows to overlay on the real ones."),
            .option("x", .text, help: "Column (name or index) for the horizontal axis."),
            .option("y", .text, help: "Column (name or index) for the vertical axis; for a result table, the columns to draw as bars (e.g. y=n_fake or y=n_real,n_fake)."),
            .option("color", .text, default: "auto", help: "auto, label, none, real-vs-fake (with fake=), or a column name/index for a continuous colour."),
            .option("map", .boolean, help: "Draw as a map: equal aspect, no tick values (default: yes for a PCA projection, no for raw columns; map=yes suits t-SNE/UMAP coordinates loaded from a file)."),
            .option("density", .boolean, default: "no", help: "Draw a binned density layer instead of points."),
            .option("bins", .integer(densityBinRange), help: "Density cells across the plot, with density=yes (default \(defaultDensityBins))."),
            .option("out", .outputPath(extensions: ["svg"]), help: "The SVG file to write (default: DATA.svg)."),
        ] + commonOptions,
        examples: ["plot digits out=digits.svg", "plot ring fake=ring_fake out=overlay.svg title=\"Ring: real vs collapsed\"",
                   "plot ring x=0 y=1 color=none out=ring.svg", "plot ring fake=ring_fake density=yes bins=40 out=density.svg",
                   "plot ring map=yes out=ring-map.svg"],
        handler: { state, arguments in
            let reference = arguments.reference("data")!
            if case .table(let table) = reference.object {
                for option in ["fake", "x", "color", "map", "density", "bins"] where arguments.offsets[option] != nil {
                    throw ShellError("\(option)= applies to datasets; '\(reference.text)' is a result table (y= picks its columns)", offset: arguments.offsets[option])
                }
                return try write(try tableChart(table, name: reference.text, state: state, arguments: arguments), state: state, arguments: arguments, defaultName: reference.name)
            }
            // Rows dropped by allow_nonfinite=yes are counted in the subtitle, so count before screening.
            let rowsGiven = ["data", "fake"].reduce(0) { total, name in
                guard case .dataset(let dataset)? = arguments.reference(name)?.object else { return total }
                return total + dataset.rowCount
            }
            return try NonFiniteGuard.screened(["data", "fake"], in: arguments) { screened in
                try scatterPlot(reference: screened.reference("data")!, rowsGiven: rowsGiven, state: state, arguments: screened)
            }
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
                // Column k of data with another width is another feature: the overlay would compare unlike things.
                guard second.columnCount == data.columnCount else {
                    throw ShellError("vs=\(other.text) has \(second.columnCount) columns but \(reference.text) has \(data.columnCount); compare datasets of the same features", offset: arguments.offsets["vs"])
                }
                series.append(HistogramSeries(name: other.text, values: columnValues(second, column)))
            }
            let columnName = data.columnNames?[column] ?? "x\(column)"
            var options = HistogramOptions(chart: chartOptions(arguments, defaultTitle: "\(columnName) of \(series.map(\.name).joined(separator: " and "))"))
            options.binCount = arguments.integer("bins")
            options.density = arguments.boolean("density") ?? false
            options.chart.xAxisLabel = columnName
            options.chart.yAxisLabel = options.density ? "density" : "count"
            options.chart.subtitle = series.map { "\($0.name): n=\(formatCount($0.values.filter(\.isFinite).count))" }.joined(separator: " · ")
            options.chart.descriptionDetail = "Data: column \(columnName) of \(series.map(\.name).joined(separator: " and "))."
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
        handler: { state, arguments in try NonFiniteGuard.screened(["data"], in: arguments) { screenedArguments in
            let reference = arguments.reference("data")!
            let given = try arguments.dataset("data")
            let data = try screenedArguments.dataset("data")
            let shape = try imageShape(of: data, name: reference.text, arguments: arguments)
            guard shape.valueCount == data.columnCount else {
                throw ShellError("shape \(shape.height)x\(shape.width)\(shape.channels > 1 ? "x\(shape.channels)" : "") holds \(shape.valueCount) values but rows of \(reference.text) have \(data.columnCount)", offset: arguments.offsets["shape"])
            }
            let count = min(data.rowCount, arguments.integer("rows")! * arguments.integer("cols")!)
            try checkImagePixels(count: count, shape: shape, offset: arguments.offsets["rows"] ?? arguments.offsets["cols"])
            let imagesToDraw = (0..<count).map { data.values.row($0).map(Double.init) }
            let which = count == data.rowCount ? "all \(formatCount(count)) rows" : "first \(formatCount(count)) of \(formatCount(data.rowCount)) rows"
            var options = ImageGridOptions(title: arguments.text("title") ?? "\(reference.text): \(which)")
            let left = given.rowCount - data.rowCount
            options.descriptionDetail = "Data: \(reference.text), \(which)"
                + (left > 0 ? "; \(formatCount(left)) \(left == 1 ? "row" : "rows") with NaN/Inf left out." : ".")
            options.columns = arguments.integer("cols")
            if let labels = data.labels { options.captions = (0..<count).map { labels.name(ofRow: $0) } }
            let extent = data.values.withUnsafeBufferPointer { ($0.min() ?? 0, $0.max() ?? 1) }
            if extent.0 < extent.1 { options.valueRange = Double(extent.0)...Double(extent.1) }
            return try write(ImageGrid(images: imagesToDraw, shape: shape, options: options), state: state, arguments: arguments, defaultName: "\(reference.name)-images")
        } })
}
