// SVGPlot — standalone, escaped-by-default SVG documents and the plot kinds built on them.
// Plain arrays in, SVG text out; no dependency on the shell or the numerics.
//
// It owns: the typed document model (`SVGElement`, `SVGAttribute`, `SVGDocument`) whose closed sets of
// element and attribute names make script, event handlers, external references and user-chosen names
// impossible to express; deterministic number formatting; scales and nice ticks; colour-vision-safe
// palettes and marker shapes; text width estimates with wrapping and ellipsis; the shared chart frame
// (title, subtitle, axes, legend, colour bar); and the plot kinds (`ScatterPlot` with its optional
// binned density layer, `HistogramPlot`, `LinePlot`, `BarChart`, `ImageGrid`, `SmallMultiples`).
// New plot kinds are built from `ChartFrame` plus `SVGElement`s and can never emit unsafe markup.

/// Errors raised by plot construction; messages name the offending value and how to fix it.
public enum PlotError: Error, Equatable, CustomStringConvertible, Sendable {
    case lengthMismatch(what: String, expected: Int, actual: Int)
    case empty(what: String)
    case invalidValue(what: String, value: String, reason: String)
    case labelOutOfRange(code: Int, categoryCount: Int)
    case invalidImageShape(shape: [Int], reason: String)

    public var description: String {
        switch self {
        case .lengthMismatch(let what, let expected, let actual):
            return "\(what) has \(actual) values but \(expected) were expected; give one value per point"
        case .empty(let what):
            return "\(what) is empty: nothing to plot"
        case .invalidValue(let what, let value, let reason):
            return "\(what) = \(value) is invalid: \(reason)"
        case .labelOutOfRange(let code, let categoryCount):
            return "label code \(code) is outside 0..<\(categoryCount); every code must index a category name"
        case .invalidImageShape(let shape, let reason):
            let text = shape.map(String.init).joined(separator: "x")
            return "image shape \(text.isEmpty ? "[]" : text) is invalid: \(reason)"
        }
    }
}
