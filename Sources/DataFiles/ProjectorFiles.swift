import Foundation

/// The TensorBoard Embedding Projector pair in one directory: `tensors.tsv` (values, tab-separated, no
/// header) and optional `metadata.tsv` (one label per line without header, or several columns with a
/// header row — then labels come from the named column, else the first). Format as projector.tensorflow.org
/// loads it: https://www.tensorflow.org/tensorboard/tensorboard_projector_plugin
enum ProjectorFiles {
    static let tensorsName = "tensors.tsv"
    static let metadataName = "metadata.tsv"

    static func read(_ path: String, labelColumn: String?, reading: ReadingReport? = nil) throws(DataFileError) -> Dataset {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        // A path to tensors.tsv itself names its directory.
        let directory =
            exists && !isDirectory.boolValue ? URL(fileURLWithPath: path).deletingLastPathComponent().path : path
        let tensorsPath = directory + "/" + tensorsName
        var dataset = try DelimitedTextReader.read(
            ReadableFile(path: tensorsPath).readAll(), path: tensorsPath, separator: UInt8(ascii: "\t"), header: .no,
            labels: nil, sourceType: "projector", reading: reading)
        let metadataPath = directory + "/" + metadataName
        guard FileManager.default.fileExists(atPath: metadataPath) else {
            if let labelColumn {
                throw DataFileError(
                    path: directory, message: "labels=\(labelColumn) given but there is no \(metadataName)")
            }
            return dataset
        }
        dataset.labels = try labels(metadataPath, column: labelColumn, rowCount: dataset.rowCount)
        return dataset
    }

    /// Metadata lines split on tabs without quoting or comments (the projector has neither); only a final
    /// empty line is dropped, so empty labels keep their rows.
    private static func labels(_ path: String, column: String?, rowCount: Int) throws(DataFileError) -> Labels {
        var bytes = try ReadableFile(path: path, allowEmpty: true).readAll()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        let rows = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var index = 0
        let multiColumn = (rows.first?.count ?? 1) > 1
        if multiColumn, let column {
            let names = rows[0].map(DelimitedTextReader.trimmed)
            guard let found = DelimitedTextReader.labelColumnIndexIfValid(column, names: names) else {
                throw DataFileError(
                    path: path,
                    message:
                        "no column named '\(column)' for labels=: columns are \(names.joined(separator: ", "))")
            }
            index = found
        }
        var values: [String] = []
        for (offset, fields) in rows.enumerated().dropFirst(multiColumn ? 1 : 0) {
            guard index < fields.count else {
                throw DataFileError(path: path, message: "line \(offset + 1) has no field \(index + 1)")
            }
            values.append(fields[index])
        }
        guard values.count == rowCount else {
            throw DataFileError(
                path: path, message: "has \(values.count) labels, but \(tensorsName) has \(rowCount) rows")
        }
        return Labels(values: values)
    }

    /// Writes the pair into directory `path` (created when missing); each file is written atomically.
    static func write(_ dataset: Dataset, to path: String) throws(DataFileError) {
        // The projector has no quoting: a tab or line break inside a label would shift its columns.
        if let name = dataset.labels?.names.first(where: { $0.contains(where: { "\t\n\r".contains($0) }) }) {
            throw DataFileError(
                path: path,
                message:
                    "label \(name.debugDescription) holds a tab or line break, which metadata.tsv cannot hold; "
                    + "rename it, or export to .csv")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DataFileError(
                path: path, message: "cannot create the projector directory: \(error.localizedDescription)")
        }
        var values = dataset
        values.labels = nil
        let tensorsPath = path + "/" + tensorsName
        try AtomicFile.write(to: tensorsPath) { (temporary) throws(DataFileError) in
            try DelimitedTextWriter.write(
                values, to: WritableFile(temporaryPath: temporary, reportingAs: tensorsPath), separator: "\t",
                includeHeader: false)
        }
        guard let labels = dataset.labels else { return }
        var text = ""
        for row in 0..<labels.count { text += labels.name(ofRow: row) + "\n" }
        let metadataPath = path + "/" + metadataName
        try AtomicFile.write(to: metadataPath) { (temporary) throws(DataFileError) in
            try WritableFile(temporaryPath: temporary, reportingAs: metadataPath).write(Array(text.utf8))
        }
    }
}
