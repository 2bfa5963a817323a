import LinearAlgebra
import Testing
import TestSupport

@testable import Neighbors

/// Memorisation checks against scripts/reference/neighbors.py: distances to 1e-5 relative, fractions and
/// offenders exactly, and C_T (the paper's code re-implemented with scipy's Mann–Whitney U) to 1e-6
/// relative — the per-cell 1-NN distances are float32 here and float64 there, which can only matter
/// through ties in the ranks, and there are none in these sets.
@Suite struct MemorizationTests {
    let token = CancellationToken()

    /// The reference script's draw: train, test and a fresh fake from one clustered set, and a copier
    /// made of training rows plus noise of standard deviation 0.05.
    static func sets() -> (train: Matrix<Float>, test: Matrix<Float>, fresh: Matrix<Float>, copier: Matrix<Float>) {
        let pool = ReferenceData.clustered(rows: 1200, columns: 8, clusters: 6, seed: 901)
        let train = pool.rows(0..<600)
        var generator = SeededGenerator(seed: 903)
        let noise = Matrix<Float>.standardNormal(rows: 300, columns: 8, using: &generator)
        let copier = Matrix<Float>(rows: 300, columns: 8) { values in
            for index in 0..<(300 * 8) { values[index] = train[index / 8, index % 8] + 0.05 * noise[index / 8, index % 8] }
        }
        return (train, pool.rows(600..<900), pool.rows(900..<1200), copier)
    }

    @Test(arguments: ["copier", "fresh"]) func matchesTheReference(_ name: String) throws {
        let reference = try #require(try NeighborsReference.load().memorization.first { $0.name == name })
        let sets = Self.sets()
        var options = MemorizationOptions(seed: reference.seed)
        options.cellCount = reference.cells
        options.offenderCount = reference.offenders.count
        let report = try MemorizationCheck.run(
            fake: name == "copier" ? sets.copier : sets.fresh, train: sets.train, test: sets.test, options: options,
            token: token)
        expectApproximatelyEqual(report.fakeDistances, reference.fakeDistances, relative: 1e-5, absolute: 1e-6)
        #expect(report.fakeNearestTrain.map(Int.init) == reference.fakeNearestTrain)
        expectApproximatelyEqual(report.testDistances ?? [], reference.testDistances, relative: 1e-5, absolute: 1e-6)
        #expect(abs(Double(report.threshold) - reference.threshold) <= 1e-5 * reference.threshold)
        #expect(report.fakeFractionBelowThreshold == reference.fakeFractionBelow)
        #expect(report.testFractionBelowThreshold == reference.testFractionBelow)
        #expect(report.offenders == reference.offenders)
        let copying = try #require(report.copyingTest)
        #expect(copying.testCounts == reference.copyingTest.testCounts)
        #expect(copying.generatedCounts == reference.copyingTest.generatedCounts)
        #expect(copying.keptCells == reference.copyingTest.keptCells)
        expectApproximatelyEqual(copying.cellZ, reference.copyingTest.cellZ, relative: 1e-6, absolute: 1e-9)
        let statistic = try #require(copying.statistic)
        let expected = try #require(reference.copyingTest.statistic)
        #expect(abs(statistic - expected) <= 1e-6 * max(1, abs(expected)))
        // The point of the test: copies score far below the paper's −3 flag, fresh samples near 0.
        #expect(name == "copier" ? statistic < -3 : abs(statistic) < 1)
    }

    @Test func mannWhitneyAveragesTiedRanks() {
        // first = [1, 2], second = [2, 3]: ranks 1, 2.5 | 2.5, 4 → U = 3.5 − 3 = 0.5;
        // mean = 2·2/2 − 0.5 = 1.5, std = sqrt(4·5/12).
        let z = DataCopyingTest.mannWhitneyZ([1, 2], [2, 3])
        #expect(abs(z - (0.5 - 1.5) / (20.0 / 12).squareRoot()) < 1e-12)
    }

    @Test func quantilesInterpolateLikeNumpy() {
        #expect(Quantiles.value(of: [4, 1, 3, 2], at: 0.5) == 2.5)
        #expect(Quantiles.value(of: [4, 1, 3, 2], at: 0.05) == 1.15)
        #expect(Quantiles.value(of: [7], at: 0.9) == 7)
        #expect(Quantiles.value(of: [], at: 0.5).isNaN)
    }

    @Test func rejectsOutOfRangeOptions() {
        let sets = Self.sets()
        var options = MemorizationOptions(seed: 1)
        options.thresholdQuantile = 1.5
        #expect(throws: NeighborsError.self) {
            try MemorizationCheck.run(fake: sets.fresh, train: sets.train, test: nil, options: options, token: token)
        }
        options = MemorizationOptions(seed: 1)
        options.cellCount = 601
        #expect(throws: NeighborsError.self) {
            try MemorizationCheck.run(fake: sets.fresh, train: sets.train, test: sets.test, options: options, token: token)
        }
    }
}
