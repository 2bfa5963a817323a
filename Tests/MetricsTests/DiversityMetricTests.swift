import LinearAlgebra
import Testing

@testable import Metrics

/// Inception Score, sliced Wasserstein, Vendi and MMD against scripts/reference/metrics.py, at the
/// tolerances their doc comments state.
@Suite struct DiversityMetricTests {
    let token = CancellationToken()

    @Test func inceptionScoreMatchesTheOriginalDefinition() throws {
        let reference = MetricFixtures.reference.inception
        for (collapsed, expected) in [(false, reference.healthy), (true, reference.collapsed)] {
            let probabilities = MetricFixtures.inceptionProbabilities(
                rows: reference.rows, classes: reference.classes, seed: reference.seed, collapsed: collapsed)
            let score = try InceptionScore(probabilities: probabilities)
            for (value, expectedValue) in zip(score.splitScores, expected.splits) {
                #expect(abs(value - expectedValue) <= 1e-10 * expectedValue)
            }
            #expect(abs(score.mean - expected.mean) <= 1e-10 * expected.mean)
            #expect(abs(score.standardDeviation - expected.std) <= 1e-8 * expected.std)
        }
        // Collapse onto one class lowers the score.
        #expect(reference.collapsed.mean < reference.healthy.mean)
    }

    @Test func inceptionScoreRefusesNonProbabilities() {
        let features = Matrix<Float>(rows: 20, columns: 3, values: (0..<60).map { Float($0) })
        #expect(throws: MetricsError.self) { try InceptionScore(probabilities: features) }
        let tooFew = Matrix<Float>(rows: 5, columns: 2, values: [Float](repeating: 0.5, count: 10))
        #expect(throws: MetricsError.self) { try InceptionScore(probabilities: tooFew) }
    }

    @Test(arguments: MetricFixtures.caseNames)
    func slicedWassersteinMatchesReference(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let expected = MetricFixtures.reference.cases[caseName]!.sliced_wasserstein
        var options = SlicedWasserstein.Options()
        options.projectionCount = expected.projections
        options.seed = expected.seed
        let result = try SlicedWasserstein(real: real, fake: fake, options: options, token: token)
        #expect(abs(result.distance - expected.distance) <= 1e-9 * expected.distance)
    }

    @Test func oneDimensionalWassersteinHandlesUnequalSizes() {
        // W₂² between {0, 1} and {0, 0.5, 1}: quantile pieces [0,⅓]: 0−0, [⅓,½]: 0−0.5, [½,⅔]: 1−0.5, [⅔,1]: 1−1.
        let value = squaredWasserstein1D([0, 1], [0, 0.5, 1])
        #expect(abs(value - (1.0 / 6) * 0.25 * 2) <= 1e-15)
    }

    @Test(arguments: MetricFixtures.caseNames)
    func vendiMatchesReference(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let reference = MetricFixtures.reference.cases[caseName]!
        let cosineFake = try VendiScore(of: fake, token: token).score
        let cosineReal = try VendiScore(of: real, token: token).score
        #expect(abs(cosineFake - reference.vendi_cosine_fake) <= 1e-9 * reference.vendi_cosine_fake)
        #expect(abs(cosineReal - reference.vendi_cosine_real) <= 1e-9 * reference.vendi_cosine_real)
        var options = VendiScore.Options()
        options.similarity = .rbf(bandwidth: reference.vendi_rbf_fake.bandwidth)
        let rbf = try VendiScore(of: fake, options: options, token: token)
        #expect(rbf.rowCount == fake.rows)
        #expect(abs(rbf.score - reference.vendi_rbf_fake.score) <= 1e-9 * reference.vendi_rbf_fake.score)
    }

    @Test func vendiRefusesZeroRowsUnderCosine() {
        let data = Matrix<Float>(rows: 2, columns: 2, values: [0, 0, 1, 1])
        #expect(throws: MetricsError.self) { try VendiScore(of: data, token: token) }
    }

