/// The command table: the concatenation of each family's rows. Parsing, help, completion, the
/// "did you mean" suggestions and docs/commands.md all read it, so they cannot drift apart.
public struct CommandRegistry: Sendable {
    public let commands: [CommandSpec]

    public init(commands: [CommandSpec]) { self.commands = commands }

    /// Every command modescope has. A new family adds its rows here and nowhere else.
    public static let standard = CommandRegistry(
        commands: DataCommands.specs + SessionCommands.specs + PlotCommands.specs + ScriptCommands.specs
            + HelpCommands.specs + NeighborCommands.specs + MetricCommands.specs + DistanceCommands.specs)

    /// Every name and alias users can type first.
    public var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// What `help` takes and suggests: canonical names and the first words of two-word names (`session`),
    /// without aliases, so a near miss is corrected to the name the docs use.
    public var topicNames: [String] {
        let names = commands.map(\.name)
        return Array(Set(names + names.map { String($0.split(separator: " ")[0]) })).sorted()
    }

    /// Finds the command a statement starts with; two-word names (`session new`) win over one-word ones.
    /// Returns the spec and how many tokens its name used.
    public func lookup(_ words: [String]) -> (spec: CommandSpec, wordCount: Int)? {
        if words.count >= 2 {
            let pair = words[0].lowercased() + " " + words[1].lowercased()
            if let spec = commands.first(where: { $0.name == pair || $0.aliases.contains(pair) }) { return (spec, 2) }
        }
        guard let first = words.first?.lowercased() else { return nil }
        if let spec = commands.first(where: { $0.name == first || $0.aliases.contains(first) }) { return (spec, 1) }
        return nil
    }

    public func spec(named name: String) -> CommandSpec? {
        lookup(name.split(separator: " ").map(String.init)).flatMap { $0.wordCount == name.split(separator: " ").count ? $0.spec : nil }
    }

    /// Sub-command words that follow `first` (e.g. `new`, `use` after `session`).
    public func subcommands(of first: String) -> [String] {
        commands.compactMap { spec in
            let parts = spec.name.split(separator: " ")
            return parts.count == 2 && parts[0] == first ? String(parts[1]) : nil
        }
    }
}
