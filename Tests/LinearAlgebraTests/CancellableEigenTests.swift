import Foundation
import LinearAlgebra
import TestSupport
import Testing

/// The token variant of `SymmetricEigendecomposition`: same values as the direct call, and it stops
/// waiting for LAPACK once the token trips (the detached path runs from `detachedThreshold` on).
@Suite struct CancellableEigenTests {
    /// The second-difference matrix tridiag(−1, 2, −1) of order n has eigenvalues 2 − 2·cos(kπ/(n+1)),
    /// k = 1…n: a closed form to check the detached path against (tolerance 1e-12 absolute; values ≤ 4).
    static func secondDifference(order n: Int) -> Matrix<Double> {
        var values = [Double](repeating: 0, count: n * n)
        for row in 0..<n {
            values[row * n + row] = 2
            if row + 1 < n { values[row * n + row + 1] = -1; values[(row + 1) * n + row] = -1 }
        }
        return Matrix(rows: n, columns: n, values: values)
    }

    @Test func detachedPathMatchesTheClosedForm() throws {
        let n = SymmetricEigendecomposition<Double>.detachedThreshold + 44
        let token = CancellationToken()
        let decomposition = try SymmetricEigendecomposition(of: Self.secondDifference(order: n), token: token)
        let expected = (1...n).map { 2 - 2 * cos(Double($0) * Double.pi / Double(n + 1)) }.sorted(by: >)
        expectApproximatelyEqual(decomposition.values, expected, relative: 0, absolute: 1e-12)
        let direct = try SymmetricEigendecomposition(of: Self.secondDifference(order: n))
        #expect(decomposition.values == direct.values)
        #expect(decomposition.vectors == direct.vectors)
    }

    @Test func smallMatricesStayDirectAndStillHonourAPreCancelledToken() throws {
        let token = CancellationToken()
        let small = try SymmetricEigendecomposition(of: Self.secondDifference(order: 3), computingVectors: false, token: token)
        expectApproximatelyEqual(small.values, [2 + 2.0.squareRoot(), 2, 2 - 2.0.squareRoot()], relative: 0, absolute: 1e-14)
        token.cancel()
        #expect(throws: CancellationError.self) {
            try SymmetricEigendecomposition(of: Self.secondDifference(order: 3), token: token)
        }
    }

    @Test func preCancelledTokenThrowsBeforeAnyWork() {
        let token = CancellationToken()
        token.cancel()
        #expect(throws: CancellationError.self) {
            try SymmetricEigendecomposition(of: Self.secondDifference(order: 1_000), token: token)
        }
    }

    /// A 1,000×1,000 decomposition with vectors takes ~0.1–0.5 s in release and more in debug; the token
    /// trips 20 ms in, and the call must throw long before LAPACK could have finished. The bound (half
    /// of the measured direct call) is generous on purpose: the real figure is printed for the record.
    @Test func tokenTrippedDuringTheCallThrowsPromptly() throws {
        let matrix = Self.secondDifference(order: 1_000)
        let directStart = ContinuousClock.now
        _ = try SymmetricEigendecomposition(of: matrix)
        let direct = ContinuousClock.now - directStart

        let token = CancellationToken()
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.02)
            token.cancel()
        }
        let start = ContinuousClock.now
        canceller.start()
        #expect(throws: CancellationError.self) {
            try SymmetricEigendecomposition(of: matrix, token: token)
        }
        let cancelled = ContinuousClock.now - start
        print("eigen 1000×1000: direct \(direct), cancelled after \(cancelled) (token tripped at 20 ms)")
        #expect(cancelled < direct / 2 + .milliseconds(20))
    }
}
