import Foundation
import Testing
import TestSupport

/// The real prompt in a pseudo-terminal (tmux): typing, history, Tab completion, Ctrl-C, Ctrl-D.
@Suite(.serialized) struct InteractiveTests {
    let session = "modescope-pty-\(getpid())"

    /// Runs one tmux client command (each returns at once; the deadline only guards against a hang).
    func tmux(_ arguments: [String]) -> String {
        guard let child = try? ChildProcess(
            executable: "/usr/bin/env", arguments: ["tmux"] + arguments, stdout: .pipe) else { return "" }
        child.wait(timeout: 30)
        return String(decoding: child.output(of: 1), as: UTF8.self)
    }

    func screen() -> String { tmux(["capture-pane", "-p", "-t", session]) }

    /// Waits until the screen satisfies `condition` (generous timeout: a loaded CI machine is slow).
    @discardableResult
    func waitFor(_ description: String, timeout: TimeInterval = 30, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen()) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(description); screen:\n\(screen())")
        return false
    }

    /// The line the cursor is on: the last non-empty one (capture-pane drops trailing spaces).
    func promptLine(_ screen: String) -> String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    func keys(_ keys: String...) { _ = tmux(["send-keys", "-t", session] + keys) }

    @Test func typingHistoryCompletionInterruptAndExit() throws {
        let home = RepositoryPaths.temporaryDirectory("modescope-pty")
        let history = home.appendingPathComponent("state/modescope/history")
        let binary = RepositoryPaths.modescopeBinary.path
        let command = "cd '\(RepositoryPaths.datasets.path)' && env HOME='\(home.path)' XDG_STATE_HOME='\(home.path)/state' "
            + "XDG_DATA_HOME='\(home.path)/data' TERM=xterm '\(binary)' -X; echo EXITED=$?; sleep 30"
        _ = tmux(["kill-session", "-t", session])
        _ = tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
        defer { _ = tmux(["kill-session", "-t", session]) }

        guard waitFor("the prompt", { promptLine($0) == "modescope>" }) else { return }
        keys("load digits digits.npy labels=digits_labels.npy", "Enter")
        waitFor("load output") { $0.contains("row_shape  8x8") }

        keys("echo hello", "Enter")
        waitFor("echo output") { $0.contains("\nhello") }

        keys("Up")
        waitFor("history recall") { promptLine($0) == "modescope> echo hello" }
        keys("C-u")

        keys("descr", "Tab")
        waitFor("command completion") { promptLine($0) == "modescope> describe" }
        keys("dig", "Tab")
        waitFor("name completion") { promptLine($0) == "modescope> describe digits" }
        keys("C-u")

        keys("sleep 30", "Enter")
        Thread.sleep(forTimeInterval: 0.5)
        keys("C-c")
        waitFor("the interrupted command to return", timeout: 10) { $0.contains("interrupted") }
        keys("ls", "Enter")
        waitFor("the dataset to survive Ctrl-C") { $0.contains("digits  dataset  1797×64") }

        keys("C-d")
        waitFor("exit") { $0.contains("EXITED=0") }

        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let saved = try String(contentsOf: history, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_"))
        #expect(saved.contains("echo\\040hello"))
    }
}
