public import LinearAlgebra

/// A fitted K-means clustering.
public struct KMeansModel: Sendable {
    /// `clusterCount × d` cluster means.
    public var centers: Matrix<Float>
    /// The cluster of every training row (`n` values in `0..<clusterCount`).
    public var assignments: [Int32]
    /// Sum over rows of the squared distance to the assigned centre (accumulated in Double).
    public var inertia: Double
    /// Lloyd iterations run.
    public var iterations: Int

    public init(centers: Matrix<Float>, assignments: [Int32], inertia: Double, iterations: Int) {
        self.centers = centers
        self.assignments = assignments
        self.inertia = inertia
        self.iterations = iterations
    }

    /// The nearest centre of every row of `data` (`n×d`), ties by smaller centre index.
    /// - Throws: `NeighborsError` for empty data, a width mismatch or NaN/∞ rows.
    public func assign(_ data: Matrix<Float>, token: CancellationToken) throws -> [Int32] {
        try InputValidation.requireNonEmpty(data, set: "the data")
        try InputValidation.requireMatchingColumns(data, centers)
        try InputValidation.requireFinite(data, set: "the data")
        return try LloydStep.nearestCenters(of: data, centers: centers, token: token)
    }
}

/// K-means clustering: k-means++ seeding then Lloyd iterations, as scikit-learn's
/// `KMeans(init="k-means++", n_init=1, algorithm="lloyd")`.
///
/// Convergence follows sklearn: stop when the assignments repeat, or when the summed squared centre shift
/// is at most `tolerance · mean(var(data, axis=0))`; an empty cluster takes the row farthest from its
/// centre. Started from the same centres, tests match sklearn's inertia to 1e-4 relative and its
/// assignments exactly on well-separated data.
/// - Complexity: O(iterations · n · clusterCount · d) in BLAS distance blocks; memory one block.
public enum KMeans {
    /// Clusters the rows of `data` (`n×d`) into `clusterCount` groups (`1 ≤ clusterCount ≤ n`).
    public static func fit(
        _ data: Matrix<Float>, clusterCount: Int, options: KMeansOptions, token: CancellationToken
    ) throws -> KMeansModel {
        try InputValidation.requireNonEmpty(data, set: "the data")
        guard clusterCount >= 1, clusterCount <= data.rows else {
            throw NeighborsError.invalidArgument(
                name: "clusters", value: "\(clusterCount)", requirement: "between 1 and the \(data.rows) rows")
        }
        guard options.maxIterations >= 1 else {
            throw NeighborsError.invalidArgument(
                name: "maxIterations", value: "\(options.maxIterations)", requirement: "at least 1")
        }
        guard options.tolerance >= 0, options.tolerance.isFinite else {
            throw NeighborsError.invalidArgument(
                name: "tolerance", value: "\(options.tolerance)", requirement: "finite and ≥ 0")
        }
        try InputValidation.requireFinite(data, set: "the data")
        var centers: Matrix<Float>
        if let given = options.initialCenters {
            guard given.rows == clusterCount, given.columns == data.columns else {
                throw NeighborsError.invalidArgument(
                    name: "initialCenters", value: "\(given.rows)×\(given.columns)",
                    requirement: "\(clusterCount)×\(data.columns) like the data")
            }
            try InputValidation.requireFinite(given, set: "the initial centres")
            centers = given
        } else {
            var generator = SeededGenerator(seed: options.seed)
            let rows = try KMeansSeeding.plusPlus(
                data, clusterCount: clusterCount, generator: &generator, token: token)
            centers = data.rows(at: rows)
        }
        let shiftLimit = options.tolerance * LloydStep.meanFeatureVariance(of: data)
        var previous: [Int32]?
        var assignments: [Int32] = []
        var iterations = 0
        var converged = false
        while iterations < options.maxIterations {
            try token.checkCancellation()
            assignments = try LloydStep.nearestCenters(of: data, centers: centers, token: token)
            let updated = try LloydStep.means(of: data, assignments: assignments, previousCenters: centers, token: token)
            let shift = LloydStep.squaredShift(from: centers, to: updated)
            centers = updated
            iterations += 1
            if assignments == previous {
                converged = true
                break
            }
            if shift <= shiftLimit { break }
            previous = assignments
        }
        // As in sklearn: unless the labels repeated, assign once more so labels match the final centres.
        if !converged { assignments = try LloydStep.nearestCenters(of: data, centers: centers, token: token) }
        let inertia = try LloydStep.inertia(of: data, assignments: assignments, centers: centers, token: token)
        return KMeansModel(centers: centers, assignments: assignments, inertia: inertia, iterations: iterations)
    }
}
