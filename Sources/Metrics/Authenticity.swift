public import LinearAlgebra
import Neighbors

/// Authenticity per generated sample (Alaa et al. 2022, "How faithful is your synthetic data?", §3.3, on
/// the features as given — no one-class embedding): a fake `f` whose nearest training row `t` lies at distance `d(f, t)` is
/// authentic when `d(f, t) > r(t)`, `r(t)` being `t`'s distance to its own nearest other training row; a
/// fake closer to `t` than `t`'s nearest neighbour (ties included, so exact copies always count) is a
/// suspected copy. Reports the authentic fraction and, per fake, the ratio `d(f, t) / r(t)` to rank copies.
///
/// - Accuracy: neighbours from `ExactNeighbors`; both distances recomputed in Double from the Float rows,
///   so the decisions equal a numpy float64 reference (tested exactly on the ring).
/// - Complexity: two exact k-NN searches (fakes in training, training within itself), O((n + m)·m·d) flops
///   in BLAS; memory O(n + m).
public struct Authenticity: Sendable, Equatable {
    /// Per fake: its nearest training row.
    public let nearestTrainingRow: [Int]
    /// Per fake: `d(f, t)`.
    public let distanceToTraining: [Double]
    /// Per fake: `r(t)` of its nearest training row.
    public let trainingRadius: [Double]
    /// Per fake: `d(f, t) > r(t)`.
    public let isAuthentic: [Bool]

    /// - Parameters: `fake` is `n×d`, `training` `m×d` with `m ≥ 2`.
    /// - Throws: `MetricsError` for mismatched dimensions, too few rows or NaN/∞; `CancellationError`.
    public init(fake: Matrix<Float>, training: Matrix<Float>, token: CancellationToken) throws {
        let metric = "authenticity"
        guard fake.columns == training.columns else { throw MetricsError.dimensionMismatch(metric, training.columns, fake.columns) }
        guard training.rows >= 2 else {
            throw MetricsError(metric, "the training set has \(training.rows) rows; each needs a nearest other training row, so give at least 2")
        }
        guard fake.rows >= 1 else { throw MetricsError(metric, "the fake set is empty") }
        try requireFinite(fake, metric: metric, name: "the fake set")
        try requireFinite(training, metric: metric, name: "the training set")
        let nearest = try ExactNeighbors.search(fake, in: training, k: 1, token: token).indices.map(Int.init)
        let ownNearest = try ExactNeighbors.searchWithin(training, k: 1, token: token).indices.map(Int.init)
        let d = fake.columns
        var distances: [Double] = []
        var radii: [Double] = []
        fake.withUnsafeBufferPointer { fakeValues in
            training.withUnsafeBufferPointer { trainValues in
                guard let fakeBase = fakeValues.baseAddress, let trainBase = trainValues.baseAddress else { return }
                for (row, t) in nearest.enumerated() {
                    let own = ownNearest[t]
                    distances.append(exactSquaredDistance(fakeBase + row * d, trainBase + t * d, count: d).squareRoot())
                    radii.append(exactSquaredDistance(trainBase + t * d, trainBase + own * d, count: d).squareRoot())
                }
            }
        }
        nearestTrainingRow = nearest
        distanceToTraining = distances
        trainingRadius = radii
        isAuthentic = zip(distances, radii).map { $0 > $1 }
    }

    /// Share of fakes that are authentic, in [0, 1].
    public var authenticFraction: Double {
        Double(isAuthentic.filter { $0 }.count) / Double(max(isAuthentic.count, 1))
    }

    /// Per fake `d(f, t) / r(t)`: below 1 (or at 1) is a suspected copy; smaller is more suspicious.
    /// A zero radius (duplicated training rows) gives 0 for an exact copy and +∞ otherwise.
    public var copyRatios: [Double] {
        zip(distanceToTraining, trainingRadius).map { distance, radius in
            radius > 0 ? distance / radius : (distance > 0 ? .infinity : 0)
        }
    }
}
