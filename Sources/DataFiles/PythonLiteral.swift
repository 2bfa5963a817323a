/// The subset of Python literals an `.npy` header dict uses: strings, ints (with Python 2's `L`),
/// booleans, `None`, tuples, lists and dicts with string keys.
enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case sequence([PythonLiteral])
    case dictionary([String: PythonLiteral])
}

/// A recursive-descent parser over the header's unicode scalars; errors are plain messages the caller
/// wraps with the file name. Nesting is capped so a hostile header cannot exhaust the stack.
struct PythonLiteralParser {
    /// Deeper than any dtype descr numpy writes (structured dtypes nest a few levels).
    static let maximumDepth = 32

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Parses one literal that must fill the whole text (surrounding whitespace allowed).
    static func parse(_ text: String) -> Result<PythonLiteral, ParseFailure> {
        var parser = PythonLiteralParser(text)
        do throws(ParseFailure) {
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.position == parser.scalars.count else {
                throw parser.failure("unexpected text after the dict")
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    struct ParseFailure: Error { var message: String }

    private func failure(_ message: String) -> ParseFailure {
        ParseFailure(message: "\(message) at character \(position + 1)")
    }

    private mutating func skipWhitespace() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    private mutating func value(depth: Int) throws(ParseFailure) -> PythonLiteral {
        guard depth < Self.maximumDepth else { throw failure("nesting too deep") }
        skipWhitespace()
        guard position < scalars.count else { throw failure("unexpected end") }
        let scalar = scalars[position]
        switch scalar {
        case "'", "\"": return .string(try string())
        case "{": return try dictionary(depth: depth)
        case "(": return .sequence(try sequence(closing: ")", depth: depth))
        case "[": return .sequence(try sequence(closing: "]", depth: depth))
        case "-", "+", "0"..."9": return .integer(try integer())
        default:
            for (word, literal) in [("True", PythonLiteral.boolean(true)), ("False", .boolean(false)), ("None", .none)]
            where matches(word) {
                position += word.unicodeScalars.count
                return literal
            }
            throw failure("unexpected '\(scalar)'")
        }
    }

    private func matches(_ word: String) -> Bool {
        let wordScalars = Array(word.unicodeScalars)
        guard position + wordScalars.count <= scalars.count else { return false }
        return Array(scalars[position..<(position + wordScalars.count)]) == wordScalars
    }

    private mutating func string() throws(ParseFailure) -> String {
        let quote = scalars[position]
        position += 1
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == quote { return String(text) }
            if scalar == "\\" {
                guard position < scalars.count else { break }
                let escaped = scalars[position]
                position += 1
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: text.append(escaped)
                }
            } else {
                text.append(scalar)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func integer() throws(ParseFailure) -> Int {
        var negative = false
        if scalars[position] == "-" || scalars[position] == "+" {
            negative = scalars[position] == "-"
            position += 1
        }
        var magnitude = 0
        var digits = 0
        while position < scalars.count, ("0"..."9").contains(scalars[position]) {
            let digit = Int(scalars[position].value) - 48
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw failure("integer too large") }
            magnitude = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw failure("expected digits") }
        // Python 2 wrote long integers with an `L` suffix (`(3L, 4L)`).
        if position < scalars.count, scalars[position] == "L" || scalars[position] == "l" { position += 1 }
        return negative ? -magnitude : magnitude
    }

    private mutating func sequence(closing: Unicode.Scalar, depth: Int) throws(ParseFailure) -> [PythonLiteral] {
        position += 1
        var items: [PythonLiteral] = []
        while true {
            skipWhitespace()
            guard position < scalars.count else { throw failure("unterminated tuple or list") }
            if scalars[position] == closing {
                position += 1
                return items
            }
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard position < scalars.count else { throw failure("unterminated tuple or list") }
            if scalars[position] == "," {
                position += 1
            } else if scalars[position] != closing {
                throw failure("expected ',' or '\(closing)'")
            }
        }
    }

    private mutating func dictionary(depth: Int) throws(ParseFailure) -> PythonLiteral {
        position += 1
        var entries: [String: PythonLiteral] = [:]
        while true {
            skipWhitespace()
            guard position < scalars.count else { throw failure("unterminated dict") }
            if scalars[position] == "}" {
                position += 1
                return .dictionary(entries)
            }
            guard case .string(let key) = try value(depth: depth + 1) else {
                throw failure("dict keys must be strings")
            }
            skipWhitespace()
            guard position < scalars.count, scalars[position] == ":" else { throw failure("expected ':'") }
            position += 1
            entries[key] = try value(depth: depth + 1)
            skipWhitespace()
            guard position < scalars.count else { throw failure("unterminated dict") }
            if scalars[position] == "," {
                position += 1
            } else if scalars[position] != "}" {
                throw failure("expected ',' or '}'")
            }
        }
    }
}
