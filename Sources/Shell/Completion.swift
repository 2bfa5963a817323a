import Foundation

/// What Tab completes: the word under the cursor and the candidates for it.
public struct CompletionResult: Sendable, Equatable {
    /// UTF-8 offset in the line where the replaced word starts.
    public var replacementStart: Int
    public var candidates: [String]
}

/// What completion may consult besides the command table; injected so the function stays pure.
public struct CompletionContext: Sendable {
    public var registry: CommandRegistry
    public var objectNames: [String]
    public var sessionNames: [String]
    /// Entries of a directory (absolute path) as (name, isDirectory); empty when unreadable.
    public var listDirectory: @Sendable (String) -> [(name: String, isDirectory: Bool)]
    public var workingDirectory: String
    /// Where `save` without a path writes; its sub-directories are the names `open` accepts.
    public var sessionStoreDirectory: String?
    /// What `~` stands for in a path.
    public var homeDirectory: String = ShellState.userHome

    public init(
        registry: CommandRegistry, objectNames: [String], sessionNames: [String], workingDirectory: String,
        sessionStoreDirectory: String? = nil,
        listDirectory: @escaping @Sendable (String) -> [(name: String, isDirectory: Bool)] = CompletionContext.listFileSystem
    ) {
        self.registry = registry
        self.objectNames = objectNames
        self.sessionNames = sessionNames
        self.workingDirectory = workingDirectory
        self.sessionStoreDirectory = sessionStoreDirectory
        self.listDirectory = listDirectory
    }

    public static let listFileSystem: @Sendable (String) -> [(name: String, isDirectory: Bool)] = { path in
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        return names.map { name in
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return (name, exists && isDirectory.boolValue)
        }
    }
}

/// Tab completion as a pure function of the line, the cursor and the context: it knows whether the
/// cursor is on a command name, a sub-command, an option name, an option value or a positional, and
/// offers file paths only where the command expects a path.
public enum Completer {
    public static func complete(line: String, cursor: Int, context: CompletionContext) -> CompletionResult? {
        let utf8 = Array(line.utf8)
        let prefixBytes = Array(utf8.prefix(max(0, min(cursor, utf8.count))))
        let prefix = String(decoding: prefixBytes, as: UTF8.self)
        let split = splitForCompletion(prefix)
        guard var result = completeUnquoted(words: split.words, current: split.current, currentStart: split.start, context: context)
        else { return nil }
        if let quote = split.openQuote {
            // The replaced word starts at the opening quote: keep it, and close it after a finished name
            // so that a path with spaces stays one word.
            let mark = String(quote)
            result.candidates = result.candidates.map { mark + $0 + ($0.hasSuffix("/") ? "" : mark) }
        } else {
            // Unquoted, a space or quote in a name must be escaped as the tokenizer reads it back.
            result.candidates = result.candidates.map(escaped)
        }
        return result
    }

    /// Characters that end or change an unquoted word for the tokenizer.
    static let charactersNeedingEscape: Set<Character> = [" ", "\t", "\"", "'", ";", "#", "\\"]

