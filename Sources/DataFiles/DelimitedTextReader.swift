import Foundation
import LinearAlgebra

/// Reads CSV/TSV (and `np.savetxt` whitespace-separated text) into a `Dataset`.
///
/// Header: with `.auto`, the first record is a header when some column is text there and a number
/// (or empty) on the next record, when it is a pandas header (`isPandasHeader`) — or when every field of
/// a single record is text. An unnamed first column holding 0…n−1 (pandas' index) is dropped with a note.
/// Numerals beyond float32's range refuse the read (`ReadingReport`). Labels come from
/// the column `labels` names (header name or 0-based index, negative from the end), else from a
/// column headed `label`/`labels`, as our own export writes. Empty fields and numpy's spellings
/// (`nan`, `inf`, `-inf`, also `NaN`, `NA`, `Infinity`) read as NaN/±Inf.
enum DelimitedTextReader {
    /// Header names we treat as the label column without being told (our CSV export writes `label`).
    static let automaticLabelColumns = ["label", "labels"]

    struct Table {
        var names: [String]?
        var records: [DelimitedTokenizer.Record]
    }

    /// Records between cancellation checks: a few milliseconds of parsing.
    static let recordsPerCancellationCheck = 4096

    /// Parses in one streaming pass: only the values (and label texts) are kept, never all the records.
    static func read(
        _ bytes: [UInt8], path: String, separator preferred: UInt8, header mode: HeaderMode, labels: String?,
        sourceType: String, cancellation: CancellationToken? = nil, reading: ReadingReport? = nil
    ) throws(DataFileError) -> Dataset {
        let tally = reading ?? ReadingReport()
        let dataset = try CLocale.whileActive { () throws(DataFileError) in
            try readInCLocale(
                bytes, path: path, separator: preferred, header: mode, labels: labels, sourceType: sourceType,
                cancellation: cancellation, reading: tally)
        }
        if let overflow = tally.overflowError(path: path, columns: dataset.columnCount) { throw overflow }
        return dataset
    }

    private static func readInCLocale(
        _ bytes: [UInt8], path: String, separator preferred: UInt8, header mode: HeaderMode, labels: String?,
        sourceType: String, cancellation: CancellationToken?, reading: ReadingReport
    ) throws(DataFileError) -> Dataset {
        var tokenizer = DelimitedTokenizer(
            bytes: bytes, separator: DelimitedTokenizer.detectSeparator(in: bytes, preferred: preferred))
        var pending: [DelimitedTokenizer.Record] = []
        while pending.count < 2, let record = try next(&tokenizer, path: path) { pending.append(record) }
        let headerRecord = hasHeader(pending, mode: mode) ? pending.removeFirst() : nil
        let names = headerRecord?.fields.map(trimmed)
        guard let first = pending.first else {
            throw DataFileError(
                path: path,
                message: names == nil
                    ? "has no data rows" : "has a header but no data rows; if line 1 is data, load with header=no")
        }
        let width = names?.count ?? first.fieldCount
        let widthLine = headerRecord?.line ?? first.line
        let labelColumn = try labelColumnIndex(labels, names: names, width: width, path: path)
        let columns = width - (labelColumn == nil ? 0 : 1)
        // Rows without features would load but could not be exported to npz (numpy-shaped (n, 0) data
        // is refused on read) nor measured; say so now.
        guard columns > 0 else {
            let name = labelColumn.flatMap { names?[$0] }.map { " '\($0)'" } ?? ""
            throw DataFileError(
                path: path, message: "has only the label column\(name) and no numeric columns to analyse")
        }
        var values: [Float] = []
        var labelValues: [String] = []
        var rows = 0
        // pandas writes its index as an unnamed first column; dropped below when it holds 0…n−1.
        var isIndexColumn = names?.first == "" && labelColumn != 0 && columns > 1
        var record = pending.removeFirst()
        var more = true
        while more {
            guard record.fieldCount == width else {
                throw DataFileError(
                    path: path,
                    message:
                        "line \(record.line) has \(record.fieldCount) fields, expected \(width) as on line \(widthLine)"
                )
            }
            for column in 0..<width {
                if column == labelColumn {
                    labelValues.append(trimmed(record.text(column)))
                    continue
                }
                guard let value = number(record.bytes(column)) else {
                    let name = names.map { " (\($0[column]))" } ?? ""
                    let headerAdvice =
                        rows == 0 && names == nil ? "; if line \(record.line) is a header, load with header=yes" : ""
                    throw DataFileError(
                        path: path,
                        message:
                            "line \(record.line), column \(column + 1)\(name): '\(record.text(column))' is not a number; "
                            + "if this column holds labels, load with labels=\(names?[column] ?? String(column))"
                            + headerAdvice)
                }
                if column == 0, isIndexColumn, value != Float(rows) { isIndexColumn = false }
                if value.isInfinite || value == 0 {
                    let change = float32RangeChange(record.bytes(column), parsed: value)
                    if change.overflow { reading.addOverflow(at: values.count) }
                    if change.underflow { reading.addUnderflow() }
                }
                values.append(value)
            }
            rows += 1
            if rows % recordsPerCancellationCheck == 0, cancellation?.isCancelled == true {
                throw DataFileError(path: path, message: "interrupted")
            }
            if pending.isEmpty {
                more = try next(&tokenizer, into: &record, path: path)
            } else {
                record = pending.removeFirst()
            }
        }
        var dataNames = names
        if let labelColumn { dataNames?.remove(at: labelColumn) }
        var kept = columns
        if isIndexColumn {
            values = values.enumerated().filter { $0.offset % columns != 0 }.map(\.element)
            dataNames?.removeFirst()
            kept -= 1
            reading.notes.append(
                "dropped the unnamed first column: it holds 0…\(rows - 1), a pandas index")
        }
        return Dataset(
            values: Matrix(rows: rows, columns: kept, values: values),
            labels: labelColumn == nil ? nil : Labels(values: labelValues),
            columnNames: dataNames, sourceType: sourceType)
    }

