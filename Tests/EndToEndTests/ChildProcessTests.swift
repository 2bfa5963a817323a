import Foundation
import Testing
import TestSupport

/// The test harness's own process runner: a hang in a child must fail a test, never stall the run.
@Suite struct ChildProcessTests {
    @Test func capturesOutputAndExitCode() throws {
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "cat; echo err >&2; exit 3"], stdin: .pipe, stdout: .pipe, stderr: .pipe)
        child.write(Data("hello\n".utf8))
        child.closeInput()
        #expect(child.wait(timeout: 60) == 3)
        #expect(String(decoding: child.output(of: 1), as: UTF8.self) == "hello\n")
        #expect(String(decoding: child.output(of: 2), as: UTF8.self) == "err\n")
    }

    @Test func runsInTheGivenDirectory() throws {
        let directory = RepositoryPaths.temporaryDirectory("child-cwd")
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = try ChildProcess(executable: "/bin/pwd", arguments: [], directory: directory.path, stdout: .pipe)
        #expect(child.wait(timeout: 60) == 0)
        let printed = String(decoding: child.output(of: 1), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(URL(fileURLWithPath: printed).resolvingSymlinksInPath().path == directory.resolvingSymlinksInPath().path)
    }

    @Test func deadlineKillsAHungChild() throws {
        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["60"])
        let started = Date()
        #expect(child.wait(timeout: 0.3) == 128 + SIGKILL)
        #expect(Date().timeIntervalSince(started) < 30, "generous bound: the real figure is ~0.3 s")
    }

    @Test func grandchildHoldingThePipeDoesNotBlockReading() throws {
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "sleep 60 & echo started"], stdout: .pipe)
        #expect(child.wait(timeout: 60) == 0)
        let started = Date()
        #expect(String(decoding: child.output(of: 1, grace: 0.5), as: UTF8.self) == "started\n")
        #expect(Date().timeIntervalSince(started) < 30, "generous bound: the real figure is ~0.5 s")
    }

    @Test func missingExecutableIsAnError() {
        #expect(throws: ChildProcessError.self) {
            _ = try ChildProcess(executable: "/nonexistent/program", arguments: [])
        }
    }
}
