import LinearAlgebra
import TestSupport
import Testing

/// Eigen-decomposition and Cholesky of the reference covariance (6×6) against numpy float64, to 1e-10
/// relative to the largest entry.
@Suite struct DecompositionTests {
    @Test func handComputedTwoByTwoEigenpairs() throws {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
        let decomposition = try SymmetricEigendecomposition(of: Matrix<Double>(rowArrays: [[2, 1], [1, 2]]))
        expectApproximatelyEqual(decomposition.values, [3.0, 1.0], relative: 1e-14, absolute: 1e-14)
        let vectors = try #require(decomposition.vectors)
        let half = 0.5.squareRoot()
        expectApproximatelyEqual(vectors.row(0).map { abs($0) }, [half, half], relative: 1e-14)
        #expect(abs(vectors[1, 0] + vectors[1, 1]) < 1e-14)
    }

    @Test func eigenvaluesMatchNumpyDescending() throws {
        let covariance = try Reference.matrix("data_covariance").doubleMatrix
        let expected = try Reference.matrix("covariance_eigenvalues_descending").values
        let decomposition = try SymmetricEigendecomposition(of: covariance)
        expectApproximatelyEqual(decomposition.values, expected, relative: 1e-10, absolute: 1e-10 * expected[0])
        let valuesOnly = try SymmetricEigendecomposition(of: covariance, computingVectors: false)
        #expect(valuesOnly.vectors == nil)
        expectApproximatelyEqual(valuesOnly.values, expected, relative: 1e-10, absolute: 1e-10 * expected[0])
    }

    @Test func eigenvectorsSatisfyTheDefinition() throws {
        let covariance = try Reference.matrix("data_covariance").doubleMatrix
        let decomposition = try SymmetricEigendecomposition(of: covariance)
        let vectors = try #require(decomposition.vectors)
        // C·vᵢ = λᵢ·vᵢ for every row vᵢ.
        let images = try vectors.multiplied(byTransposeOf: covariance)
        for index in 0..<vectors.rows {
            let scaled = vectors.row(index).map { $0 * decomposition.values[index] }
            expectApproximatelyEqual(images.row(index), scaled, relative: 1e-10, absolute: 1e-10 * decomposition.values[0])
        }
    }

    @Test func floatEigenvaluesMatchToFloatPrecision() throws {
        let covariance = try Reference.matrix("data_covariance").doubleMatrix.converted(to: Float.self)
        let expected = try Reference.matrix("covariance_eigenvalues_descending").values
        let decomposition = try SymmetricEigendecomposition(of: covariance)
        expectApproximatelyEqual(decomposition.values, expected, relative: 1e-5, absolute: 1e-5 * expected[0])
    }

    @Test func eigenRejectsNonSquareAndNonFinite() {
        #expect(throws: LinearAlgebraError.self) {
            try SymmetricEigendecomposition(of: Matrix<Double>(rows: 2, columns: 3))
        }
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "eigen-decomposition")) {
            try SymmetricEigendecomposition(of: Matrix<Double>(rowArrays: [[1, .nan], [.nan, 1]]))
        }
    }

    @Test func choleskyMatchesNumpy() throws {
        let covariance = try Reference.matrix("data_covariance").doubleMatrix
        let factor = try #require(try covariance.choleskyFactor())
        let expected = try Reference.matrix("covariance_cholesky").doubleMatrix
        expectApproximatelyEqual(factor, expected, relative: 1e-10, absolute: 1e-10 * expected[0, 0])
    }

    @Test func choleskyHandComputed() throws {
        // [[4, 2], [2, 5]] = L·Lᵀ with L = [[2, 0], [1, 2]].
        let factor = try Matrix<Double>(rowArrays: [[4, 2], [2, 5]]).choleskyFactor()
        #expect(factor == Matrix(rowArrays: [[2, 0], [1, 2]]))
    }

    @Test func choleskyOfIndefiniteMatrixIsNil() throws {
        #expect(try Matrix<Double>(rowArrays: [[1, 2], [2, 1]]).choleskyFactor() == nil)
        #expect(try Matrix<Double>(rowArrays: [[0, 0], [0, 0]]).choleskyFactor() == nil)
        #expect(throws: LinearAlgebraError.self) { try Matrix<Double>(rows: 3, columns: 2).choleskyFactor() }
    }
}
