import DataFiles
import Foundation
import LinearAlgebra

/// One cell of a result table. Numbers stay numbers so that JSON and CSV output keep them exact.
public enum Cell: Sendable, Equatable, Codable {
    case integer(Int)
    case number(Double)
    /// A float32 value from a dataset, printed with Float's own shortest representation.
    case float(Float)
    case text(String)
    case boolean(Bool)
    case missing

    /// The text shown in human tables: numbers with up to 6 significant digits.
    public var display: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): Cell.format(value)
        case .float(let value): Cell.format(Double(value))
        case .text(let value): value
        case .boolean(let value): value ? "yes" : "no"
        case .missing: ""
        }
    }

    /// Full precision for machine formats (CSV/TSV): shortest round-tripping representation.
    public var machineText: String {
        switch self {
        case .number(let value): value.isFinite ? "\(value)" : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
        case .float(let value): value.isFinite ? "\(value)" : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
        default: display
        }
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-4 && magnitude < 1e9 {
            var text = String(format: "%.6g", value)
            if text.contains("e") { text = String(format: "%.4f", value) }
            return text
        }
        return String(format: "%.4e", value)
    }

    var numericValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        case .float(let value): Double(value)
        default: nil
        }
    }

    var isNumeric: Bool {
        switch self {
        case .integer, .number, .float: true
        default: false
        }
    }
}

/// A result with named columns: what most commands return and what `NAME = …` can keep.
public struct ResultTable: Sendable, Equatable, Codable {
    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}

extension ResultTable {
    /// The first `count` rows of `dataset` as a table (`row`, one column per feature, `label`), as `head`
    /// shows them. Building 60,000 rows of 128 cells takes seconds, so `token` is checked every block.
    ///
    /// - Throws: `CancellationError` once `token` trips.
    static func leadingRows(of dataset: Dataset, count: Int, token: CancellationToken) throws(CancellationError) -> ResultTable {
        let shown = min(count, dataset.rowCount)
        var columns = ["row"] + (dataset.columnNames ?? (0..<dataset.columnCount).map { "x\($0)" })
        if dataset.labels != nil { columns.append("label") }
        var table = ResultTable(columns: columns)
        table.rows.reserveCapacity(shown)
        for row in 0..<shown {
            if row % BlockedOutput.rowsPerCheck == 0 { try token.checkCancellation() }
            var cells: [Cell] = [.integer(row)]
            cells += dataset.values.row(row).map { .float($0) }
            if let labels = dataset.labels { cells.append(.text(labels.name(ofRow: row))) }
            table.rows.append(cells)
        }
        return table
    }
}
