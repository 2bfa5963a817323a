import LinearAlgebra

/// What our own npz files hold, and FID statistics from pytorch-fid / clean-fid.
///
/// Datasets: `data` (float32, `(n, d)` or `(n, rowShape…)`), optional `labels` (text `<U`, or integers)
/// and `row_shape` (int64). Statistics: `mu` (d), `sigma` (d × d, normalised by n − 1) in f4 or f8,
/// and our optional `n` (int64), which lets shards merge exactly.
enum NpzContents {
    static let dataKey = "data"
    static let labelsKey = "labels"
    static let rowShapeKey = "row_shape"
    /// clean-fid saves raw Inception features under this key.
    static let cleanFIDFeaturesKey = "feats"
    static let meanKey = "mu"
    static let covarianceKey = "sigma"
    static let countKey = "n"

    static func dataset(from archive: NpzArchive, reading: ReadingReport? = nil) throws(DataFileError) -> Dataset {
        var dataset = try DataFileReader.dataset(fromNpy: archive.bytes(of: dataKey), reading: reading)
        if archive.memberNames.contains(labelsKey) {
            let labels = try LabelFile.labels(fromNpy: archive.bytes(of: labelsKey))
            guard labels.count == dataset.rowCount else {
                throw DataFileError(
                    path: archive.path,
                    message:
                        "has \(labels.count) labels for \(dataset.rowCount) rows of data")
            }
            dataset.labels = labels
        }
        if archive.memberNames.contains(rowShapeKey) {
            let source = try archive.bytes(of: rowShapeKey)
            let header = try NpyHeader.read(from: source)
            let shape: Matrix<Double> = try NpyReader.readNumbers(header, from: source)
            let rowShape = shape.values.map { Int(exactly: $0) ?? -1 }
            // elementCount is nil when the product overflows, as a corrupt row_shape's may.
            guard rowShape.allSatisfy({ $0 > 0 }), NpyHeader.elementCount(of: rowShape) == dataset.columnCount else {
                throw DataFileError(
                    path: archive.path,
                    message:
                        "row_shape \(rowShape) does not match the \(dataset.columnCount) columns of data")
            }
            // Our writer stores `[d]` for plain rows: that is no image shape.
            dataset.rowShape = rowShape.count > 1 ? rowShape : nil
        }
        return dataset
    }

    /// Largest |σᵢⱼ − σⱼᵢ| accepted, relative to the largest |σ|: np.cov is symmetric to round-off
    /// (≈1e-16 relative in f8, and f4 files keep exact symmetry), so 1e-6 only refuses matrices that are not
    /// covariances, whose FD would be meaningless.
    static let symmetryTolerance = 1e-6

    static func checkSymmetric(_ sigma: Matrix<Double>, path: String) throws(DataFileError) {
        let dimension = sigma.rows
        guard dimension == sigma.columns else { return }
        let scale = sigma.values.lazy.filter(\.isFinite).map(abs).max() ?? 0
        let tolerance = symmetryTolerance * scale
        for row in 0..<dimension {
            for column in (row + 1)..<max(row + 1, dimension) {
                let (upper, lower) = (sigma[row, column], sigma[column, row])
                if abs(upper - lower) > tolerance {
                    throw DataFileError(
                        path: path,
                        message:
                            "sigma is not symmetric: sigma[\(row), \(column)] = \(upper) but sigma[\(column), \(row)] = \(lower) "
                            + "(tolerance 1e-6 × the largest |sigma|); a covariance matrix must be symmetric")
                }
            }
        }
    }

    static func statistics(from archive: NpzArchive) throws(DataFileError) -> FeatureStatistics {
        let meanSource = try archive.bytes(of: meanKey)
        let meanHeader = try NpyHeader.read(from: meanSource)
        let mean: Matrix<Double> = try NpyReader.readNumbers(meanHeader, from: meanSource)
        let covarianceSource = try archive.bytes(of: covarianceKey)
        let covarianceHeader = try NpyHeader.read(from: covarianceSource)
        let covariance: Matrix<Double> = try NpyReader.readNumbers(covarianceHeader, from: covarianceSource)
        let dimension = mean.count
        guard
            meanHeader.shape.count <= 1 || meanHeader.shape.dropFirst().allSatisfy({ $0 == 1 })
                || meanHeader.shape.first == 1,
            covarianceHeader.shape == [dimension, dimension]
        else {
            throw DataFileError(
                path: archive.path,
                message:
                    "mu has shape \(meanHeader.shape) and sigma \(covarianceHeader.shape); expected (d,) and (d, d)")
        }
        guard dimension > 0 else {
            throw DataFileError(path: archive.path, message: "mu and sigma are empty (dimension 0); statistics need d ≥ 1")
        }
        try checkSymmetric(covariance, path: archive.path)
        var count: Int?
        if archive.memberNames.contains(countKey) {
            let source = try archive.bytes(of: countKey)
            let header = try NpyHeader.read(from: source)
            let values: Matrix<Double> = try NpyReader.readNumbers(header, from: source)
            guard values.count == 1, let value = Int(exactly: values.values[0]), value > 1 else {
                throw DataFileError(path: archive.path, message: "n must be one integer above 1")
            }
            count = value
        }
        return FeatureStatistics(
            mean: mean.values, covariance: Matrix(rows: dimension, columns: dimension, values: covariance.values),
            count: count)
    }
}
