import Foundation
import LineEditing
import LinearAlgebra
import Shell

/// Lets libedit's completion callback (a `@Sendable` closure) reach the engine. The engine is only
/// touched on the main thread, inside `readLine`, so the unchecked conformance is safe.
private final class EngineHandle: @unchecked Sendable {
    let engine: ShellEngine
    init(_ engine: ShellEngine) { self.engine = engine }
}

extension ModescopeMain {
    static let prompt = "modescope> "
    static let continuationPrompt = "      ...> "

    /// The read–eval–print loop: errors print and the session goes on; Ctrl-C at the prompt clears the
    /// line, during a command cancels it; Ctrl-D or `quit` leaves (the first one only warns when a session has
    /// unsaved changes). The exit status is 1 when a script run before the prompt (`-i`) failed, else 0.
    static func runInteractive(_ engine: ShellEngine, environment: [String: String], previousFailures: Int) -> Int32 {
        engine.isInteractive = true
        let handle = EngineHandle(engine)
        let editor = LineEditor(
            programName: "modescope", historyPath: HistoryLocation.resolve(environment: environment),
            completer: { request in
                let state = handle.engine.state
                let context = CompletionContext(
                    registry: handle.engine.registry, objectNames: state.session.names,
                    sessionNames: state.sessionOrder, workingDirectory: state.workingDirectory,
                    sessionStoreDirectory: state.sessionStoreDirectory)
                guard let result = Completer.complete(line: request.line, cursor: request.cursor, context: context) else {
                    return nil
                }
                return Completion(replacementStart: result.replacementStart, candidates: result.candidates)
            })
        for warning in editor.warnings { StandardStreams.write("warning: \(warning)\n", to: 2) }
        defer { editor.close() }
        if isatty(1) == 1 {
            StandardStreams.write("modescope \(ModescopeVersion.current) — type 'help' for commands, Ctrl-D to leave.\n", to: 2)
        }
        // After `-i`, a script that failed still makes the run fail when the user leaves.
        let exitStatus: Int32 = previousFailures > 0 ? 1 : 0
        var assembler = LineAssembler()
        var lineNumber = 0
        while true {
            let sessionName = engine.state.currentSessionName
            let mainPrompt = sessionName == "main" ? prompt : "modescope(\(sessionName))> "
            switch editor.readLine(prompt: assembler.isContinuing ? continuationPrompt : mainPrompt) {
            case .invalidText:
                assembler = LineAssembler()
                StandardStreams.write("error: \(ShellEngine.invalidTextMessage)\n", to: 2)
            case .interrupted:
                assembler = LineAssembler()
                CancellationToken.interrupt.reset()
                continue
            case .endOfInput:
                // libedit leaves the cursor after its "^D" echo: end that line before anything else prints.
                if editor.isEditing { StandardStreams.write("\n", to: editor.isEditingOnStandardOutput ? 1 : 2) }
                // On `...>` Ctrl-D drops the pending statement, as Ctrl-C does, and is no request to leave.
                if editor.isEditing, assembler.isContinuing {
                    assembler = LineAssembler()
                    continue
                }
                if let (text, _) = assembler.finish(), engine.execute(line: text) == .quit { return exitStatus }
                assembler = LineAssembler()
                // Ctrl-D leaves like `quit`: with unsaved changes, the first one only warns.
                if !editor.isEditing || engine.mayLeave() { return exitStatus }
            case .line(let physical):
                lineNumber += 1
                guard let (text, _) = assembler.feed(physical, lineNumber: lineNumber) else { continue }
                if !text.trimmingCharacters(in: .whitespaces).isEmpty { editor.addHistory(text) }
                CancellationToken.interrupt.reset()
                if engine.execute(line: text) == .quit { return exitStatus }
            }
        }
    }
}
