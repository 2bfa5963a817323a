import Foundation
import LinearAlgebra

/// Turns a `CommandResult` into text for the current output mode.
///
/// table: aligned columns for people (numbers right-aligned, wide tables elided in the middle);
/// csv/tsv: RFC 4180 quoting / tab-separated, full precision; json: exactly one JSON object on one line.
struct Renderer {
    var settings: ShellSettings

    /// The whole rendering as one string (small results, tests, `export` previews); never cancelled.
    func render(_ result: CommandResult, command: String) -> String {
        var text = ""
        var output = BlockedOutput(token: nil) { text += $0 }
        // A nil token never throws.
        try? write(result, command: command, to: &output)
        return text
    }

    /// Renders `result` into `sink` block by block, checking `token` before each block of rows is written:
    /// a Ctrl-C during a 60,000-row `head` stops the output within one block and prints nothing more.
    ///
    /// - Throws: `CancellationError` once `token` trips; what was written so far ends at a row boundary.
    func write(
        _ result: CommandResult, command: String, to sink: any OutputSink, token: CancellationToken
    ) throws(CancellationError) {
        var output = BlockedOutput(token: token) { sink.writeOutput($0) }
        try write(result, command: command, to: &output)
    }

    private func write(_ result: CommandResult, command: String, to output: inout BlockedOutput) throws(CancellationError) {
        switch settings.mode {
        case .table: try humanText(result, to: &output)
        case .csv: try delimitedText(result, separator: ",", to: &output)
        case .tsv: try delimitedText(result, separator: "\t", to: &output)
        case .json: output.append(try JSONLine.object(for: result, command: command, token: output.token) + "\n")
        }
        try output.finish()
    }

    /// The error object printed on stdout in json mode, so every command yields one line.
    func renderError(_ message: String, command: String) -> String? {
        guard settings.mode == .json else { return nil }
        return JSONLine.encode(["command": .string(command), "ok": .bool(false), "error": .string(message)]) + "\n"
    }

    private func humanText(_ result: CommandResult, to output: inout BlockedOutput) throws(CancellationError) {
        for line in result.text { output.append(line + "\n") }
        let shownFields = result.fields.filter { $0.value != .missing }
        if !shownFields.isEmpty {
            let width = shownFields.map(\.key.count).max() ?? 0
            for (key, value) in shownFields {
                output.append(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value.display + "\n")
            }
        }
        if let table = result.table { try humanTable(table, to: &output) }
        for (title, table) in result.extraTables {
            output.append("\n\(title):\n")
            try humanTable(table, to: &output)
        }
    }

    func humanTable(_ table: ResultTable) -> String {
        var text = ""
        var output = BlockedOutput(token: nil) { text += $0 }
        try? humanTable(table, to: &output)
        try? output.finish()
        return text
    }

