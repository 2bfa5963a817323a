import Foundation
import LinearAlgebra

/// Where a line came from, for error locations: `FILE:LINE:`, `-c:N:` or `<stdin>:LINE:`; interactive
/// lines have no location and print `error: …` alone.
public struct SourceLocation: Sendable, Equatable {
    public var origin: String?
    public var line: Int

    public init(origin: String?, line: Int) {
        self.origin = origin
        self.line = line
    }

    public static let interactive = SourceLocation(origin: nil, line: 0)

    var prefix: String { origin.map { "\($0):\(line): " } ?? "" }
}

/// How one line ended.
public enum LineOutcome: Sendable, Equatable {
    case succeeded
    case failed
    case interrupted
    case quit
}

/// An error already printed with its own location (inside `source`): the caller only needs to know
/// that the command failed.
struct AlreadyReported: Error {}

/// A Ctrl-C already reported as `interrupted` inside `source`: the line ends interrupted, silently.
struct InterruptionAlreadyReported: Error {}

/// Runs lines of the modescope language against a `ShellState`, printing through one `OutputSink`.
/// The REPL, scripts, `-c` and `source` all come through `execute(line:at:)`.
public final class ShellEngine {
    public let state: ShellState
    public let registry: CommandRegistry
    public let sink: any OutputSink
    /// Interactive sessions underline the offending word and keep going after errors.
    public var isInteractive = false
    /// Batch runs go on after a failing line (`--keep-going`); the exit status still reports it.
    public var keepGoing = false
    private var quitWarningGiven = false

    public init(state: ShellState, sink: any OutputSink, registry: CommandRegistry = .standard) {
        self.state = state
        self.sink = sink
        self.registry = registry
        state.engine = self
    }

    /// Runs every statement of one logical line; stops at the first failing statement.
    @discardableResult
    public func execute(line: String, at location: SourceLocation = .interactive) -> LineOutcome {
        let statements: [[Token]]
        do {
            statements = try Tokenizer.statements(in: line)
        } catch {
            report(ShellError(error.message, offset: error.offset), line: line, at: location, command: "")
            return .failed
        }
        for tokens in statements {
            let outcome = run(tokens, line: line, at: location)
            if outcome != .succeeded { return outcome }
        }
        return .succeeded
    }

