/// The TensorBoard Embedding Projector pair in one directory: `tensors.tsv` (values, tab-separated, no
/// header) and optional `metadata.tsv` (one label per line without header, or several columns with one).
enum ProjectorFiles {
    static let tensorsName = "tensors.tsv"
    static let metadataName = "metadata.tsv"

    static func read(_ path: String, labelColumn: String?) throws(DataFileError) -> Dataset {
        throw DataFileError(path: path, message: "projector directories are not supported yet")
    }
}

extension ProjectorFiles {
    static func write(_ dataset: Dataset, to path: String) throws(DataFileError) {
        throw DataFileError(path: path, message: "projector export is not supported yet")
    }
}
