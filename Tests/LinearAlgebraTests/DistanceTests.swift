import LinearAlgebra
import TestSupport
import Testing

/// GEMM distance blocks and the direct kernel against numpy float64 distances of the same float32 rows.
@Suite struct DistanceTests {
    private func collectBlocks(
        _ queries: Matrix<Float>, _ references: Matrix<Float>, rowsPerBlock: Int
    ) throws -> (values: [Float], ranges: [Range<Int>]) {
        var values: [Float] = []
        var ranges: [Range<Int>] = []
        try forEachSquaredDistanceBlock(
            from: queries, to: references, rowsPerBlock: rowsPerBlock, token: CancellationToken()
        ) { rows, block in
            ranges.append(rows)
            #expect(block.count == rows.count * references.rows)
            values.append(contentsOf: block)
        }
        return (values, ranges)
    }

    @Test func blocksMatchNumpyAndCoverEveryRowOnce() throws {
        let queries = try Reference.matrix("queries").floatMatrix
        let references = try Reference.matrix("references").floatMatrix
        let expected = try Reference.matrix("squared_distances").values
        let (values, ranges) = try collectBlocks(queries, references, rowsPerBlock: 3)
        #expect(ranges == [0..<3, 3..<6, 6..<7])
        // GEMM cancellation: absolute error ~1e-6·(‖x‖²+‖y‖²); rows here have ‖·‖² ≲ 20, so 1e-4 absolute.
        expectApproximatelyEqual(values, expected, relative: 1e-5, absolute: 1e-4)
        #expect(values.allSatisfy { $0 >= 0 })
    }

    @Test func blocksEqualDirectComputation() throws {
        var generator = SeededGenerator(seed: 3)
        let queries = Matrix<Float>.standardNormal(rows: 23, columns: 17, using: &generator)
        let references = Matrix<Float>.standardNormal(rows: 11, columns: 17, using: &generator)
        let (values, _) = try collectBlocks(queries, references, rowsPerBlock: 5)
        let direct = (0..<23).flatMap { q in (0..<11).map { r in squaredDistance(queries.row(q), references.row(r)) } }
        expectApproximatelyEqual(values, direct, relative: 1e-5, absolute: 1e-4)
    }

    @Test func directDistanceMatchesNumpyIncludingNearDuplicate() throws {
        let queries = try Reference.matrix("queries").floatMatrix
        let references = try Reference.matrix("references").floatMatrix
        let expected = try Reference.matrix("squared_distances").values
        let direct = (0..<queries.rows).flatMap { q in
            (0..<references.rows).map { r in squaredDistance(queries.row(q), references.row(r)) }
        }
        expectApproximatelyEqual(direct, expected, relative: 1e-5)
        // Query 0 = reference 3 + 1e-3 per coordinate: about 5e-6, which the direct kernel resolves.
        #expect(abs(Double(direct[3]) - expected[3]) <= 1e-3 * expected[3])
    }

    @Test func handComputedDistanceAndNorms() {
        // 19 coordinates exercise both the 8-wide lanes and the scalar tail.
        let x = [Float](repeating: 1, count: 19)
        let y = (0..<19).map { Float($0) }
        var expected: Float = 0
        for coordinate in 0..<19 { expected += Float((coordinate - 1) * (coordinate - 1)) }
        #expect(squaredDistance(x[...], y[...]) == expected)
        #expect(rowSquaredNorms(of: Matrix(rowArrays: [[3, 4], [0, 0], [1, 2]])) == [25, 0, 5])
    }

    @Test func cancellationStopsBeforeTheNextBlock() throws {
        let token = CancellationToken()
        let queries = Matrix<Float>(rows: 10, columns: 2, repeating: 1)
        var blocksSeen = 0
        #expect(throws: CancellationError.self) {
            try forEachSquaredDistanceBlock(from: queries, to: queries, rowsPerBlock: 2, token: token) { _, _ in
                blocksSeen += 1
                if blocksSeen == 2 { token.cancel() }
            }
        }
        #expect(blocksSeen == 2)
    }

    @Test func badInputsThrow() {
        let token = CancellationToken()
        #expect(throws: LinearAlgebraError.self) {
            try forEachSquaredDistanceBlock(
                from: Matrix<Float>(rows: 2, columns: 3), to: Matrix(rows: 2, columns: 4), token: token) { _, _ in }
        }
        #expect(throws: LinearAlgebraError.self) {
            try forEachSquaredDistanceBlock(
                from: Matrix<Float>(rows: 2, columns: 3), to: Matrix(rows: 2, columns: 3), rowsPerBlock: 0,
                token: token) { _, _ in }
        }
    }

    @Test func defaultBlockRowsRespectTheBudget() {
        #expect(distanceBlockRows(referenceCount: 1024, budgetBytes: 4096 * 1024) == 1024)
        #expect(distanceBlockRows(referenceCount: 10_000_000, budgetBytes: 1024) == 1)
    }
}
