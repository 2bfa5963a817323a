import Foundation
import Testing
import TestSupport

/// The real prompt in a pseudo-terminal (tmux): typing, history, Tab completion, Ctrl-C, Ctrl-D.
///
/// The tests use a tmux server of their own (`-L modescope-tests-PID`), never the developer's, and stop it
/// when each test ends.
@Suite(.serialized) final class InteractiveTests {
    let session = "modescope-pty-\(getpid())"
    let socket = "modescope-tests-\(getpid())"

    deinit { _ = tmux(["kill-server"]) }

    /// Runs one tmux client command (each returns at once; the deadline only guards against a hang).
    func tmux(_ arguments: [String]) -> String {
        guard let child = try? ChildProcess(
            executable: "/usr/bin/env", arguments: ["tmux", "-L", socket] + arguments, stdout: .pipe) else { return "" }
        child.wait(timeout: 30)
        return String(decoding: child.output(of: 1), as: UTF8.self)
    }

    /// The screen of tmux session `name` (this test's main session by default).
    func screen(of name: String? = nil) -> String { tmux(["capture-pane", "-p", "-t", name ?? session]) }

    /// Waits until the screen satisfies `condition` (generous timeout: a loaded CI machine is slow).
    @discardableResult
    func waitFor(
        _ description: String, in name: String? = nil, timeout: TimeInterval = 30, _ condition: (String) -> Bool
    ) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen(of: name)) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(description); screen:\n\(screen(of: name))")
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
        let command = "cd '\(RepositoryPaths.datasets.path)' && env -u NO_COLOR HOME='\(home.path)' XDG_STATE_HOME='\(home.path)/state' "
            + "XDG_DATA_HOME='\(home.path)/data' TERM=xterm '\(binary)' -X; echo EXITED=$?; sleep 30"
        startSession(session, running: command)
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

        #expect(tmux(["capture-pane", "-p", "-e", "-t", session]).contains("\u{1B}[1m"), "bold table headers on a terminal")

        keys("echo \"open", "Enter")
        waitFor("the continuation prompt") { promptLine($0) == "      ...>" }
        keys("still\"", "Enter")
        waitFor("the continued line to run") { $0.contains("\nopen\nstill\n") }
        keys("Up")
        waitFor("the whole quoted line recalled, newline included") { promptLine($0) == "still\"" }
        keys("Enter")
        waitFor("the recalled line to print the same") { $0.components(separatedBy: "\nopen\nstill\n").count == 3 }

        keys("echo partial")
        waitFor("typed text") { promptLine($0) == "modescope> echo partial" }
        keys("C-c")
        waitFor("Ctrl-C to clear the line") { promptLine($0) == "modescope>" }
        keys("echo fresh", "Enter")
        waitFor("the next line to run alone") { $0.contains("\nfresh\n") }
        #expect(!screen().contains("partialecho"))

        keys("echo ")
        _ = tmux(["send-keys", "-t", session, "-H", "ff", "fe", "9c"])
        keys("Enter")
        waitFor("the same error as piped input gives") { $0.contains("\nerror: line is not valid UTF-8 text (is this a binary file?)\n") }
        keys("echo né €", "Enter")
        waitFor("UTF-8 text to pass through") { $0.contains("\nné €\n") }

        keys("C-d")
        waitFor("the unsaved-changes warning on its own line") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("warning: session 'main' has unsaved changes") }
        }
        #expect(!screen().contains("EXITED"), "the first Ctrl-D only warns")
        keys("C-d")
        waitFor("exit") { $0.contains("EXITED=0") }

        let attributes = try FileManager.default.attributesOfItem(atPath: history.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let saved = try String(contentsOf: history, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_"))
        #expect(saved.contains("echo\\040hello"))
    }

    @Test func staysInteractiveAfterAFailedScriptWithoutColourUnderNoColor() throws {
        let name = launchModescope("i", environment: "NO_COLOR=1", arguments: "-X -i -c 'echo from script' -c bogus")
        defer { _ = tmux(["kill-session", "-t", name]) }

        waitFor("the prompt after the script", in: name) { $0.contains("-c:2: error: unknown command 'bogus'") && promptLine($0) == "modescope>" }
        #expect(screen(of: name).contains("from script"))
        _ = tmux(["send-keys", "-t", name, "session list", "Enter"])
        waitFor("a table", in: name) { $0.contains("main") && $0.contains("objects") }
        #expect(!tmux(["capture-pane", "-p", "-e", "-t", name]).contains("\u{1B}[1m"), "NO_COLOR: no bold headers")
        _ = tmux(["send-keys", "-t", name, "quit", "Enter"])
        waitFor("exit with the script's failure", in: name) { $0.contains("EXITED=1") }
    }

    /// Ctrl-D on the continuation prompt drops the pending statement and returns to the main prompt: it
    /// neither runs the partial line nor counts as a request to leave (which would use up the warning).
    @Test func controlDOnTheContinuationPromptDropsTheStatement() throws {
        let name = launchModescope("d", arguments: "-X", inDatasets: true)
        defer { _ = tmux(["kill-session", "-t", name]) }

        guard waitFor("the prompt", in: name, { self.promptLine($0) == "modescope>" }) else { return }
        _ = tmux(["send-keys", "-t", name, "load d digits.npy", "Enter"])
        waitFor("load output", in: name) { $0.contains("row_shape  8x8") && self.promptLine($0) == "modescope>" }
        _ = tmux(["send-keys", "-t", name, "echo \"open", "Enter"])
        waitFor("the continuation prompt", in: name) { self.promptLine($0).hasSuffix("...>") }
        _ = tmux(["send-keys", "-t", name, "C-d"])
        waitFor("the main prompt again", in: name) { self.promptLine($0) == "modescope>" }
        _ = tmux(["send-keys", "-t", name, "echo partial \\", "Enter"])
        waitFor("the continuation prompt", in: name) { self.promptLine($0).hasSuffix("...>") }
        _ = tmux(["send-keys", "-t", name, "C-d"])
        waitFor("the main prompt again", in: name) { self.promptLine($0) == "modescope>" }
        let afterTwo = screen(of: name)
        #expect(!afterTwo.contains("unsaved changes"), "no leave request yet")
        #expect(!afterTwo.contains("\npartial"), "the partial line did not run")
        #expect(!afterTwo.contains("EXITED"))
        // The first real Ctrl-D still gets the one unsaved-changes warning, the second leaves.
        _ = tmux(["send-keys", "-t", name, "C-d"])
        waitFor("the unsaved warning", in: name) { $0.contains("unsaved changes") && self.promptLine($0) == "modescope>" }
        _ = tmux(["send-keys", "-t", name, "C-d"])
        waitFor("exit", in: name) { $0.contains("EXITED=0") }
    }

    /// stdin a terminal, stdout a file (`modescope > log`): the prompt still edits (on stderr), so a line
    /// longer than the tty's 4 KiB cooked-mode buffer arrives whole.
    @Test func longLinesArriveWholeWhenStdoutIsAFile() throws {
        let output = RepositoryPaths.temporaryDirectory("modescope-pty-output").appendingPathComponent("out.txt")
        let name = launchModescope("redirect", arguments: "-X > '\(output.path)'")
        defer { _ = tmux(["kill-session", "-t", name]) }

        waitFor("the prompt on stderr", in: name) { promptLine($0) == "modescope>" }
        let word = String(repeating: "a", count: 6000)
        _ = tmux(["send-keys", "-t", name, "-l", "echo \(word) END"])
        _ = tmux(["send-keys", "-t", name, "Enter"])
        waitFor("the next prompt", in: name) { promptLine($0) == "modescope>" && $0.contains("END") }
        _ = tmux(["send-keys", "-t", name, "quit", "Enter"])
        waitFor("exit", in: name) { $0.contains("EXITED=0") }
        #expect(try String(contentsOf: output, encoding: .utf8) == word + " END\n")
    }

    /// Closing the terminal at the prompt (SIGHUP and SIGCONT at once) used to crash inside libedit when
    /// a worker thread ran its signal handler. Worker threads now block those signals; the shell must
    /// leave normally every time.
    @Test func closingTheTerminalAtThePromptNeverCrashes() throws {
        let directory = RepositoryPaths.temporaryDirectory("modescope-hangup")
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = RepositoryPaths.modescopeBinary.path
        for attempt in 1...5 {
            let name = "\(session)-hup\(attempt)"
            let statusFile = directory.appendingPathComponent("status\(attempt)")
            // The wrapper outlives the hang-up (its HUP trap) to write the shell's exit status.
            startSession(name, running: "trap : HUP; env HOME='\(directory.path)' MODESCOPE_HISTORY=/dev/null '\(binary)' -X; "
                + "echo $? > '\(statusFile.path)'")
            guard waitFor("the prompt", in: name, { self.promptLine($0) == "modescope>" }) else { return }
            if attempt == 1 { try expectWorkerThreadsBlockTerminalSignals(inChildOf: name) }
            _ = tmux(["kill-session", "-t", name])
            let deadline = Date().addingTimeInterval(30)
            while !FileManager.default.fileExists(atPath: statusFile.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            Thread.sleep(forTimeInterval: 0.1)
            let status = try String(contentsOf: statusFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            // 0: the closed terminal read as end of input; 129: ended by SIGHUP. A crash reads 139 (SIGSEGV) or 134.
            #expect(status == "0" || status == "129", "attempt \(attempt): exit status \(status)")
        }
    }

    /// Every thread of the shell but the main one blocks SIGHUP (bit 0) and SIGCONT (bit 17) of SigBlk.
    private func expectWorkerThreadsBlockTerminalSignals(inChildOf name: String) throws {
        let wrapper = tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(wrapper)/task/\(wrapper)/children", encoding: .utf8)
        let shell = try #require(children.split(separator: " ").first.map(String.init))
        let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(shell)/task").filter { $0 != shell }
        #expect(!threads.isEmpty, "OpenBLAS starts its pool at load time")
        for thread in threads {
            let status = try String(contentsOfFile: "/proc/\(shell)/task/\(thread)/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") })
            let mask = try #require(UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16))
            #expect(mask & (1 << (SIGHUP - 1)) != 0 && mask & (1 << (SIGCONT - 1)) != 0, "thread \(thread): \(line)")
        }
    }

    /// modescope in a tmux session of its own (`session-SUFFIX`), with a fresh HOME, no history and
    /// TERM=xterm; the wrapper prints `EXITED=<status>` and stays on screen so the exit can be read.
    private func launchModescope(
        _ suffix: String, environment: String = "", arguments: String, inDatasets: Bool = false
    ) -> String {
        let home = RepositoryPaths.temporaryDirectory("modescope-pty-\(suffix)")
        let binary = RepositoryPaths.modescopeBinary.path
        let directory = inDatasets ? "cd '\(RepositoryPaths.datasets.path)' && " : ""
        let name = session + "-" + suffix
        startSession(
            name,
            running: directory + "env HOME='\(home.path)' MODESCOPE_HISTORY=/dev/null TERM=xterm \(environment) "
                + "'\(binary)' \(arguments); echo EXITED=$?; sleep 30")
        return name
    }

    /// A fresh 120×40 tmux session `name` running `command` (a leftover one of the same name is killed).
    private func startSession(_ name: String, running command: String) {
        _ = tmux(["kill-session", "-t", name])
        _ = tmux(["new-session", "-d", "-s", name, "-x", "120", "-y", "40", command])
    }
}
