import LinearAlgebra
import Testing

@testable import Metrics

/// Against the float64 re-implementation of torch-fidelity's `mmd2` on the same subsets: ≤ 1e-4 relative
/// per subset (the tolerance), on the kernel's scale for values near zero.
@Suite struct KernelInceptionDistanceTests {
    let token = CancellationToken()

    @Test(arguments: MetricFixtures.caseNames)
    func matchesReferenceOnTheSameSubsets(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let expected = MetricFixtures.reference.cases[caseName]!.kid
        var options = KernelInceptionDistance.Options()
        options.subsetCount = expected.subsets
        options.subsetSize = expected.size
        options.seed = expected.seed
        let kid = try KernelInceptionDistance(real: real, fake: fake, options: options, token: token)
        #expect(kid.subsetSize == expected.size)
        for (value, reference) in zip(kid.subsetValues, expected.values) {
            #expect(abs(value - reference) <= 1e-4 * abs(reference), "subset value \(value) vs \(reference)")
        }
        #expect(abs(kid.mean - expected.mean) <= 1e-4 * abs(expected.mean))
        // Subsets as large as the set make every subset the whole set: the std is round-off, so its floor is the mean's.
        #expect(abs(kid.standardDeviation - expected.std) <= 1e-4 * max(expected.std, abs(expected.mean)))
    }

    @Test func shrinksSubsetsWithAWarning() throws {
        let (real, fake) = MetricFixtures.pair("digits_collapsed")
        var options = KernelInceptionDistance.Options()
        options.subsetCount = 2
        let kid = try KernelInceptionDistance(real: real, fake: fake, options: options, token: token)
        #expect(kid.subsetSize == 600)
        #expect(kid.warnings.count == 1)
    }

    @Test func rejectsBadInput() throws {
        let digits = MetricFixtures.digits
        let ring = MetricFixtures.pair("ring_collapsed").real
        #expect(throws: MetricsError.self) { try KernelInceptionDistance(real: digits, fake: ring, token: token) }
        #expect(throws: MetricsError.self) {
            try KernelInceptionDistance(real: digits, fake: digits.rows(0..<1), token: token)
        }
        let nan = Matrix<Float>(rows: 2, columns: 2, values: [1, .nan, 0, 1])
        #expect(throws: MetricsError.self) { try KernelInceptionDistance(real: nan, fake: nan, token: token) }
    }
}
