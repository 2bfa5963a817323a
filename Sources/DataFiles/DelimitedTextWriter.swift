/// Writes CSV/TSV as numpy and pandas read it: a header `x0…x{d-1}` (or the dataset's column names) plus
/// `label` when labelled, values in the shortest text that reads back to the same Float (`nan`, `inf`,
/// `-inf` as numpy spells them), labels quoted only when they hold the separator, a quote or a line break.
enum DelimitedTextWriter {
    /// Rows rendered per write call: bounds the text held in memory for large datasets.
    static let rowsPerChunk = 1024

    static func write(_ dataset: Dataset, to file: WritableFile, separator: Character, includeHeader: Bool = true)
        throws(DataFileError)
    {
        let separatorText = String(separator)
        if includeHeader {
            var names =
                dataset.columnNames?.count == dataset.columnCount
                ? dataset.columnNames! : (0..<dataset.columnCount).map { "x\($0)" }
            if dataset.labels != nil { names.append("label") }
            try file.write(
                Array((names.map { quoted($0, separator: separator) }.joined(separator: separatorText) + "\n").utf8))
        }
        var chunk = ""
        for row in 0..<dataset.rowCount {
            var fields = dataset.values.row(row).map { "\($0)" }
            if let labels = dataset.labels { fields.append(quoted(labels.name(ofRow: row), separator: separator)) }
            chunk += fields.joined(separator: separatorText)
            chunk += "\n"
            if row % rowsPerChunk == rowsPerChunk - 1 {
                try file.write(Array(chunk.utf8))
                chunk = ""
            }
        }
        try file.write(Array(chunk.utf8))
    }

    static func quoted(_ text: String, separator: Character) -> String {
        let needsQuotes =
            text.contains(separator) || text.contains("\"") || text.contains("\n")
            || text.contains("\r") || text.hasPrefix("#") || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
