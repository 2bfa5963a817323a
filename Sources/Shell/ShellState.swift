public import DataFiles
import Foundation
public import LinearAlgebra

/// How results are printed.
public enum OutputMode: String, Sendable, CaseIterable {
    case table, csv, tsv, json
}

/// User settings changed with `set`, `mode` and `timer`.
public struct ShellSettings: Sendable {
    public var seed: UInt64 = 0
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    public var mode: OutputMode = .table
    public var showsTimer = false
    /// Colour in human output: see `wantsColor(standardOutputIsTerminal:environment:)`.
    public var usesColor = false

    /// Colour only on a terminal that can show it (`TERM` is not `dumb`) and unless `NO_COLOR` is set to a
    /// non-empty value: no-color.org counts only "present and not an empty string".
    public static func wantsColor(standardOutputIsTerminal: Bool, environment: [String: String]) -> Bool {
        guard standardOutputIsTerminal, environment["TERM"] != "dumb" else { return false }
        return environment["NO_COLOR", default: ""].isEmpty
    }
    /// Progress lines on stderr: only when stderr is a terminal.
    public var showsProgress = false
    /// Width human tables are fitted to.
    public var terminalWidth = 120

    public init() {}
}

/// Everything a command can read or change: the sessions, the settings, and the context it runs in.
/// It is a class because `source` runs nested commands against the same state.
public final class ShellState {
    public private(set) var sessions: [String: Session]
    public private(set) var sessionOrder: [String]
    public private(set) var currentSessionName: String
    public var settings = ShellSettings()
    /// Relative paths are resolved against this directory (the process's working directory, except
    /// inside `source`, where it is the sourced file's directory for the `source` path itself).
    public var workingDirectory: String
    /// Where `save` without a path writes: `$XDG_DATA_HOME/modescope/sessions`.
    public var sessionStoreDirectory: String
    /// Tripped by Ctrl-C; long work polls it.
    public let cancellation: CancellationToken
    /// Set while a script file runs, for `source` paths relative to the including file.
    public internal(set) var currentScriptDirectory: String?
    /// How deeply `source` is nested, to stop runaway recursion.
    var sourceDepth = 0
    var sourceStack: [String] = []
    /// Lets `source` run lines through the same engine.
    weak var engine: ShellEngine?
    /// Sessions whose `session drop` was already refused once for unsaved changes.
    private var dropWarningsGiven: Set<String> = []

    public init(
        workingDirectory: String? = nil, sessionStoreDirectory: String, cancellation: CancellationToken = .interrupt
    ) {
        let initial = Session(name: "main")
        self.sessions = [initial.name: initial]
        self.sessionOrder = [initial.name]
        self.currentSessionName = initial.name
        self.workingDirectory = workingDirectory ?? FileManager.default.currentDirectoryPath
        self.sessionStoreDirectory = sessionStoreDirectory
        self.cancellation = cancellation
    }

    public var session: Session {
        get { sessions[currentSessionName]! }
        set { sessions[currentSessionName] = newValue }
    }

    public func addSession(_ session: Session) {
        if sessions[session.name] == nil { sessionOrder.append(session.name) }
        sessions[session.name] = session
    }

    public func useSession(_ name: String) {
        precondition(sessions[name] != nil, "unknown session")
        currentSessionName = name
    }

    public func removeSession(_ name: String) {
        sessions.removeValue(forKey: name)
        sessionOrder.removeAll { $0 == name }
        if currentSessionName == name {
            if let first = sessionOrder.first {
                currentSessionName = first
            } else {
                addSession(Session(name: "main"))
                currentSessionName = "main"
            }
        }
    }

    /// Sessions with changes not yet saved, for the warning on quit.
    public var unsavedSessionNames: [String] {
        sessionOrder.filter { sessions[$0]?.hasUnsavedChanges == true && !(sessions[$0]?.names.isEmpty ?? true) }
    }

    /// At the prompt, the first `session drop` of a session with unsaved changes is refused with this
    /// warning, like the first `quit`; asking again drops it. Scripts drop without asking.
    func confirmDrop(of name: String) throws(ShellError) {
        guard engine?.isInteractive == true, unsavedSessionNames.contains(name), !dropWarningsGiven.contains(name) else { return }
        dropWarningsGiven.insert(name)
        throw ShellError("session '\(name)' has unsaved changes; 'save' keeps them, 'session drop \(name)' again drops it anyway")
    }

    /// An absolute path for what the user typed (`~` expanded, relative to the working directory).
    public func resolvePath(_ path: String) -> String {
        let expanded = path == "~" || path.hasPrefix("~/") ? Self.userHome + path.dropFirst() : path
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((workingDirectory as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    /// `~`: `$HOME` as shells use it (Foundation's tilde expansion reads the password database instead,
    /// which differs under `sudo`, containers and tests that set HOME).
    public static var userHome: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        return home.isEmpty ? NSHomeDirectory() : home
    }

    /// A seed for a command: its own `seed=` when given, else the session seed.
    public func seed(from arguments: BoundArguments) -> UInt64 {
        if let explicit = arguments.integer("seed") { return UInt64(truncatingIfNeeded: explicit) }
        return settings.seed
    }

    /// Looks up a dataset by name, for handlers that take one that the binder did not resolve.
    public func dataset(named name: String) throws(ShellError) -> Dataset {
        guard let object = session[name] else {
            throw ShellError("no object named '\(name)'" + Suggestions.phrase(for: name, among: session.names))
        }
        guard case .dataset(let dataset) = object else {
            throw ShellError("'\(name)' is a \(object.kindName), not a dataset")
        }
        return dataset
    }
}
