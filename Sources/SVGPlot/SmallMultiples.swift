public struct SmallMultiplesOptions: Sendable, Equatable {
    public var title = ""
    public var subtitle: String?
    /// Data names and parameters for the `<desc>`, as `ChartOptions.descriptionDetail`.
    public var descriptionDetail: String?
    /// Panels per row; nil picks up to 3.
    public var columns: Int?

    public init(title: String = "") {
        self.title = title
    }

    static let gap = 8.0
}

/// A grid of plots under one title. Each panel keeps its own size, title and description and is nested
/// as an inner `<svg>`; cells are as large as the largest panel.
public struct SmallMultiples: Plot {
    public var panels: [any Plot]
    public var options: SmallMultiplesOptions

    public init(panels: [any Plot], options: SmallMultiplesOptions = SmallMultiplesOptions()) {
        self.panels = panels
        self.options = options
    }

    public func document() throws -> SVGDocument {
        if panels.isEmpty { throw PlotError.empty(what: "the list of panels") }
        let documents = try panels.map { try $0.document() }
        let requestedColumns = options.columns ?? 3
        guard requestedColumns >= 1 else {
            throw PlotError.invalidValue(
                what: "columns", value: String(requestedColumns), reason: "must be at least 1")
        }
        let columns = min(requestedColumns, documents.count)
        let rows = (documents.count + columns - 1) / columns
        let cellWidth = documents.map(\.width).max() ?? 0
        let cellHeight = documents.map(\.height).max() ?? 0
        let gap = SmallMultiplesOptions.gap
        let width = ChartFrame.padding * 2 + Double(columns) * (cellWidth + gap) - gap
        let header = ChartFrame.header(title: options.title, subtitle: options.subtitle, width: width)
        let top = header.height
        let height = top + Double(rows) * (cellHeight + gap) - gap + ChartFrame.padding
        var content: [SVGElement] = [
            SVGElement(.rect, [.x(0), .y(0), .width(width), .height(height), .fill(.color(.white))])
        ]
        content.append(.group([.sansSerifFont], header.elements))
        for (index, document) in documents.enumerated() {
            let x = ChartFrame.padding + Double(index % columns) * (cellWidth + gap)
            let y = top + Double(index / columns) * (cellHeight + gap)
            content.append(document.rootElement(x: x, y: y))
        }
        let description =
            "\(documents.count) panels in \(rows) \(rows == 1 ? "row" : "rows") of \(columns): "
            + describeList(documents.map(\.title)) + "."
        return SVGDocument(
            width: width, height: height, title: options.title.isEmpty ? "Small multiples" : options.title,
            description: ChartFrame.fullDescription(
                description, subtitle: options.subtitle, detail: options.descriptionDetail),
            content: content)
    }
}
