public import LinearAlgebra

/// Settings for `KMeans.fit`; the defaults are scikit-learn's (`KMeans(max_iter=300, tol=1e-4)`).
public struct KMeansOptions: Sendable {
    /// Seeds k-means++ (ignored when `initialCenters` is given).
    public var seed: UInt64
    /// Upper bound on Lloyd iterations.
    public var maxIterations: Int = 300
    /// sklearn's relative tolerance: stop once the summed squared centre shift is at most
    /// `tolerance · mean(per-feature variance of the data)`.
    public var tolerance: Double = 1e-4
    /// `clusterCount × d` starting centres instead of k-means++ (reproduces a given initialisation).
    public var initialCenters: Matrix<Float>?

    public init(seed: UInt64, maxIterations: Int = 300, tolerance: Double = 1e-4, initialCenters: Matrix<Float>? = nil) {
        self.seed = seed
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.initialCenters = initialCenters
    }
}
