import Foundation
import LinearAlgebra

/// The entry point for reading: picks the format, reads, attaches labels, and never returns half a dataset.
public enum DataFileReader {
    /// Reads `path` as a dataset, or as FID statistics when it is an npz with `mu` and `sigma`.
    ///
    /// - Cost: one pass over the file; `.npy` float32 data is read straight into the matrix.
    public static func load(_ path: String, options: LoadOptions = .init()) throws(DataFileError) -> LoadedFile {
        var notes: [String] = []
        return try load(path, options: options, notes: &notes)
    }

    /// As `load(_:options:)`, appending to `notes` what the user should know but that does not stop the
    /// load (values too small for float32 that became 0).
    public static func load(_ path: String, options: LoadOptions = .init(), notes: inout [String])
        throws(DataFileError) -> LoadedFile
    {
        let tally = ReadingReport()
        defer { notes += tally.notes(path: path) }
        let format = try resolvedFormat(of: path, requested: options.format)
        if let key = options.key, format != .npz, format != .safetensors {
            throw DataFileError(path: path, message: "key=\(key) only applies to .npz and .safetensors files")
        }
        // labels= names a column of the file itself unless it names an existing file (PRODUCT.md).
        let labelFile = isExistingFile(options.labels) ? options.labels : nil
        let labelColumn = labelFile == nil ? options.labels : nil
        if let column = options.labelColumn, labelFile == nil {
            throw DataFileError(path: path, message: "label_column=\(column) names a column of a label file; give labels=FILE too")
        }
        if let labelKey = options.labelKey, labelFile == nil {
            throw DataFileError(path: path, message: "label_key=\(labelKey) names a member of a label file; give labels=FILE too")
        }
        // labels=MEMBER of the archive being loaded: the `np.savez(f, x=features, y=labels)` layout.
        let labelMember = format == .npz || format == .safetensors ? labelColumn : nil
        let loaded: LoadedFile
        switch format {
        case .npy:
            loaded = .dataset(
                try dataset(fromNpy: ReadableFile(path: path), cancellation: options.cancellation, reading: tally))
        case .npz: loaded = try readNpz(path, key: options.key, excluding: labelMember, reading: tally)
        case .csv, .tsv:
            let bytes = try ReadableFile(path: path).readAll()
            loaded = .dataset(
                try DelimitedTextReader.read(
                    bytes, path: path, separator: UInt8(ascii: format == .csv ? "," : "\t"), header: options.header,
                    labels: labelColumn, sourceType: format.rawValue, cancellation: options.cancellation,
                    reading: tally))
        case .projector: loaded = .dataset(try ProjectorFiles.read(path, labelColumn: labelColumn, reading: tally))
        case .safetensors:
            var key = options.key
            if key == nil { key = try otherTensor(in: path, than: labelMember) }
            loaded = .dataset(try SafetensorsFile.read(path, key: key, reading: tally))
        }
        if let labelMember {
            guard case .dataset(var dataset) = loaded else {
                throw DataFileError(path: path, message: "holds FID statistics, which have no rows to label")
            }
            let labels = try archiveLabels(labelMember, of: path, format: format)
            guard labels.count == dataset.rowCount else {
                throw DataFileError(
                    path: path, message: "member '\(labelMember)' has \(labels.count) labels, but the data has \(dataset.rowCount) rows")
            }
            dataset.labels = labels
            return .dataset(dataset)
        }
        let namedColumns: Set<DataFormat> = [.csv, .tsv, .projector]
        if let labelColumn, !namedColumns.contains(format) {
            throw DataFileError(
                path: path,
                message:
                    "labels=\(labelColumn) is not a file, and \(format.rawValue) files have no named columns")
        }
        guard let labelFile else { return loaded }
        guard case .dataset(var dataset) = loaded else {
            throw DataFileError(path: path, message: "holds FID statistics, which have no rows to label")
        }
        dataset.labels = try LabelFile.read(
            labelFile, rowCount: dataset.rowCount, column: options.labelColumn, key: options.labelKey)
        return .dataset(dataset)
    }

