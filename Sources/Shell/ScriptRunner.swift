import Foundation
import LinearAlgebra

/// How a run of several lines ended: batch mode turns it into the exit status (0, 1 or 130).
public struct ScriptOutcome: Sendable, Equatable {
    public var failures = 0
    public var interrupted = false
    /// A statement printed `interrupted` itself; whoever ran the lines (`source`) need not say it again.
    public var interruptionReported = false
    public var quit = false

    public init() {}

    public var exitStatus: Int32 { interrupted ? 130 : (failures > 0 ? 1 : 0) }
}

extension ShellEngine {
    /// The deepest `source` nesting allowed; deeper is almost certainly a loop the cycle check missed
    /// through symlinks or copies.
    static let maximumSourceDepth = 16
    /// Scripts are text; a "script" larger than this is a mistake (a data file passed by accident).
    static let maximumScriptBytes = 64 << 20
    /// The error for a line that is not UTF-8, in scripts, piped input and at the prompt alike.
    public static let invalidTextMessage = "line is not valid UTF-8 text (is this a binary file?)"

    /// Runs lines pulled from `nextLine` (raw bytes without the newline) until it returns nil, a
    /// statement fails (unless `keepGoing`), `quit` runs, or Ctrl-C interrupts.
    /// `firstLine` numbers the first line (the N-th `-c` command reports itself as line N).
    public func runLines(origin: String, firstLine: Int = 1, keepGoing: Bool, nextLine: () -> [UInt8]?) -> ScriptOutcome {
        var outcome = ScriptOutcome()
        var assembler = LineAssembler()
        var lineNumber = firstLine - 1
        func runLogical(_ text: String, _ line: Int) -> Bool {
            switch execute(line: text, at: SourceLocation(origin: origin, line: line)) {
            case .succeeded: return true
            case .failed:
                outcome.failures += 1
                return keepGoing
            case .interrupted:
                outcome.interrupted = true
                outcome.interruptionReported = true
                return false
            case .quit:
                outcome.quit = true
                return false
            }
        }
        while let bytes = nextLine() {
            lineNumber += 1
            if state.cancellation.isCancelled {
                outcome.interrupted = true
                return outcome
            }
            var raw = bytes
            if raw.last == 13 { raw.removeLast() }
            if lineNumber == firstLine, raw.starts(with: [0xEF, 0xBB, 0xBF]) { raw.removeFirst(3) }
            guard let physical = String(validating: raw, as: UTF8.self) else {
                sink.writeError("\(origin):\(lineNumber): error: \(Self.invalidTextMessage)\n")
                outcome.failures += 1
                if keepGoing { continue } else { return outcome }
            }
            if lineNumber == firstLine, physical.hasPrefix("#!") { continue }
            if let (text, line) = assembler.feed(physical, lineNumber: lineNumber), !runLogical(text, line) {
                return outcome
            }
        }
        if let (text, line) = assembler.finish() { _ = runLogical(text, line) }
        if state.cancellation.isCancelled { outcome.interrupted = true }
        return outcome
    }

    /// Runs the script file at `path` (absolute), reporting errors as `displayName:LINE:`.
    /// The file stays on the source stack while it runs, so a top-level script or rc file that sources
    /// itself is refused at its first `source` instead of running twice.
    public func runScript(at path: String, displayName: String, keepGoing: Bool) -> ScriptOutcome {
        let data: Data
        do {
            data = try Self.readScript(at: path, displayName: displayName)
        } catch {
            sink.writeError("error: \(Self.shorteningLongWords(error.message))\n")
            var outcome = ScriptOutcome()
            outcome.failures = 1
            return outcome
        }
        let previousDirectory = state.currentScriptDirectory
        state.currentScriptDirectory = (path as NSString).deletingLastPathComponent
        state.sourceStack.append(Self.canonicalScriptPath(path))
        defer {
            state.currentScriptDirectory = previousDirectory
            state.sourceStack.removeLast()
        }
        var remaining = Array(data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false))
        if data.last == UInt8(ascii: "\n") { remaining.removeLast() }
        var index = 0
        return runLines(origin: displayName, keepGoing: keepGoing) {
            defer { index += 1 }
            return index < remaining.count ? Array(remaining[index]) : nil
        }
    }

    /// The one spelling of a script's path that the cycle check compares: symlinks resolved, `..` removed.
    static func canonicalScriptPath(_ path: String) -> String {
        ((path as NSString).resolvingSymlinksInPath as NSString).standardizingPath
    }

    static func readScript(at path: String, displayName: String) throws(ShellError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ShellError("\(displayName): no such file")
        }
        guard !isDirectory.boolValue else { throw ShellError("\(displayName): is a directory, not a script") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw ShellError("\(displayName): permission denied") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumScriptBytes else {
            throw ShellError("\(displayName): \(size) bytes is too large for a script (is it a data file? use 'load')")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError("\(displayName): could not be read")
        }
        return data
    }
}
