import Foundation
import LinearAlgebra
import Testing
import TestSupport

@testable import Metrics

/// Authenticity (Alaa et al. 2022) against scripts/reference/metrics.py (`authenticity`, numpy float64):
/// the authentic count and the first unauthentic fakes exactly equal.
@Suite struct AuthenticityTests {
    struct Case: Decodable {
        let authentic_count: Int
        let authentic_fraction: Double
        let first_unauthentic: [Int]
    }

    struct Reference: Decodable {
        struct Cases: Decodable {
            let ring_fake: Case
            let near_copies: Case
        }
        let authenticity: Cases
    }

    static let reference: Reference.Cases = ReferenceFile.decode(Reference.self).authenticity

    static func expectMatches(_ result: Authenticity, _ expected: Case) {
        #expect(result.isAuthentic.filter { $0 }.count == expected.authentic_count)
        #expect(result.authenticFraction == expected.authentic_fraction)
        let unauthentic = result.isAuthentic.indices.filter { !result.isAuthentic[$0] }
        #expect(Array(unauthentic.prefix(10)) == expected.first_unauthentic)
    }

    @Test func ringFakesAndNearCopiesMatchNumpy() throws {
        let (ring, ringFake) = MetricFixtures.pair("ring_collapsed")
        let training = ring.rows(0..<1000)
        let token = CancellationToken()
        Self.expectMatches(try Authenticity(fake: ringFake, training: training, token: token), Self.reference.ring_fake)
        var generator = SeededGenerator(seed: 51)
        let noise = Matrix<Float>.standardNormal(rows: 300, columns: 2, using: &generator)
        let near = Matrix(rows: 300, columns: 2, values: zip(ring.rows(0..<300).values, noise.values).map { $0 + $1 * 1e-4 })
        let copies = try Authenticity(fake: near, training: training, token: token)
        Self.expectMatches(copies, Self.reference.near_copies)
        #expect(copies.nearestTrainingRow.prefix(5) == [0, 1, 2, 3, 4])
        #expect(copies.copyRatios.allSatisfy { $0 < 1 })
    }

    @Test func exactCopiesAreUnauthenticEvenAtZeroRadius() throws {
        // Training holds a duplicated row: its radius is 0, and a copy of it (distance 0) is a copy.
        let training = Matrix<Float>(rows: 3, columns: 1, values: [0, 0, 5])
        let result = try Authenticity(fake: Matrix(rows: 2, columns: 1, values: [0, 11]), training: training, token: CancellationToken())
        #expect(result.isAuthentic == [false, true])
        #expect(result.trainingRadius == [0, 5])
        #expect(result.copyRatios == [0, 6.0 / 5])
    }

    @Test func badInputThrowsNamedErrors() {
        let token = CancellationToken()
        #expect(throws: MetricsError.self) {
            try Authenticity(fake: Matrix<Float>(rows: 2, columns: 3), training: Matrix(rows: 5, columns: 2), token: token)
        }
        do {
            _ = try Authenticity(fake: Matrix<Float>(rows: 2, columns: 1), training: Matrix(rows: 1, columns: 1), token: token)
            Issue.record("one training row should fail")
        } catch let error as MetricsError {
            #expect(error.description.contains("the training set has 1 rows"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: MetricsError.nonFinite("authenticity", "the fake set")) {
            try Authenticity(fake: Matrix(rows: 1, columns: 1, values: [.infinity]), training: Matrix(rows: 3, columns: 1), token: token)
        }
    }
}
