import LinearAlgebra
import Testing

@testable import Metrics

/// Against scripts/reference/metrics.py: float64 eigen-decomposition reference, ≤ 1e-6 relative (the
/// issue's tolerance; scipy's sqrtm is itself less accurate), plus 1e-12 of the traces for values near 0.
@Suite struct FrechetDistanceTests {
    let token = CancellationToken()

    @Test(arguments: MetricFixtures.caseNames)
    func matchesReference(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let expected = MetricFixtures.reference.cases[caseName]!.frechet
        let first = try GaussianStatistics(of: real, token: token)
        let second = try GaussianStatistics(of: fake, token: token)
        let distance = try FrechetDistance(between: first, and: second, token: token)
        // 1e-6 relative, with an absolute floor of 1e-12 of the traces for distances that are ~0 (near copies).
        let traces = FrechetDistance.trace(first.covariance) + FrechetDistance.trace(second.covariance)
        #expect(abs(distance.value - expected.fd) <= 1e-6 * expected.fd + 1e-12 * traces)
        #expect(abs(distance.meanTerm - expected.mean_term) <= 1e-9 * expected.mean_term + 1e-15 * traces)
        #expect(distance.audits?.map(\.rank) == expected.ranks)
        // Digits have constant pixels: singular covariance, so the eigen route must have been taken.
        #expect(distance.route == (caseName.hasPrefix("digits") ? .eigen : .cholesky))
    }

    @Test func matchesReferenceIn2048Dimensions() throws {
        let (real, fake) = MetricFixtures.gaussianPair()
        let expected = MetricFixtures.reference.gaussian_2048.frechet
        let distance = try FrechetDistance(
            between: GaussianStatistics(of: real, token: token), and: GaussianStatistics(of: fake, token: token),
            auditsCovariances: false, token: token)
        #expect(distance.route == .cholesky)
        #expect(abs(distance.value - expected.fd) <= 1e-6 * expected.fd)
    }

    @Test func identicalSetsGiveZeroNotANegativeNumber() throws {
        let (real, _) = MetricFixtures.pair("ring_collapsed")
        let statistics = try GaussianStatistics(of: real, token: token)
        let distance = try FrechetDistance(between: statistics, and: statistics, token: token)
        #expect(distance.value >= 0)
        #expect(distance.value <= 1e-12 * 2 * FrechetDistance.trace(statistics.covariance))
    }

    /// A rank-deficient set against itself (2 rows in 16-d, and 40 digits in 64-d): the null directions'
    /// round-off eigenvalues must not reach the square roots (they made a 2-row set read −5e-7, an error).
    @Test func rankDeficientSetAgainstItselfIsZero() throws {
        var generator = SeededGenerator(seed: 11)
        let two = Matrix<Float>(rows: 2, columns: 16) { buffer in
            for index in buffer.indices { buffer[index] = Float(generator.nextNormal()) }
        }
        for data in [two, MetricFixtures.digits.rows(0..<40)] {
            let statistics = try GaussianStatistics(of: data, token: token)
            let distance = try FrechetDistance(between: statistics, and: statistics, token: token)
            #expect(distance.route == .eigen)
            #expect(abs(distance.value) <= 1e-9 * 2 * FrechetDistance.trace(statistics.covariance), "\(distance.value)")
        }
    }

    @Test func fewerRowsThanDimensionsStillComputesAndWarns() throws {
        let small = MetricFixtures.digits.rows(0..<40)
        let other = MetricFixtures.digits.rows(40..<100)
        let distance = try FrechetDistance(
            between: GaussianStatistics(of: small, token: token), and: GaussianStatistics(of: other, token: token),
            token: token)
        #expect(distance.value > 0)
        #expect(distance.warnings.contains { $0.contains("n = 40 ≤ d = 64") })
        #expect(distance.audits![0].rank <= 39)
        #expect(distance.audits![0].conditionNumber == .infinity)
    }

    @Test func rejectsMismatchedDimensions() throws {
        let a = try GaussianStatistics(of: MetricFixtures.digits, token: token)
        let b = try GaussianStatistics(of: MetricFixtures.pair("ring_collapsed").real, token: token)
        #expect(throws: MetricsError.self) { try FrechetDistance(between: a, and: b, token: token) }
    }

    @Test func rejectsAsymmetricSigma() throws {
        var sigma = Matrix<Double>(rows: 2, columns: 2, values: [1, 0.5, 0.1, 1])
        let bad = try GaussianStatistics(mean: [0, 0], covariance: sigma, count: 10)
        sigma[1, 0] = 0.5
        let good = try GaussianStatistics(mean: [0, 0], covariance: sigma, count: 10)
        let error = #expect(throws: MetricsError.self) { try FrechetDistance(between: good, and: bad, token: token) }
        #expect(error?.description.contains("not symmetric") == true)
    }

    @Test func rejectsNonSquareSigmaAndNonFiniteData() throws {
        #expect(throws: MetricsError.self) {
            try GaussianStatistics(mean: [0, 0], covariance: Matrix(rows: 2, columns: 3), count: 5)
        }
        let data = Matrix<Float>(rows: 3, columns: 2, values: [1, 2, .nan, 4, 5, 6])
        #expect(throws: MetricsError.self) { try GaussianStatistics(of: data, token: token) }
        #expect(throws: MetricsError.self) { try GaussianStatistics(of: data.rows(0..<1), token: token) }
    }

    @Test func cancelledTokenStops() throws {
        let cancelled = CancellationToken()
        cancelled.cancel()
        #expect(throws: CancellationError.self) { try GaussianStatistics(of: MetricFixtures.digits, token: cancelled) }
    }
}

/// `merged` equals the statistics of the concatenated rows to 1e-9 relative (the requirement).
@Suite struct StatisticsMergeTests {
    let token = CancellationToken()

    @Test func shardsMergeToTheWhole() throws {
        let data = MetricFixtures.digits
        let whole = try GaussianStatistics(of: data, token: token)
        let shards = try [0..<500, 500..<501 + 500, 1001..<1797].map {
            try GaussianStatistics(of: data.rows($0), token: token)
        }
        let merged = try GaussianStatistics.merged(shards)
        #expect(merged.count == 1797)
        let scale = whole.covariance.values.map(abs).max()!
        #expect(zip(merged.covariance.values, whole.covariance.values).allSatisfy { abs($0 - $1) <= 1e-9 * scale })
        #expect(zip(merged.mean, whole.mean).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
    }

    @Test func refusesPartsWithoutCountsOrOfOtherDimension() throws {
        let a = try GaussianStatistics(of: MetricFixtures.digits, token: token)
        var noCount = a
        noCount.count = nil
        #expect(throws: MetricsError.self) { try GaussianStatistics.merged([a, noCount]) }
        let b = try GaussianStatistics(of: MetricFixtures.pair("ring_collapsed").real, token: token)
        #expect(throws: MetricsError.self) { try GaussianStatistics.merged([a, b]) }
        #expect(throws: MetricsError.self) { try GaussianStatistics.merged([]) }
    }
}
