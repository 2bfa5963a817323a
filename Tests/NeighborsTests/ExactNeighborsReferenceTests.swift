import LinearAlgebra
import Testing
import TestSupport

@testable import Neighbors

/// Exact search against scikit-learn's float64 brute force (scripts/reference/neighbors.py).
///
/// Tie-aware: sklearn may order rows at equal distance differently, so each found neighbour counts as
/// correct when its float64 distance is at most the reference k-th distance (tolerance 1e-5 relative +
/// 1e-5 absolute); the sorted distances must match slot by slot to the same tolerance, and no index may
/// repeat or (within one set) be the row itself. All of that together is recall 1.0.
@Suite struct ExactNeighborsReferenceTests {
    static let relativeTolerance = 1e-5
    static let absoluteTolerance = 1e-5

    let token = CancellationToken()

    func expectExact(
        _ found: NeighborList, _ reference: NeighborsReference.Search, queries: Matrix<Float>, data: Matrix<Float>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let k = reference.k
        #expect(found.k == k && found.queryCount == queries.rows, sourceLocation: sourceLocation)
        expectApproximatelyEqual(
            found.distances, reference.distances, relative: Self.relativeTolerance,
            absolute: Self.absoluteTolerance, sourceLocation: sourceLocation)
        let measure = reference.metric == "cosine" ? ReferenceData.cosineDistance : ReferenceData.distance
        var correct = 0
        for row in 0..<queries.rows {
            let kth = reference.distances[row * k + k - 1]
            let indices = found.indices(ofRow: row).map(Int.init)
            #expect(Set(indices).count == k, "row \(row) repeats a neighbour", sourceLocation: sourceLocation)
            if reference.within { #expect(!indices.contains(row), sourceLocation: sourceLocation) }
            for index in indices {
                let distance = measure(queries.row(row), data.row(index))
                if distance <= kth + Self.absoluteTolerance + Self.relativeTolerance * kth { correct += 1 }
            }
        }
        #expect(correct == queries.rows * k, "tie-aware recall \(correct) of \(queries.rows * k)",
            sourceLocation: sourceLocation)
    }

    @Test func digitsWithinSet() throws {
        let reference = try NeighborsReference.load()
        let digits = try ReferenceData.digits()
        let found = try ExactNeighbors.searchWithin(digits, k: 10, token: token)
        expectExact(found, reference.digitsWithin, queries: digits, data: digits)
    }

    @Test func digitsCosine() throws {
        let reference = try NeighborsReference.load()
        let digits = try ReferenceData.digits()
        let queries = digits.rows(0..<300)
        let found = try ExactNeighbors.search(queries, in: digits, k: 5, metric: .cosine, token: token)
        expectExact(found, reference.digitsCosine, queries: queries, data: digits)
    }

    @Test func clusteredWithinSetAndAgainstAnotherSet() throws {
        let reference = try NeighborsReference.load()
        let data = ReferenceData.clustered(rows: 2000, columns: 64, clusters: 20, seed: 606)
        expectExact(
            try ExactNeighbors.searchWithin(data, k: 10, token: token), reference.clusteredWithin,
            queries: data, data: data)
        let queries = Matrix<Float>(rows: 500, columns: 64, values: data.rows(0..<500).values.map { $0 + 0.5 })
        let referenceRows = data.rows(500..<2000)
        expectExact(
            try ExactNeighbors.search(queries, in: referenceRows, k: 7, token: token), reference.clusteredQueries,
            queries: queries, data: referenceRows)
    }

    /// 600 rows that are 60 distinct rows repeated 10 times: each row has 9 exact duplicates, then ties of
    /// ten equal distances, so k = 15 crosses a tie boundary and defeats the GEMM candidates (direct scan).
    @Test func manyDuplicateRows() throws {
        let reference = try NeighborsReference.load()
        let data = ReferenceData.duplicated(rows: 600, columns: 16, distinct: 60, seed: 707)
        let found = try ExactNeighbors.searchWithin(data, k: 15, token: token)
        expectExact(found, reference.duplicatesWithin, queries: data, data: data)
        // Ties are broken by the smaller index, exactly as a direct loop over the Float kernel does.
        #expect(found == bruteForceNeighbors(data, data, k: 15, excludingSelf: true))
    }
}
