/// The shape of one image stored as a flat row: height × width (greyscale) or height × width × 3 (RGB,
/// channels interleaved per pixel, as in numpy's HWC layout).
public struct ImageShape: Sendable, Equatable {
    public let height: Int
    public let width: Int
    public let channels: Int

    /// `[8, 8]`, `[8, 8, 1]` or `[32, 32, 3]`.
    public init(_ dimensions: [Int]) throws {
        guard dimensions.count == 2 || dimensions.count == 3 else {
            throw PlotError.invalidImageShape(
                shape: dimensions, reason: "give height x width or height x width x channels")
        }
        let channels = dimensions.count == 3 ? dimensions[2] : 1
        guard channels == 1 || channels == 3 else {
            throw PlotError.invalidImageShape(shape: dimensions, reason: "channels must be 1 (grey) or 3 (RGB)")
        }
        guard dimensions[0] > 0, dimensions[1] > 0, dimensions[0] <= Self.maximumSide, dimensions[1] <= Self.maximumSide
        else {
            throw PlotError.invalidImageShape(shape: dimensions, reason: "sides must be in 1...\(Self.maximumSide)")
        }
        height = dimensions[0]
        width = dimensions[1]
        self.channels = channels
    }

    /// Parses the shell's spelling: `8x8`, `28x28x1`, `32x32x3`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        let dimensions = parts.compactMap { Int($0) }
        guard dimensions.count == parts.count else {
            throw PlotError.invalidValue(
                what: "shape", value: text, reason: "write height x width or height x width x channels, e.g. 8x8")
        }
        try self.init(dimensions)
    }

    /// Larger images are not thumbnails; drawing them pixel by pixel as vector shapes would be huge.
    static let maximumSide = 256

    public var valueCount: Int { height * width * channels }
}

public struct ImageGridOptions: Sendable, Equatable {
    public var title = ""
    public var subtitle: String?
    /// Images per row; nil picks up to 10.
    public var columns: Int?
    /// Side of one image in pixels; nil scales small images up to about 64 px.
    public var cellSize: Double?
    /// One caption per image, printed under it.
    public var captions: [String]?
    /// Labels printed left of each row (e.g. "query", "neighbours").
    public var rowLabels: [String]?
    /// Values mapped to black…white; nil uses the smallest and largest finite value over all images.
    public var valueRange: ClosedRange<Double>?
    /// Draw low values light and high values dark (ink on paper), e.g. for digits.
    public var invert = false
    /// Data names and parameters for the `<desc>` (see `ChartOptions.descriptionDetail`).
    public var descriptionDetail: String?

    public init(title: String = "") {
        self.title = title
    }

    /// Grey levels (and levels per RGB channel) after quantisation: 32 steps are below what eyes resolve
    /// in a thumbnail and keep the number of distinct paths small.
    static let levels = 32
    static let gap = 8.0
    static let captionHeight = 14.0
    static let captionSize = 10.0
    /// Upper bound on drawn pixels (images × height × width): about 10 MB of SVG at worst.
    public static let maximumPixels = 2_000_000
    /// A grid narrower than its title grows up to this width (the default chart width) before the title wraps.
    static let widestHeaderCanvas = 720.0
}

/// Rows of a dataset drawn as small images in a grid, with captions and row labels. Pixels are drawn as
/// one background rectangle per image plus one run-length `<path>` per remaining colour: no embedded
/// bitmaps, no references.
public struct ImageGrid: Plot {
    public var images: [[Double]]
    public var shape: ImageShape
    public var options: ImageGridOptions

    public init(images: [[Double]], shape: ImageShape, options: ImageGridOptions = ImageGridOptions()) {
        self.images = images
        self.shape = shape
        self.options = options
    }

