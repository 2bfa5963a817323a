import LinearAlgebra
import Testing

@testable import Metrics

/// Counts must EQUAL the references' (prdc 0.2 and torch-fidelity 0.4.0's PRC, run on exact distances of
/// the same float32 data by scripts/reference/metrics.py, and prdc itself on the float32 arrays): tolerance
/// zero. The collapsed digits set holds exact copies of real rows, so distances tie with radii and the two
/// boundary conventions differ; the near-copies set ties only after prdc's float32 rounding.
@Suite struct NeighbourhoodMetricTests {
    let token = CancellationToken()

    @Test(arguments: MetricFixtures.caseNames)
    func precisionRecallEqualsTorchFidelity(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let reference = MetricFixtures.reference.cases[caseName]!
        let inclusive = try PrecisionRecall(real: real, fake: fake, token: token)
        #expect(inclusive.precision == Double(reference.prc_k3_inclusive.precision_count) / Double(fake.rows))
        #expect(inclusive.recall == Double(reference.prc_k3_inclusive.recall_count) / Double(real.rows))
        var options = PrecisionRecall.Options()
        options.boundary = .strict
        let strict = try PrecisionRecall(real: real, fake: fake, options: options, token: token)
        #expect(strict.precision == Double(reference.prc_k3_strict.precision_count) / Double(fake.rows))
        #expect(strict.recall == Double(reference.prc_k3_strict.recall_count) / Double(real.rows))
    }

    @Test(arguments: MetricFixtures.caseNames)
    func densityCoverageEqualsPrdc(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let reference = MetricFixtures.reference.cases[caseName]!
        for (boundary, expected) in [(BallBoundary.strict, reference.prdc_k5_strict), (.inclusive, reference.prdc_k5_inclusive)] {
            var options = DensityCoverage.Options()
            options.boundary = boundary
            options.rounding = .exact
            let result = try DensityCoverage(real: real, fake: fake, options: options, token: token)
            #expect(result.density == Double(expected.containment_count) / Double(5 * fake.rows), "\(boundary)")
            #expect(result.coverage == Double(expected.coverage_count) / Double(real.rows), "\(boundary)")
        }
    }

    @Test(arguments: MetricFixtures.caseNames)
    func defaultDensityCoverageEqualsPrdcOnFloat32Input(caseName: String) throws {
        let (real, fake) = MetricFixtures.pair(caseName)
        let expected = MetricFixtures.reference.cases[caseName]!.prdc_float32
        let result = try DensityCoverage(real: real, fake: fake, token: token)
        #expect(result.density == Double(expected.containment_count) / Double(5 * fake.rows))
        #expect(result.coverage == Double(expected.coverage_count) / Double(real.rows))
    }

    @Test func float32RoundingChangesTheNearCopiesCount() throws {
        // Guards the fixture: if both conventions agreed here, the test above would not test rounding.
        let reference = MetricFixtures.reference.cases["gauss_near_copies"]!
        #expect(reference.prdc_float32.containment_count != reference.prdc_k5_strict.containment_count)
    }

    @Test func prdcPrecisionRecallWithStrictBoundaryAndK5() throws {
        let (real, fake) = MetricFixtures.pair("digits_collapsed")
        let expected = MetricFixtures.reference.cases["digits_collapsed"]!.prdc_k5_strict
        var options = PrecisionRecall.Options()
        options.neighbourCount = 5
        options.boundary = .strict
        let result = try PrecisionRecall(real: real, fake: fake, options: options, token: token)
        #expect(result.precision == expected.precision)
        #expect(result.recall == Double(expected.recall_count) / Double(real.rows))
    }

    @Test func radiiAreExactKthNeighbourDistances() throws {
        // Points on a line at 0, 1, 3, 7 and a duplicate of 0 (2nd neighbour of 3 is at 3, of 7 at 6): exact integer squared distances.
        let data = Matrix<Float>(rows: 5, columns: 1, values: [0, 1, 3, 7, 0])
        let radii = try nearestNeighbourSquaredRadii(of: data, k: 2, token: token)
        #expect(radii == [1, 1, 9, 36, 1])
    }

