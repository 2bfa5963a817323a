import LinearAlgebra

/// The entry point for writing. Every write is atomic: a failed export leaves no half file behind.
public enum DataFileWriter {
    /// Writes `dataset` in `format` (inferred from the extension when nil), as PRODUCT.md specifies:
    /// `.npy` float32 values `(n, d)` or `(n, rowShape…)`; `.npz` members `data`, `labels`, `row_shape`;
    /// CSV/TSV a header `x0…` plus `label`; projector a `tensors.tsv` + `metadata.tsv` directory;
    /// safetensors one F32 tensor `data` (without labels).
    public static func write(_ dataset: Dataset, to path: String, format: DataFormat? = nil) throws(DataFileError) {
        try write(dataset, to: path, format: format, compressed: false)
    }

    /// As `write(_:to:format:)`; `compressed` deflates `.npz` members as `np.savez_compressed` does
    /// (other formats ignore it).
    public static func write(_ dataset: Dataset, to path: String, format: DataFormat? = nil, compressed: Bool)
        throws(DataFileError)
    {
        guard let format = format ?? DataFormat.inferred(fromPath: path) else {
            throw DataFileError(
                path: path,
                message:
                    "cannot tell the format from the extension; add format=npy|npz|csv|tsv|projector|safetensors")
        }
        switch format {
        case .npy:
            try AtomicFile.write(to: path) { (temporary) throws(DataFileError) in
                try NpyWriter.write(dataset, to: WritableFile(temporaryPath: temporary, reportingAs: path))
            }
        case .npz:
            var members = [
                NpzMember.matrix(NpzContents.dataKey, dataset.values, shape: [dataset.rowCount, dataset.columnCount])
            ]
            if let labels = dataset.labels {
                // numpy strips trailing NULs from text arrays, so such a label would come back changed.
                if let name = labels.names.first(where: { $0.unicodeScalars.last == "\0" }) {
                    throw DataFileError(
                        path: path,
                        message:
                            "label \(name.debugDescription) ends with a NUL character, which .npz text arrays "
                            + "cannot hold; rename it, or export to .csv")
                }
                members.append(
                    NpzMember(
                        name: NpzContents.labelsKey,
                        npy: NpyWriter.encode(texts: labels.codes.map { labels.names[Int($0)] })))
            }
            // Always written (`[d]` for plain rows), as PRODUCT.md lists it; the reader treats `[d]` as no shape.
            let rowShape = dataset.rowShape ?? [dataset.columnCount]
            members.append(
                NpzMember(
                    name: NpzContents.rowShapeKey,
                    npy: NpyWriter.encode(integers: rowShape.map(Int64.init), shape: [rowShape.count])))
            try writeArchive(members, to: path, compressed: compressed)
        case .csv, .tsv:
            try AtomicFile.write(to: path) { (temporary) throws(DataFileError) in
                try DelimitedTextWriter.write(
                    dataset, to: WritableFile(temporaryPath: temporary, reportingAs: path),
                    separator: format == .csv ? "," : "\t")
            }
        case .projector: try ProjectorFiles.write(dataset, to: path)
        case .safetensors:
            try AtomicFile.write(to: path) { (temporary) throws(DataFileError) in
                try SafetensorsWriter.write(dataset, to: WritableFile(temporaryPath: temporary, reportingAs: path))
            }
        }
    }

    /// Writes FID statistics as an npz pytorch-fid reads: `mu` (f8, d), `sigma` (f8, d × d) and, when
    /// known, `n` (int64, 0-d) so shards can be merged exactly; `compressed` deflates them as
    /// `np.savez_compressed` (pytorch-fid's own writer) does. Any extension but `.npz` is refused: there is
    /// no agreed CSV layout for a mean and a covariance, and a zip under another name misleads.
    public static func write(_ statistics: FeatureStatistics, to path: String, compressed: Bool = false)
        throws(DataFileError)
    {
        guard DataFormat.inferred(fromPath: path) == .npz else {
            throw DataFileError(
                path: path, message: "statistics are written as .npz only (mu, sigma, n); give a .npz path")
        }
        let dimension = statistics.dimension
        var members = [
            NpzMember.matrix(
                NpzContents.meanKey, Matrix(rows: dimension, columns: 1, values: statistics.mean), shape: [dimension]),
            NpzMember.matrix(NpzContents.covarianceKey, statistics.covariance, shape: [dimension, dimension]),
        ]
        if let count = statistics.count {
            members.append(NpzMember(name: NpzContents.countKey, npy: NpyWriter.encode(integers: [Int64(count)], shape: [])))
        }
        try writeArchive(members, to: path, compressed: compressed)
    }

    static func writeArchive(_ members: [NpzMember], to path: String, compressed: Bool = false)
        throws(DataFileError)
    {
        try AtomicFile.write(to: path) { (temporary) throws(DataFileError) in
            try NpzArchive.write(members, to: temporary, reportingAs: path, compressed: compressed)
        }
    }
}
