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

        let arguments = ["-X", "-c", "load small small.npy", "-c", "load big big.npy"]
            + Array(repeating: ["-c", "save store"], count: 6).flatMap { $0 }
        // One uninterrupted run measures how long the work takes on this machine, so the kills below
        // spread over it (mostly saves) however fast or slow the machine is.
        let started = Date()
        let full = try BinaryRunner.run(arguments, directory: directory)
        let runTime = Date().timeIntervalSince(started)
        #expect(full.status == 0, "\(full.errors)")
        _ = try BinaryRunner.run(["-X", "-c", "load small small.npy", "-c", "save store"], directory: directory)

        var sawNew = 0
        var sawOld = 0
        var killedMidSave = 0
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<20 {
            let child = try ChildProcess(executable: RepositoryPaths.modescopeBinary.path, arguments: arguments, directory: directory.path)
            Thread.sleep(forTimeInterval: runTime * (Double(attempt) + Double.random(in: 0...1, using: &random)) / 20)
            child.send(SIGKILL)
            child.wait(timeout: 60)
            // A save in progress leaves its staging directory, or a second version directory before the
            // old one is removed: proof that this kill landed inside a save.
            let store = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("store").path)
            if store.contains(where: { $0.hasPrefix(".staging-") }) || store.filter({ $0.hasPrefix("v-") }).count > 1 {
                killedMidSave += 1
            }

            let check = try BinaryRunner.run(["-X", "--format", "csv", "-c", "open store", "-c", "ls"], directory: directory)
            #expect(check.status == 0, "attempt \(attempt): \(check.errors)")
            if check.output.contains("big,dataset,20000×64") { sawNew += 1 } else if check.output.contains("small,dataset") { sawOld += 1 }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("store").path)
            #expect(leftovers.contains("CURRENT"))
        }
        #expect(sawNew + sawOld == 20)
        #expect(killedMidSave >= 1, "no kill landed inside a save (run time \(runTime) s)")
    }
}
