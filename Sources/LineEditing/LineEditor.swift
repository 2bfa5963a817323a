// LineEditing — the interactive prompt over libedit: editing keys, persistent history, Tab completion
// through a closure, and the SIGINT behaviour the shell relies on.
@preconcurrency internal import CEditLine
import Foundation

/// What one `readLine` produced.
public enum LineReadResult: Sendable, Equatable {
    /// The line without its newline.
    case line(String)
    /// Ctrl-C at the prompt: the partial line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or end of input.
    case endOfInput
    /// A line that held bytes that are not UTF-8 (shown as U+FFFD while editing); the caller reports it.
    case invalidText
}

/// A libedit prompt with emacs key bindings, history recalled with Up/Down and kept in a file, and Tab
/// completion answered by a closure. Only for a terminal on stdin: the shell reads piped input itself.
///
/// libedit's terminal state is per process, so use one `LineEditor` at a time, from one thread.
public final class LineEditor {
    /// Problems met so far (history file unreadable, unwritable, foreign…). None of them stops editing.
    public var warnings: [String] { setupWarnings + (history?.warnings ?? []) }

    private var setupWarnings: [String] = []
    /// Nil only if libedit could not allocate one (out of memory), and then there is no editor either.
    private let history: HistoryStore?
    private let context: EditorContext
    /// Nil when libedit could not allocate it; `readLine` then reports end of input.
    private var editLine: OpaquePointer?
    private var isClosed = false
    /// False when stdout is not a terminal: the prompt and editing then use stderr (or /dev/tty), because
    /// libedit without a terminal to draw on reads cooked lines, which the tty cuts at 4 KiB.
    public private(set) var isEditingOnStandardOutput = true

    /// True while there is a libedit editor to read from (false after `close` or when none could be made).
    public var isEditing: Bool { editLine != nil && !isClosed }

    /// Name of the libedit function bound to Tab, also usable in `~/.editrc`.
    private static let completeFunctionName = "modescope-complete"

    /// `historyPath` nil or "/dev/null": no history file. The file is created with mode 0600 and its
    /// directory with intermediate directories; loading/saving errors are reported via `warnings`, never
    /// fatal. `maxHistory` below 1 is treated as 1. Installs the SIGINT handler of `InterruptSignal` if
    /// the program has not, because libedit forwards Ctrl-C to the previous handler, which by default
    /// would end the process.
    public init(
        programName: String, historyPath: String?, maxHistory: Int = 2000,
        completer: @escaping @Sendable (CompletionRequest) -> Completion?
    ) {
        Self.enableMultibyteInput()
        InterruptSignal.installIfNeeded()
        context = EditorContext(completer: completer)
        history = HistoryStore(path: historyPath, capacity: maxHistory)
        var output: Int32 = 1
        editLine = ms_el_init(programName, &output)
        isEditingOnStandardOutput = output == 1
        guard let editLine, let history else {
            setupWarnings.append(LineEditingError.outOfMemory(program: programName).description)
            if let editLine { el_end(editLine) }
            editLine = nil
            return
        }
        ms_el_set_client_data(editLine, Unmanaged.passUnretained(context).toOpaque())
        ms_el_set_character_reader(editLine, readCharacterCallback)
        ms_el_set_prompt(editLine, promptCallback, promptIgnoreMarker)
        ms_el_set_editor(editLine, "emacs")
        ms_el_set_signal_handling(editLine, 1)
        ms_el_set_history(editLine, history.handle)
        ms_el_add_function(editLine, Self.completeFunctionName, "Complete the word before the cursor", completeCallback)
        ms_el_bind(editLine, "^I", Self.completeFunctionName)
        // The user's ~/.editrc comes last so that it can change any binding above.
        el_source(editLine, nil)
    }

    deinit {
        close()
    }

    /// Shows `prompt` and edits one line. Non-printing parts of the prompt (colour escapes) must be
    /// bracketed by "\u{1}" so the cursor lands in the right column. Ctrl-C returns `.interrupted` with the
    /// line discarded; Ctrl-D on an empty line returns `.endOfInput`, with the cursor still after libedit's
    /// "^D" echo (the caller ends that line if it prints more). A Ctrl-C here also counts in
    /// `InterruptSignal` and reaches its hook: reset what the hook tripped (and `InterruptSignal.takePending()`
    /// if used) before running the next command, so that it is not cancelled at once.
    public func readLine(prompt: String) -> LineReadResult {
        guard let editLine, !isClosed else { return .endOfInput }
        context.setPrompt(prompt)
        context.startLine()
        let interruptsBefore = InterruptSignal.receivedCount
        var count: Int32 = 0
        let text = el_gets(editLine, &count)
        if text != nil, count > 0, context.sawInvalidText { return .invalidText }
        if let text, count > 0 {
            var line = String(cString: text)
            if line.hasSuffix("\n") { line.removeLast() }
            return .line(line)
        }
        guard InterruptSignal.receivedCount != interruptsBefore else { return .endOfInput }
        // Discard the partial line and put the terminal back as the next prompt expects it.
        el_reset(editLine)
        ms_el_write(editLine, "^C\n")
        return .interrupted
    }

    /// Adds a line to the history (Up recalls it) and appends it to the history file; empty lines and
    /// immediate repeats are skipped.
    public func addHistory(_ line: String) {
        guard !isClosed else { return }
        history?.add(line)
    }

    /// History entries, oldest first.
    public var historyEntries: [String] { history?.entries ?? [] }

    /// Trims the history file to `maxHistory` entries and releases the terminal. Idempotent; `readLine`
    /// returns `.endOfInput` afterwards.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        history?.save()
        if let editLine { el_end(editLine) }
    }

    /// libedit decodes input with the C library's LC_CTYPE, which is "C" (ASCII) until someone calls
    /// setlocale: without this, typing "é" inserts two garbage characters.
    private static func enableMultibyteInput() {
        guard let current = setlocale(LC_CTYPE, ""), !["C", "POSIX"].contains(String(cString: current)) else {
            setlocale(LC_CTYPE, "C.UTF-8")
            return
        }
    }
}