    @Test(arguments: MetricFixtures.caseNames)
    func mmdMatchesReference(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let reference = MetricFixtures.reference.cases[caseName]!
        var options = MaximumMeanDiscrepancy.Options()
        options.seed = reference.mmd_gaussian.seed
        let gaussian = try MaximumMeanDiscrepancy(real: real, fake: fake, options: options, token: token)
        let bandwidth = try #require(reference.mmd_gaussian.bandwidth)
        #expect(abs(gaussian.bandwidth! - bandwidth) <= 1e-12 * bandwidth)
        // 1e-4 relative, on the kernel's scale (1) for values near 0.
        #expect(abs(gaussian.mmdSquared - reference.mmd_gaussian.mmd2) <= 1e-4 * max(abs(reference.mmd_gaussian.mmd2), 1e-6))
        options.kernel = .polynomial(degree: 3, gamma: nil, coefficient: 1)
        let polynomial = try MaximumMeanDiscrepancy(real: real, fake: fake, options: options, token: token)
        #expect(abs(polynomial.mmdSquared - reference.mmd_polynomial.mmd2) <= 1e-4 * abs(reference.mmd_polynomial.mmd2))
    }

    @Test func permutationPValuesMatchReference() throws {
        let (real, fake) = MetricFixtures.pair("ring_collapsed")
        for (expected, second) in [
            (MetricFixtures.reference.mmd_permutation, fake.rows(0..<100)),
            (MetricFixtures.reference.mmd_permutation_same, real.rows(100..<200)),
        ] {
            var options = MaximumMeanDiscrepancy.Options()
            options.seed = expected.seed
            options.permutationCount = expected.permutations!
            let result = try MaximumMeanDiscrepancy(real: real.rows(0..<100), fake: second, options: options, token: token)
            #expect(result.pValue == expected.p_value)
        }
        #expect(MetricFixtures.reference.mmd_permutation.p_value! < 0.05)
    }

    @Test func mmdRejectsBadInput() {
        let ring = MetricFixtures.pair("ring_collapsed").real
        #expect(throws: MetricsError.self) { try MaximumMeanDiscrepancy(real: ring, fake: MetricFixtures.digits, token: token) }
        var options = MaximumMeanDiscrepancy.Options()
        options.permutationCount = 10
        options.permutationRowLimit = 100
        #expect(throws: MetricsError.self) {
            try MaximumMeanDiscrepancy(real: ring.rows(0..<80), fake: ring.rows(80..<160), options: options, token: token)
        }
        options = MaximumMeanDiscrepancy.Options()
        options.kernel = .gaussian(bandwidth: -1)
        #expect(throws: MetricsError.self) { try MaximumMeanDiscrepancy(real: ring, fake: ring, options: options, token: token) }
    }
}

/// NDB/JSD: bin counts EQUAL the reference's given the same (stored) K-means centres; JSD to 1e-12.
@Suite struct NumberOfDifferentBinsTests {
    let token = CancellationToken()

    @Test(arguments: MetricFixtures.caseNames)
    func matchesReferenceGivenTheSameCentres(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let expected = MetricFixtures.reference.cases[caseName]!.ndb
        var options = NumberOfDifferentBins.Options()
        options.centers = expected.centers.floatMatrix
        let result = try NumberOfDifferentBins(real: real, fake: fake, options: options, token: token)
        #expect(result.realCounts == expected.real_counts)
        #expect(result.fakeCounts == expected.fake_counts)
        #expect(result.isDifferent == expected.different)
        #expect(result.differentCount == expected.ndb)
        #expect(abs(result.jensenShannonDivergence - expected.jsd) <= 1e-12 + 1e-12 * expected.jsd)
    }

    @Test func fittedCentresSeparateCollapsedFromHealthy() throws {
        var options = NumberOfDifferentBins.Options()
        options.clusterCount = 20
        let (real, healthy) = MetricFixtures.pair("digits_healthy")
        let collapsed = MetricFixtures.pair("digits_collapsed").fake
        let good = try NumberOfDifferentBins(real: real, fake: healthy, options: options, token: token)
        let bad = try NumberOfDifferentBins(real: real, fake: collapsed, options: options, token: token)
        #expect(good.realCounts.reduce(0, +) == real.rows)
        #expect(bad.differentCount > good.differentCount)
        #expect(bad.jensenShannonDivergence > good.jensenShannonDivergence)
    }

