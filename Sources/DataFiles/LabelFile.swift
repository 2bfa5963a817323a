import LinearAlgebra

/// Labels given as their own file (`labels=PATH`): a 1-D `.npy` of text or integers, or a text file
/// with one label per line (or a header and a `label`/`labels` column). A one-column file whose first line
/// is `label`/`labels` and which holds one line more than the data has rows has that line as a header.
enum LabelFile {
    /// `column` names the header of the column to use in a multi-column text file (default `label`/`labels`).
    static func read(_ path: String, rowCount: Int, column: String? = nil) throws(DataFileError) -> Labels {
        let labels: Labels
        if DataFormat.inferred(fromPath: path) == .npy {
            if let column {
                throw DataFileError(path: path, message: "label_column=\(column) applies to text label files, not .npy")
            }
            labels = try self.labels(fromNpy: ReadableFile(path: path))
        } else {
            let bytes = try ReadableFile(path: path).readAll()
            let table = try DelimitedTextReader.records(bytes, path: path, separator: UInt8(ascii: ","), header: .no)
            // One label per line, spaces included.
            labels = try self.labels(fromRecords: table.records, path: path, rowCount: rowCount, column: column)
        }
        guard labels.count == rowCount else {
            throw DataFileError(path: path, message: "has \(labels.count) labels, but the data has \(rowCount) rows")
        }
        return labels
    }

    private static func labels(
        fromRecords records: [DelimitedTokenizer.Record], path: String, rowCount: Int, column wanted: String?
    ) throws(DataFileError) -> Labels {
        guard let first = records.first else { throw DataFileError(path: path, message: "has no labels") }
        if first.fields.count == 1, wanted == nil {
            var values = records.map { DelimitedTextReader.trimmed($0.fields[0]) }
            let headed = DelimitedTextReader.automaticLabelColumns.contains(values[0].lowercased())
            if headed, values.count == rowCount + 1 { values.removeFirst() }
            return Labels(values: values)
        }
        let names = first.fields.map { DelimitedTextReader.trimmed($0).lowercased() }
        let column: Int
        if let wanted {
            guard let index = names.firstIndex(of: wanted.lowercased()) else {
                throw DataFileError(
                    path: path,
                    message: "has no column headed '\(wanted)'; its header is \(names.joined(separator: ", "))")
            }
            column = index
        } else {
            guard let index = names.firstIndex(where: { DelimitedTextReader.automaticLabelColumns.contains($0) }) else {
                throw DataFileError(
                    path: path,
                    message:
                        "has \(first.fields.count) columns and none is headed 'label'; pick one with label_column=NAME, "
                        + "or give a file with one label per line")
            }
            column = index
        }
        var values: [String] = []
        for record in records.dropFirst() {
            guard column < record.fields.count else {
                throw DataFileError(path: path, message: "line \(record.line) has no field \(column + 1)")
            }
            values.append(DelimitedTextReader.trimmed(record.fields[column]))
        }
        return Labels(values: values)
    }

    /// A 1-D array as labels: text as is, numbers as integers when they are whole.
    static func labels(fromNpy source: some ByteSource) throws(DataFileError) -> Labels {
        let header = try NpyHeader.read(from: source)
        guard header.shape.count <= 1 || header.shape.dropFirst().allSatisfy({ $0 == 1 }) else {
            throw source.error("labels must be a 1-D array, found shape \(header.shape)")
        }
        if header.elementType.isText { return Labels(values: try NpyReader.readTexts(header, from: source)) }
        let values: Matrix<Double> = try NpyReader.readNumbers(header, from: source)
        return Labels(
            values: values.values.map { value in
                if let whole = Int64(exactly: value) { return String(whole) }
                return String(describing: value)
            })
    }
}
