/// What a command hands back to the shell: the shell, not the handler, decides how it is printed.
public struct CommandResult: Sendable {
    /// Named scalar results, in order (e.g. `fd`, `precision`). In json mode they are top-level keys.
    public var fields: [(key: String, value: Cell)] = []
    public var table: ResultTable?
    /// Further tables with a title each (e.g. `describe`'s label counts); json keys are the titles.
    public var extraTables: [(title: String, table: ResultTable)] = []
    /// Free text for people (help, echo). In json mode it is the `text` key.
    public var text: [String] = []
    /// Things the user should know that are not the result (a file written, an approximation made).
    public var notes: [String] = []
    public var warnings: [String] = []
    /// An object the command produced, kept as `_` or under the assigned name.
    public var value: SessionObject?
    public var valueProvenance: Provenance?
    /// Set by `quit`: the caller decides whether leaving is allowed.
    public var requestsQuit = false

    public init() {}

    public static func message(_ lines: String...) -> CommandResult {
        var result = CommandResult()
        result.text = lines
        return result
    }

    public static func table(_ table: ResultTable) -> CommandResult {
        var result = CommandResult()
        result.table = table
        return result
    }
}

/// Where rendered output goes. Everything the shell prints passes through one sink, so whole sessions
/// can be captured in tests.
public protocol OutputSink: AnyObject {
    func writeOutput(_ text: String)
    func writeError(_ text: String)
}

/// Collects output in memory (tests, and `-c` golden checks).
public final class CapturingSink: OutputSink {
    public private(set) var output = ""
    public private(set) var errors = ""

    public init() {}

    public func writeOutput(_ text: String) { output += text }
    public func writeError(_ text: String) { errors += text }

    public func clear() {
        output = ""
        errors = ""
    }
}
