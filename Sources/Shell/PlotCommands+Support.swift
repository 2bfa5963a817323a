import DataFiles
import Foundation
import SVGPlot

/// The pieces every `plot` command shares: chart options, writing the file, columns by name, image shapes.
extension PlotCommands {
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
            throw ShellError("\(name) has no image shape; \(shapeHint(valueCount: data.columnCount))")
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

    /// A shape= that fits rows of `valueCount` values (square grey, then square RGB), or why none does.
    static func shapeHint(valueCount: Int) -> String {
        func side(_ area: Int) -> Int? {
            let root = Int(Double(area).squareRoot().rounded())
            return area > 0 && root * root == area ? root : nil
        }
        if let side = side(valueCount) { return "give one, e.g. shape=\(side)x\(side)" }
        if valueCount % 3 == 0, let side = side(valueCount / 3) { return "give one, e.g. shape=\(side)x\(side)x3" }
        return "its rows have \(valueCount) values, so give shape=HxW (or HxWx3) with H×W (×3) = \(valueCount)"
    }

    /// Refuses grids past the module's pixel budget with the number of images that would fit.
    static func checkImagePixels(count: Int, shape: ImageShape, offset: Int?) throws {
        let perImage = shape.height * shape.width
        guard count * perImage > ImageGridOptions.maximumPixels else { return }
        let fitting = ImageGridOptions.maximumPixels / perImage
        throw ShellError(
            "\(formatCount(count)) images of \(shape.height)x\(shape.width) are \(formatCount(count * perImage)) pixels, more than "
                + "the \(formatCount(ImageGridOptions.maximumPixels)) a grid draws; lower rows= or cols= to at most \(formatCount(fitting)) images",
            offset: offset)
    }

    static func columnValues(_ data: Dataset, _ column: Int) -> [Double] {
        (0..<data.rowCount).map { Double(data.values[$0, column]) }
    }
}
