import LinearAlgebra
import TestSupport
import Testing

/// Products against numpy float64 products of the same float32 inputs; Float results to 1e-5 of the
/// largest magnitude, Double to 1e-12 (both far above BLAS rounding for k ≤ 6).
@Suite struct ProductTests {
    @Test func handComputedTwoByTwo() throws {
        let a = Matrix<Double>(rowArrays: [[1, 2], [3, 4]])
        let b = Matrix<Double>(rowArrays: [[5, 6], [7, 8]])
        #expect(try a.multiplied(by: b) == Matrix(rowArrays: [[19, 22], [43, 50]]))
        #expect(try a.multiplied(byTransposeOf: b) == Matrix(rowArrays: [[17, 23], [39, 53]]))
        #expect(try a.gramMatrix() == Matrix(rowArrays: [[10, 14], [14, 20]]))
        // Rows (1, 2), (3, 4), (5, 6): dot products 5, 11, 17 / 25, 39 / 61 on and above the diagonal.
        let rows = Matrix<Double>(rowArrays: [[1, 2], [3, 4], [5, 6]])
        #expect(try rows.upperTriangleOfRowProducts() == Matrix(rowArrays: [[5, 11, 17], [0, 25, 39], [0, 0, 61]]))
        #expect(try Matrix<Float>(rowArrays: [[1, 2], [3, 4]]).upperTriangleOfRowProducts() == Matrix(rowArrays: [[5, 11], [0, 25]]))
    }

    /// Checks A·B, A·Cᵀ and CᵀC in `Scalar` against the float64 references to `tolerance`.
    private func checkProducts<Scalar: MatrixScalar>(in _: Scalar.Type, tolerance: Double) throws {
        let input = { (name: String) in try Reference.matrix(name).doubleMatrix.converted(to: Scalar.self) }
        let (a, b, c) = (try input("a"), try input("b"), try input("c"))
        let cases = [
            ("a_times_b", try a.multiplied(by: b)),
            ("a_times_c_transposed", try a.multiplied(byTransposeOf: c)),
            ("c_gram", try c.gramMatrix()),
        ]
        for (name, actual) in cases {
            expectApproximatelyEqual(
                actual, try Reference.matrix(name).doubleMatrix, relative: tolerance, absolute: tolerance)
        }
    }

    @Test func floatProductsMatchNumpy() throws {
        try checkProducts(in: Float.self, tolerance: 1e-5)
    }

    @Test func doubleProductsMatchNumpy() throws {
        try checkProducts(in: Double.self, tolerance: 1e-12)
    }

    @Test func multiplyAccumulatesWithAlphaAndBeta() throws {
        let a = Matrix<Float>(rowArrays: [[1, 2], [3, 4]])
        let identity = Matrix<Float>(rowArrays: [[1, 0], [0, 1]])
        var output = Matrix<Float>(rowArrays: [[1, 1], [1, 1]])
        try Matrix.multiply(a, identity, alpha: 2, beta: 10, into: &output)
        #expect(output == Matrix(rowArrays: [[12, 14], [16, 18]]))
    }

    @Test func multiplyIntoRowSliceLeavesStorageOfOriginalAlone() throws {
        let big = Matrix<Float>(rowArrays: [[1, 2], [3, 4], [5, 6]])
        var slice = big.rows(1..<3)
        try Matrix.multiply(Matrix<Float>(rowArrays: [[1, 0], [0, 1]]), Matrix(rowArrays: [[7, 8], [9, 10]]), into: &slice)
        #expect(slice == Matrix(rowArrays: [[7, 8], [9, 10]]))
        #expect(big == Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]]))
    }

    @Test func emptyInnerDimensionGivesZeros() throws {
        let product = try Matrix<Double>(rows: 2, columns: 0).multiplied(by: Matrix(rows: 0, columns: 3))
        #expect(product == Matrix(rows: 2, columns: 3))
    }

    @Test func mismatchedShapesThrowNamingTheShapes() {
        let a = Matrix<Float>(rows: 2, columns: 3)
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: Matrix(rows: 2, columns: 3)) }
        do {
            _ = try a.multiplied(byTransposeOf: Matrix(rows: 4, columns: 2))
            Issue.record("expected a shape error")
        } catch {
            #expect(error.description.contains("4×2"))
        }
        var wrongOutput = Matrix<Float>(rows: 3, columns: 3)
        #expect(throws: LinearAlgebraError.self) {
            try Matrix.multiply(a, Matrix(rows: 3, columns: 3), into: &wrongOutput)
        }
    }
}
