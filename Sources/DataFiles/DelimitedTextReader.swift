import LinearAlgebra

/// Reads CSV/TSV (and `np.savetxt` whitespace-separated text) into a `Dataset`.
///
/// Header: with `.auto`, the first record is a header when some column is text there and a number
/// (or empty) on the next record — or when every field of a single record is text. Labels come from
/// the column `labels` names (header name or 0-based index, negative from the end), else from a
/// column headed `label`/`labels`, as our own export writes. Empty fields and numpy's spellings
/// (`nan`, `inf`, `-inf`, also `NaN`, `NA`, `Infinity`) read as NaN/±Inf.
enum DelimitedTextReader {
    /// Header names we treat as the label column without being told (our CSV export writes `label`).
    static let automaticLabelColumns = ["label", "labels"]

    struct Table {
        var names: [String]?
        /// The line the header (or else the first record) is on: the width every record must match.
        var widthLine: Int
        var records: [DelimitedTokenizer.Record]
    }

    static func read(
        _ bytes: [UInt8], path: String, separator preferred: UInt8, header mode: HeaderMode, labels: String?,
        sourceType: String
    ) throws(DataFileError) -> Dataset {
        let table = try records(bytes, path: path, separator: preferred, header: mode)
        guard let first = table.records.first else {
            throw DataFileError(path: path, message: table.names == nil ? "has no data rows" : "has a header but no data rows")
        }
        let width = table.names?.count ?? first.fields.count
        let labelColumn = try labelColumnIndex(labels, names: table.names, width: width, path: path)
        var values: [Float] = []
        values.reserveCapacity(table.records.count * (width - (labelColumn == nil ? 0 : 1)))
        var labelValues: [String] = []
        for record in table.records {
            guard record.fields.count == width else {
                throw DataFileError(path: path, message:
                    "line \(record.line) has \(record.fields.count) fields, expected \(width) as on line \(table.widthLine)")
            }
            for (column, field) in record.fields.enumerated() {
                if column == labelColumn {
                    labelValues.append(trimmed(field))
                    continue
                }
                guard let value = number(field) else {
                    let name = table.names.map { " (\($0[column]))" } ?? ""
                    throw DataFileError(path: path, message:
                        "line \(record.line), column \(column + 1)\(name): '\(field)' is not a number; "
                        + "if this column holds labels, load with labels=\(table.names?[column] ?? String(column))")
                }
                values.append(value)
            }
        }
        let columns = width - (labelColumn == nil ? 0 : 1)
        var names = table.names
        if let labelColumn { names?.remove(at: labelColumn) }
        return Dataset(
            values: Matrix(rows: table.records.count, columns: columns, values: values),
            labels: labelColumn == nil ? nil : Labels(values: labelValues),
            columnNames: names, sourceType: sourceType)
    }

    /// Tokenizes all records and splits off the header.
    static func records(_ bytes: [UInt8], path: String, separator preferred: UInt8, header mode: HeaderMode)
        throws(DataFileError) -> Table
    {
        var tokenizer = DelimitedTokenizer(
            bytes: bytes, separator: DelimitedTokenizer.detectSeparator(in: bytes, preferred: preferred))
        var records: [DelimitedTokenizer.Record] = []
        do throws(DelimitedTokenizer.Failure) {
            while let record = try tokenizer.next() { records.append(record) }
        } catch {
            throw DataFileError(path: path, message: error.message)
        }
        guard let first = records.first else { return Table(names: nil, widthLine: 0, records: []) }
        let hasHeader: Bool
        switch mode {
        case .yes: hasHeader = true
        case .no: hasHeader = false
        case .auto:
            if records.count > 1 {
                let second = records[1].fields
                hasHeader = first.fields.indices.contains { column in
                    number(first.fields[column]) == nil && column < second.count && number(second[column]) != nil
                }
            } else {
                hasHeader = first.fields.allSatisfy { number($0) == nil }
            }
        }
        guard hasHeader else { return Table(names: nil, widthLine: first.line, records: records) }
        return Table(names: first.fields.map(trimmed), widthLine: first.line, records: Array(records.dropFirst()))
    }

    static func labelColumnIndex(_ option: String?, names: [String]?, width: Int, path: String) throws(DataFileError)
        -> Int?
    {
        guard let option else {
            return names?.firstIndex { automaticLabelColumns.contains($0.lowercased()) }
        }
        if let index = names?.firstIndex(of: option) { return index }
        if let index = Int(option) {
            let resolved = index < 0 ? width + index : index
            guard resolved >= 0 && resolved < width else {
                throw DataFileError(path: path, message:
                    "labels=\(option) is out of range: the file has \(width) columns (indices 0…\(width - 1))")
            }
            return resolved
        }
        let known = names.map { ": columns are " + $0.joined(separator: ", ") } ?? " and the file has no header"
        throw DataFileError(path: path, message: "no column named '\(option)' for labels=\(known)")
    }

    /// The column `option` names (header name first, then index), or nil when it names none.
    static func labelColumnIndexIfValid(_ option: String, names: [String]) -> Int? {
        try? labelColumnIndex(option, names: names, width: names.count, path: "")
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// A field as a number, or nil when it is text. Empty fields are NaN (pandas writes NaN that way).
    static func number(_ field: String) -> Float? {
        let text = trimmed(field)
        guard let first = text.utf8.first else { return .nan }
        let startsNumeric = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: ".")
        if !startsNumeric {
            switch text.lowercased() {
            case "nan", "+nan", "-nan", "na", "n/a": return .nan
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default: break
            }
        }
        return Float(text)
    }
}
