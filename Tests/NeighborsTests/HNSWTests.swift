import LinearAlgebra
import Testing

@testable import Neighbors

/// HNSW against exact search: recall@10 measured, not assumed; the build is reproducible from the seed.
@Suite struct HNSWTests {
    let token = CancellationToken()

    static func recall(_ found: NeighborList, _ exact: NeighborList) -> Double {
        var hits = 0
        for row in 0..<exact.queryCount {
            hits += Set(found.indices(ofRow: row)).intersection(exact.indices(ofRow: row)).count
        }
        return Double(hits) / Double(exact.queryCount * exact.k)
    }

    @Test func recallAtTenOnClusteredData() throws {
        let data = ReferenceData.clustered(rows: 2000, columns: 16, clusters: 20, seed: 606)
        let queries = ReferenceData.clustered(rows: 2300, columns: 16, clusters: 20, seed: 606).rows(2000..<2300)
        let index = try HNSWIndex(data, options: HNSWOptions(seed: 1, constructionBreadth: 64), threads: 1, token: token)
        let found = try index.search(queries, k: 10, token: token)
        let exact = try ExactNeighbors.search(queries, in: data, k: 10, token: token)
        let recall = Self.recall(found, exact)
        // The bar is 0.95 at hnswlib's defaults; this smaller build clears it with room.
        #expect(recall >= 0.95, "recall@10 = \(recall)")
        // Built by two threads under per-node locks: different links, the same quality.
        let parallel = try HNSWIndex(data, options: HNSWOptions(seed: 1, constructionBreadth: 64), threads: 2, token: token)
        let parallelRecall = Self.recall(try parallel.search(queries, k: 10, token: token), exact)
        #expect(parallelRecall >= 0.95, "recall@10 = \(parallelRecall) with a parallel build")
        // Distances of the rows found are exact, and each list is sorted.
        for row in 0..<found.queryCount {
            for (index, distance) in zip(found.indices(ofRow: row), found.distances(ofRow: row)) {
                let direct = squaredDistance(queries.row(row), data.row(Int(index))).squareRoot()
                #expect(abs(distance - direct) <= 1e-5 * max(1, direct))
            }
            #expect(found.distances(ofRow: row).elementsEqual(found.distances(ofRow: row).sorted()))
        }
        // A narrow search finds less: ef matters.
        let narrow = try index.search(queries, k: 10, breadth: 10, token: token)
        #expect(Self.recall(narrow, exact) <= recall)
    }

    @Test func sameSeedSameIndexAndCosine() throws {
        var generator = SeededGenerator(seed: 8)
        let data = Matrix<Float>.standardNormal(rows: 600, columns: 8, using: &generator)
        let options = HNSWOptions(seed: 4, maxConnections: 8, constructionBreadth: 40)
        let first = try HNSWIndex(data, options: options, threads: 1, token: token)
        let second = try HNSWIndex(data, options: options, threads: 1, token: token)
        #expect(first.links0 == second.links0 && first.upperLinks == second.upperLinks)
        #expect(first.entryPoint == second.entryPoint)
        let cosine = try HNSWIndex(data, metric: .cosine, options: options, token: token)
        let found = try cosine.search(data.rows(0..<50), k: 5, breadth: 100, token: token)
        let exact = try ExactNeighbors.search(data.rows(0..<50), in: data, k: 5, metric: .cosine, token: token)
        #expect(Self.recall(found, exact) >= 0.95)
        #expect(Array(found.indices(ofRow: 0)).first == 0)
    }

    @Test func badInput() throws {
        let data = Matrix<Float>(rowArrays: [[0, 0], [1, 0], [0, 1]])
        #expect(throws: NeighborsError.self) {
            try HNSWIndex(data, options: HNSWOptions(seed: 0, maxConnections: 1), token: token)
        }
        #expect(throws: NeighborsError.emptySet("the reference")) {
            try HNSWIndex(Matrix(rows: 0, columns: 2), options: HNSWOptions(seed: 0), token: token)
        }
        let index = try HNSWIndex(data, options: HNSWOptions(seed: 0), token: token)
        #expect(throws: NeighborsError.invalidNeighborCount(k: 4, available: 3, set: "the indexed reference")) {
            try index.search(data, k: 4, token: token)
        }
        #expect(throws: NeighborsError.dimensionMismatch(queryColumns: 1, referenceColumns: 2)) {
            try index.search(Matrix(rowArrays: [[1]]), k: 1, token: token)
        }
        let cancelled = CancellationToken()
        cancelled.cancel()
        #expect(throws: CancellationError.self) { try index.search(data, k: 1, token: cancelled) }
        let larger = Matrix<Float>(rows: 600, columns: 2) { values in
            for index in values.indices { values[index] = Float(index % 97) }
        }
        #expect(throws: CancellationError.self) { try HNSWIndex(larger, options: HNSWOptions(seed: 0), token: cancelled) }
    }
}

