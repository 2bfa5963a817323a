import Foundation
import Testing
import TestSupport

/// `save` must leave the old or the new save, never a broken one, whenever the process dies.
@Suite struct CrashSafetyTests {
    /// Writes a float32 .npy of `rows × columns` (the format is simple enough to write by hand here).
    static func writeNpy(rows: Int, columns: Int, to url: URL) throws {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93]) + Data("NUMPY".utf8) + Data([1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(Data(header.utf8))
        var values = [Float](repeating: 0, count: rows * columns)
        for index in values.indices { values[index] = Float(index % 997) * 0.5 }
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: url)
    }

    @Test func killedSavesLeaveTheOldOrTheNewSession() throws {
        let directory = RepositoryPaths.temporaryDirectory("modescope-crash")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeNpy(rows: 10, columns: 4, to: directory.appendingPathComponent("small.npy"))
        try Self.writeNpy(rows: 20_000, columns: 64, to: directory.appendingPathComponent("big.npy"))
        let initial = try BinaryRunner.run(["-X", "-c", "load small small.npy", "-c", "save store"], directory: directory)
        #expect(initial.status == 0, "\(initial.errors)")

        var sawNew = 0
        var sawOld = 0
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<20 {
            let child = try ChildProcess(
                executable: RepositoryPaths.modescopeBinary.path,
                arguments: ["-X", "-c", "load small small.npy", "-c", "load big big.npy"]
                    + Array(repeating: ["-c", "save store"], count: 6).flatMap { $0 },
                directory: directory.path)
            // Spread the kills over start-up, loading and several saves.
            Thread.sleep(forTimeInterval: Double(attempt % 10) * 0.03 + Double.random(in: 0...0.05, using: &random))
            child.send(SIGKILL)
            child.wait(timeout: 60)

            let check = try BinaryRunner.run(["-X", "--format", "csv", "-c", "open store", "-c", "ls"], directory: directory)
            #expect(check.status == 0, "attempt \(attempt): \(check.errors)")
            if check.output.contains("big,dataset,20000×64") { sawNew += 1 } else if check.output.contains("small,dataset") { sawOld += 1 }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("store").path)
            #expect(leftovers.contains("CURRENT"))
        }
        #expect(sawNew + sawOld == 20)
    }
}
