import LinearAlgebra
import TestSupport
import Testing

/// Mean/covariance against numpy (`mean`, `cov(rowvar=False)`) and PCA against scikit-learn's
/// `PCA(n_components=3, svd_solver="full")`, all on the same 200×6 float32 data widened to float64.
@Suite struct StatisticsTests {
    private let data: Matrix<Float>

    init() throws {
        data = try Reference.matrix("data").floatMatrix
    }

    @Test(arguments: [7, 64, 1000])
    func meanAndCovarianceMatchNumpyForAnyBlockSize(rowsPerBlock: Int) throws {
        let statistics = try MeanAndCovariance(of: data, token: CancellationToken(), rowsPerBlock: rowsPerBlock)
        #expect(statistics.count == 200)
        expectApproximatelyEqual(statistics.mean, try Reference.matrix("data_mean").values, relative: 1e-10)
        let expected = try Reference.matrix("data_covariance").doubleMatrix
        expectApproximatelyEqual(statistics.covariance, expected, relative: 1e-10, absolute: 1e-10 * expected[0, 0])
        #expect(statistics.covariance == statistics.covariance.transposed())
    }

    @Test func handComputedCovariance() throws {
        // Rows (1, 2), (3, 6), (5, 10): mean (3, 6); covariance [[4, 8], [8, 16]] with n − 1 = 2.
        let statistics = try MeanAndCovariance(
            of: Matrix(rowArrays: [[1, 2], [3, 6], [5, 10]]), token: CancellationToken(), rowsPerBlock: 2)
        #expect(statistics.mean == [3, 6])
        #expect(statistics.covariance == Matrix(rowArrays: [[4, 8], [8, 16]]))
    }

    @Test func statisticsRejectBadInput() {
        let token = CancellationToken()
        #expect(throws: LinearAlgebraError.self) { try MeanAndCovariance(of: Matrix(rowArrays: [[1, 2]]), token: token) }
        #expect(throws: LinearAlgebraError.nonFiniteInput(operation: "column means")) {
            try MeanAndCovariance(of: Matrix(rowArrays: [[1, .nan], [2, 3]]), token: token)
        }
        #expect(throws: LinearAlgebraError.self) { try MeanAndCovariance(of: data, token: token, rowsPerBlock: 0) }
        let cancelled = CancellationToken()
        cancelled.cancel()
        #expect(throws: CancellationError.self) { try MeanAndCovariance(of: data, token: cancelled) }
    }

    @Test func pcaMatchesScikitLearnIncludingSigns() throws {
        let pca = try PrincipalComponents(fitting: data, componentCount: 3, token: CancellationToken())
        expectApproximatelyEqual(pca.components, try Reference.matrix("pca_components").doubleMatrix, relative: 1e-8, absolute: 1e-8)
        expectApproximatelyEqual(pca.explainedVariance, try Reference.matrix("pca_explained_variance").values, relative: 1e-8)
        expectApproximatelyEqual(
            pca.explainedVarianceRatio, try Reference.matrix("pca_explained_variance_ratio").values, relative: 1e-8)
        expectApproximatelyEqual(pca.mean, try Reference.matrix("data_mean").values, relative: 1e-10)
        // Float output: 1e-5 relative to the first component's spread (√64 ≈ 8).
        let projected = try pca.transform(data.rows(0..<5), token: CancellationToken(), rowsPerBlock: 2)
        expectApproximatelyEqual(projected, try Reference.matrix("pca_transform_first5").doubleMatrix, relative: 1e-5, absolute: 1e-5)
    }

    @Test func pcaRejectsBadComponentCountsAndShapes() throws {
        let token = CancellationToken()
        #expect(throws: LinearAlgebraError.self) { try PrincipalComponents(fitting: data, componentCount: 0, token: token) }
        #expect(throws: LinearAlgebraError.self) { try PrincipalComponents(fitting: data, componentCount: 7, token: token) }
        let pca = try PrincipalComponents(fitting: data, componentCount: 2, token: token)
        #expect(throws: LinearAlgebraError.self) { try pca.transform(Matrix(rows: 3, columns: 5), token: token) }
    }
}
