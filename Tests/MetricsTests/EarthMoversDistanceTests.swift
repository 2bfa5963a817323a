import Foundation
import LinearAlgebra
import Testing
import TestSupport

@testable import Metrics

/// Exact earth mover's distances against POT's `ot.emd2` (scripts/reference/metrics.py, `emd`), 1e-9 relative.
@Suite struct EarthMoversDistanceTests {
    struct Distances: Decodable {
        let w1: Double
        let w2: Double
    }

    struct Reference: Decodable {
        struct Cases: Decodable {
            let ring_collapsed: Distances
            let digits: Distances
        }
        let emd: Cases
    }

    static let reference: Reference.Cases = ReferenceFile.decode(Reference.self).emd

    /// Both are optima of the same Double costs; only summation order differs.
    static let tolerance = 1e-9

    @Test func matchesPOT() throws {
        let (ring, ringFake) = MetricFixtures.pair("ring_collapsed")
        let token = CancellationToken()
        let cases = [
            (try EarthMoversDistance(real: ring.rows(0..<150), fake: ringFake.rows(0..<150), token: token), Self.reference.ring_collapsed),
            (try EarthMoversDistance(real: MetricFixtures.digits.rows(0..<100), fake: MetricFixtures.digits.rows(100..<200), token: token),
             Self.reference.digits),
        ]
        for (result, expected) in cases {
            #expect(abs(result.firstOrder - expected.w1) <= Self.tolerance * expected.w1, "W1 \(result.firstOrder) vs \(expected.w1)")
            #expect(abs(result.secondOrder - expected.w2) <= Self.tolerance * expected.w2, "W2 \(result.secondOrder) vs \(expected.w2)")
        }
    }

    @Test func assignmentFindsTheOptimumNotTheRowOrder() throws {
        // Reals 0, 2 and fakes 3, 1: the optimum pairs 0↔1 and 2↔3 (cost 1 each), not the rows in order (3 + 1).
        let result = try EarthMoversDistance(
            real: Matrix(rows: 2, columns: 1, values: [0, 2]), fake: Matrix(rows: 2, columns: 1, values: [3, 1]),
            token: CancellationToken())
        #expect(result.firstOrder == 1)
        #expect(result.secondOrder == 1)
        let cost: [Double] = [4, 1, 3, 2, 0, 5, 3, 2, 2]
        #expect(try EarthMoversDistance.minimumAssignmentCost(cost, size: 3, token: CancellationToken()) == 5)
    }

    @Test func badInputThrowsNamedErrors() {
        let token = CancellationToken()
        do {
            _ = try EarthMoversDistance(real: Matrix<Float>(rows: 3, columns: 2), fake: Matrix(rows: 4, columns: 2), token: token)
            Issue.record("unequal sizes should fail")
        } catch let error as MetricsError {
            #expect(error.description.contains("equally many real and fake rows (3 vs 4)"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: MetricsError.self) {
            try EarthMoversDistance(real: Matrix<Float>(rows: 2_001, columns: 1), fake: Matrix(rows: 2_001, columns: 1), token: token)
        }
        #expect(throws: MetricsError.self) {
            try EarthMoversDistance(real: Matrix<Float>(rows: 2, columns: 2), fake: Matrix(rows: 2, columns: 3), token: token)
        }
    }
}