    @Test func rejectsBadInput() {
        let ring = MetricFixtures.pair("ring_collapsed").real
        var options = NumberOfDifferentBins.Options()
        options.clusterCount = 5000
        #expect(throws: MetricsError.self) { try NumberOfDifferentBins(real: ring, fake: ring, options: options, token: token) }
        options = NumberOfDifferentBins.Options()
        options.significance = 1.5
        #expect(throws: MetricsError.self) { try NumberOfDifferentBins(real: ring, fake: ring, options: options, token: token) }
    }
}

/// Mode coverage equals the numpy reference on the ring mixture (counts exactly).
@Suite struct ModeCoverageTests {
    @Test func matchesReferenceOnTheRing() throws {
        let (real, fake) = MetricFixtures.pair("ring_collapsed")
        let centers = try MetricFixtures.readNpy("ring_centers.npy", as: Float.self)
        for (samples, name) in [(fake, "ring_fake"), (real, "ring_real")] {
            let expected = MetricFixtures.reference.modes[name]!
            let coverage = try ModeCoverage(samples: samples, centers: centers, standardDeviation: expected.std)
            #expect(coverage.samplesPerMode == expected.per_mode)
            #expect(coverage.coveredModes == expected.covered)
            #expect(coverage.coveredModesWithShare == expected.covered_share)
            #expect(coverage.highQualityShare == expected.high_quality)
        }
    }

    @Test func shareThresholdAndBadInput() throws {
        let centers = Matrix<Float>(rows: 2, columns: 1, values: [0, 10])
        // Nine samples at mode 0, one at mode 10: with a 20 % share only mode 0 counts.
        let samples = Matrix<Float>(rows: 10, columns: 1, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 10])
        let coverage = try ModeCoverage(samples: samples, centers: centers, standardDeviation: 1, minimumShare: 0.2)
        #expect(coverage.coveredModes == 2)
        #expect(coverage.coveredModesWithShare == 1)
        #expect(throws: MetricsError.self) { try ModeCoverage(samples: samples, centers: centers, standardDeviation: 0) }
        #expect(throws: MetricsError.self) {
            try ModeCoverage(samples: samples, centers: Matrix(rows: 1, columns: 2, values: [0, 0]), standardDeviation: 1)
        }
    }
}

/// Chi-square homogeneity test against scipy.stats.chi2_contingency(correction=False) and chi2.sf from
/// scripts/reference/metrics.py: statistic 1e-12 relative, p 1e-10 relative.
@Suite struct GroupCountsTests {
    @Test func matchesScipy() throws {
        let reference = MetricFixtures.reference.group_counts
        for table in [reference.small, reference.ring_by_label] {
            let counts = try GroupCounts(realCounts: table.real, fakeCounts: table.fake)
            #expect(abs(counts.chiSquare - table.statistic) <= 1e-12 * table.statistic)
            #expect(counts.degreesOfFreedom == table.dof)
            #expect(abs(counts.pValue - table.p_value) <= 1e-10 * table.p_value + 1e-300)
        }
        for point in reference.survival {
            #expect(abs(chiSquareSurvival(point.x, degreesOfFreedom: point.dof) - point.p) <= 1e-10 * point.p)
        }
    }

    @Test func emptyGroupsDoNotCountAndBadInputIsRefused() throws {
        let counts = try GroupCounts(realCounts: [5, 0, 5], fakeCounts: [5, 0, 5])
        #expect(counts.degreesOfFreedom == 1)
        #expect(counts.chiSquare == 0)
        #expect(counts.pValue == 1)
        #expect(throws: MetricsError.self) { try GroupCounts(realCounts: [1, 2], fakeCounts: [1]) }
        #expect(throws: MetricsError.self) { try GroupCounts(realCounts: [0, 0], fakeCounts: [1, 2]) }
    }
}
