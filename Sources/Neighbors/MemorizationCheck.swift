public import LinearAlgebra

/// Settings for `MemorizationCheck.run`.
public struct MemorizationOptions: Sendable {
    /// The copy threshold is this quantile of the training set's own nearest-neighbour distances: a fresh
    /// sample from the training distribution falls below it about this often, which is the baseline the
    /// fraction of copied fakes is compared with.
    public var thresholdQuantile: Double = 0.05
    /// K-means cells for the C_T test (Meehan et al. use 50 on MNIST-sized sets).
    public var cellCount: Int = 50
    /// Cells need this many generated rows to count in C_T (the paper's code: 20).
    public var minimumGeneratedPerCell: Int = 20
    /// How many closest fakes to list.
    public var offenderCount: Int = 10
    /// Seeds the K-means cells.
    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }
}

/// What `MemorizationCheck.run` found.
public struct MemorizationReport: Sendable {
    /// Each fake row's distance to its nearest training row, and which row that is.
    public var fakeDistances: [Float]
    public var fakeNearestTrain: [Int32]
    /// Each test row's distance to its nearest training row (when a test set was given).
    public var testDistances: [Float]?
    /// Each training row's distance to its nearest other training row.
    public var trainDistances: [Float]
    /// `thresholdQuantile` of `trainDistances`.
    public var threshold: Float
    /// Fraction of fakes strictly closer to a training row than `threshold`.
    public var fakeFractionBelowThreshold: Double
    /// The same for the test set: what fresh data does.
    public var testFractionBelowThreshold: Double?
    /// Fake rows closest to a training row, closest first (ties by smaller index).
    public var offenders: [Int]
    /// The C_T test, when a test set was given.
    public var copyingTest: DataCopyingTest.Result?
}

/// Memorisation checks of generated rows against the training set: nearest-training-row distances of
/// fakes (and of held-out test rows for comparison), a copy threshold from the training set's own
/// nearest-neighbour distances, the closest fakes, and the C_T test (see `DataCopyingTest`).
/// All searches are exact (`ExactNeighbors`), Euclidean.
public enum MemorizationCheck {
    public static func run(
        fake: Matrix<Float>, train: Matrix<Float>, test: Matrix<Float>?, options: MemorizationOptions,
        token: CancellationToken
    ) throws -> MemorizationReport {
        guard options.thresholdQuantile >= 0, options.thresholdQuantile <= 1 else {
            throw NeighborsError.invalidArgument(
                name: "threshold_quantile", value: "\(options.thresholdQuantile)", requirement: "in [0, 1]")
        }
        guard options.offenderCount >= 0 else {
            throw NeighborsError.invalidArgument(name: "offenders", value: "\(options.offenderCount)", requirement: "≥ 0")
        }
        let fakeNearest = try ExactNeighbors.search(fake, in: train, k: 1, token: token)
        let trainNearest = try ExactNeighbors.searchWithin(train, k: 1, token: token)
        let testDistances = try test.map { try ExactNeighbors.search($0, in: train, k: 1, token: token).distances }
        let threshold = Float(Quantiles.value(of: trainNearest.distances, at: options.thresholdQuantile))
        func fractionBelow(_ values: [Float]) -> Double {
            Double(values.filter { $0 < threshold }.count) / Double(max(1, values.count))
        }
        var closest = SmallestValues<Float>(capacity: min(options.offenderCount, fake.rows))
        for (row, distance) in fakeNearest.distances.enumerated() { closest.insert(distance, index: row) }
        var copyingTest: DataCopyingTest.Result?
        if let test {
            guard options.cellCount >= 1, options.cellCount <= train.rows else {
                throw NeighborsError.invalidArgument(
                    name: "cells", value: "\(options.cellCount)", requirement: "between 1 and the \(train.rows) training rows")
            }
            let cells = try KMeans.fit(
                train, clusterCount: options.cellCount, options: KMeansOptions(seed: options.seed), token: token)
            copyingTest = try DataCopyingTest.statistic(
                train: train, trainCells: cells.assignments, test: test, testCells: try cells.assign(test, token: token),
                generated: fake, generatedCells: try cells.assign(fake, token: token), cellCount: options.cellCount,
                minimumGeneratedPerCell: options.minimumGeneratedPerCell, token: token)
        }
        return MemorizationReport(
            fakeDistances: fakeNearest.distances, fakeNearestTrain: fakeNearest.indices, testDistances: testDistances,
            trainDistances: trainNearest.distances, threshold: threshold,
            fakeFractionBelowThreshold: fractionBelow(fakeNearest.distances),
            testFractionBelowThreshold: testDistances.map(fractionBelow), offenders: closest.sorted().map(\.index),
            copyingTest: copyingTest)
    }
}

/// Sample quantiles as numpy's default (`np.quantile(..., method="linear")`, Hyndman & Fan type 7).
public enum Quantiles {
    /// The `q`-quantile (`0 ≤ q ≤ 1`) of `values`; NaN for an empty list.
    public static func value(of values: [Float], at q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return Double(sorted[lower]) + fraction * (Double(sorted[upper]) - Double(sorted[lower]))
    }
}