    /// Member names of an npz (without `.npy`) or safetensors file, in file order.
    public static func members(of path: String) throws(DataFileError) -> [String] {
        switch try resolvedFormat(of: path, requested: nil) {
        case .npz: return try NpzArchive(path: path).memberNames
        case .safetensors: return try SafetensorsFile.tensorNames(path)
        default: throw DataFileError(path: path, message: "only .npz and .safetensors files have members")
        }
    }

    static func resolvedFormat(of path: String, requested: DataFormat?) throws(DataFileError) -> DataFormat {
        if let requested { return requested }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            guard FileManager.default.fileExists(atPath: path + "/" + ProjectorFiles.tensorsName) else {
                throw DataFileError(
                    path: path,
                    message:
                        "is a directory without \(ProjectorFiles.tensorsName); give a data file, or a projector directory"
                )
            }
            return .projector
        }
        guard let format = DataFormat.inferred(fromPath: path) else {
            throw DataFileError(
                path: path,
                message:
                    "cannot tell the format from the extension; add format=npy|npz|csv|tsv|projector|safetensors")
        }
        return format
    }

    static func isExistingFile(_ path: String?) -> Bool {
        guard let path else { return false }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// A numeric `.npy` array (file or npz member) as a dataset, N-D rows flattened with their row shape.
    static func dataset(
        fromNpy source: some ByteSource, cancellation: CancellationToken? = nil, reading: ReadingReport? = nil
    ) throws(DataFileError) -> Dataset {
        let header = try NpyHeader.read(from: source)
        try NpyReader.checkHasRows(header.shape, in: source)
        let values: Matrix<Float> = try NpyReader.readNumbers(
            header, from: source, cancellation: cancellation, reading: reading)
        return Dataset(
            values: values, rowShape: NpyReader.matrixShape(of: header.shape).rowShape,
            sourceType: header.elementType.descr)
    }

    /// Labels from the member (npz) or tensor (safetensors) `member` of the file being loaded.
    private static func archiveLabels(_ member: String, of path: String, format: DataFormat) throws(DataFileError)
        -> Labels
    {
        if format == .npz {
            let archive = try NpzArchive(path: path)
            guard archive.memberNames.contains(member) else {
                throw DataFileError(
                    path: path,
                    message:
                        "labels=\(member) is neither a file nor a member; members: \(archive.memberNames.joined(separator: ", "))")
            }
            return try LabelFile.labels(fromArchive: archive, key: member)
        }
        let file = try ReadableFile(path: path)
        return try LabelFile.labels(fromSafetensors: file, key: member)
    }

    /// With labels=TENSOR and no key=, the one other tensor of a two-tensor safetensors file.
    private static func otherTensor(in path: String, than labels: String?) throws(DataFileError) -> String? {
        guard let labels else { return nil }
        let others = try SafetensorsFile.tensorNames(path).filter { $0 != labels }
        return others.count == 1 ? others[0] : nil
    }

    private static func readNpz(_ path: String, key: String?, excluding labels: String?, reading: ReadingReport)
        throws(DataFileError) -> LoadedFile
    {
        let archive = try NpzArchive(path: path)
        let names = archive.memberNames.filter { $0 != labels }
        if let key { return .dataset(try dataset(fromNpy: archive.bytes(of: key), reading: reading)) }
        if names.contains("mu") && names.contains("sigma") {
            return .statistics(try NpzContents.statistics(from: archive))
        }
        if names.contains(NpzContents.dataKey) { return .dataset(try NpzContents.dataset(from: archive, reading: reading)) }
        if names.contains(NpzContents.cleanFIDFeaturesKey) {
            return .dataset(try dataset(fromNpy: archive.bytes(of: NpzContents.cleanFIDFeaturesKey), reading: reading))
        }
        if names.count == 1 { return .dataset(try dataset(fromNpy: archive.bytes(of: names[0]), reading: reading)) }
        throw DataFileError(
            path: path,
            message: names.isEmpty
                ? "the archive holds no arrays"
                : "holds several arrays (\(names.joined(separator: ", "))); pick one with key=NAME")
    }
}
