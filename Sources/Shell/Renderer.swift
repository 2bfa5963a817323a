import Foundation

/// Turns a `CommandResult` into text for the current output mode.
///
/// table: aligned columns for people (numbers right-aligned, wide tables elided in the middle);
/// csv/tsv: RFC 4180 quoting / tab-separated, full precision; json: exactly one JSON object on one line.
struct Renderer {
    var settings: ShellSettings

    func render(_ result: CommandResult, command: String) -> String {
        switch settings.mode {
        case .table: humanText(result)
        case .csv: delimitedText(result, separator: ",")
        case .tsv: delimitedText(result, separator: "\t")
        case .json: JSONLine.object(for: result, command: command) + "\n"
        }
    }

    /// The error object printed on stdout in json mode, so every command yields one line.
    func renderError(_ message: String, command: String) -> String? {
        guard settings.mode == .json else { return nil }
        return JSONLine.encode(["command": .string(command), "ok": .bool(false), "error": .string(message)]) + "\n"
    }

    private func humanText(_ result: CommandResult) -> String {
        var output = ""
        for line in result.text { output += line + "\n" }
        let shownFields = result.fields.filter { $0.value != .missing }
        if !shownFields.isEmpty {
            let width = shownFields.map(\.key.count).max() ?? 0
            for (key, value) in shownFields {
                output += key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value.display + "\n"
            }
        }
        if let table = result.table { output += humanTable(table) }
        for (title, table) in result.extraTables { output += "\n\(title):\n" + humanTable(table) }
        return output
    }

    func humanTable(_ table: ResultTable) -> String {
        let columnCount = table.columns.count
        guard columnCount > 0 else { return "" }
        var widths = table.columns.map(\.count)
        let displayed = table.rows.map { $0.map(\.display) }
        for row in displayed {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let numeric = (0..<columnCount).map { column in
            !table.rows.isEmpty && table.rows.allSatisfy { $0[column].isNumeric || $0[column] == .missing }
        }
        squeezeTextColumns(&widths, numeric: numeric, headers: table.columns)
        let shown = visibleColumns(widths: widths)
        let elided = shown.count < columnCount
        func line(_ cells: [String], header: Bool) -> String {
            var parts: [String] = []
            for (position, column) in shown.enumerated() {
                if elided, position > 0, shown[position - 1] + 1 != column { parts.append("…") }
                var cell = cells[column]
                if cell.count > widths[column] { cell = String(cell.prefix(widths[column] - 1)) + "…" }
                let padded = numeric[column] && !header
                    ? String(repeating: " ", count: widths[column] - cell.count) + cell
                    : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                parts.append(padded)
            }
            let text = parts.joined(separator: "  ")
            var trimmed = text
            while trimmed.hasSuffix(" ") { trimmed.removeLast() }
            return trimmed
        }
        var output = ""
        let header = line(table.columns, header: true)
        output += (settings.usesColor ? "\u{1B}[1m\(header)\u{1B}[0m" : header) + "\n"
        output += line(widths.map { String(repeating: "─", count: $0) }, header: true) + "\n"
        for row in displayed { output += line(row, header: false) + "\n" }
        if elided {
            output += "(\(columnCount) columns, \(shown.count) shown; `mode csv` prints them all)\n"
        }
        return output
    }

    /// Text columns narrower than this are never cut: names and kinds stay readable.
    static let narrowestCutColumn = 16

    /// When a table is too wide, long text cells (an `ls` source line, a path) are cut with `…`, widest
    /// column first, before whole columns are elided: the short columns beside them stay visible.
    private func squeezeTextColumns(_ widths: inout [Int], numeric: [Bool], headers: [String]) {
        var excess = widths.reduce(0, +) + 2 * max(0, widths.count - 1) - settings.terminalWidth
        let candidates = widths.indices.filter { !numeric[$0] }.sorted { widths[$0] > widths[$1] }
        for column in candidates where excess > 0 {
            let floor = max(Self.narrowestCutColumn, headers[column].count)
            let cut = min(excess, widths[column] - floor)
            guard cut > 0 else { continue }
            widths[column] -= cut
            excess -= cut
        }
    }

    /// Columns that fit the terminal: all of them, or the first ones and the last two around a `…`.
    private func visibleColumns(widths: [Int]) -> [Int] {
        let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        guard total > settings.terminalWidth, widths.count > 4 else { return Array(widths.indices) }
        let tail = [widths.count - 2, widths.count - 1]
        var budget = settings.terminalWidth - (widths[tail[0]] + widths[tail[1]] + 4) - 3
        var head: [Int] = []
        for index in widths.indices.dropLast(2) {
            let cost = widths[index] + 2
            if cost > budget, !head.isEmpty { break }
            head.append(index)
            budget -= cost
        }
        return head + tail
    }

    private func delimitedText(_ result: CommandResult, separator: String) -> String {
        var output = ""
        for line in result.text { output += line + "\n" }
        func quote(_ field: String) -> String {
            if separator == "\t" {
                return field.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            }
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        if !result.fields.isEmpty {
            output += result.fields.map { quote($0.key) }.joined(separator: separator) + "\n"
            output += result.fields.map { quote($0.value.machineText) }.joined(separator: separator) + "\n"
        }
        if let table = result.table {
            output += table.columns.map(quote).joined(separator: separator) + "\n"
            for row in table.rows { output += row.map { quote($0.machineText) }.joined(separator: separator) + "\n" }
        }
        for (_, table) in result.extraTables {
            output += "\n" + table.columns.map(quote).joined(separator: separator) + "\n"
            for row in table.rows { output += row.map { quote($0.machineText) }.joined(separator: separator) + "\n" }
        }
        return output
    }
}

/// A minimal JSON value and encoder: numbers stay numbers, non-finite numbers become null (JSON has
/// no NaN), keys keep their insertion order so output is deterministic.
indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    /// A number already formatted as JSON (float32 values keep their shortest form).
    case literal(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { JSONLine.encode(lhs) == JSONLine.encode(rhs) }

    init(_ cell: Cell) {
        switch cell {
        case .integer(let value): self = .integer(value)
        case .number(let value): self = value.isFinite ? .number(value) : .null
        case .float(let value): self = value.isFinite ? .literal("\(value)") : .null
        case .text(let value): self = .string(value)
        case .boolean(let value): self = .bool(value)
        case .missing: self = .null
        }
    }
}

enum JSONLine {
    static func object(for result: CommandResult, command: String) -> String {
        var members: [(String, JSONValue)] = [("command", .string(command)), ("ok", .bool(true))]
        for (key, value) in result.fields { members.append((key, JSONValue(value))) }
        if let table = result.table {
            members.append(("table", rowObjects(table)))
        }
        for (title, table) in result.extraTables {
            members.append((title, rowObjects(table)))
        }
        if !result.text.isEmpty { members.append(("text", .string(result.text.joined(separator: "\n")))) }
        if !result.notes.isEmpty { members.append(("notes", .array(result.notes.map { .string($0) }))) }
        if !result.warnings.isEmpty { members.append(("warnings", .array(result.warnings.map { .string($0) }))) }
        return encode(.object(members))
    }

    /// A table as an array of row objects keyed by column name.
    static func rowObjects(_ table: ResultTable) -> JSONValue {
        .array(table.rows.map { row in .object(zip(table.columns, row).map { ($0, JSONValue($1)) }) })
    }

    static func encode(_ members: [String: JSONValue]) -> String {
        encode(.object(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    static func encode(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return quote(text)
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : "\(number)"
        case .integer(let number): return String(number)
        case .literal(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { quote($0.0) + ":" + encode($0.1) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
