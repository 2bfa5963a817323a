/// `help`: the command list, one command's page, or a search — all rendered from the command table.
enum HelpCommands {
    static let specs: [CommandSpec] = [help]

    static let help = CommandSpec(
        name: "help", aliases: [".help", "?"], group: .scripting,
        abstract: "List commands, show one command's help, or search the help for a word.",
        discussion: """
            `help` lists every command by group. `help COMMAND` shows its usage, options, defaults and \
            examples. Any other word searches command names and descriptions. `help format=markdown` prints \
            the whole reference (docs/commands.md is generated this way).
            """,
        arguments: [
            .positional("topic", .commandName, optional: true, variadic: true, help: "A command name or a word to search for."),
            .option("format", .choice(["text", "markdown"]), default: "text", help: "Plain text or the Markdown reference."),
        ],
        examples: ["help", "help load", "help session new", "help label", "help format=markdown"],
        handler: { state, arguments in
            let registry = state.engine?.registry ?? .standard
            if arguments.text("format") == "markdown" { return .message(HelpText.markdownReference(registry)) }
            let words = arguments.words("topic")
            guard !words.isEmpty else { return .message(HelpText.overview(registry)) }
            if let (spec, used) = registry.lookup(words), used == words.count {
                return .message(HelpText.page(for: spec))
            }
            let query = words.joined(separator: " ")
            let subcommands = registry.subcommands(of: words[0].lowercased())
            if words.count == 1, !subcommands.isEmpty {
                let specs = subcommands.compactMap { registry.spec(named: "\(words[0].lowercased()) \($0)") }
                return .message(specs.map { HelpText.page(for: $0) }.joined(separator: "\n"))
            }
            let matches = HelpText.search(query, in: registry)
            guard !matches.isEmpty else {
                let hint = Suggestions.phrase(for: query, among: registry.topicNames)
                throw ShellError("no help for '\(query)'\(hint.isEmpty ? " (type 'help' for the list)" : hint)")
            }
            var table = ResultTable(columns: ["command", "description"])
            for spec in matches { table.append([.text(spec.name), .text(spec.abstract)]) }
            return .table(table)
        })
}

/// Help texts rendered from the command table: used by `help` and for docs/commands.md.
public enum HelpText {
    public static func overview(_ registry: CommandRegistry) -> String {
        var lines = ["modescope — diagnose mode collapse and explore latent spaces. Commands:"]
        let width = (registry.commands.map(\.name.count).max() ?? 0) + 2
        for group in CommandGroup.allCases {
            let specs = registry.commands.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            lines.append("")
            lines.append(group.rawValue + ":")
            for spec in specs {
                lines.append("  " + spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + spec.abstract)
            }
        }
        lines.append("")
        lines.append("Language: one command per line; ';' separates commands; '#' comments; key=value options;")
        lines.append("NAME = command … stores a result (otherwise it is kept as '_'); NAME[a:b] and NAME[label==3]")
        lines.append("select rows. 'help COMMAND' for details, 'help WORD' to search.")
        return lines.joined(separator: "\n")
    }

    public static func page(for spec: CommandSpec) -> String {
        var lines = ["usage: \(spec.usage)", "", spec.abstract]
        if !spec.discussion.isEmpty {
            lines.append("")
            lines.append(contentsOf: wrap(spec.discussion, width: 100))
        }
        if !spec.arguments.isEmpty {
            lines.append("")
            lines.append("arguments:")
            let labels = spec.arguments.map { $0.isPositional ? $0.name.uppercased() : "\($0.name)=\($0.kind.placeholder)" }
            let width = min(28, (labels.map(\.count).max() ?? 0) + 2)
            for (argument, label) in zip(spec.arguments, labels) {
                var text = argument.help
                if let fallback = argument.defaultValue { text += " (default: \(fallback))" }
                if case .integer(let range) = argument.kind { text += " [\(Binder.describe(range))]" }
                if case .number(let range) = argument.kind { text += " [\(Binder.describe(range))]" }
                let padded = label.count >= width ? label + "  " : label.padding(toLength: width, withPad: " ", startingAt: 0)
                lines.append("  " + padded + text)
            }
        }
        if !spec.aliases.isEmpty { lines.append(""); lines.append("aliases: " + spec.aliases.joined(separator: ", ")) }
        if !spec.examples.isEmpty {
            lines.append("")
            lines.append("examples:")
            lines.append(contentsOf: spec.examples.map { "  " + $0 })
        }
        return lines.joined(separator: "\n")
    }

    /// Commands whose name, abstract, discussion or argument help mentions every word of `query`.
    static func search(_ query: String, in registry: CommandRegistry) -> [CommandSpec] {
        let words = query.lowercased().split(separator: " ")
        return registry.commands.filter { spec in
            let haystack = ([spec.name, spec.abstract, spec.discussion] + spec.arguments.flatMap { [$0.name, $0.help] })
                .joined(separator: " ").lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }

    /// docs/commands.md: every command, grouped, generated from the table (a test keeps the file in step).
    public static func markdownReference(_ registry: CommandRegistry) -> String {
        var lines = [
            "# modescope commands", "",
            "Generated from the command table by `modescope -X -c 'help format=markdown'`; do not edit by hand.", "",
        ]
        for group in CommandGroup.allCases {
            let specs = registry.commands.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            lines.append("## \(group.rawValue)")
            lines.append("")
            for spec in specs {
                lines.append("### `\(spec.name)`")
                lines.append("")
                lines.append("    \(spec.usage)")
                lines.append("")
                lines.append(spec.abstract)
                if !spec.discussion.isEmpty {
                    lines.append("")
                    lines.append(spec.discussion)
                }
                if !spec.arguments.isEmpty {
                    lines.append("")
                    lines.append("| argument | value | default | meaning |")
                    lines.append("| --- | --- | --- | --- |")
                    for argument in spec.arguments {
                        let label = argument.isPositional ? argument.name.uppercased() : "`\(argument.name)=`"
                        let value = argument.kind.placeholder.replacingOccurrences(of: "|", with: "\\|")
                        let fallback = argument.defaultValue.map { "`\($0)`" } ?? (argument.isRequired ? "required" : "")
                        lines.append("| \(label) | \(value) | \(fallback) | \(argument.help.replacingOccurrences(of: "|", with: "\\|")) |")
                    }
                }
                if !spec.aliases.isEmpty {
                    lines.append("")
                    lines.append("Aliases: " + spec.aliases.map { "`\($0)`" }.joined(separator: ", "))
                }
                if !spec.examples.isEmpty {
                    lines.append("")
                    lines.append("```")
                    lines.append(contentsOf: spec.examples)
                    lines.append("```")
                }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            var current = ""
            for word in paragraph.split(separator: " ") {
                if !current.isEmpty, current.count + 1 + word.count > width {
                    lines.append(current)
                    current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            lines.append(current)
        }
        return lines
    }
}
