import DataFiles
import Foundation
import LinearAlgebra
import SVGPlot

/// `plot DATASET`: the scatter map (projection, colouring, overlay, density layer and the numbers in its
/// subtitle and description).
extension PlotCommands {
    /// Runs on arguments `NonFiniteGuard` has screened; `rowsGiven` counts the rows before screening, so the
    /// subtitle can say how many were left out.
    static func scatterPlot(
        reference: ObjectReference, rowsGiven: Int, state: ShellState, arguments: BoundArguments
    ) throws -> CommandResult {
        let data = try arguments.dataset("data")
        let fakeName = arguments.text("fake")
        let fake = try arguments.reference("fake").map { _ in try arguments.dataset("fake") }
        if let fake, fake.columnCount != data.columnCount {
            throw ShellError("fake has \(fake.columnCount) columns but \(reference.text) has \(data.columnCount)", offset: arguments.offsets["fake"])
        }
        let colorChoice = try validatedColorChoice(arguments, hasFake: fake != nil)
        let density = arguments.boolean("density") ?? false
        if arguments.offsets["bins"] != nil && !density {
            throw ShellError("bins= sets the density cells; add density=yes", offset: arguments.offsets["bins"])
        }
        if (arguments.text("x") == nil) != (arguments.text("y") == nil) {
            let given = arguments.text("x") == nil ? "y" : "x"
            throw ShellError("give both x= and y= (only \(given)= was given); without either, wide data is projected on its first two principal components", offset: arguments.offsets[given])
        }
        let projection = try planarCoordinates(data, extra: fake, arguments: arguments, token: state.cancellation)
        let coloring: PointColoring
        if fake != nil {
            coloring = .realVersusGenerated(isGenerated: (0..<projection.x.count).map { $0 >= data.rowCount })
        } else {
            coloring = try pointColoring(data, name: reference.text, choice: colorChoice, offset: arguments.offsets["color"])
        }
        if density, case .continuous(_, let column) = coloring {
            throw ShellError("density=yes colours cells by count; drop color=\(column) or density=yes", offset: arguments.offsets["density"])
        }

        var options = ScatterOptions(chart: chartOptions(arguments, defaultTitle: fakeName.map { "\(reference.text) vs \($0)" } ?? reference.text))
        options.chart.isMap = arguments.boolean("map") ?? projection.isMap
        options.chart.xAxisLabel = projection.xLabel
        options.chart.yAxisLabel = projection.yLabel
        options.densityBins = density ? (arguments.integer("bins") ?? defaultDensityBins) : nil
        let drawn = drawableCounts(projection, coloring: coloring, realCount: data.rowCount)
        var numbers = [projection.note].compactMap { $0 }
        numbers.append("n=\(formatCount(drawn.real))" + (fake != nil ? " + \(formatCount(drawn.fake)) generated" : ""))
        let left = rowsGiven - drawn.real - drawn.fake
        if left > 0 { numbers.append("\(formatCount(left)) \(left == 1 ? "row" : "rows") with NaN/Inf left out") }
        options.chart.subtitle = numbers.joined(separator: " · ")
        var detail = "Data: \(reference.text) (\(formatCount(data.rowCount)) rows, \(data.columnCount) columns)"
        if let fake, let fakeName { detail += "; generated: \(fakeName) (\(formatCount(fake.rowCount)) rows)" }
        if let bins = options.densityBins { detail += "; density layer, \(bins) cells across" }
        options.chart.descriptionDetail = detail + "."
        let plot = ScatterPlot(x: projection.x, y: projection.y, coloring: coloring, options: options)
        return try write(plot, state: state, arguments: arguments, defaultName: reference.name)
    }

    /// `color=` checked against `fake=`: the overlay has its own colouring, so any other choice is refused
    /// rather than silently ignored.
    static func validatedColorChoice(_ arguments: BoundArguments, hasFake: Bool) throws -> String {
        let choice = arguments.text("color") ?? "auto"
        let offset = arguments.offsets["color"]
        if hasFake && choice != "auto" && choice != "real-vs-fake" {
            throw ShellError("color=\(choice) cannot be combined with fake=: the overlay colours real vs generated rows; drop color= or fake=", offset: offset)
        }
        if !hasFake && choice == "real-vs-fake" {
            throw ShellError("color=real-vs-fake needs the generated rows: add fake=DATASET", offset: offset)
        }
        return choice
    }

    /// Whether `data` is projected with PCA (no x=/y= and more than two columns).
    static func projects(_ data: Dataset, arguments: BoundArguments) -> Bool {
        arguments.text("x") == nil && arguments.text("y") == nil && data.columnCount > 2
    }

    /// Points the scatter will actually draw (finite coordinates and colour value), real and generated.
    static func drawableCounts(_ projection: PlanarCoordinates, coloring: PointColoring, realCount: Int) -> (real: Int, fake: Int) {
        var counts = (real: 0, fake: 0)
        for index in projection.x.indices where projection.x[index].isFinite && projection.y[index].isFinite {
            if case .continuous(let values, _) = coloring, !values[index].isFinite { continue }
            if index < realCount { counts.real += 1 } else { counts.fake += 1 }
        }
        return counts
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
        if !projects(data, arguments: arguments) {
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
        if let extra, extra.rowCount > 0 { projected = projected.appendingRows(of: try pca.transform(extra.values, token: token)) }
        let explained = pca.explainedVarianceRatio.prefix(2).reduce(0, +) * 100
        return PlanarCoordinates(
            x: (0..<projected.rows).map { Double(projected[$0, 0]) }, y: (0..<projected.rows).map { Double(projected[$0, 1]) },
            xLabel: "PC1", yLabel: "PC2", isMap: true,
            note: String(format: "PCA of %d columns, %.1f%% of variance", data.columnCount, explained))
    }

    static func pointColoring(_ data: Dataset, name: String, choice: String, offset: Int?) throws -> PointColoring {
        switch choice {
        case "none":
            return .single(name: name)
        case "auto", "label":
            guard let labels = data.labels else {
                if choice == "label" { throw ShellError("the dataset has no labels to colour by", offset: offset) }
                return .single(name: name)
            }
            return .categories(codes: labels.codes.map(Int.init), names: labels.names)
        default:
            let column = try columnIndex(choice, in: data, option: "color", offset: offset)
            return .continuous(values: columnValues(data, column), name: data.columnNames?[column] ?? "x\(column)")
        }
    }
}
