import Foundation
import Testing
import TestSupport

/// Through the binary: self-sourcing scripts, `-c` locations, sourced files' locations, usage hints,
/// `--threads`, and very long lines.
@Suite struct ScriptLocationTests {
    let directory = RepositoryPaths.temporaryDirectory("modescope-e2e-locations")

    func write(_ text: String, to name: String) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aScriptThatSourcesItselfRunsOnce() throws {
        try write("echo hi\nsource self.scope\n", to: "self.scope")
        for arguments in [["-X", "self.scope"], ["-X", "-f", "self.scope"]] {
            let result = try BinaryRunner.run(arguments, directory: directory)
            #expect(result.status == 1)
            #expect(result.output == "hi\n")
            #expect(result.errors == "self.scope:2: error: source cycle: self.scope → self.scope (a script cannot source itself)\n")
        }
    }

    @Test func anRcFileThatSourcesItselfRunsOnce() throws {
        try write("echo from rc\nsource rc\n", to: "config/modescope/rc")
        let result = try BinaryRunner.run(
            ["-c", "echo main"], environment: ["XDG_CONFIG_HOME": directory.appendingPathComponent("config").path])
        #expect(result.output == "from rc\nmain\n")
        #expect(result.errors.contains("source cycle: rc → rc"))
    }

    @Test func sourcedFilesReportTheirOwnPathAndLine() throws {
        try write("echo outer\nsource sub/inner.scope\necho never\n", to: "outer.scope")
        try write("echo inner\nbogus\n", to: "sub/inner.scope")
        let result = try BinaryRunner.run(["-X", "outer.scope"], directory: directory)
        #expect(result.status == 1)
        #expect(result.output == "outer\ninner\n")
        #expect(result.errors == "sub/inner.scope:2: error: unknown command 'bogus' (type 'help' for the list)\n")
    }

    @Test func aMultiLineCommandNamesItsIndexAndItsLine() throws {
        let result = try BinaryRunner.run(["-X", "--keep-going", "-c", "echo a\n\n\nbogus1", "-c", "bogus2"])
        #expect(result.status == 1)
        #expect(result.output == "a\n")
        #expect(result.errors == """
            -c:1:4: error: unknown command 'bogus1' (type 'help' for the list)
            -c:2: error: unknown command 'bogus2' (type 'help' for the list)

            """)
    }

    @Test func usageErrorsGiveOneHintAndHelpNamesTheValues() throws {
        let unknown = try BinaryRunner.run(["--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.errors.components(separatedBy: "--help").count == 2, "one hint: \(unknown.errors)")
        let help = try BinaryRunner.run(["--help"])
        #expect(help.output.contains("-c <command>"))
        #expect(help.output.contains("-f <file>"))
    }

    @Test func threadsFlagSetsTheThreadCount() throws {
        let result = try BinaryRunner.run(["-X", "--threads", "1", "--format", "json", "-c", "set"])
        #expect(result.status == 0)
        #expect(result.output.contains("\"threads\":1"))
        let other = try BinaryRunner.run(["-X", "--threads", "2", "--format", "json", "-c", "set"])
        #expect(other.output.contains("\"threads\":2"))
    }

    @Test func aOneMegabyteLineRunsAndItsErrorIsShort() throws {
        let word = String(repeating: "a", count: 1 << 20)
        let echoed = try BinaryRunner.run(["-X"], input: Data("echo \(word) END\n".utf8))
        #expect(echoed.status == 0)
        #expect(echoed.output == word + " END\n")
        let unknown = try BinaryRunner.run(["-X"], input: Data("\(word)\n".utf8))
        #expect(unknown.status == 1)
        #expect(unknown.errors.hasPrefix("<stdin>:1: error: unknown command '"))
        #expect(unknown.errors.contains("…(1048577 bytes)' (type 'help'"))
        #expect(unknown.errors.utf8.count < 300)
    }

    @Test func interruptDuringAScriptFileExits130() throws {
        try write("echo start\nsleep 30\necho never\n", to: "slow.scope")
        let result = try BinaryRunner.run(["-X", "slow.scope"], directory: directory, interruptAfter: 0.5, timeout: 60)
        #expect(result.status == 130)
        #expect(result.output == "start\n")
        #expect(result.errors.contains("interrupted"))
    }
}