    /// `dir with space/` → `dir\ with\ space/`.
    static func escaped(_ candidate: String) -> String {
        guard candidate.contains(where: charactersNeedingEscape.contains) else { return candidate }
        var output = ""
        for character in candidate {
            if charactersNeedingEscape.contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }

    /// The fixed words of `plot … color=`; its handler also accepts a column name.
    static let colorChoices = ["auto", "label", "none", "real-vs-fake"]

    static func completeUnquoted(words: [String], current: String, currentStart: Int, context: CompletionContext) -> CompletionResult? {
        var commandWords = words
        if commandWords.count >= 2, commandWords[1] == "=" { commandWords.removeFirst(2) }

        func result(_ candidates: [String], start: Int = currentStart, matching word: String? = nil) -> CompletionResult? {
            let typed = word ?? current
            let matches = Array(Set(candidates.filter { $0.hasPrefix(typed) })).sorted()
            return matches.isEmpty ? nil : CompletionResult(replacementStart: start, candidates: matches)
        }

        guard let first = commandWords.first else {
            if words.count == 2, let selection = selections(typed: current, start: currentStart, context: context) { return selection }
            let names = context.registry.allNames.map { String($0.split(separator: " ")[0]) }
            return result(names + (words.count == 2 ? context.objectNames : []))
        }
        let subcommands = context.registry.subcommands(of: first.lowercased())
        if commandWords.count == 1, !subcommands.isEmpty {
            // `plot` is both a command and the head of `plot hist`: offer both kinds of next word.
            var offered = subcommands
            if let single = context.registry.spec(named: first.lowercased()), let argument = single.positionals.first,
                let values = values(for: argument.kind, typed: current, start: currentStart, context: context)
            {
                offered += values.candidates
            }
            return result(offered)
        }
        guard let (spec, nameLength) = context.registry.lookup(commandWords) else { return nil }
        let arguments = Array(commandWords.dropFirst(nameLength))

        if let selection = selections(typed: current, start: currentStart, context: context) { return selection }
        if let equals = current.firstIndex(of: "=") {
            let key = String(current[..<equals])
            let value = String(current[current.index(after: equals)...])
            guard let option = spec.options.first(where: { $0.name == key }) else { return nil }
            let valueStart = currentStart + key.utf8.count + 1
            if key == "color", spec.name.hasPrefix("plot") {
                return result(colorChoices.filter { $0.hasPrefix(value) }, start: valueStart, matching: value)
            }
            return values(for: option, typed: value, start: valueStart, context: context)
        }
        if spec.name == "help" {
            // `help session <Tab>`: the sub-commands of the topic; nothing after a finished topic.
            guard let topic = arguments.first else { return values(for: .commandName, typed: current, start: currentStart, context: context) }
            return arguments.count == 1 ? result(context.registry.subcommands(of: topic.lowercased())) : nil
        }

        let positionalCount = arguments.filter { Binder.optionParts(Token(text: $0, offset: 0)) == nil }.count
        let positionals = spec.positionals
        var candidates: [String] = []
        var pathCandidates: [String] = []
        if positionalCount < positionals.count || positionals.last?.isVariadic == true {
            let argument = positionals[min(positionalCount, positionals.count - 1)]
            if spec.name == "session new" {
                // A new name: nothing to offer, and an existing one would be refused.
            } else if spec.name == "save" {
                // `save` writes a directory of its own: plain files are never a valid target.
                pathCandidates = paths(typed: current, start: currentStart, kind: .anyPath, directoriesOnly: true, context: context)?.candidates ?? []
            } else if argument.kind.expectsPath || argument.completion != nil {
                pathCandidates = values(for: argument, typed: current, start: currentStart, context: context)?.candidates ?? []
            } else if let offered = values(for: argument.kind, typed: current, start: currentStart, context: context) {
                // A variadic list of names (`drop a b`) does not offer the names already given.
                let given = argument.isVariadic ? Set(arguments) : []
                candidates += offered.candidates.filter { !given.contains($0) }
            }
        }
        let givenOptions = Set(arguments.compactMap { Binder.optionParts(Token(text: $0, offset: 0))?.key })
        // Where a path is expected, Tab on an empty word lists files only; options join once a letter is typed.
        if pathCandidates.isEmpty || !current.isEmpty {
            candidates += spec.options.filter { !givenOptions.contains($0.name) }.map { $0.name + "=" }
        }
        return result(pathCandidates + candidates)
    }

    /// Values for one argument: its completion hint when it has one, else what its kind allows.
    static func values(for argument: ArgumentSpec, typed: String, start: Int, context: CompletionContext) -> CompletionResult? {
        switch argument.completion {
        case nil:
            return values(for: argument.kind, typed: typed, start: start, context: context)
        case .paths:
            return paths(typed: typed, start: start, kind: .anyPath, context: context)
        case .wordList(let words):
            // Only the word after the last comma is completed; the ones before it stay as typed.
            let head = typed.lastIndex(of: ",").map { String(typed[...$0]) } ?? ""
            let last = String(typed.dropFirst(head.count))
            let given = Set(head.split(separator: ",").map(String.init))
            let matches = words.filter { $0.hasPrefix(last) && !given.contains($0) }.map { head + $0 }
            return matches.isEmpty ? nil : CompletionResult(replacementStart: start, candidates: matches)
        case .savedSessions:
            let directories = paths(typed: typed, start: start, kind: .anyPath, directoriesOnly: true, context: context)?.candidates ?? []
            var stored: [String] = []
            if !typed.contains("/"), let store = context.sessionStoreDirectory {
                stored = context.listDirectory(store).filter { $0.isDirectory && $0.name.hasPrefix(typed) && !$0.name.hasPrefix(".") }.map(\.name)
            }
            let candidates = Array(Set(stored + directories)).sorted()
            return candidates.isEmpty ? nil : CompletionResult(replacementStart: start, candidates: candidates)
        }
    }

    /// `NAME[la` → `NAME[label==` / `NAME[label!=`: the label selections of an object in the session.
    static func selections(typed: String, start: Int, context: CompletionContext) -> CompletionResult? {
        guard let bracket = typed.firstIndex(of: "["), !typed.contains("]") else { return nil }
        let name = String(typed[..<bracket])
        guard context.objectNames.contains(name) else { return nil }
        let forms = ["label!=", "label=="].map { name + "[" + $0 }.filter { $0.hasPrefix(typed) }
        return forms.isEmpty ? nil : CompletionResult(replacementStart: start, candidates: forms)
    }

    static func values(for kind: ValueKind, typed: String, start: Int, context: CompletionContext) -> CompletionResult? {
        let candidates: [String]
        switch kind {
        case .choice(let words): candidates = words
        case .boolean: candidates = ["yes", "no"]
        case .objectReference: candidates = context.objectNames
        case .objectOrFile:
            let files = paths(typed: typed, start: start, kind: .anyPath, context: context)?.candidates ?? []
            candidates = context.objectNames + files
        case .sessionName: candidates = context.sessionNames
        case .commandName: candidates = context.registry.topicNames.filter { !$0.hasPrefix(".") && !$0.contains(" ") }
        case .inputPath, .outputPath, .anyPath: return paths(typed: typed, start: start, kind: kind, context: context)
        default: return nil
        }
        let matches = candidates.filter { $0.hasPrefix(typed) }.sorted()
        return matches.isEmpty ? nil : CompletionResult(replacementStart: start, candidates: matches)
    }

    static func paths(
        typed: String, start: Int, kind: ValueKind, directoriesOnly: Bool = false, context: CompletionContext
    ) -> CompletionResult? {
        if typed == "~" { return CompletionResult(replacementStart: start, candidates: ["~/"]) }
        // Only `~` and `~/…` (the user's home) are expanded; NSString's expansion drops a trailing slash.
        let expanded = typed == "~" || typed.hasPrefix("~/") ? context.homeDirectory + typed.dropFirst() : typed
        let directoryPart: String
        let namePrefix: String
        if let slash = typed.lastIndex(of: "/") {
            directoryPart = String(typed[...slash])
            namePrefix = String(typed[typed.index(after: slash)...])
        } else {
            directoryPart = ""
            namePrefix = typed
        }
        let expandedDirectory: String
        if let slash = expanded.lastIndex(of: "/") { expandedDirectory = String(expanded[...slash]) } else { expandedDirectory = "" }
        let absolute = expandedDirectory.hasPrefix("/")
            ? expandedDirectory : (context.workingDirectory as NSString).appendingPathComponent(expandedDirectory)
        var extensions: [String] = []
        if case .inputPath(let wanted) = kind { extensions = wanted }
        if case .outputPath(let wanted) = kind { extensions = wanted }
        let entries = context.listDirectory(absolute)
            .filter { $0.name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .filter { $0.isDirectory || (!directoriesOnly && (extensions.isEmpty || extensions.contains(($0.name as NSString).pathExtension.lowercased()))) }
        let candidates = entries.map { directoryPart + $0.name + ($0.isDirectory ? "/" : "") }.sorted()
        return candidates.isEmpty ? nil : CompletionResult(replacementStart: start, candidates: candidates)
    }

    /// Splits the text before the cursor into the finished words of the current statement and the
    /// word being typed (with its UTF-8 start). Quotes are honoured loosely: an open quote is part of
    /// the current word, and `openQuote` is the quote still open at the cursor.
    static func splitForCompletion(_ text: String) -> (words: [String], current: String, start: Int, openQuote: Character?) {
        var words: [String] = []
        var current = ""
        var currentStart = 0
        var inWord = false
        var quote: Character?
        var offset = 0
        var escaping = false
        for character in text {
            let width = String(character).utf8.count
            defer { offset += width }
            if escaping {
                // `\ ` and friends: the next character is literal, as the tokenizer reads it.
                current.append(character)
                escaping = false
                continue
            }
            if quote == nil, character == "\\" {
                if !inWord { currentStart = offset; inWord = true }
                escaping = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case ";":
                words = []
                current = ""
                inWord = false
            case "\"", "'":
                if !inWord { currentStart = offset; inWord = true }
                quote = character
            default:
                if !inWord { currentStart = offset; inWord = true }
                current.append(character)
            }
        }
        if !inWord { currentStart = offset }
        return (words, current, currentStart, quote)
    }
}
