import DataFiles
import Foundation

/// A row selection written after a name: `digits[0:100]`, `digits[-50:]`, `digits[label==3]`,
/// `digits[label!=3]`. Slices follow Python's rules (negative indices count from the end, out-of-range
/// bounds clamp), so what users type in numpy means the same here.
public enum RowSelection: Sendable, Equatable {
    case slice(start: Int?, end: Int?)
    case labelEquals(String)
    case labelNotEquals(String)

    /// Splits `name[selection]` into the name and the parsed selection (nil when there is no bracket).
    static func split(_ text: String) throws(ShellError) -> (name: String, selection: RowSelection?) {
        guard let open = text.firstIndex(of: "[") else { return (text, nil) }
        guard text.hasSuffix("]") else {
            throw ShellError("'\(text)': a row selection must end with ']' (e.g. \(text[..<open])[0:100])")
        }
        let name = String(text[..<open])
        let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            .trimmingCharacters(in: .whitespaces)
        return (name, try parse(inner, in: text))
    }

    private static func parse(_ inner: String, in text: String) throws(ShellError) -> RowSelection {
        for (operatorText, isEqual) in [("==", true), ("!=", false)] {
            if let range = inner.range(of: operatorText) {
                let field = inner[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = inner[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard field == "label" else {
                    throw ShellError("'\(text)': only 'label' can be compared in a selection, not '\(field)'")
                }
                guard !value.isEmpty else { throw ShellError("'\(text)': missing label value after \(operatorText)") }
                let unquoted = value.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                return isEqual ? .labelEquals(unquoted) : .labelNotEquals(unquoted)
            }
        }
        let parts = inner.split(separator: ":", omittingEmptySubsequences: false)
        func bound(_ part: Substring) throws(ShellError) -> Int? {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let value = Int(trimmed) else {
                throw ShellError("'\(text)': '\(trimmed)' is not a row index (use NAME[a:b] or NAME[label==X])")
            }
            return value
        }
        switch parts.count {
        case 1:
            guard let index = try bound(parts[0]) else { throw ShellError("'\(text)': empty selection") }
            return .slice(start: index, end: index == -1 ? nil : index + 1)
        case 2:
            return .slice(start: try bound(parts[0]), end: try bound(parts[1]))
        default:
            throw ShellError("'\(text)': steps are not supported; use NAME[a:b]")
        }
    }

    /// The selected row indices of a dataset with `rowCount` rows and `labels`.
    func rowIndices(rowCount: Int, labels: Labels?, name: String) throws(ShellError) -> [Int] {
        switch self {
        case .slice(let start, let end):
            func clamp(_ value: Int?, default fallback: Int) -> Int {
                guard let value else { return fallback }
                let absolute = value < 0 ? rowCount + value : value
                return min(max(absolute, 0), rowCount)
            }
            let lower = clamp(start, default: 0)
            let upper = clamp(end, default: rowCount)
            return lower < upper ? Array(lower..<upper) : []
        case .labelEquals(let value), .labelNotEquals(let value):
            guard let labels else { throw ShellError("'\(name)' has no labels to select by") }
            guard let code = labels.names.firstIndex(of: value) else {
                let known = labels.names.prefix(12).joined(separator: ", ")
                throw ShellError("'\(name)' has no label '\(value)' (labels: \(known)\(labels.names.count > 12 ? ", …" : ""))")
            }
            let wanted = Int32(code)
            var keepsEqual = false
            if case .labelEquals = self { keepsEqual = true }
            return labels.codes.indices.filter { (labels.codes[$0] == wanted) == keepsEqual }
        }
    }
}