    private static func next(_ tokenizer: inout DelimitedTokenizer, path: String) throws(DataFileError)
        -> DelimitedTokenizer.Record?
    {
        var record = DelimitedTokenizer.Record()
        return try next(&tokenizer, into: &record, path: path) ? record : nil
    }

    private static func next(
        _ tokenizer: inout DelimitedTokenizer, into record: inout DelimitedTokenizer.Record, path: String
    ) throws(DataFileError) -> Bool {
        do throws(DelimitedTokenizer.Failure) {
            return try tokenizer.next(into: &record)
        } catch {
            throw DataFileError(path: path, message: error.message)
        }
    }

    /// `.auto`: some column is text on the first record and a number on the second; with one record,
    /// every field is text.
    private static func hasHeader(_ records: [DelimitedTokenizer.Record], mode: HeaderMode) -> Bool {
        guard let first = records.first else { return false }
        switch mode {
        case .yes: return true
        case .no: return false
        case .auto:
            guard records.count > 1 else { return first.fields.allSatisfy { number($0) == nil } }
            let second = records[1].fields
            let textOverNumber = first.fields.indices.contains { column in
                number(first.fields[column]) == nil && column < second.count && number(second[column]) != nil
            }
            return textOverNumber || isPandasHeader(first.fields, above: second)
        }
    }

    /// pandas' `to_csv` names columns `0,1,2…` and writes an empty name above its index (`,0,1,2`), or
    /// `0,1,2,label` with `index=False` and a label column. Such a line is a header when its numeric
    /// fields are exactly the integers 0…k−1 in order, and either its first field is empty above a number
    /// (the index) or it holds a text field while the next line holds a non-integer where it has numbers.
    static func isPandasHeader(_ fields: [String], above next: [String]) -> Bool {
        let names = fields.map(trimmed)
        let indexed = names.count > 1 && names[0].isEmpty && next.first.map { !trimmed($0).isEmpty && number($0) != nil } == true
        let rest = indexed ? Array(names.dropFirst()) : names
        let numericNames = rest.filter { number($0) != nil }
        guard !numericNames.isEmpty, numericNames == (0..<numericNames.count).map(String.init) else { return false }
        if indexed { return true }
        let hasText = rest.contains { !$0.isEmpty && number($0) == nil }
        let nextHasFraction = zip(names, next).contains { name, value in
            number(name) != nil && number(value) != nil && Int(trimmed(value)) == nil
        }
        return hasText && (nextHasFraction || rest.contains { automaticLabelColumns.contains($0.lowercased()) })
    }

