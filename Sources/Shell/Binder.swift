public import DataFiles
import Foundation

/// A value after binding: typed, validated, and for object references resolved against the session.
public enum BoundValue: Sendable {
    case integer(Int)
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// An absolute path (the typed text is kept for messages).
    case path(absolute: String, typed: String)
    case object(ObjectReference)
    case words([String])
}

/// A session object named on the command line, with its row selection already applied.
public struct ObjectReference: Sendable {
    /// What the user typed, e.g. `digits[label==3]`.
    public var text: String
    public var name: String
    public var selection: RowSelection?
    public var object: SessionObject
}

/// The arguments of one command invocation, by argument name.
public struct BoundArguments: Sendable {
    public var values: [String: BoundValue] = [:]
    /// Offsets of each argument's token, so handlers can point errors at the right word.
    public var offsets: [String: Int] = [:]
    public var commandName: String

    public func isPresent(_ name: String) -> Bool { values[name] != nil }

    public func integer(_ name: String) -> Int? {
        if case .integer(let value) = values[name] { return value }
        return nil
    }

    public func number(_ name: String) -> Double? {
        switch values[name] {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public func text(_ name: String) -> String? {
        switch values[name] {
        case .text(let value): value
        case .path(_, let typed): typed
        case .object(let reference): reference.text
        case .words(let words): words.joined(separator: " ")
        default: nil
        }
    }

    public func boolean(_ name: String) -> Bool? {
        if case .boolean(let value) = values[name] { return value }
        return nil
    }

    public func path(_ name: String) -> String? {
        if case .path(let absolute, _) = values[name] { return absolute }
        return nil
    }

    public func words(_ name: String) -> [String] {
        if case .words(let words) = values[name] { return words }
        return text(name).map { [$0] } ?? []
    }

    public func reference(_ name: String) -> ObjectReference? {
        if case .object(let reference) = values[name] { return reference }
        return nil
    }

    /// The dataset argument `name`; the binder has checked its kind already.
    public func dataset(_ name: String) throws(ShellError) -> Dataset {
        guard let reference = reference(name) else { throw ShellError("missing dataset argument '\(name)'") }
        guard case .dataset(let dataset) = reference.object else {
            throw ShellError("'\(reference.text)' is a \(reference.object.kindName), not a dataset", offset: offsets[name])
        }
        return dataset
    }
}

/// Turns tokens into `BoundArguments` for a `CommandSpec`: positionals in order, `key=value` options,
/// typed and range-checked values, object names resolved. Every error names the word and the fix.
enum Binder {
    static let booleanWords: [String: Bool] = [
        "yes": true, "no": false, "true": true, "false": false, "on": true, "off": false, "1": true, "0": false,
    ]

    /// True for a `key=value` word: an identifier, then `=`, not quoted.
    static func optionParts(_ token: Token) -> (key: String, value: String)? {
        guard let equals = token.text.firstIndex(of: "="),
            token.text.distance(from: token.text.startIndex, to: equals) < token.unquotedPrefixLength
        else { return nil }
        let key = token.text[..<equals]
        guard let first = key.first, first.isLetter || first == "_",
            key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else { return nil }
        return (String(key), String(token.text[token.text.index(after: equals)...]))
    }

    static func bind(_ tokens: [Token], to spec: CommandSpec, state: ShellState) throws(ShellError) -> BoundArguments {
        var bound = BoundArguments(commandName: spec.name)
        let positionals = spec.positionals
        var positionalIndex = 0
        var variadicWords: [String] = []
        var variadicOffset: Int?

        for token in tokens {
            let inVariadic = positionalIndex < positionals.count && positionals[positionalIndex].isVariadic
            // In a variadic positional (echo's text) only the command's own option names are options.
            if let (key, value) = optionParts(token), !inVariadic || spec.options.contains(where: { $0.name == key }) {
                guard let option = spec.options.first(where: { $0.name == key }) else {
                    let known = spec.options.map(\.name)
                    let hint = Suggestions.closest(to: key, among: known).map { " — did you mean '\($0)'?" }
                        ?? (known.isEmpty ? " ('\(spec.name)' takes no options)" : " (options: \(known.joined(separator: ", ")))")
                    throw ShellError("unknown option '\(key)' for '\(spec.name)'\(hint)", offset: token.offset)
                }
                guard bound.values[key] == nil else {
                    throw ShellError("option '\(key)' given twice", offset: token.offset)
                }
                bound.values[key] = try convert(value, as: option.kind, argument: option.name, command: spec.name, offset: token.offset, state: state)
                bound.offsets[key] = token.offset
                continue
            }
            guard positionalIndex < positionals.count else {
                throw ShellError("unexpected argument '\(token.text)' for '\(spec.name)' (usage: \(spec.usage))", offset: token.offset)
            }
            let argument = positionals[positionalIndex]
            if argument.isVariadic {
                variadicWords.append(token.text)
                variadicOffset = variadicOffset ?? token.offset
                continue
            }
            bound.values[argument.name] = try convert(token.text, as: argument.kind, argument: argument.name, positional: true, command: spec.name, offset: token.offset, state: state)
            bound.offsets[argument.name] = token.offset
            positionalIndex += 1
        }
        if positionalIndex < positionals.count, positionals[positionalIndex].isVariadic {
            let argument = positionals[positionalIndex]
            if !variadicWords.isEmpty || !argument.isRequired {
                bound.values[argument.name] = .words(variadicWords)
                bound.offsets[argument.name] = variadicOffset
                positionalIndex += 1
            }
        }
        for argument in positionals[positionalIndex...] where argument.isRequired {
            throw ShellError("'\(spec.name)' needs \(argument.name.uppercased()): \(argument.help.lowercasedFirst) (usage: \(spec.usage))")
        }
        for option in spec.options {
            if bound.values[option.name] == nil {
                if option.isRequired {
                    throw ShellError("'\(spec.name)' needs \(option.name)=\(option.kind.placeholder) (usage: \(spec.usage))")
                }
                if let fallback = option.defaultValue {
                    bound.values[option.name] = try convert(fallback, as: option.kind, argument: option.name, command: spec.name, offset: nil, state: state)
                }
            }
        }
        return bound
    }

    static func convert(
        _ text: String, as kind: ValueKind, argument: String, positional: Bool = false, command: String, offset: Int?,
        state: ShellState
    ) throws(ShellError) -> BoundValue {
        func fail(_ message: String) -> ShellError { ShellError(message, offset: offset) }
        // How the value is named in messages: `n=abc` for options, `'abc' (FORMAT)` for positionals.
        let label = positional ? "'\(text)' (\(argument.uppercased()))" : "\(argument)=\(text)"
        switch kind {
        case .integer(let range):
            if isHexadecimal(text) { throw fail(hexadecimalMessage(label)) }
            guard let value = parseInteger(text) else {
                // Digits beyond Int's range are still a whole number: say which numbers are allowed.
                if isWholeNumberBeyondInt(text) { throw fail("\(label) is out of range \(range.lowerBound)…\(range.upperBound)") }
                throw fail("\(label): expected a whole number")
            }
            guard range.contains(value) else { throw fail(outOfRange(label, describe(range))) }
            return .integer(value)
        case .number(let range):
            if isHexadecimal(text) { throw fail(hexadecimalMessage(label)) }
            guard let value = Double(text), !value.isNaN else { throw fail("\(label): expected a number") }
            guard value.isFinite, !underflowsToZero(text, value), range.contains(value) else {
                throw fail(outOfRange(label, describe(range)))
            }
            return .number(value)
        case .text:
            return .text(text)
        case .choice(let words):
            guard let word = words.first(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) else {
                throw fail("\(label) is not one of \(words.joined(separator: ", "))" + Suggestions.phrase(for: text, among: words))
            }
            return .text(word)
        case .boolean:
            guard let value = booleanWords[text.lowercased()] else { throw fail("\(label): expected yes or no") }
            return .boolean(value)
        case .inputPath:
            guard !text.isEmpty else { throw fail("\(argument): empty path") }
            let absolute = state.resolvePath(text)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw fail("\(text): no such file")
            }
            guard FileManager.default.isReadableFile(atPath: absolute) else { throw fail("\(text): permission denied") }
            return .path(absolute: absolute, typed: text)
        case .outputPath:
            guard !text.isEmpty else { throw fail("\(argument): empty path") }
            let absolute = state.resolvePath(text)
            let directory = (absolute as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw fail("\(text): directory '\((text as NSString).deletingLastPathComponent)' does not exist")
            }
            return .path(absolute: absolute, typed: text)
        case .anyPath:
            guard !text.isEmpty else { throw fail("\(argument): empty path") }
            return .path(absolute: state.resolvePath(text), typed: text)
        case .objectReference(let kinds):
            return .object(try resolveReference(text, kinds: kinds, state: state, offset: offset))
        case .objectOrFile:
            let name = (try? RowSelection.split(text))?.name ?? text
            if state.session[name] == nil, FileManager.default.fileExists(atPath: state.resolvePath(text)) {
                return .path(absolute: state.resolvePath(text), typed: text)
            }
            return .object(try resolveReference(text, kinds: [], state: state, offset: offset))
        case .newName, .sessionName:
            guard isIdentifier(text) else {
                throw fail("'\(text)' is not a valid name: use letters, digits and _ (not starting with a digit)")
            }
            return .text(text)
        case .commandName:
            return .text(text)
        }
    }

    static func resolveReference(_ text: String, kinds: [String], state: ShellState, offset: Int?) throws(ShellError) -> ObjectReference {
        let (name, selection): (String, RowSelection?)
        do { (name, selection) = try RowSelection.split(text) } catch { throw ShellError(error.message, offset: offset) }
        guard let object = state.session[name] else {
            let hint = Suggestions.phrase(for: name, among: state.session.names)
            let fallback = hint.isEmpty && state.session.names.isEmpty ? " (the session is empty: load a dataset first)" : ""
            throw ShellError("no object named '\(name)' in session '\(state.currentSessionName)'\(hint)\(fallback)", offset: offset)
        }
        guard kinds.isEmpty || kinds.contains(object.kindName) else {
            throw ShellError("'\(name)' is a \(object.kindName); expected a \(kinds.joined(separator: " or "))", offset: offset)
        }
        guard let selection else { return ObjectReference(text: text, name: name, selection: nil, object: object) }
        guard case .dataset(let dataset) = object else {
            throw ShellError("'\(name)' is a \(object.kindName); only datasets take row selections", offset: offset)
        }
        let indices: [Int]
        do { indices = try selection.rowIndices(rowCount: dataset.rowCount, labels: dataset.labels, name: name) } catch {
            throw ShellError(error.message, offset: offset)
        }
        guard !indices.isEmpty else { throw ShellError("'\(text)' selects no rows", offset: offset) }
        let selected: Dataset
        if case .slice = selection, let first = indices.first, indices.count == (indices.last! - first + 1) {
            selected = dataset.rows(first..<(first + indices.count))
        } else {
            selected = dataset.rows(at: indices)
        }
        return ObjectReference(text: text, name: name, selection: selection, object: .dataset(selected))
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    /// Accepts `10000`, `10_000`, `10,000` and `1e4` (when whole): users paste sizes in every form.
    static func parseInteger(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        if let value = Int(cleaned) { return value }
        if let value = Double(cleaned), value.isFinite, value == value.rounded(), abs(value) < 9e18 { return Int(value) }
        return nil
    }

    /// Swift's number parsers accept C's hexadecimal forms (`0x1`, `0x1p3`); the language has none.
    static func isHexadecimal(_ text: String) -> Bool {
        let unsigned = text.drop { $0 == "+" || $0 == "-" }.lowercased()
        return unsigned.hasPrefix("0x")
    }

    private static func hexadecimalMessage(_ label: String) -> String {
        "\(label): hexadecimal is not a number in modescope; write it in decimal"
    }

    /// `99999999999999999999` or `1e30`: whole, but not an `Int`.
    static func isWholeNumberBeyondInt(_ text: String) -> Bool {
        let cleaned = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        let digits = cleaned.drop { $0 == "+" || $0 == "-" }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        guard let value = Double(cleaned) else { return false }
        return !value.isFinite || (value == value.rounded() && abs(value) >= 9e18)
    }

    /// `1e-400` parses as 0 although its digits are not all zero.
    static func underflowsToZero(_ text: String, _ value: Double) -> Bool {
        guard value == 0 else { return false }
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        return mantissa.contains { $0.isNumber && $0 != "0" }
    }

    /// A range as help and errors print it: `1…256`, `at least 1`, `greater than 0`.
    static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "\(range.lowerBound)…\(range.upperBound)"
    }

    static func describe(_ range: ClosedRange<Double>) -> String {
        // Options meaning "any positive number" are bounded below by the smallest positive Double, which
        // would print as noise (4.9407e-324…1.7977e+308).
        let unbounded = range.upperBound >= .greatestFiniteMagnitude
        if range.lowerBound == .leastNonzeroMagnitude && unbounded { return "greater than 0" }
        if unbounded { return "at least \(Cell.format(range.lowerBound))" }
        return "\(Cell.format(range.lowerBound))…\(Cell.format(range.upperBound))"
    }

    private static func outOfRange(_ label: String, _ range: String) -> String {
        range.first?.isNumber == true || range.first == "-" ? "\(label) is out of range \(range)" : "\(label): must be \(range)"
    }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