    @Test func blockedPassesAgreeAcrossBlockBoundaries() throws {
        // More rows than one GEMM block holds would need huge data; instead check a set big enough to split
        // across worker groups against a brute-force count.
        var generator = SeededGenerator(seed: 3)
        let real = Matrix<Float>.standardNormal(rows: 301, columns: 3, using: &generator)
        let fake = Matrix<Float>.standardNormal(rows: 257, columns: 3, using: &generator)
        let result = try DensityCoverage(real: real, fake: fake, token: token)
        let radii = try nearestNeighbourSquaredRadii(of: real, k: 5, token: token)
        var contained = 0
        var covered = Set<Int>()
        for f in 0..<fake.rows {
            for r in 0..<real.rows {
                let d = zip(fake.row(f), real.row(r)).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
                if d < radii[r] {
                    contained += 1
                    covered.insert(r)
                }
            }
        }
        #expect(result.density == Double(contained) / Double(5 * fake.rows))
        #expect(result.coverage == Double(covered.count) / Double(real.rows))
    }

    @Test func rejectsBadInput() throws {
        let ring = MetricFixtures.pair("ring_collapsed").real
        #expect(throws: MetricsError.self) { try PrecisionRecall(real: MetricFixtures.digits, fake: ring, token: token) }
        let error = #expect(throws: MetricsError.self) {
            try DensityCoverage(real: ring.rows(0..<5), fake: ring, token: token)
        }
        #expect(error?.description.contains("k = 5") == true)
        let nan = Matrix<Float>(rows: 10, columns: 1, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, .nan])
        #expect(throws: MetricsError.self) { try PrecisionRecall(real: nan, fake: nan, token: token) }
        #expect(throws: MetricsError.self) { try nearestNeighbourSquaredRadii(of: ring, k: 0, token: token) }
    }

    @Test func cancellationStops() throws {
        let cancelled = CancellationToken()
        cancelled.cancel()
        let (real, fake) = MetricFixtures.pair("ring_collapsed")
        #expect(throws: CancellationError.self) { try DensityCoverage(real: real, fake: fake, token: cancelled) }
    }
}

/// `ModeBreakdown` equals the whole-set metrics run on each mode's rows, and marks dropped modes.
@Suite struct ModeBreakdownTests {
    let token = CancellationToken()

    @Test func eachModeMatchesTheMetricsOfItsRows() throws {
        let (real, fake) = MetricFixtures.pair("ring_collapsed")
        let labels = try MetricFixtures.readNpy("ring_real_labels.npy", as: Int64.self).values.map { Int32($0) }
        let fakeGroups = try ModeBreakdown.groupsOfNearestReal(fake: fake, real: real, realGroups: labels, token: token)
        let modes = try ModeBreakdown.compute(
            real: real, fake: fake, realGroups: labels, fakeGroups: fakeGroups, groupCount: 8,
            precisionRecall: .init(), densityCoverage: .init(), token: token)
        #expect(modes.map(\.fakeCount).reduce(0, +) == fake.rows)
        #expect(modes.map(\.realCount).reduce(0, +) == real.rows)
        let populated = try #require(modes.first { $0.fakeCount > 5 })
        let realRows = labels.indices.filter { labels[$0] == Int32(populated.group) }
        let fakeRows = fakeGroups.indices.filter { fakeGroups[$0] == Int32(populated.group) }
        let whole = try NeighbourhoodMetrics.compute(
            real: real.rows(at: realRows), fake: fake.rows(at: fakeRows), precisionRecall: .init(),
            densityCoverage: .init(), token: token)
        #expect(populated.precision == whole.precisionRecall?.precision)
        #expect(populated.recall == whole.precisionRecall?.recall)
        #expect(populated.density == whole.densityCoverage?.density)
        #expect(populated.coverage == whole.densityCoverage?.coverage)
        // The collapsed ring drops modes: no fakes, recall and coverage 0, no precision.
        let dropped = modes.filter { $0.fakeCount == 0 }
        #expect(!dropped.isEmpty)
        #expect(dropped.allSatisfy { $0.recall == 0 && $0.coverage == 0 && $0.precision == nil })
    }

    @Test func rejectsGroupsThatDoNotFit() {
        let (real, fake) = MetricFixtures.pair("ring_collapsed")
        #expect(throws: MetricsError.self) {
            try ModeBreakdown.compute(
                real: real, fake: fake, realGroups: [0], fakeGroups: [], groupCount: 1, precisionRecall: .init(),
                densityCoverage: .init(), token: token)
        }
    }
}