    private func run(_ tokens: [Token], line: String, at location: SourceLocation) -> LineOutcome {
        var commandTokens = tokens
        var target: Token?
        if tokens.count >= 2, tokens[1].text == "=", !tokens[1].wasQuoted {
            target = tokens[0]
            commandTokens = Array(tokens.dropFirst(2))
        }
        let commandWord = commandTokens.first?.text ?? ""
        do {
            if let target, !Binder.isIdentifier(target.text) {
                throw ShellError("'\(target.text)' is not a valid name to assign to: use letters, digits and _", offset: target.offset)
            }
            guard let first = commandTokens.first else {
                throw ShellError("nothing to assign to '\(target?.text ?? "")'", offset: target?.offset)
            }
            if let target, commandTokens.count == 1, registry.lookup([first.text]) == nil {
                try assignReference(first, to: target)
                try emit(CommandResult(), command: "assign")
                return .succeeded
            }
            guard let (spec, nameLength) = registry.lookup(commandTokens.map(\.text)) else {
                throw unknownCommand(commandTokens)
            }
            let arguments: BoundArguments
            do {
                arguments = try Binder.bind(Array(commandTokens.dropFirst(nameLength)), to: spec, state: state)
            } catch {
                throw withSubcommandHint(error, tokens: commandTokens, nameLength: nameLength)
            }
            state.cancellation.reset()
            let started = ContinuousClock.now
            // Commands without a progress bar of their own still say they are alive after a second.
            let activity = ActivityIndicator(label: spec.name, isEnabled: state.settings.showsProgress)
            var result: CommandResult
            do {
                defer { activity.stop() }
                result = try spec.handler(state, arguments)
            } catch let error where state.cancellation.isCancelled && !(error is InterruptionAlreadyReported) {
                // Whatever a handler throws once Ctrl-C was pressed (a reader's or writer's "interrupted",
                // a LAPACK wrapper's error) is the interruption: exit 130 in batch, not an error line.
                throw CancellationError()
            }
            if state.settings.showsTimer {
                let elapsed = ContinuousClock.now - started
                result.notes.append(String(format: "Run Time: %.3f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            }
            if result.requestsQuit { return quitOutcome(result) }
            if let value = result.value {
                let name = target?.text ?? "_"
                state.session.store(value, as: name, provenance: result.valueProvenance ?? Provenance(Self.statementText(tokens)))
                if target != nil { result.notes.append("stored \(value.kindName) '\(name)' (\(value.shapeDescription))") }
            } else if let target {
                throw ShellError("'\(spec.name)' produces no result to store in '\(target.text)'", offset: target.offset)
            }
            try emit(result, command: spec.name)
            return .succeeded
        } catch let error as ShellError {
            report(error, line: line, at: location, command: commandWord)
            return .failed
        } catch is CancellationError {
            sink.writeError("interrupted\n")
            if let json = Renderer(settings: state.settings).renderError("interrupted", command: commandWord) { sink.writeOutput(json) }
            return .interrupted
        } catch is AlreadyReported {
            return .failed
        } catch is InterruptionAlreadyReported {
            return .interrupted
        } catch {
            report(ShellError("\(error)"), line: line, at: location, command: commandWord)
            return .failed
        }
    }

    /// One statement as it would be retyped: the provenance of its result, without the rest of its line.
    static func statementText(_ tokens: [Token]) -> String {
        tokens.map { $0.wasQuoted ? "\"\($0.text)\"" : $0.text }.joined(separator: " ")
    }

    /// `NAME = other[selection]` keeps a (selected) copy of an object under a new name.
    private func assignReference(_ token: Token, to target: Token) throws(ShellError) {
        let reference = try Binder.resolveReference(token.text, kinds: [], state: state, offset: token.offset)
        state.session.store(reference.object, as: target.text, provenance: Provenance(token.text))
        sink.writeError("stored \(reference.object.kindName) '\(target.text)' (\(reference.object.shapeDescription))\n")
    }

    private func unknownCommand(_ tokens: [Token]) -> ShellError {
        let word = tokens[0].text
        let subcommands = registry.subcommands(of: word.lowercased())
        if !subcommands.isEmpty {
            let given = tokens.count > 1 ? tokens[1].text : nil
            let hint = given.map { Suggestions.phrase(for: $0, among: subcommands) } ?? ""
            let what = given.map { "unknown '\(word)' subcommand '\($0)'" } ?? "'\(word)' needs a subcommand"
            return ShellError("\(what)\(hint) (one of: \(subcommands.joined(separator: ", ")))", offset: tokens.count > 1 ? tokens[1].offset : tokens[0].offset)
        }
        if state.session[word] != nil || (try? RowSelection.split(word)).flatMap({ state.session[$0.name] }) != nil {
            return ShellError("'\(word)' is an object, not a command; try 'show \(word)' or 'NAME = \(word)'", offset: tokens[0].offset)
        }
        func spacedAssignment(_ target: some StringProtocol, _ rest: [String]) -> ShellError {
            ShellError(
                "unknown command '\(word)'; to store a result, put spaces around '=': '\(target) = \(rest.joined(separator: " "))'",
                offset: tokens[0].offset)
        }
        // `x=d[0:2]`: the first word holds the `=`.
        if let equals = word.firstIndex(of: "="), Binder.isIdentifier(String(word[..<equals])) {
            let rest = [String(word[word.index(after: equals)...])] + tokens.dropFirst().map(\.text)
            return spacedAssignment(word[..<equals], rest.filter { !$0.isEmpty })
        }
        // `x =d[0:2]`: the second word starts with the `=`.
        if Binder.isIdentifier(word), tokens.count > 1, tokens[1].text.hasPrefix("="), tokens[1].text.count > 1, !tokens[1].wasQuoted {
            return spacedAssignment(word, [String(tokens[1].text.dropFirst())] + tokens.dropFirst(2).map(\.text))
        }
        let firstWords = Array(Set(registry.allNames.map { String($0.split(separator: " ")[0]) })).sorted()
        let hint = Suggestions.phrase(for: word, among: firstWords)
        return ShellError("unknown command '\(word)'\(hint.isEmpty ? " (type 'help' for the list)" : hint)", offset: tokens[0].offset)
    }

    /// `plot imges x` binds as `plot` with an object `imges`; when that word is close to a sub-command
    /// (`plot images`) and names no object, the error says so.
    private func withSubcommandHint(_ error: ShellError, tokens: [Token], nameLength: Int) -> ShellError {
        guard nameLength == 1, tokens.count > 1, state.session[tokens[1].text] == nil, !error.message.contains("did you mean") else {
            return error
        }
        let head = tokens[0].text.lowercased()
        guard let closest = Suggestions.closest(to: tokens[1].text, among: registry.subcommands(of: head)) else { return error }
        return ShellError(error.message + " — did you mean '\(head) \(closest)'?", offset: error.offset)
    }

    private func quitOutcome(_ result: CommandResult) -> LineOutcome {
        mayLeave() ? .quit : .succeeded
    }

    /// `quit` and Ctrl-D ask this before leaving. At the prompt, the first request with unsaved changes
    /// prints one warning and returns false; the next request leaves. Batch runs always leave.
    public func mayLeave() -> Bool {
        let unsaved = state.unsavedSessionNames
        guard isInteractive, !unsaved.isEmpty, !quitWarningGiven else { return true }
        quitWarningGiven = true
        let names = unsaved.map { "'\($0)'" }.joined(separator: ", ")
        sink.writeError("warning: session \(names) has unsaved changes; 'save' keeps them, 'quit' or Ctrl-D again leaves anyway\n")
        return false
    }

    /// Prints `result`; a large table goes out block by block and stops when Ctrl-C trips the token.
    func emit(_ result: CommandResult, command: String) throws(CancellationError) {
        for warning in result.warnings { sink.writeError("warning: \(warning)\n") }
        for note in result.notes { sink.writeError("\(note)\n") }
        try Renderer(settings: state.settings).write(result, command: command, to: sink, token: state.cancellation)
    }

    func report(_ error: ShellError, line: String, at location: SourceLocation, command: String) {
        let message = Self.shorteningLongWords(error.message)
        var text = "\(location.prefix)error: \(message)\n"
        if isInteractive, location.origin == nil, let offset = error.offset, !line.contains("\n"), line.count <= 200 {
            text += "  \(line)\n  " + String(repeating: " ", count: offset) + "^\n"
        }
        sink.writeError(text)
        if let json = Renderer(settings: state.settings).renderError(message, command: command) { sink.writeOutput(json) }
    }

    /// Words longer than this in an error message are cut: the message quotes what the user typed, and a
    /// pasted megabyte should not come back as a megabyte of error. 80 is one terminal line.
    static let longestQuotedWord = 80

    /// `message` with every space-separated word over `longestQuotedWord` characters cut to that length
    /// plus `…(N bytes)`, so the error still names the start of the word and says how long it was.
    static func shorteningLongWords(_ message: String) -> String {
        guard message.utf8.count > longestQuotedWord else { return message }
        return message.split(separator: " ", omittingEmptySubsequences: false).map { word in
            guard word.count > longestQuotedWord else { return String(word) }
            // The quote, colon or comma that closes the word stays, so the message still reads as before.
            let closing = word.reversed().prefix { "'\":,;)?".contains($0) }.count
            let body = word.dropLast(min(closing, 3))
            return "\(body.prefix(longestQuotedWord))…(\(body.utf8.count) bytes)" + word.suffix(min(closing, 3))
        }.joined(separator: " ")
    }
}
