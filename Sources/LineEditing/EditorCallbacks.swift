@preconcurrency internal import CEditLine
import Foundation

/// State the C callbacks need. libedit hands it back through `EL_CLIENTDATA`, so the callbacks capture
/// nothing and there is no global: each `LineEditor` owns its context and outlives its `EditLine`.
final class EditorContext {
    let completer: @Sendable (CompletionRequest) -> Completion?
    /// Owned, `strdup`ed: libedit reads the prompt through `promptCallback` at any redraw.
    private(set) var prompt: UnsafeMutablePointer<CChar>
    /// The character reader's state for the line being read.
    var decoder = UTF8ByteDecoder()
    /// A byte that cut a UTF-8 sequence short, to be read again as the start of the next character.
    var pendingByte: UInt8?
    /// Set when the line being read held bytes that are not UTF-8 (shown as U+FFFD while editing).
    var sawInvalidText = false
    /// `InterruptSignal.receivedCount` when the line started: a read interrupted by a new SIGINT ends it.
    var interruptsAtStart = 0

    /// Clears the reader's state before a new line.
    func startLine() {
        decoder.reset()
        pendingByte = nil
        sawInvalidText = false
        interruptsAtStart = InterruptSignal.receivedCount
    }

    init(completer: @escaping @Sendable (CompletionRequest) -> Completion?) {
        self.completer = completer
        self.prompt = strdup("")
    }

    deinit { free(prompt) }

    func setPrompt(_ text: String) {
        free(prompt)
        prompt = strdup(text)
    }

    static func from(_ editLine: OpaquePointer?) -> EditorContext? {
        guard let editLine, let raw = ms_el_client_data(editLine) else { return nil }
        return Unmanaged<EditorContext>.fromOpaque(raw).takeUnretainedValue()
    }
}

/// Byte that brackets non-printing prompt sequences (readline's RL_PROMPT_START_IGNORE).
let promptIgnoreMarker: CChar = 1

let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editLine in
    // libedit dereferences the prompt unchecked, so never hand it NULL.
    EditorContext.from(editLine)?.prompt ?? ms_empty_prompt()
}

/// Bound to Tab: asks the completer and applies `CompletionEdit`. Returns a libedit `CC_*` code.
let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    guard let editLine, let context = EditorContext.from(editLine), let info = el_line(editLine)?.pointee,
        let buffer = info.buffer, let cursor = info.cursor, let end = info.lastchar
    else { return UInt8(CC_ERROR) }
    // libedit's buffer is not NUL-terminated at `lastchar`; copy exactly the line's bytes.
    let bytes = UnsafeRawBufferPointer(start: buffer, count: max(0, buffer.distance(to: end)))
    let request = CompletionRequest(
        line: String(decoding: bytes, as: UTF8.self), cursor: buffer.distance(to: cursor))
    guard let completion = context.completer(request),
        let edit = CompletionEdit(completion: completion, request: request)
    else { return UInt8(CC_REFRESH_BEEP) }

    if edit.charactersToDelete > 0 { el_deletestr(editLine, Int32(clamping: edit.charactersToDelete)) }
    if !edit.insertion.isEmpty, el_insertstr(editLine, edit.insertion) != 0 { return UInt8(CC_REFRESH_BEEP) }
    guard !edit.listing.isEmpty else { return UInt8(CC_REFRESH) }

    let listing = CandidateListing(candidates: edit.listing, terminalWidth: Int(ms_terminal_columns()))
    if listing.needsConfirmation {
        ms_el_write(editLine, "\nDisplay all \(listing.candidates.count) possibilities? (y or n)")
        var answer: CChar = 0
        guard el_getc(editLine, &answer) == 1, "yY ".utf8.contains(UInt8(bitPattern: answer)) else {
            ms_el_write(editLine, "\n")
            return UInt8(CC_REDISPLAY)
        }
    }
    ms_el_write(editLine, listing.text)
    return UInt8(CC_REDISPLAY)
}

/// What one `read(2)` of a byte gave.
private enum ByteRead {
    case byte(UInt8)
    case end
    case failed
}

/// Reads one byte from stdin. A signal other than a new SIGINT (a window resize) retries; a SIGINT
/// returns `.failed` with errno EINTR, which ends libedit's line the way its own reader does.
private func readByte(_ context: EditorContext) -> ByteRead {
    var byte: UInt8 = 0
    while true {
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 { return .byte(byte) }
        if count == 0 { return .end }
        if errno == EINTR, InterruptSignal.receivedCount == context.interruptsAtStart { continue }
        return .failed
    }
}

/// libedit's character reader (EL_GETCFN): decodes UTF-8 itself so an invalid byte becomes U+FFFD and
/// marks the line, instead of vanishing.
let readCharacterCallback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<wchar_t>?) -> Int32 = { editLine, character in
    guard let context = EditorContext.from(editLine), let character else { return -1 }
    let replacement = wchar_t(0xFFFD)
    while true {
        let byte: UInt8
        if let pending = context.pendingByte {
            byte = pending
            context.pendingByte = nil
        } else {
            switch readByte(context) {
            case .byte(let value): byte = value
            case .end:
                if context.decoder.isInsideSequence { context.sawInvalidText = true }
                context.decoder.reset()
                return 0
            case .failed:
                let saved = errno
                context.decoder.reset()
                character.pointee = 0
                errno = saved
                return -1
            }
        }
        let (step, reprocess) = context.decoder.feed(byte)
        if reprocess { context.pendingByte = byte }
        switch step {
        case .needMore: continue
        case .scalar(let value):
            character.pointee = wchar_t(bitPattern: value)
            return 1
        case .invalid:
            context.sawInvalidText = true
            character.pointee = replacement
            return 1
        }
    }
}
