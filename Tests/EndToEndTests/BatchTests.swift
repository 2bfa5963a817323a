import Foundation
import Testing
import TestSupport

/// The built binary in batch mode: exit codes, error locations, stdin, the rc file, signals.
@Suite struct BatchTests {
    let directory = RepositoryPaths.temporaryDirectory("modescope-e2e")

    func write(_ text: String, to name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func versionAndUsageErrors() throws {
        let version = try BinaryRunner.run(["--version"])
        #expect(version.status == 0 && version.output == "0.1.0\n")
        let unknown = try BinaryRunner.run(["--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("Unknown option '--bogus'"))
        let format = try BinaryRunner.run(["--format", "xml", "-c", "echo"])
        #expect(format.status == 2 && format.errors.contains("--format must be one of"))
        let help = try BinaryRunner.run(["--help"])
        #expect(help.status == 0 && help.output.contains("USAGE: modescope"))
    }

    @Test func commandsReportTheirIndex() throws {
        let result = try BinaryRunner.run(["-X", "-c", "echo hi", "-c", "echo two; bogus", "-c", "echo never"])
        #expect(result.status == 1)
        #expect(result.output == "hi\ntwo\n")
        #expect(result.errors == "-c:2: error: unknown command 'bogus' (type 'help' for the list)\n")
    }

    @Test func scriptsStopAtTheFirstErrorWithFileAndLine() throws {
        let path = try write("echo one\n# comment\n\nhead nothing\necho never\n", to: "stop.scope")
        let result = try BinaryRunner.run(["-X", path], directory: directory)
        #expect(result.status == 1)
        #expect(result.output == "one\n")
        #expect(result.errors == "\(path):4: error: no object named 'nothing' in session 'main' (the session is empty: load a dataset first)\n")
        let flagged = try BinaryRunner.run(["-X", "-f", "stop.scope"], directory: directory)
        #expect(flagged.errors.hasPrefix("stop.scope:4: error:"))
    }

    @Test func keepGoingRunsOnAndStillFails() throws {
        let path = try write("bogus\necho after\n", to: "keep.scope")
        let result = try BinaryRunner.run(["-X", "--keep-going", path])
        #expect(result.status == 1)
        #expect(result.output == "after\n")
    }

    @Test func pipedStdinIsAScript() throws {
        let result = try BinaryRunner.run(["-X"], input: Data("echo a\nbogus x\necho b\n".utf8))
        #expect(result.status == 1)
        #expect(result.output == "a\n")
        #expect(result.errors.hasPrefix("<stdin>:2: error: unknown command 'bogus'"))
        let dash = try BinaryRunner.run(["-X", "-f", "-"], input: Data("echo from stdin".utf8))
        #expect(dash.status == 0 && dash.output == "from stdin\n")
    }

    @Test func continuationLinesReportTheirFirstLine() throws {
        let path = try write("echo a \\\n  b\nhead \\\n  missing\n", to: "cont.scope")
        let result = try BinaryRunner.run(["-X", path])
        #expect(result.output == "a b\n")
        #expect(result.errors.hasPrefix("\(path):3: error: no object named 'missing'"))
    }

    @Test func binaryGarbageAndNonUTF8AreRefusedPerLine() throws {
        var garbage = Data("echo ok\n".utf8)
        garbage.append(contentsOf: [0xFF, 0xFE, 0x00, 0x9C, 0x0A])
        garbage.append(Data("echo after\n".utf8))
        let result = try BinaryRunner.run(["-X"], input: garbage)
        #expect(result.status == 1)
        #expect(result.output == "ok\n")
        #expect(result.errors == "<stdin>:2: error: line is not valid UTF-8 text (is this a binary file?)\n")
        var random = SystemRandomNumberGenerator()
        let noise = Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) })
        let noisy = try BinaryRunner.run(["-X", "--keep-going"], input: noise)
        #expect(noisy.status == 1)
        #expect(!noisy.errors.isEmpty)
    }

    @Test func startupFileRunsUnlessSkipped() throws {
        let config = directory.appendingPathComponent("config/modescope")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "echo from rc\n".write(to: config.appendingPathComponent("rc"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        let with = try BinaryRunner.run(["-c", "echo main"], environment: environment)
        #expect(with.output == "from rc\nmain\n")
        let without = try BinaryRunner.run(["-X", "-c", "echo main"], environment: environment)
        #expect(without.output == "main\n")
    }

    @Test func interruptDuringACommandExits130Promptly() throws {
        let result = try BinaryRunner.run(["-X", "-c", "sleep 30", "-c", "echo never"], interruptAfter: 0.5, timeout: 60)
        #expect(result.status == 130)
        #expect(result.errors.contains("interrupted"))
        #expect(result.output.isEmpty)
        #expect(result.elapsed < 20, "generous bound; the benchmark measures the real figure")
    }

    @Test func interruptWhileWaitingForPipedInputExits130() throws {
        let result = try BinaryRunner.run(["-X"], interruptAfter: 0.5, timeout: 60)
        #expect(result.status == 130)
    }

    @Test func quitEndsTheScriptWithItsStatus() throws {
        let clean = try BinaryRunner.run(["-X", "-c", "echo a; quit; echo b"])
        #expect(clean.status == 0 && clean.output == "a\n")
        let afterFailure = try BinaryRunner.run(["-X", "--keep-going", "-c", "bogus", "-c", "quit", "-c", "echo b"])
        #expect(afterFailure.status == 1 && afterFailure.output.isEmpty)
    }

    @Test func jsonFormatAndNoColourOnPipes() throws {
        let result = try BinaryRunner.run(["-X", "--format", "json", "-c", "set seed=4; set; echo x"])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"seed\":4"))
        #expect(!result.output.contains("\u{1B}"))
    }

    @Test func demoScriptRuns() throws {
        let store = directory.appendingPathComponent("data")
        let result = try BinaryRunner.run(
            ["-X", "scripts/demo.scope"], directory: RepositoryPaths.root, environment: ["XDG_DATA_HOME": store.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("digits"))
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("modescope/sessions/main/CURRENT").path))
    }
}
