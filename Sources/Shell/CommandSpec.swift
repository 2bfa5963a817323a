/// The type of value an argument takes. It drives binding (validation and conversion), help text
/// and Tab completion, so each kind says how to complete itself too.
public enum ValueKind: Sendable, Equatable {
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case text
    /// One of a fixed set of words.
    case choice([String])
    /// yes/no (also true/false, on/off, 1/0).
    case boolean
    /// An existing file to read; extensions guide completion only (content decides the format).
    case inputPath(extensions: [String])
    /// A file to write; its directory must exist.
    case outputPath(extensions: [String])
    /// A path to a file or directory that may or may not exist (sessions, `open`).
    case anyPath
    /// The name of an object in the current session, with optional row selection (`NAME[0:100]`).
    case objectReference(kinds: [String])
    /// An object name, or failing that a file to inspect without loading it (`show data.npz`).
    case objectOrFile
    /// A name for a new object: an identifier.
    case newName
    case sessionName
    /// A command name (for `help`).
    case commandName

    /// The placeholder shown in usage lines.
    var placeholder: String {
        switch self {
        case .integer: "N"
        case .number: "X"
        case .text: "TEXT"
        case .choice(let words): words.joined(separator: "|")
        case .boolean: "yes|no"
        case .inputPath, .outputPath, .anyPath: "PATH"
        case .objectReference(let kinds): kinds == ["dataset"] ? "DATASET" : "NAME"
        case .objectOrFile: "NAME|PATH"
        case .newName: "NAME"
        case .sessionName: "SESSION"
        case .commandName: "COMMAND"
        }
    }

    var expectsPath: Bool {
        switch self {
        case .inputPath, .outputPath, .anyPath: true
        default: false
        }
    }
}

/// How Tab completes an argument when its `ValueKind` alone says too little; binding is unchanged.
public enum CompletionHint: Sendable, Equatable {
    /// Files and directories, although the value binds as text (`labels=` takes a column or a file).
    case paths
    /// Comma-separated words from this list (`only=fd,pr`).
    case wordList([String])
    /// Saved sessions: names in the session store, and directories.
    case savedSessions
}

/// One argument of a command: positional (by order) or an option (`name=value`).
public struct ArgumentSpec: Sendable {
    public var name: String
    public var kind: ValueKind
    public var isPositional: Bool
    public var isRequired: Bool
    /// The value used when the option is absent, as the user would type it; shown in help.
    public var defaultValue: String?
    public var help: String
    /// A positional that takes every remaining word (e.g. `echo`'s text).
    public var isVariadic: Bool
    /// Overrides what Tab offers for this argument; nil: completion follows `kind`.
    public var completion: CompletionHint?

    /// This argument, completed by `hint` instead of by its kind.
    public func completing(_ hint: CompletionHint) -> ArgumentSpec {
        var copy = self
        copy.completion = hint
        return copy
    }

    public static func positional(
        _ name: String, _ kind: ValueKind, optional: Bool = false, variadic: Bool = false, help: String
    ) -> ArgumentSpec {
        ArgumentSpec(
            name: name, kind: kind, isPositional: true, isRequired: !optional, defaultValue: nil, help: help,
            isVariadic: variadic)
    }

    public static func option(
        _ name: String, _ kind: ValueKind, default defaultValue: String? = nil, required: Bool = false,
        help: String
    ) -> ArgumentSpec {
        ArgumentSpec(
            name: name, kind: kind, isPositional: false, isRequired: required, defaultValue: defaultValue,
            help: help, isVariadic: false)
    }
}

/// The groups `help` lists commands under, in this order.
public enum CommandGroup: String, Sendable, CaseIterable {
    case data = "Data"
    case session = "Sessions"
    case analysis = "Analysis"
    case plots = "Plots"
    case scripting = "Scripts and settings"
}

/// A command handler: reads the shell's state, returns a result, never prints, never exits.
public typealias CommandHandler = @Sendable (ShellState, BoundArguments) throws -> CommandResult

/// One row of the command table: everything parsing, help, completion and the docs know of a command.
public struct CommandSpec: Sendable {
    /// One or two words (`load`, `session new`).
    public var name: String
    public var aliases: [String]
    public var group: CommandGroup
    /// One line, imperative, shown in `help`.
    public var abstract: String
    /// Paragraphs shown by `help COMMAND`: definitions, defaults, references.
    public var discussion: String
    public var arguments: [ArgumentSpec]
    /// Lines that run against the fixture session in tests and appear in help and docs.
    public var examples: [String]
    public var handler: CommandHandler

    public init(
        name: String, aliases: [String] = [], group: CommandGroup, abstract: String, discussion: String = "",
        arguments: [ArgumentSpec] = [], examples: [String] = [], handler: @escaping CommandHandler
    ) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.examples = examples
        self.handler = handler
    }

    public var positionals: [ArgumentSpec] { arguments.filter(\.isPositional) }
    public var options: [ArgumentSpec] { arguments.filter { !$0.isPositional } }

    /// `load NAME PATH [labels=TEXT] [key=TEXT]`
    public var usage: String {
        var parts = [name]
        for argument in positionals {
            var word = argument.name.uppercased()
            if argument.isVariadic { word += "…" }
            parts.append(argument.isRequired ? word : "[\(word)]")
        }
        for option in options {
            let word = "\(option.name)=\(option.kind.placeholder)"
            parts.append(option.isRequired ? word : "[\(word)]")
        }
        return parts.joined(separator: " ")
    }
}