    private func humanTable(_ table: ResultTable, to output: inout BlockedOutput) throws(CancellationError) {
        let columnCount = table.columns.count
        guard columnCount > 0 else { return }
        var widths = table.columns.map(\.count)
        var displayed: [[String]] = []
        displayed.reserveCapacity(table.rows.count)
        for (index, row) in table.rows.enumerated() {
            if index % BlockedOutput.rowsPerCheck == 0 { try output.token?.checkCancellation() }
            let cells = row.map(\.display)
            for (column, cell) in cells.enumerated() { widths[column] = max(widths[column], cell.count) }
            displayed.append(cells)
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
        let header = line(table.columns, header: true)
        output.append((settings.usesColor ? "\u{1B}[1m\(header)\u{1B}[0m" : header) + "\n")
        output.append(line(widths.map { String(repeating: "─", count: $0) }, header: true) + "\n")
        for row in displayed {
            output.append(line(row, header: false) + "\n")
            try output.endRow()
        }
        if elided {
            output.append("(\(columnCount) columns, \(shown.count) shown; `mode csv` prints them all)\n")
        }
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

    private func delimitedText(
        _ result: CommandResult, separator: String, to output: inout BlockedOutput
    ) throws(CancellationError) {
        for line in result.text { output.append(line + "\n") }
        func quote(_ field: String) -> String {
            if separator == "\t" {
                return field.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            }
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        if !result.fields.isEmpty {
            output.append(result.fields.map { quote($0.key) }.joined(separator: separator) + "\n")
            output.append(result.fields.map { quote($0.value.machineText) }.joined(separator: separator) + "\n")
        }
        func table(_ table: ResultTable) throws(CancellationError) {
            output.append(table.columns.map(quote).joined(separator: separator) + "\n")
            for row in table.rows {
                output.append(row.map { quote($0.machineText) }.joined(separator: separator) + "\n")
                try output.endRow()
            }
        }
        if let main = result.table { try table(main) }
        for (_, extra) in result.extraTables {
            output.append("\n")
            try table(extra)
        }
    }
}

/// Rendered text on its way to the sink: rows are collected and handed over a block at a time, and the
/// token is checked before each block, so cancelled output stops at a row boundary and nothing is written
/// after the cancellation is seen.
struct BlockedOutput {
    /// Rows per block: 256 rows of a 128-column table format in a few milliseconds even in a debug build,
    /// well inside the 200 ms Ctrl-C bound, while keeping writes large.
    static let rowsPerBlock = 256
    /// Rows between token checks while building or formatting: a check is one atomic load, and 32 rows of
    /// 128 cells take well under a millisecond in release, a few in debug.
    static let rowsPerCheck = 32

    let token: CancellationToken?
    private let deliver: (String) -> Void
    private var pending = ""
    private var rowsPending = 0

    init(token: CancellationToken?, deliver: @escaping (String) -> Void) {
        self.token = token
        self.deliver = deliver
    }

    mutating func append(_ text: String) { pending += text }

    /// Marks the end of one table row; every `rowsPerBlock` rows the block is checked and written.
    mutating func endRow() throws(CancellationError) {
        rowsPending += 1
        if rowsPending % Self.rowsPerCheck == 0 { try token?.checkCancellation() }
        if rowsPending >= Self.rowsPerBlock { try flush() }
    }

    /// Writes what is left, unless the token has tripped.
    mutating func finish() throws(CancellationError) { try flush() }

    private mutating func flush() throws(CancellationError) {
        guard !pending.isEmpty else { return }
        try token?.checkCancellation()
        deliver(pending)
        pending = ""
        rowsPending = 0
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
    /// One command's JSON line; `token` is checked every block of table rows.
    static func object(for result: CommandResult, command: String, token: CancellationToken? = nil) throws(CancellationError) -> String {
        var members: [(String, JSONValue)] = [("command", .string(command)), ("ok", .bool(true))]
        for (key, value) in result.fields { members.append((key, JSONValue(value))) }
        if let table = result.table {
            members.append(("table", try rowObjects(table, token: token)))
        }
        for (title, table) in result.extraTables {
            members.append((title, try rowObjects(table, token: token)))
        }
        if !result.text.isEmpty { members.append(("text", .string(result.text.joined(separator: "\n")))) }
        if !result.notes.isEmpty { members.append(("notes", .array(result.notes.map { .string($0) }))) }
        if !result.warnings.isEmpty { members.append(("warnings", .array(result.warnings.map { .string($0) }))) }
        return encode(.object(members))
    }

    /// A table as an array of row objects keyed by column name, already encoded (so that a long table is
    /// encoded under the token, a block of rows at a time).
    static func rowObjects(_ table: ResultTable, token: CancellationToken? = nil) throws(CancellationError) -> JSONValue {
        var text = "["
        for (index, row) in table.rows.enumerated() {
            if index % BlockedOutput.rowsPerCheck == 0 { try token?.checkCancellation() }
            if index > 0 { text += "," }
            text += encode(.object(zip(table.columns, row).map { ($0, JSONValue($1)) }))
        }
        return .literal(text + "]")
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