@Suite struct HNSWCancellationTests {
    /// The token trips during the build (from the progress callback after the first block of insertions),
    /// and the next block's check stops it: deterministic, no timing involved.
    @Test func cancellationDuringTheBuildStopsIt() {
        let token = CancellationToken()
        let counter = Counter()
        let environment = ProgressReporter.Environment(
            isTerminal: true, write: { _ in token.cancel() }, now: { counter.next() })
        let progress = ProgressReporter(label: "hnsw", total: 600, isEnabled: true, environment: environment)
        var generator = SeededGenerator(seed: 2)
        let data = Matrix<Float>.standardNormal(rows: 600, columns: 4, using: &generator)
        #expect(throws: CancellationError.self) {
            try HNSWIndex(data, options: HNSWOptions(seed: 0), threads: 1, token: token, progress: progress)
        }
        #expect(token.isCancelled)
    }
}

/// A clock that advances one second per reading, so every progress update redraws.
final class Counter: @unchecked Sendable {
    private var value = 0.0
    func next() -> Double {
        value += 1
        return value
    }
}

@Suite struct HNSWSnapshotTests {
    @Test func restoringASnapshotGivesTheSameIndexAndRejectsDamage() throws {
        let token = CancellationToken()
        var generator = SeededGenerator(seed: 5)
        let data = Matrix<Float>.standardNormal(rows: 300, columns: 4, using: &generator)
        let index = try HNSWIndex(data, options: HNSWOptions(seed: 9, maxConnections: 6), threads: 1, token: token)
        let restored = try HNSWIndex(restoring: index.snapshot)
        #expect(restored == index)
        #expect(try restored.search(data.rows(0..<20), k: 3, token: token) == index.search(data.rows(0..<20), k: 3, token: token))
        var badLink = index.snapshot
        badLink.layerZeroLinks[1] = 300  // node 0's first link points past the last row
        #expect(throws: NeighborsError.self) { try HNSWIndex(restoring: badLink) }
        var badCount = index.snapshot
        badCount.layerZeroLinks[0] = 13  // more than 2M links
        #expect(throws: NeighborsError.self) { try HNSWIndex(restoring: badCount) }
        var badLevels = index.snapshot
        badLevels.levels.removeLast()
        #expect(throws: NeighborsError.self) { try HNSWIndex(restoring: badLevels) }
        var badEntry = index.snapshot
        badEntry.entryPoint = -1
        #expect(throws: NeighborsError.self) { try HNSWIndex(restoring: badEntry) }
    }
}

@Suite struct HNSWUnreachableTests {
    /// A graph whose layer 0 reaches fewer than k nodes (every layer-0 list cut to nothing) still answers,
    /// exactly, through the full scan instead of trapping on a short list.
    @Test func shortReachableSetFallsBackToAnExactScan() throws {
        let token = CancellationToken()
        var generator = SeededGenerator(seed: 12)
        let data = Matrix<Float>.standardNormal(rows: 200, columns: 8, using: &generator)
        let index = try HNSWIndex(data, options: HNSWOptions(seed: 3, maxConnections: 4), threads: 1, token: token)
        var cut = index.snapshot
        for node in 0..<data.rows { cut.layerZeroLinks[node * (1 + 2 * 4)] = 0 }
        let isolated = try HNSWIndex(restoring: cut)
        let queries = data.rows(0..<15)
        let found = try isolated.search(queries, k: 5, token: token)
        let exact = try ExactNeighbors.search(queries, in: data, k: 5, token: token)
        #expect(found.indices == exact.indices)
        for (ours, reference) in zip(found.distances, exact.distances) {
            #expect(abs(ours - reference) <= 1e-5 * max(1, reference))
        }
    }
}