    public func document() throws -> SVGDocument {
        if images.isEmpty { throw PlotError.empty(what: "the list of images") }
        for (index, image) in images.enumerated() {
            try checkLength("image \(index)", image.count, expected: shape.valueCount)
        }
        let pixelTotal = images.count * shape.height * shape.width
        if pixelTotal > ImageGridOptions.maximumPixels {
            throw PlotError.invalidValue(
                what: "images", value: "\(images.count) of \(shape.height)x\(shape.width)",
                reason: "more than \(formatCount(ImageGridOptions.maximumPixels)) pixels; show fewer rows")
        }
        if let captions = options.captions { try checkLength("captions", captions.count, expected: images.count) }
        let requestedColumns = options.columns ?? 10
        guard requestedColumns >= 1 else {
            throw PlotError.invalidValue(
                what: "columns", value: String(requestedColumns), reason: "must be at least 1")
        }
        let columns = min(requestedColumns, images.count)
        let rows = (images.count + columns - 1) / columns
        if let rowLabels = options.rowLabels, rowLabels.count > rows {
            throw PlotError.lengthMismatch(what: "rowLabels", expected: rows, actual: rowLabels.count)
        }
        let range = try valueRange()
        let longestSide = Double(max(shape.height, shape.width))
        let cell = options.cellSize ?? max(longestSide, (64 / longestSide).rounded(.down) * longestSide)
        guard cell.isFinite, cell >= 1, cell <= 1024 else {
            throw PlotError.invalidValue(what: "cellSize", value: formatReadable(cell), reason: "use 1...1024 pixels")
        }
        let pixel = cell / longestSide
        // Rows are as tall as the images (not the longest side), so captions sit right under wide images.
        let imageHeight = Double(shape.height) * pixel
        let gap = ImageGridOptions.gap
        let captionHeight = options.captions == nil ? 0 : ImageGridOptions.captionHeight
        let rowPitch = imageHeight + captionHeight + gap
        let rowLabelWidth =
            (options.rowLabels ?? []).map {
                ChartFrame.textWidth($0, size: ChartFrame.labelSize) + 10
            }.max() ?? 0
        let left = ChartFrame.padding + rowLabelWidth
        let gridWidth = left + Double(columns) * (cell + gap) - gap + ChartFrame.padding
        // A narrow grid widens for its header up to a slide-sized canvas; longer headers wrap.
        let headerWidth =
            max(
                TextMetrics.width(options.title, size: ChartFrame.titleSize, bold: true),
                TextMetrics.width(options.subtitle ?? "", size: ChartFrame.subtitleSize)) + 2 * ChartFrame.padding
        let width = max(gridWidth, min(headerWidth, ImageGridOptions.widestHeaderCanvas))
        let header = ChartFrame.header(title: options.title, subtitle: options.subtitle, width: width)
        let top = header.height
        let height = top + Double(rows) * rowPitch - gap + ChartFrame.padding

        var cells: [SVGElement] = []
        var captions: [SVGElement] = []
        for (index, image) in images.enumerated() {
            let cellLeft = left + Double(index % columns) * (cell + gap)
            let cellTop = top + Double(index / columns) * rowPitch
            var group = SVGElement.group(
                [.translate(x: cellLeft, y: cellTop)], pixelElements(image, range: range, pixel: pixel))
            group.append(.title(options.captions?[index] ?? "image \(index + 1)"))
            cells.append(group)
            if let caption = options.captions?[index] {
                let text = TextMetrics.truncated(caption, toWidth: cell, size: ImageGridOptions.captionSize)
                captions.append(.text(text, [.x(cellLeft + cell / 2), .y(cellTop + imageHeight + captionHeight - 3)]))
            }
        }
        var content: [SVGElement] = [
            SVGElement(.rect, [.x(0), .y(0), .width(width), .height(height), .fill(.color(.white))])
        ]
        content += header.elements
        content.append(.group([.crispEdges], cells))
        if !captions.isEmpty {
            content.append(
                .group([.fontSize(ImageGridOptions.captionSize), .textAnchor(.middle), .fill(.color(.axis))], captions))
        }
        let rowLabels = (options.rowLabels ?? []).enumerated().map { row, label in
            SVGElement.text(
                label,
                [
                    .x(left - 10), .y(top + Double(row) * rowPitch + imageHeight / 2 + 4),
                    .textAnchor(.end),
                ])
        }
        if !rowLabels.isEmpty { content.append(.group([.fontSize(ChartFrame.labelSize)], rowLabels)) }
        let kind = shape.channels == 3 ? "RGB" : "greyscale"
        let description =
            "Grid of \(images.count) \(kind) images of \(shape.height)x\(shape.width) pixels in "
            + "\(rows) \(rows == 1 ? "row" : "rows") of \(columns); values \(formatReadable(range.lowerBound)) to "
            + "\(formatReadable(range.upperBound)) map to \(options.invert ? "white to black" : "black to white")."
        let body = SVGElement.group([.sansSerifFont], content)
        return SVGDocument(
            width: width, height: height, title: options.title.isEmpty ? "Image grid" : options.title,
            description: ChartFrame.fullDescription(
                description, subtitle: options.subtitle, detail: options.descriptionDetail),
            content: [body])
    }

