@preconcurrency internal import CEditLine
import Foundation

/// State the C callbacks need. libedit hands it back through `EL_CLIENTDATA`, so the callbacks capture
/// nothing and there is no global: each `LineEditor` owns its context and outlives its `EditLine`.
final class EditorContext {
    let completer: @Sendable (CompletionRequest) -> Completion?
    /// Owned, `strdup`ed: libedit reads the prompt through `promptCallback` at any redraw.
    private(set) var prompt: UnsafeMutablePointer<CChar>

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
