/// Splits CSV/TSV bytes into records: RFC 4180 quotes (`""` inside quotes is one quote, quoted fields
/// may span lines), `#` comment lines, blank lines, CRLF and a UTF-8 byte-order mark. Line numbers are
/// 1-based and count physical lines, so errors point where an editor would.
struct DelimitedTokenizer {
    enum Separator: Equatable {
        case byte(UInt8)
        /// Runs of spaces and tabs, as `np.savetxt` writes by default.
        case whitespace
    }

    /// One record's fields, unquoted, stored back to back so parsing a large file allocates nothing
    /// per field; `text(_:)` builds a String only where one is needed (labels, headers, errors).
    struct Record {
        var line = 0
        var contents: [UInt8] = []
        /// `ends[i]` is the end of field `i` in `contents`.
        var ends: [Int] = []

        var fieldCount: Int { ends.count }

        func bytes(_ index: Int) -> ArraySlice<UInt8> {
            contents[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
        }

        func text(_ index: Int) -> String { String(decoding: bytes(index), as: UTF8.self) }

        var fields: [String] { (0..<fieldCount).map(text) }
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
        var record = Record()
        return try next(into: &record) ? record : nil
    }

    /// Reads the next record into `record`, reusing its storage; false at the end of the input.
    mutating func next(into record: inout Record) throws(Failure) -> Bool {
        guard skipToContent() != nil else { return false }
        record.line = line
        record.contents.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        if separator == .whitespace { skipBlanks() }
        while true {
            if position < bytes.count, bytes[position] == Self.quote {
                try readQuoted(into: &record.contents)
            } else {
                let start = position
                while position < bytes.count, !isSeparator(bytes[position]), !isLineEnd() { position += 1 }
                record.contents.append(contentsOf: bytes[start..<position])
            }
            record.ends.append(record.contents.count)
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
        // Whitespace separation ends a line with an empty "field" after trailing blanks; drop it.
        if separator == .whitespace, record.ends.count > 1,
            record.ends[record.ends.count - 1] == record.ends[record.ends.count - 2]
        {
            record.ends.removeLast()
        }
        return true
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
