import LinearAlgebra

/// Labels given as their own file (`labels=PATH`): a 1-D `.npy` of text or integers, an `.npz` member
/// (`labels`, else the only member, or `label_key=NAME`), an integer `.safetensors` tensor, or a text file
/// with one label per line (or a header and a `label`/`labels` column). A one-column file whose first line
/// is `label`/`labels` and which holds one line more than the data has rows has that line as a header.
enum LabelFile {
    /// `column` names the header of the column to use in a multi-column text file (default `label`/`labels`);
    /// `key` the member of an `.npz` / tensor of a `.safetensors` label file.
    static func read(_ path: String, rowCount: Int, column: String? = nil, key: String? = nil)
        throws(DataFileError) -> Labels
    {
        let format = DataFormat.inferred(fromPath: path)
        let isArchive = format == .npz || format == .safetensors
        if let column, format == .npy || isArchive {
            throw DataFileError(
                path: path, message: "label_column=\(column) applies to text label files; for arrays use label_key=NAME")
        }
        if let key, !isArchive {
            throw DataFileError(path: path, message: "label_key=\(key) applies to .npz and .safetensors label files")
        }
        let labels: Labels
        switch format {
        case .npy: labels = try self.labels(fromNpy: ReadableFile(path: path))
        case .npz: labels = try self.labels(fromArchive: NpzArchive(path: path), key: key)
        case .safetensors: labels = try self.labels(fromSafetensors: ReadableFile(path: path), key: key)
        default:
            let bytes = try ReadableFile(path: path).readAll()
            try checkIsText(bytes, path: path)
            let table = try DelimitedTextReader.records(bytes, path: path, separator: UInt8(ascii: ","), header: .no)
            // One label per line, spaces included.
            labels = try self.labels(fromRecords: table.records, path: path, rowCount: rowCount, column: column)
        }
        guard labels.count == rowCount else {
            var message = "has \(labels.count) labels, but the data has \(rowCount) rows"
            if labels.count == rowCount + 1, format != .npy, !isArchive {
                message += "; if its first line is a header, name it with label_column=NAME"
            }
            throw DataFileError(path: path, message: message)
        }
        return labels
    }

    /// Member names tried, in order, when an `.npz` label file holds several arrays and no `label_key=`.
    static let defaultMemberNames = ["labels", "label", "y"]

    /// Labels from the member `key` of an npz, else `labels`/`label`/`y`, else its only member.
    static func labels(fromArchive archive: NpzArchive, key: String?) throws(DataFileError) -> Labels {
        let names = archive.memberNames
        let member: String
        if let key {
            guard names.contains(key) else {
                throw DataFileError(
                    path: archive.path, message: "has no member '\(key)'; members: \(names.joined(separator: ", "))")
            }
            member = key
        } else if let named = defaultMemberNames.first(where: names.contains) {
            member = named
        } else if names.count == 1 {
            member = names[0]
        } else {
            throw DataFileError(
                path: archive.path,
                message: names.isEmpty
                    ? "the archive holds no arrays"
                    : "holds several arrays (\(names.joined(separator: ", "))) and none is named labels; "
                        + "pick one with label_key=NAME")
        }
        return try labels(fromNpy: archive.bytes(of: member))
    }

    /// Labels from an integer (or whole-valued float) tensor; safetensors holds no text.
    static func labels(fromSafetensors file: ReadableFile, key: String?) throws(DataFileError) -> Labels {
        let names = try SafetensorsFile.header(of: file).tensors.map(\.name)
        let chosen = key ?? defaultMemberNames.first(where: names.contains) ?? (names.count == 1 ? names.first : nil)
        guard let chosen else {
            throw file.error(
                "holds several tensors (\(names.joined(separator: ", "))) and none is named labels; "
                    + "pick one with label_key=NAME")
        }
        let (tensor, header) = try SafetensorsFile.selected(in: file, key: chosen)
        guard tensor.shape.count <= 1 || tensor.shape.dropFirst().allSatisfy({ $0 == 1 }) else {
            throw file.error("labels must be a 1-D tensor, found '\(tensor.name)' of shape \(tensor.shape)")
        }
        return labels(fromNumbers: try NpyReader.readNumbers(header, from: file))
    }

    /// Refuses bytes that cannot be a text label file: NUL bytes or invalid UTF-8 (an archive or a binary
    /// array given under another extension would otherwise load as garbage labels).
    static func checkIsText(_ bytes: [UInt8], path: String) throws(DataFileError) {
        let advice = "give labels as .npy, .npz, or a text file with one label per line"
        if let offset = bytes.firstIndex(of: 0) {
            throw DataFileError(
                path: path, message: "is binary, not a text label file (a NUL byte at offset \(offset)); \(advice)")
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            throw DataFileError(path: path, message: "is binary, not a text label file (not valid UTF-8); \(advice)")
        }
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
                // A number in the first line means there is no header, so there are no names to pick.
                if first.fields.contains(where: { DelimitedTextReader.number($0) != nil && !$0.isEmpty }) {
                    throw DataFileError(
                        path: path,
                        message:
                            "has \(first.fields.count) columns and no header; give a file with one label per line, "
                            + "or load this file as data and pick the label column with labels=INDEX")
                }
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
        return labels(fromNumbers: try NpyReader.readNumbers(header, from: source))
    }

    /// Numbers as labels: integers when they are whole.
    private static func labels(fromNumbers values: Matrix<Double>) -> Labels {
        Labels(
            values: values.values.map { value in
                if let whole = Int64(exactly: value) { return String(whole) }
                return String(describing: value)
            })
    }
}
