/// What the completer is asked: the whole line being edited and the cursor as a UTF-8 byte offset into it.
public struct CompletionRequest: Sendable, Equatable {
    public var line: String
    /// UTF-8 offset of the cursor in `line`, `0...line.utf8.count`.
    public var cursor: Int

    public init(line: String, cursor: Int) {
        self.line = line
        self.cursor = cursor
    }

    /// The text before the cursor.
    public var textBeforeCursor: Substring {
        let end = line.utf8.index(line.utf8.startIndex, offsetBy: min(max(cursor, 0), line.utf8.count))
        return line[..<end]
    }
}

/// The completer's answer: `line[replacementStart..<cursor]` is the word being completed, and each
/// candidate is a full replacement for it (not a suffix).
public struct Completion: Sendable, Equatable {
    /// UTF-8 offset in the request's line where the replaced word starts, `0...cursor`.
    public var replacementStart: Int
    public var candidates: [String]

    public init(replacementStart: Int, candidates: [String]) {
        self.replacementStart = replacementStart
        self.candidates = candidates
    }
}

/// The edit a Tab press makes, worked out without a terminal so it can be tested: delete
/// `charactersToDelete` characters before the cursor, insert `insertion`, then list `listing` below the
/// prompt if it is not empty. Characters are Unicode scalars, the unit libedit's wide-character buffer
/// counts in.
struct CompletionEdit: Equatable {
    var charactersToDelete: Int
    var insertion: String
    var listing: [String]

    init(charactersToDelete: Int, insertion: String, listing: [String]) {
        self.charactersToDelete = charactersToDelete
        self.insertion = insertion
        self.listing = listing
    }

    /// bash's rule: a sole candidate is completed and followed by a space, except a directory (ending in
    /// `/`) so the user can keep typing the path, or an option name (ending in `=`) whose value comes next; several candidates complete to their longest common
    /// prefix and are listed. Returns `nil` (the caller beeps) when there is nothing to do or the
    /// completion's offsets do not fit the request.
    init?(completion: Completion, request: CompletionRequest) {
        let utf8 = request.line.utf8
        guard 0 <= completion.replacementStart, completion.replacementStart <= request.cursor,
            request.cursor <= utf8.count
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: completion.replacementStart)
        let end = utf8.index(utf8.startIndex, offsetBy: request.cursor)
        guard start.samePosition(in: request.line.unicodeScalars) != nil,
            end.samePosition(in: request.line.unicodeScalars) != nil
        else { return nil }
        let typed = String(request.line[start..<end])

        var seen = Set<String>()
        let candidates = completion.candidates.filter { seen.insert($0).inserted }
        switch candidates.count {
        case 0:
            return nil
        case 1:
            let sole = candidates[0]
            let continues = sole.hasSuffix("/") || sole.hasSuffix("=")
            self.init(replacing: typed, with: continues ? sole : sole + " ", listing: [])
        default:
            let prefix = Self.longestCommonPrefix(of: candidates)
            // Never shorten what was typed (candidates that differ from it only in case, say).
            let replacement = prefix.count >= typed.count ? prefix : typed
            self.init(replacing: typed, with: replacement, listing: candidates)
        }
    }

    private init(replacing typed: String, with replacement: String, listing: [String]) {
        // Keep the shared part in place so libedit only redraws what changed.
        let typedLength = typed.unicodeScalars.count
        let kept = typed.unicodeScalars.elementsEqual(replacement.unicodeScalars.prefix(typedLength))
        self.init(
            charactersToDelete: kept ? 0 : typedLength,
            insertion: kept ? String(replacement.unicodeScalars.dropFirst(typedLength)) : replacement,
            listing: listing)
    }

    /// Longest prefix shared by all strings, compared by Character so a grapheme is never split.
    static func longestCommonPrefix(of strings: [String]) -> String {
        guard var prefix = strings.first.map({ Substring($0) }) else { return "" }
        for string in strings.dropFirst() {
            prefix = prefix.prefix(zip(prefix, string).prefix { $0 == $1 }.count)
        }
        return String(prefix)
    }
}
