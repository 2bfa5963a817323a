import LinearAlgebra
import Testing

@testable import Neighbors

@Suite struct BadInputTests {
    let token = CancellationToken()
    let reference = Matrix<Float>(rowArrays: [[0, 0], [1, 0], [0, 1]])

    @Test func dimensionMismatchNamesBothWidths() {
        let queries = Matrix<Float>(rowArrays: [[1, 2, 3]])
        #expect(throws: NeighborsError.dimensionMismatch(queryColumns: 3, referenceColumns: 2)) {
            try ExactNeighbors.search(queries, in: reference, k: 1, token: token)
        }
        let message = NeighborsError.dimensionMismatch(queryColumns: 3, referenceColumns: 2).description
        #expect(message.contains("3 columns") && message.contains("has 2"))
    }

    @Test func neighbourCountOutOfRange() {
        #expect(throws: NeighborsError.invalidNeighborCount(k: 4, available: 3, set: "the reference")) {
            try ExactNeighbors.search(reference, in: reference, k: 4, token: token)
        }
        #expect(throws: NeighborsError.invalidNeighborCount(k: 0, available: 3, set: "the reference")) {
            try ExactNeighbors.search(reference, in: reference, k: 0, token: token)
        }
        // Within one set the row itself is not a candidate.
        #expect(throws: NeighborsError.invalidNeighborCount(k: 3, available: 2, set: "the data (itself excluded)")) {
            try ExactNeighbors.searchWithin(reference, k: 3, token: token)
        }
        #expect(NeighborsError.invalidNeighborCount(k: 4, available: 3, set: "the reference").description
            .contains("use k ≤ 3"))
    }

    @Test func emptySets() {
        let empty = Matrix<Float>(rows: 0, columns: 2)
        #expect(throws: NeighborsError.emptySet("the queries")) {
            try ExactNeighbors.search(empty, in: reference, k: 1, token: token)
        }
        #expect(throws: NeighborsError.emptySet("the reference")) {
            try ExactNeighbors.search(reference, in: empty, k: 1, token: token)
        }
        #expect(throws: NeighborsError.emptySet("the data")) {
            try KMeans.fit(empty, clusterCount: 1, options: KMeansOptions(seed: 0), token: token)
        }
    }

    @Test func nonFiniteRowsAreNamed() {
        let withNaN = Matrix<Float>(rowArrays: [[0, 0], [1, .nan]])
        #expect(throws: NeighborsError.nonFiniteRow(set: "the queries", row: 1)) {
            try ExactNeighbors.search(withNaN, in: reference, k: 1, token: token)
        }
        let withInfinity = Matrix<Float>(rowArrays: [[0, 0], [1, 0], [.infinity, 0]])
        #expect(throws: NeighborsError.nonFiniteRow(set: "the reference", row: 2)) {
            try ExactNeighbors.search(reference, in: withInfinity, k: 1, token: token)
        }
        #expect(throws: NeighborsError.nonFiniteRow(set: "the data", row: 1)) {
            try KMeans.fit(withNaN, clusterCount: 1, options: KMeansOptions(seed: 0), token: token)
        }
    }

    @Test func cosineRejectsZeroRows() {
        #expect(throws: NeighborsError.zeroRow(set: "the reference", row: 0)) {
            try ExactNeighbors.search(Matrix(rowArrays: [[1, 1]]), in: reference, k: 1, metric: .cosine, token: token)
        }
    }

    @Test func unknownMetricListsTheChoices() throws {
        #expect(try DistanceMetric(parsing: "Cosine") == .cosine)
        #expect(throws: NeighborsError.unknownMetric("manhattan")) { try DistanceMetric(parsing: "manhattan") }
        #expect(NeighborsError.unknownMetric("manhattan").description.contains("euclidean, cosine"))
    }

    @Test func kMeansOptionsOutOfRange() {
        #expect(throws: NeighborsError.self) {
            try KMeans.fit(reference, clusterCount: 4, options: KMeansOptions(seed: 0), token: token)
        }
        #expect(throws: NeighborsError.self) {
            try KMeans.fit(reference, clusterCount: 2, options: KMeansOptions(seed: 0, maxIterations: 0), token: token)
        }
        #expect(throws: NeighborsError.self) {
            try KMeans.fit(reference, clusterCount: 2, options: KMeansOptions(seed: 0, tolerance: -1), token: token)
        }
        let wrongShape = Matrix<Float>(rowArrays: [[0, 0, 0], [1, 1, 1]])
        #expect(throws: NeighborsError.self) {
            try KMeans.fit(reference, clusterCount: 2, options: KMeansOptions(seed: 0, initialCenters: wrongShape), token: token)
        }
    }

    @Test func cancelledTokenStopsTheSearch() {
        let cancelled = CancellationToken()
        cancelled.cancel()
        #expect(throws: CancellationError.self) {
            try ExactNeighbors.search(reference, in: reference, k: 1, token: cancelled)
        }
        #expect(throws: CancellationError.self) {
            try KMeans.fit(reference, clusterCount: 2, options: KMeansOptions(seed: 0), token: cancelled)
        }
    }
}
