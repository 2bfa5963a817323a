/// Anything that renders to a standalone SVG document; small multiples take any mix of these.
public protocol Plot: Sendable {
    /// Validates the data and lays out the figure. Throws `PlotError` on unusable input, never traps.
    func document() throws -> SVGDocument
}

extension Plot {
    /// The file text of `document()`.
    public func svgText() throws -> String {
        try document().render()
    }
}

/// Fractions of the data span added around the data so markers on the extremes are not cut.
let dataPadding = 0.04

/// Up to this many categories are listed by name in a `<desc>`; the rest are summarised.
let describedCategoryLimit = 12

func checkLength(_ what: String, _ values: Int, expected: Int) throws {
    if values != expected { throw PlotError.lengthMismatch(what: what, expected: expected, actual: values) }
}

/// `"a (3), b (5) and 2 more"`.
func describeList(_ items: [String]) -> String {
    let shown = items.prefix(describedCategoryLimit).joined(separator: ", ")
    let hidden = items.count - describedCategoryLimit
    return hidden > 0 ? "\(shown) and \(hidden) more" : shown
}
