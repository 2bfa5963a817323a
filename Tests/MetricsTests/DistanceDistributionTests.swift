import Foundation
import LinearAlgebra
import Testing
import TestSupport

@testable import Metrics

/// `DistanceDistributions` against scripts/reference/metrics.py (`distances`: scipy cdist/pdist in float64
/// on the first 500 ring and collapsed-ring rows, numpy linear percentiles), to 1e-5 relative.
@Suite struct DistanceDistributionTests {
    struct Quantiles: Decodable {
        let fake_to_real: [Double]
        let real_to_real: [Double]
        let fake_to_fake: [Double]
        let real_pairs: [Double]
        let fake_pairs: [Double]
    }

    struct Reference: Decodable {
        struct Distances: Decodable {
            let rows: Int
            let k1: Quantiles
            let k3: Quantiles
        }
        let distances: Distances
    }

    static let reference: Reference.Distances = ReferenceFile.decode(Reference.self).distances

    /// Float distances rounded from Double and Float neighbour distances: 1e-5 relative covers both.
    static let tolerance = 1e-5

    static func percentiles(_ values: [Float]) -> [Double] {
        let sorted = values.map(Double.init).sorted()
        return [5.0, 25, 50, 75, 95].map { q in
            let position = q / 100 * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
        }
    }

    static func expectClose(_ actual: [Float], _ expected: [Double], _ what: String) {
        let got = percentiles(actual)
        for (value, wanted) in zip(got, expected) {
            #expect(abs(value - wanted) <= tolerance * abs(wanted), "\(what): \(got) vs \(expected)")
        }
    }

    func ringPair() -> (Matrix<Float>, Matrix<Float>) {
        let (real, fake) = MetricFixtures.pair("ring_collapsed")
        let rows = Self.reference.rows
        return (real.rows(0..<rows), fake.rows(0..<rows))
    }

    @Test(arguments: [1, 3]) func quantilesMatchScipy(k: Int) throws {
        let (real, fake) = ringPair()
        var options = DistanceDistributions.Options()
        options.k = k
        let report = try DistanceDistributions(real: real, fake: fake, options: options, token: CancellationToken())
        let expected = k == 1 ? Self.reference.k1 : Self.reference.k3
        #expect(report.fakeToReal.count == 500 && report.realPairs.count == 500 * 499 / 2)
        Self.expectClose(report.fakeToReal, expected.fake_to_real, "fake→real")
        Self.expectClose(report.realToReal, expected.real_to_real, "real→real")
        Self.expectClose(report.fakeToFake, expected.fake_to_fake, "fake→fake")
        Self.expectClose(report.realPairs, expected.real_pairs, "real pairs")
        Self.expectClose(report.fakePairs, expected.fake_pairs, "fake pairs")
    }

    @Test func collapsedFakesHaveShorterPairwiseDistances() throws {
        let (real, fake) = ringPair()
        let report = try DistanceDistributions(real: real, fake: fake, token: CancellationToken())
        let realMedian = Self.percentiles(report.realPairs)[2]
        let fakeMedian = Self.percentiles(report.fakePairs)[2]
        // The collapsed ring keeps fewer modes, so its pairs span a shorter arc.
        #expect(fakeMedian < 0.6 * realMedian)
    }

    @Test func pairwiseSubsampleIsSeededAndBounded() throws {
        let (real, fake) = ringPair()
        var options = DistanceDistributions.Options()
        options.pairSampleLimit = 100
        options.seed = 9
        let first = try DistanceDistributions(real: real, fake: fake, options: options, token: CancellationToken())
        let second = try DistanceDistributions(real: real, fake: fake, options: options, token: CancellationToken())
        #expect(first.realPairRows == 100 && first.realPairs.count == 100 * 99 / 2)
        #expect(first == second)
        options.seed = 10
        let other = try DistanceDistributions(real: real, fake: fake, options: options, token: CancellationToken())
        #expect(other.realPairs != first.realPairs)
        #expect(other.fakeToReal == first.fakeToReal)
    }

    @Test func badInputThrowsNamedErrors() {
        let (real, fake) = ringPair()
        let token = CancellationToken()
        #expect(throws: MetricsError.self) {
            try DistanceDistributions(real: real, fake: Matrix<Float>(rows: 5, columns: 3), token: token)
        }
        var options = DistanceDistributions.Options()
        options.k = 4
        do {
            _ = try DistanceDistributions(real: real, fake: fake.rows(0..<4), options: options, token: token)
            Issue.record("k = 4 on 4 rows should fail")
        } catch let error as MetricsError {
            #expect(error.description.contains("the fake set has 4 rows; k=4 needs at least 5"))
        } catch { Issue.record("unexpected \(error)") }
        var values = real.rows(0..<10).values
        values[3] = .nan
        #expect(throws: MetricsError.nonFinite("distances", "the real set")) {
            try DistanceDistributions(real: Matrix(rows: 10, columns: 2, values: values), fake: fake, token: token)
        }
    }
}
