// Shell — the application layer: sessions of named objects, the one command table that drives parsing,
// help, completion and docs/commands.md, the output modes, and the script runner. Handlers return
// `CommandResult` values; only `OutputSink` writes, and nothing here ever exits the process.

/// One word of a command line, with where it came from so errors can point at it.
public struct Token: Sendable, Equatable {
    public var text: String
    /// Offset of the token's first character in the logical line (in `Character`s).
    public var offset: Int
    /// True when any part of the word was quoted: a quoted word is never an operator.
    public var wasQuoted: Bool
    /// How many characters of `text` came before the first quote or escape: `key="a b"` is an option
    /// because its `=` is unquoted, while `"key=a b"` is a plain word.
    public var unquotedPrefixLength: Int

    public init(text: String, offset: Int, wasQuoted: Bool = false, unquotedPrefixLength: Int? = nil) {
        self.text = text
        self.offset = offset
        self.wasQuoted = wasQuoted
        self.unquotedPrefixLength = unquotedPrefixLength ?? (wasQuoted ? 0 : text.count)
    }
}

/// A syntax error in a line, before any command runs.
public struct SyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}

/// Splits logical lines into statements and words.
///
/// Rules (PRODUCT.md "The language"): `;` separates statements, `#` starts a comment (outside quotes,
/// at the start of a word), words are separated by blanks, `"double"` quotes allow `\"`, `\\`, `\n`, `\t`
/// escapes, `'single'` quotes are literal, and a backslash outside quotes escapes the next character.
public enum Tokenizer {
    /// The statements of one logical line, each a list of tokens; empty statements are dropped.
    public static func statements(in line: String) throws(SyntaxError) -> [[Token]] {
        var statements: [[Token]] = []
        var current: [Token] = []
        var word = ""
        var wordStart = 0
        var inWord = false
        var quoted = false
        var unquotedPrefix: Int?
        var characters = Array(line)
        var index = 0

        func finishWord() {
            if inWord {
                current.append(Token(text: word, offset: wordStart, wasQuoted: quoted, unquotedPrefixLength: unquotedPrefix ?? word.count))
            }
            word = ""
            inWord = false
            quoted = false
            unquotedPrefix = nil
        }
        func startWord(at position: Int) {
            if !inWord {
                inWord = true
                wordStart = position
            }
        }

        // Control characters other than tab are not part of the language; reject them with a location.
        if let bad = characters.firstIndex(where: { $0.isControlCharacter }) {
            throw SyntaxError(message: "control character U+\(bad.hexScalar(in: characters)) in input", offset: bad)
        }
        characters = characters.map { $0 == "\t" ? " " : $0 }

        while index < characters.count {
            let character = characters[index]
            switch character {
            case " ":
                finishWord()
            case ";":
                finishWord()
                if !current.isEmpty { statements.append(current) }
                current = []
            case "#" where !inWord:
                index = characters.count
                continue
            case "\\":
                startWord(at: index)
                unquotedPrefix = unquotedPrefix ?? word.count
                guard index + 1 < characters.count else {
                    throw SyntaxError(message: "line ends with an escape character", offset: index)
                }
                word.append(characters[index + 1])
                index += 1
            case "'":
                startWord(at: index)
                quoted = true
                unquotedPrefix = unquotedPrefix ?? word.count
                guard let close = characters[(index + 1)...].firstIndex(of: "'") else {
                    throw SyntaxError(message: "unterminated single quote", offset: index)
                }
                word.append(contentsOf: characters[(index + 1)..<close])
                index = close
            case "\"":
                startWord(at: index)
                quoted = true
                unquotedPrefix = unquotedPrefix ?? word.count
                let opening = index
                index += 1
                var closed = false
                while index < characters.count {
                    let inner = characters[index]
                    if inner == "\"" {
                        closed = true
                        break
                    }
                    if inner == "\\", index + 1 < characters.count {
                        index += 1
                        switch characters[index] {
                        case "n": word.append("\n")
                        case "t": word.append("\t")
                        case "\"", "\\", "$": word.append(characters[index])
                        default:
                            word.append("\\")
                            word.append(characters[index])
                        }
                    } else {
                        word.append(inner)
                    }
                    index += 1
                }
                if !closed { throw SyntaxError(message: "unterminated double quote", offset: opening) }
            default:
                startWord(at: index)
                word.append(character)
            }
            index += 1
        }
        finishWord()
        if !current.isEmpty { statements.append(current) }
        return statements
    }

    /// Whether a physical line needs another line to complete it: it ends with an unescaped `\` or
    /// leaves a quote open. Comments end the check, as they do in `statements(in:)`.
    public static func needsContinuation(_ text: String) -> Bool {
        let state = quoteState(of: text, stopsAtComment: true)
        return state.endsEscaped || state.quoteIsOpen
    }

    /// Whether `text` ends inside a quoted string (comments are not recognised: `#` may be quoted text).
    static func insideQuotes(_ text: String) -> Bool {
        quoteState(of: text, stopsAtComment: false).quoteIsOpen
    }

    /// One left-to-right scan of the quoting rules shared by the continuation checks.
    private static func quoteState(of text: String, stopsAtComment: Bool) -> (quoteIsOpen: Bool, endsEscaped: Bool) {
        var inSingle = false
        var inDouble = false
        var escaped = false
        var previousWasBlank = true
        for character in text {
            if escaped {
                escaped = false
                previousWasBlank = false
                continue
            }
            switch character {
            case "\\" where !inSingle: escaped = true
            case "'" where !inDouble: inSingle.toggle()
            case "\"" where !inSingle: inDouble.toggle()
            case "#" where stopsAtComment && !inSingle && !inDouble && previousWasBlank: return (false, false)
            default: break
            }
            previousWasBlank = character == " " || character == "\t" || character == ";"
        }
        return (inSingle || inDouble, escaped)
    }
}

/// Joins physical lines into logical ones (a trailing `\` or an open quote continues the line) and
/// remembers the line number each logical line started on, for `FILE:LINE:` error locations.
public struct LineAssembler: Sendable {
    private var pending: String?
    private var pendingStartLine = 0

    public init() {}

    public var isContinuing: Bool { pending != nil }

    /// Feeds one physical line; returns the completed logical line and its first line number, if any.
    public mutating func feed(_ physical: String, lineNumber: Int) -> (text: String, line: Int)? {
        let text: String
        if let prefix = pending {
            // A backslash-newline joins with nothing; a newline inside quotes is kept.
            if prefix.hasSuffix("\\") && !Tokenizer.insideQuotes(String(prefix.dropLast())) {
                text = String(prefix.dropLast()) + physical
            } else {
                text = prefix + "\n" + physical
            }
        } else {
            text = physical
            pendingStartLine = lineNumber
        }
        if Tokenizer.needsContinuation(text) {
            pending = text
            return nil
        }
        pending = nil
        return (text, pendingStartLine)
    }

    /// Ends input: an unfinished line is returned as it is, so its error can be reported.
    public mutating func finish() -> (text: String, line: Int)? {
        defer { pending = nil }
        guard let text = pending else { return nil }
        return (text.hasSuffix("\\") ? String(text.dropLast()) : text, pendingStartLine)
    }
}

extension Character {
    var isControlCharacter: Bool {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        if scalar == "\t" || scalar == "\n" { return false }
        return scalar.value < 0x20 || scalar.value == 0x7F
    }
}

extension Int {
    fileprivate func hexScalar(in characters: [Character]) -> String {
        let value = characters[self].unicodeScalars.first?.value ?? 0
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
