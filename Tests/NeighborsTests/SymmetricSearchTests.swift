import LinearAlgebra
import Testing

@testable import Neighbors

/// The symmetric within-set engine must return exactly what the one-sided engine returns (lists AND
/// distances, bit for bit): both are the exact k nearest under Float `squaredDistance`, ties by index.
@Suite struct SymmetricSearchTests {
    let token = CancellationToken()

    /// The one-sided engine over the same set, as `searchWithin` ran before the symmetric engine.
    func oneSided(_ data: Matrix<Float>, k: Int) throws -> NeighborList {
        var list = try BlockedSearch(queries: data, reference: data, k: k, excludesSelf: true).run(token: token)
        ExactNeighbors.convertSquaredDistances(&list, metric: .euclidean)
        return list
    }

    func symmetric(_ data: Matrix<Float>, k: Int, blockRows: Int) throws -> NeighborList {
        var engine = SymmetricSearch(data: data, k: k)
        engine.blockRows = blockRows
        var list = try engine.run(token: token)
        ExactNeighbors.convertSquaredDistances(&list, metric: .euclidean)
        return list
    }

    /// Default blocks (one tile) and small ones that do not divide the row count (many rounds, a short
    /// last block, diagonal tiles with a scalar tail).
    func expectIdentical(_ data: Matrix<Float>, k: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try oneSided(data, k: k)
        for blockRows in [SymmetricSearch.defaultBlockRows, 100, 37] {
            let found = try symmetric(data, k: k, blockRows: blockRows)
            #expect(found.indices == expected.indices, "blocks of \(blockRows)", sourceLocation: sourceLocation)
            #expect(found.distances == expected.distances, "blocks of \(blockRows)", sourceLocation: sourceLocation)
        }
    }

    @Test func identicalToOneSidedOnDigits() throws {
        try expectIdentical(try ReferenceData.digits(), k: 10)
    }

    @Test func identicalToOneSidedOnClusteredFixture() throws {
        try expectIdentical(ReferenceData.clustered(rows: 2000, columns: 64, clusters: 20, seed: 606), k: 10)
    }

    /// Ties everywhere: 9 exact duplicates per row, then runs of ten equal distances; k = 15 crosses a tie
    /// boundary, so the certificate fails and rows go to the direct scan.
    @Test func identicalToOneSidedOnManyDuplicates() throws {
        let data = ReferenceData.duplicated(rows: 600, columns: 16, distinct: 60, seed: 707)
        try expectIdentical(data, k: 15)
        let found = try symmetric(data, k: 15, blockRows: 37)
        #expect(found == bruteForceNeighbors(data, data, k: 15, excludingSelf: true))
    }

    @Test func searchWithinUsesTheSymmetricEngine() throws {
        var generator = SeededGenerator(seed: 5)
        let data = Matrix<Float>.standardNormal(rows: 150, columns: 5, using: &generator)
        #expect(try ExactNeighbors.searchWithin(data, k: 6, token: token)
            == bruteForceNeighbors(data, data, k: 6, excludingSelf: true))
    }

    /// k = n − 1: every other row is a candidate, including across the one off-diagonal tile.
    @Test func everyOtherRowWhenKIsAllOfThem() throws {
        var generator = SeededGenerator(seed: 8)
        let data = Matrix<Float>.standardNormal(rows: 9, columns: 3, using: &generator)
        #expect(try symmetric(data, k: 8, blockRows: 4) == bruteForceNeighbors(data, data, k: 8, excludingSelf: true))
        let pair = Matrix<Float>(rowArrays: [[0, 0], [3, 4]])
        let found = try symmetric(pair, k: 1, blockRows: 1)
        #expect(found.indices == [1, 0] && found.distances == [5, 5])
    }

    @Test func cancelledTokenStops() {
        let cancelled = CancellationToken()
        cancelled.cancel()
        let data = Matrix<Float>(rowArrays: [[0, 0], [1, 0], [0, 1]])
        #expect(throws: CancellationError.self) { try ExactNeighbors.searchWithin(data, k: 1, token: cancelled) }
    }
}

@Suite struct SymmetricTileScheduleTests {
    @Test func everyUpperTileOnceAndNoBlockTwiceInARound() {
        for blockCount in 1...11 {
            let rounds = SymmetricTileSchedule.rounds(blockCount: blockCount)
            var seen = Set<[Int]>()
            for round in rounds {
                let blocks = round.flatMap { $0.rowBlock == $0.columnBlock ? [$0.rowBlock] : [$0.rowBlock, $0.columnBlock] }
                #expect(Set(blocks).count == blocks.count, "a block repeats in a round of \(blockCount)")
                for tile in round {
                    #expect(tile.rowBlock <= tile.columnBlock && tile.columnBlock < blockCount)
                    seen.insert([tile.rowBlock, tile.columnBlock])
                }
            }
            #expect(rounds.map(\.count).reduce(0, +) == blockCount * (blockCount + 1) / 2)
            #expect(seen.count == blockCount * (blockCount + 1) / 2)
        }
        #expect(SymmetricTileSchedule.rounds(blockCount: 0).isEmpty)
    }
}

@Suite struct CandidateHeapsTests {
    /// The same stream into `CandidateHeaps` and `SmallestValues` keeps the same pairs and threshold,
    /// with negative values, repeated values (ties by index) and a NaN in it.
    @Test func keepsWhatSmallestValuesKeeps() {
        var generator = SeededGenerator(seed: 12)
        let heaps = CandidateHeaps(rowCount: 3, capacity: 7)
        var references = [SmallestValues<Float>](repeating: SmallestValues(capacity: 7), count: 3)
        for index in 0..<400 {
            let row = index % 3
            let value: Float = index == 50 ? .nan : Float(Int.random(in: -20...20, using: &generator)) / 4
            heaps.insert(value, index: Int32(index), row: row)
            references[row].insert(value, index: index)
            #expect(heaps.thresholds[row] == references[row].threshold)
        }
        for row in 0..<3 {
            #expect(heaps.count(ofRow: row) == 7)
            #expect(heaps.indices(ofRow: row).sorted() == references[row].sorted().map(\.index).sorted())
        }
    }

    @Test func keysOrderLikeValueThenIndex() {
        let pairs: [(Float, Int32)] = [(-3, 9), (0, 2), (-0.0, 4), (0, 5), (1e-30, 0), (2, 1), (2, 3), (.infinity, 0)]
        let keys = pairs.map { CandidateHeaps.key($0.0, $0.1) }
        #expect(keys == keys.sorted())
        // −0 and +0 are one value: only the index orders them.
        #expect(CandidateHeaps.key(-0.0, 4) > CandidateHeaps.key(0, 2))
        for (value, index) in pairs { #expect(CandidateHeaps.value(ofKey: CandidateHeaps.key(value, index)) == value) }
    }
}
