/// Splits CSV/TSV bytes into records: RFC 4180 quotes (`""` inside quotes is one quote, quoted fields
/// may span lines), `#` comment lines, blank lines, CRLF and a UTF-8 byte-order mark. Line numbers are
/// 1-based and count physical lines, so errors point where an editor would.
struct DelimitedTokenizer {
    enum Separator: Equatable {
        case byte(UInt8)
        /// Runs of spaces and tabs, as `np.savetxt` writes by default.
        case whitespace
    }

    struct Record {
        var line: Int
        var fields: [String]
    }

    struct Failure: Error {
        var message: String
    }

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let comment = UInt8(ascii: "#")

    private let bytes: [UInt8]
    private var position: Int
    private(set) var line = 1
    let separator: Separator

    init(bytes: [UInt8], separator: Separator) {
        self.bytes = bytes
        self.separator = separator
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Picks the separator from the first content line: `preferred` when present, else a tab or comma,
    /// else whitespace runs when the line has inner spaces (np.savetxt's default), else `preferred`.
    static func detectSeparator(in bytes: [UInt8], preferred: UInt8, allowingWhitespace: Bool = true) -> Separator {
        var tokenizer = DelimitedTokenizer(bytes: bytes, separator: .byte(preferred))
        guard let start = tokenizer.skipToContent() else { return .byte(preferred) }
        let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
        let line = bytes[start..<end]
        if line.contains(preferred) { return .byte(preferred) }
        for candidate in [tab, UInt8(ascii: ",")] where line.contains(candidate) { return .byte(candidate) }
        let trimmed = line.drop { $0 == space || $0 == tab }.reversed().drop {
            $0 == space || $0 == tab || $0 == carriageReturn
        }
        if allowingWhitespace && trimmed.contains(space) && !line.contains(quote) { return .whitespace }
        return .byte(preferred)
    }

    /// Moves past blank and comment lines; returns the start of the next content line, or nil at the end.
    private mutating func skipToContent() -> Int? {
        while position < bytes.count {
            var probe = position
            while probe < bytes.count,
                bytes[probe] == Self.space || (bytes[probe] == Self.tab && separator != .byte(Self.tab))
            {
                probe += 1
            }
            let atLineEnd =
                probe >= bytes.count || bytes[probe] == Self.newline
                || (bytes[probe] == Self.carriageReturn
                    && (probe + 1 >= bytes.count || bytes[probe + 1] == Self.newline))
            if atLineEnd || bytes[probe] == Self.comment {
                guard let end = bytes[probe...].firstIndex(of: Self.newline) else {
                    position = bytes.count
                    return nil
                }
                position = end + 1
                line += 1
                continue
            }
            return position
        }
        return nil
    }

    mutating func next() throws(Failure) -> Record? {
        guard skipToContent() != nil else { return nil }
        let recordLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        if separator == .whitespace { skipBlanks() }
        while true {
            if position < bytes.count, bytes[position] == Self.quote {
                try readQuoted(into: &field)
            } else {
                while position < bytes.count, !isSeparator(bytes[position]), !isLineEnd() {
                    field.append(bytes[position])
                    position += 1
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if position >= bytes.count { break }
            if isLineEnd() {
                if bytes[position] == Self.carriageReturn { position += 1 }
                position += 1
                line += 1
                break
            }
            // At a separator.
            if separator == .whitespace {
                skipBlanks()
                if position >= bytes.count || isLineEnd() { continue }
            } else {
                position += 1
            }
        }
        if separator == .whitespace, fields.last == "" { fields.removeLast() }
        return Record(line: recordLine, fields: fields)
    }

    private func isSeparator(_ byte: UInt8) -> Bool {
        switch separator {
        case .byte(let value): return byte == value
        case .whitespace: return byte == Self.space || byte == Self.tab
        }
    }

    private func isLineEnd() -> Bool {
        guard position < bytes.count else { return true }
        if bytes[position] == Self.newline { return true }
        return bytes[position] == Self.carriageReturn
            && (position + 1 >= bytes.count || bytes[position + 1] == Self.newline)
    }

    private mutating func skipBlanks() {
        while position < bytes.count, bytes[position] == Self.space || bytes[position] == Self.tab { position += 1 }
    }

    private mutating func readQuoted(into field: inout [UInt8]) throws(Failure) {
        let startLine = line
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == Self.quote {
                if position < bytes.count, bytes[position] == Self.quote {
                    field.append(Self.quote)
                    position += 1
                    continue
                }
                // Spaces may pad a closing quote; anything else is a malformed field.
                while position < bytes.count, bytes[position] == Self.space, !isSeparator(Self.space) { position += 1 }
                guard position >= bytes.count || isSeparator(bytes[position]) || isLineEnd() else {
                    throw Failure(message: "line \(line): unexpected text after a closing quote")
                }
                return
            }
            if byte == Self.newline { line += 1 }
            field.append(byte)
        }
        throw Failure(message: "line \(startLine): quoted field is never closed")
    }
}