    private func valueRange() throws -> ClosedRange<Double> {
        if let range = options.valueRange {
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.upperBound > range.lowerBound else {
                throw PlotError.invalidValue(
                    what: "valueRange", value: "\(range)", reason: "needs finite bounds with lower < upper")
            }
            return range
        }
        guard let extent = Extent.of(images.joined(), kind: .linear) else { return 0...1 }
        return extent.upperBound > extent.lowerBound ? extent : (extent.lowerBound - 0.5)...(extent.upperBound + 0.5)
    }

    /// The quantised colour of every pixel, row-major; non-finite values are drawn mid-grey.
    private func colors(_ image: [Double], range: ClosedRange<Double>) -> [Color] {
        let span = range.upperBound - range.lowerBound
        let steps = Double(ImageGridOptions.levels - 1)
        func level(_ value: Double) -> Double {
            guard value.isFinite else { return 0.5 }
            let t = unitClamped((value - range.lowerBound) / span)
            let quantised = (t * steps).rounded() / steps
            return options.invert ? 1 - quantised : quantised
        }
        let pixelCount = shape.height * shape.width
        if shape.channels == 1 { return image.map { Color(grey: level($0)) } }
        return (0..<pixelCount).map { index in
            Color(
                red: channel(level(image[3 * index])), green: channel(level(image[3 * index + 1])),
                blue: channel(level(image[3 * index + 2])))
        }
    }

    private func pixelElements(_ image: [Double], range: ClosedRange<Double>, pixel: Double) -> [SVGElement] {
        let colors = colors(image, range: range)
        var frequency: [Color: Int] = [:]
        for color in colors { frequency[color, default: 0] += 1 }
        // Ties broken by colour value: dictionary order must never reach the output.
        let background = frequency.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? .black
        var paths: [Color: SVGPath] = [:]
        for row in 0..<shape.height {
            var column = 0
            while column < shape.width {
                let color = colors[row * shape.width + column]
                var end = column + 1
                while end < shape.width && colors[row * shape.width + end] == color { end += 1 }
                if color != background {
                    let run = Double(end - column) * pixel
                    paths[color, default: SVGPath()].move(to: Double(column) * pixel, Double(row) * pixel)
                    paths[color, default: SVGPath()].horizontal(by: run)
                    paths[color, default: SVGPath()].vertical(by: pixel)
                    paths[color, default: SVGPath()].horizontal(by: -run)
                    paths[color, default: SVGPath()].close()
                }
                column = end
            }
        }
        var elements = [
            SVGElement(
                .rect,
                [
                    .x(0), .y(0), .width(Double(shape.width) * pixel), .height(Double(shape.height) * pixel),
                    .fill(.color(background)),
                ])
        ]
        for color in paths.keys.sorted() {
            elements.append(SVGElement(.path, [.pathData(paths[color] ?? SVGPath()), .fill(.color(color))]))
        }
        // A hairline frame shows where an image with a white background ends.
        elements.append(
            SVGElement(
                .rect,
                [
                    .x(0), .y(0), .width(Double(shape.width) * pixel), .height(Double(shape.height) * pixel),
                    .fill(.none),
                    .stroke(.color(.gridLine)), .strokeWidth(1),
                ]))
        return elements
    }
}
