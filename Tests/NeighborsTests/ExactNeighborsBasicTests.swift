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

@Suite struct ExactNeighborsTilingTests {
    let token = CancellationToken()

    /// More query rows than one block and more reference rows than one tile, so candidates from several
    /// tiles and blocks meet (tile sizes: `CandidateScan.queryTileRows` × `referenceTileRows`).
    @Test func severalTilesAndBlocks() throws {
        var generator = SeededGenerator(seed: 21)
        let reference = Matrix<Float>.standardNormal(
            rows: CandidateScan.referenceTileRows * 2 + 37, columns: 3, using: &generator)
        let queries = Matrix<Float>.standardNormal(rows: CandidateScan.queryTileRows + 45, columns: 3, using: &generator)
        let found = try ExactNeighbors.search(queries, in: reference, k: 4, token: token)
        #expect(found == bruteForceNeighbors(queries, reference, k: 4, excludingSelf: false))
        let within = try ExactNeighbors.searchWithin(reference.rows(0..<(CandidateScan.referenceTileRows + 600)), k: 3, token: token)
        let all = reference.rows(0..<(CandidateScan.referenceTileRows + 600))
        #expect(within == bruteForceNeighbors(all, all, k: 3, excludingSelf: true))
    }

    /// 40 copies of each of 5 rows: with k = 15 every GEMM candidate is a zero-distance tie, the rounding
    /// certificate cannot exclude the rest, and the direct scan must order the ties by index.
    @Test func duplicatesBeyondTheCandidateListFallBackToTheDirectScan() throws {
        var generator = SeededGenerator(seed: 3)
        let base = Matrix<Float>.standardNormal(rows: 5, columns: 6, using: &generator)
        let data = base.rows(at: (0..<200).map { $0 % 5 })
        let found = try ExactNeighbors.searchWithin(data, k: 15, token: token)
        #expect(found == bruteForceNeighbors(data, data, k: 15, excludingSelf: true))
        #expect(Array(found.indices(ofRow: 0)) == (1...15).map { Int32($0 * 5) })
        #expect(found.distances(ofRow: 0).allSatisfy { $0 == 0 })
    }
}
