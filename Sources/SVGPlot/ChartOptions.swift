/// Options every plot kind shares: canvas size, titles and axes.
public struct ChartOptions: Sendable, Equatable {
    public var width: Double = 720
    public var height: Double = 480
    public var title: String = ""
    /// One line under the title with the numbers that matter, e.g. `FD 23.4 · coverage 0.41 · n=10,000`.
    public var subtitle: String?
    public var xAxisLabel: String?
    public var yAxisLabel: String?
    public var xScale: ScaleKind = .linear
    public var yScale: ScaleKind = .linear
    /// Maps (t-SNE, UMAP, PCA): equal units per pixel on both axes, no tick labels (their values mean
    /// nothing), no grid.
    public var isMap: Bool = false
    /// Data names and parameters for the `<desc>` (e.g. "Data: digits, 1,797 rows."), which also repeats
    /// the subtitle: screen readers get what is drawn even when a custom title hides the data name.
    public var descriptionDetail: String?

    public init(
        title: String = "", subtitle: String? = nil, xAxisLabel: String? = nil, yAxisLabel: String? = nil,
        width: Double = 720, height: Double = 480
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xAxisLabel = xAxisLabel
        self.yAxisLabel = yAxisLabel
        self.width = width
        self.height = height
    }

    /// Smallest canvas that still fits titles, axes and a legend; smaller requests are raised to it.
    static let minimumWidth = 240.0
    static let minimumHeight = 180.0
    /// Largest canvas accepted; beyond it browsers struggle and the request is surely a typo.
    static let maximumSide = 20_000.0

    func validated() throws -> ChartOptions {
        for (name, value) in [("width", width), ("height", height)] where !(value.isFinite && value > 0) {
            throw PlotError.invalidValue(what: name, value: formatReadable(value), reason: "must be a positive number")
        }
        var copy = self
        copy.width = min(max(width, Self.minimumWidth), Self.maximumSide)
        copy.height = min(max(height, Self.minimumHeight), Self.maximumSide)
        return copy
    }
}

/// One row of a legend: a coloured marker, swatch or line, its label and optionally its count.
public struct LegendEntry: Sendable, Equatable {
    public enum Symbol: Sendable, Equatable {
        case marker(MarkerShape)
        /// A hollow marker: the real points of a real-vs-generated overlay.
        case outlinedMarker(MarkerShape)
        /// A filled marker at the opacity of its marks (the real layer of a dense overlay).
        case translucentMarker(MarkerShape, opacity: Double)
        /// A filled square with the opacity of the marks it stands for (translucent histogram fills, solid bars).
        case swatch(fillOpacity: Double)
        case line(MarkerShape?)
        /// Text only, e.g. the "… 12 more" row of a legend too long for the canvas.
        case none
    }

    public var label: String
    public var color: Color
    public var symbol: Symbol
    public var count: Int?

    public init(label: String, color: Color, symbol: Symbol, count: Int? = nil) {
        self.label = label
        self.color = color
        self.symbol = symbol
        self.count = count
    }

    var text: String {
        guard let count else { return label }
        return "\(label) (\(formatCount(count)))"
    }
}

/// What sits outside the plot area on the right: a legend, a continuous colour bar, or nothing.
public enum ChartKey: Sendable, Equatable {
    case none
    case legend([LegendEntry])
    case colorBar(name: String, range: ClosedRange<Double>)
}
