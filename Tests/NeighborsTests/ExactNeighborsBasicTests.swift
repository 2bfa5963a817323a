import LinearAlgebra
import Testing

@testable import Neighbors

/// Direct-loop k-NN, the obviously correct answer the blocked search must reproduce exactly.
func bruteForceNeighbors(_ queries: Matrix<Float>, _ reference: Matrix<Float>, k: Int, excludingSelf: Bool) -> NeighborList {
    var indices: [Int32] = []
    var distances: [Float] = []
    for query in 0..<queries.rows {
        var best = SmallestValues<Float>(capacity: k)
        for row in 0..<reference.rows where !(excludingSelf && row == query) {
            best.insert(squaredDistance(queries.row(query), reference.row(row)), index: row)
        }
        for pair in best.sorted() {
            indices.append(Int32(pair.index))
            distances.append(pair.value.squareRoot())
        }
    }
    return NeighborList(queryCount: queries.rows, k: k, indices: indices, distances: distances)
}

@Suite struct ExactNeighborsBasicTests {
    let token = CancellationToken()

    @Test func matchesDirectLoopOnRandomData() throws {
        var generator = SeededGenerator(seed: 11)
        let reference = Matrix<Float>.standardNormal(rows: 300, columns: 7, using: &generator)
        let queries = Matrix<Float>.standardNormal(rows: 50, columns: 7, using: &generator)
        let found = try ExactNeighbors.search(queries, in: reference, k: 5, token: token)
        #expect(found == bruteForceNeighbors(queries, reference, k: 5, excludingSelf: false))
    }

    @Test func withinExcludesOnlyTheRowItself() throws {
        // Rows 0 and 1 are identical: each must list the other at distance 0, never itself.
        let data = Matrix<Float>(rowArrays: [[1, 1], [1, 1], [3, 1], [0, 5]])
        let found = try ExactNeighbors.searchWithin(data, k: 2, token: token)
        #expect(Array(found.indices(ofRow: 0)) == [1, 2])
        #expect(Array(found.indices(ofRow: 1)) == [0, 2])
        #expect(Array(found.distances(ofRow: 0)) == [0, 2])
        #expect(Array(found.indices(ofRow: 3)) == [0, 1])
    }

    @Test func cosineDistanceIsOneMinusCosine() throws {
        let reference = Matrix<Float>(rowArrays: [[1, 0], [0, 2], [-3, 0]])
        let queries = Matrix<Float>(rowArrays: [[2, 2]])
        let found = try ExactNeighbors.search(queries, in: reference, k: 3, metric: .cosine, token: token)
        #expect(Array(found.indices(ofRow: 0)) == [0, 1, 2])
        let half: Float = 0.5
        let expected: [Float] = [1 - half.squareRoot(), 1 - half.squareRoot(), 1 + half.squareRoot()]
        for (value, target) in zip(found.distances(ofRow: 0), expected) { #expect(abs(value - target) < 1e-6) }
    }
}