    /// All records of a small label file, the header split off as `mode` says. Spaces never separate
    /// fields here: a label may be `big cat`.
    static func records(_ bytes: [UInt8], path: String, separator preferred: UInt8, header mode: HeaderMode)
        throws(DataFileError) -> Table
    {
        let separator = DelimitedTokenizer.detectSeparator(in: bytes, preferred: preferred, allowingWhitespace: false)
        var tokenizer = DelimitedTokenizer(bytes: bytes, separator: separator)
        var records: [DelimitedTokenizer.Record] = []
        while let record = try next(&tokenizer, path: path) { records.append(record) }
        guard hasHeader(records, mode: mode) else { return Table(names: nil, records: records) }
        return Table(names: records[0].fields.map(trimmed), records: Array(records.dropFirst()))
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
                throw DataFileError(
                    path: path,
                    message:
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
    static func number(_ field: String) -> Float? { number(ArraySlice(field.utf8)) }

    /// Longest numeral parsed on the stack; longer fields (never written by numpy) take the String path.
    static let stackNumeralBytes = 64

    /// As `number(_: String)`, straight from the file's bytes: digits go to `strtof`, which must consume
    /// the whole field. Callers parse inside `CLocale.whileActive` so `.` is the decimal point whatever
    /// the user's locale (numpy always writes `.`).
    static func number(_ field: ArraySlice<UInt8>) -> Float? {
        var start = field.startIndex
        var end = field.endIndex
        while start < end, field[start] == UInt8(ascii: " ") || field[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, field[end - 1] == UInt8(ascii: " ") || field[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard start < end else { return .nan }
        let first = field[start]
        let second = start + 1 < end ? field[start + 1] : 0
        func isDigitOrPoint(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
        }
        let isSign = first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
        guard isDigitOrPoint(first) || (isSign && isDigitOrPoint(second)) else {
            switch String(decoding: field[start..<end], as: UTF8.self).lowercased() {
            case "nan", "+nan", "-nan", "na", "n/a": return .nan
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default: return nil
            }
        }
        let length = end - start
        guard length < stackNumeralBytes else { return Float(String(decoding: field[start..<end], as: UTF8.self)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Float? in
            for offset in 0..<length { buffer[offset] = CChar(bitPattern: field[start + offset]) }
            buffer[length] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtof(buffer.baseAddress!, &stop)
            return stop == buffer.baseAddress! + length ? value : nil
        }
    }
}

extension DelimitedTextReader {
    /// Whether a field that parsed as ±Inf or 0 held a numeral beyond float32's range (not the text `inf`)
    /// or a nonzero numeral too small for it (not `0.0e+00`).
    static func float32RangeChange(_ field: ArraySlice<UInt8>, parsed value: Float) -> (overflow: Bool, underflow: Bool) {
        // A plain byte loop over the buffer: zeros are common (ReLU features), so this runs for many fields.
        field.withUnsafeBufferPointer { bytes in
            var index = 0
            let end = bytes.count
            while index < end {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x2B || byte == 0x2D else { break }  // space tab + -
                index += 1
            }
            guard index < end, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == 0x2E else {
                return (false, false)
            }
            if value.isInfinite { return (true, false) }
            // A nonzero digit in the mantissa (before the exponent marker) means the number was not 0.
            var hex = false
            if bytes[index] == 0x30, index + 1 < end, bytes[index + 1] | 0x20 == 0x78 {  // 0x…
                hex = true
                index += 2
            }
            let exponentMarker: UInt8 = hex ? 0x70 : 0x65  // p or e
            while index < end {
                let byte = bytes[index]
                let lower = byte | 0x20
                if (byte >= 0x31 && byte <= 0x39) || (hex && lower >= 0x61 && lower <= 0x66) { return (false, true) }
                if lower == exponentMarker { break }
                index += 1
            }
            return (false, false)
        }
    }
}

/// The C numeric locale, created once: `strtof` follows the thread's locale, and a shell that called
/// `setlocale(LC_ALL, "")` in a German locale would otherwise read "1.5" as 1.
enum CLocale {
    nonisolated(unsafe) static let handle: locale_t? = newlocale(LC_NUMERIC_MASK, "C", nil)

    /// Runs `body` with this thread's numeric locale set to C, then restores it.
    static func whileActive<Result>(_ body: () throws(DataFileError) -> Result) throws(DataFileError) -> Result {
        guard let handle else { return try body() }
        let previous = uselocale(handle)
        defer { if let previous { uselocale(previous) } }
        return try body()
    }
}
