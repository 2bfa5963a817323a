public import LinearAlgebra

/// The file formats `DataFileReader` reads and `DataFileWriter` writes.
public enum DataFormat: String, Sendable, CaseIterable {
    case npy, npz, csv, tsv, projector, safetensors

    /// The format a path's extension names, or `nil` when the extension is not one of ours.
    /// A directory is not inferred here: the reader checks it for a projector pair.
    public static func inferred(fromPath path: String) -> DataFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "npy": return .npy
        case "npz": return .npz
        case "csv", "txt": return .csv
        case "tsv", "tab": return .tsv
        case "safetensors": return .safetensors
        default: return nil
        }
    }
}

/// Whether the first non-comment line of a CSV/TSV file is a header.
public enum HeaderMode: String, Sendable, CaseIterable {
    /// A header when some column is text on the first line and a number on the second.
    case auto
    case yes
    case no
}

/// How to read one file; every field has a default that works for the common case.
public struct LoadOptions: Sendable {
    /// `nil`: inferred from the extension (and, for a directory, the projector pair inside it).
    public var format: DataFormat?
    /// A column of the file itself (header name or 0-based index, negative counts from the end), or a
    /// member of the same `.npz`/`.safetensors` file, unless the value is an existing file, whose single
    /// column (or `label` column, or `labels` member) is used.
    public var labels: String?
    /// The header name of the column to take from a multi-column label file (`labels=FILE`); `nil`: the
    /// column headed `label` or `labels`.
    public var labelColumn: String?
    /// The member of an `.npz` / `.safetensors` label file (`labels=FILE`) holding the labels; `nil`: the
    /// member named `labels` (or `label`, `y`), else the only one.
    public var labelKey: String?
    /// The npz / safetensors member to read.
    public var key: String?
    /// CSV/TSV header handling.
    public var header: HeaderMode
    /// Polled between blocks of long reads (large CSV files, non-float32 npy); a tripped token fails
    /// the load with "interrupted". Defaults to the token Ctrl-C trips.
    public var cancellation: CancellationToken = .interrupt

    public init(format: DataFormat? = nil, labels: String? = nil, key: String? = nil, header: HeaderMode = .auto) {
        self.format = format
        self.labels = labels
        self.key = key
        self.header = header
    }
}

/// What a file held: rows of features, or precomputed FID statistics (`mu`, `sigma`).
public enum LoadedFile: Sendable {
    case dataset(Dataset)
    case statistics(FeatureStatistics)
}
