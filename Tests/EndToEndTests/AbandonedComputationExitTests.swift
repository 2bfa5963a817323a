import Foundation
import Testing
import TestSupport

/// Ctrl-C during a large eigen-decomposition abandons it on its own thread (DetachedComputation). The
/// process must still leave at once with 130. Leaving through OpenBLAS's exit handler while the abandoned
/// call was still inside OpenBLAS hung (or crashed): with `exit` instead of `_exit` this test failed in 3 of
/// 3 runs (its second interrupt each time). A correct build passes wherever the signal lands.
@Suite struct AbandonedComputationExitTests {
    /// 3,000 × 3,000 float32 (36 MB): loading and the covariance take well under a second, the 3,000²
    /// `syevd` of the PCA behind `plot` several seconds, so the signal lands in it (or, on a slower machine,
    /// in the covariance: still 130).
    static func writeWideNpy(to url: URL) throws {
        let rows = 3_000, columns = 3_000
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        bytes += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)] + Array(header.utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values = [Float](repeating: 0, count: rows * columns)
        for index in values.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values[index] = Float(state >> 40) / Float(1 << 24) - 0.5
        }
        values.withUnsafeBytes { bytes += $0 }
        try Data(bytes).write(to: url)
    }

    @Test func interruptedPCAExitsWith130EveryTime() throws {
        let directory = RepositoryPaths.temporaryDirectory("modescope-abandoned")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeWideNpy(to: directory.appendingPathComponent("wide.npy"))
        for run in 0..<3 {
            let result = try BinaryRunner.run(
                ["-X", "-c", "load w wide.npy", "-c", "plot w out=w\(run).svg"],
                directory: directory, interruptAfter: 1.0 + 0.3 * Double(run), timeout: 60)
            #expect(result.status == 130, "run \(run): status \(result.status) (a hang is killed at 60 s): \(result.errors)")
        }
    }
}
