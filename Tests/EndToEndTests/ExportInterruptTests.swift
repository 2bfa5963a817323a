import Foundation
import Testing
import TestSupport

/// Ctrl-C during `export`: the writers check the interrupt between chunks, so the run ends with 130 and the
/// atomic write leaves neither the target nor a temporary file behind.
@Suite struct ExportInterruptTests {
    /// 300,000 × 64 float32 (77 MB) as an .npy: loads in well under a second, takes many seconds to write
    /// as CSV in a debug build, so the signal lands in the export.
    static func writeLargeNpy(to url: URL) throws {
        let rows = 300_000, columns = 64
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
        var values = [Float](repeating: 0, count: rows * columns)
        for index in values.indices { values[index] = Float(index % 977) / 977 - 0.5 }
        values.withUnsafeBytes { bytes += $0 }
        try Data(bytes).write(to: url)
    }

    @Test func interruptedExportExits130AndLeavesNoFile() throws {
        let directory = RepositoryPaths.temporaryDirectory("modescope-export-interrupt")
        try Self.writeLargeNpy(to: directory.appendingPathComponent("big.npy"))
        let result = try BinaryRunner.run(
            ["-X", "-c", "load big big.npy", "-c", "echo loaded", "-c", "export big out.csv", "-c", "echo never"],
            directory: directory, interruptAfter: 3, timeout: 120)
        #expect(result.status == 130, "\(result.errors)")
        #expect(result.output.contains("loaded"), "the signal must land in the export, not the load")
        #expect(!result.output.contains("never") && !result.errors.contains("wrote"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["big.npy"], "no partial export may remain: \(left)")
        #expect(result.elapsed < 60, "generous bound; scripts/bench_interrupt.sh measures the real figure")
    }
}
