import ArgumentParser
import Foundation
import LineEditing
import LinearAlgebra
import Shell

/// Trips the shared cancellation token from the SIGINT handler: one atomic store, async-signal-safe.
private let tripInterrupt: @convention(c) () -> Void = { CancellationToken.interrupt.cancel() }

@main
enum ModescopeMain {
    static func main() {
        let invocation: Invocation
        do {
            invocation = try Invocation.parse()
        } catch {
            // swift-argument-parser exits 64 on usage errors; modescope promises 2, as sqlite3 and grep do.
            let code = Invocation.exitCode(for: error)
            let message = Invocation.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            // The parser's message already ends with its own "See 'modescope --help'" hint.
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(2)
        }
        let status = run(invocation)
        // Leave without running library destructors: after Ctrl-C an abandoned LAPACK call (see
        // DetachedComputation) may still be using OpenBLAS, whose exit handler then joins its worker pool
        // and hung or crashed in 4 of 10 interrupted 2,048-d PCA plots. Nothing of ours runs at exit;
        // stdio is flushed by hand.
        fflush(nil)
        _exit(status)
    }

    static func run(_ invocation: Invocation) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        InterruptSignal.install(onInterrupt: tripInterrupt)
        // Before any BLAS call: terminal signals must reach only the main thread (see WorkerSignals).
        WorkerSignals.restartBLASThreads()
        let state = ShellState(sessionStoreDirectory: UserDirectories.sessionStore(environment: environment))
        state.settings.usesColor = ShellSettings.wantsColor(standardOutputIsTerminal: isatty(1) == 1, environment: environment)
        state.settings.showsProgress = isatty(2) == 1
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 40 { state.settings.terminalWidth = columns }
        if let format = invocation.format.flatMap(OutputMode.init(rawValue:)) { state.settings.mode = format }
        if let threads = invocation.threads { state.settings.threads = threads }
        WorkerSignals.startingThreads { try? ComputeThreads.set(state.settings.threads) }
        let engine = ShellEngine(state: state, sink: StandardStreams())
        engine.keepGoing = invocation.keepGoing

        var status = ScriptOutcome()
        func absorb(_ outcome: ScriptOutcome) -> Bool {
            status.failures += outcome.failures
            status.interrupted = status.interrupted || outcome.interrupted
            status.quit = status.quit || outcome.quit
            return !(outcome.interrupted || outcome.quit || (outcome.failures > 0 && !invocation.keepGoing))
        }

        if !invocation.skipStartupFile {
            let startup = UserDirectories.startupFile(environment: environment)
            if FileManager.default.fileExists(atPath: startup) {
                // An error in the rc file is reported but does not stop the run: it is the user's own setup.
                let outcome = engine.runScript(at: startup, displayName: startup, keepGoing: true)
                if outcome.interrupted || outcome.quit { return outcome.exitStatus }
            }
        }

        let stdinIsTerminal = isatty(0) == 1
        var ranBatch = false
        var proceed = true
        for (index, command) in invocation.commands.enumerated() where proceed {
            ranBatch = true
            let physical = command.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
            var lines = physical.makeIterator()
            // `-c:N:` names the N-th -c; a -c of several lines adds the line within it (`-c:N:LINE:`), so
            // its line numbers can never be read as another -c.
            let location = CommandLineLocation(index: index + 1, isMultiline: physical.count > 1)
            proceed = absorb(engine.runLines(origin: location.origin, firstLine: location.firstLine, keepGoing: invocation.keepGoing) { lines.next() })
        }
        if proceed, let path = invocation.file ?? invocation.script {
            ranBatch = true
            if path == "-" {
                proceed = absorb(runStandardInput(engine, keepGoing: invocation.keepGoing))
            } else {
                let absolute = state.resolvePath(path)
                proceed = absorb(engine.runScript(at: absolute, displayName: path, keepGoing: invocation.keepGoing))
            }
        }
        if !ranBatch && !stdinIsTerminal {
            _ = absorb(runStandardInput(engine, keepGoing: invocation.keepGoing))
            return status.exitStatus
        }
        let wantsPrompt = (!ranBatch || invocation.interactive) && stdinIsTerminal
        if wantsPrompt && !status.interrupted && !status.quit {
            return runInteractive(engine, environment: environment, previousFailures: status.failures)
        }
        return status.exitStatus
    }

    static func runStandardInput(_ engine: ShellEngine, keepGoing: Bool) -> ScriptOutcome {
        let reader = DescriptorLineReader(descriptor: 0) { CancellationToken.interrupt.isCancelled }
        return engine.runLines(origin: "<stdin>", keepGoing: keepGoing) { reader.nextLine() }
    }
}

