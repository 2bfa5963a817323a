import DataFiles
import Foundation

/// Sessions and the objects in them: `session …`, `ls`, `show`, `drop`, `rename`, `save`, `open`.
enum SessionCommands {
    static let specs: [CommandSpec] = [
        sessionNew, sessionUse, sessionList, sessionDrop, list, show, drop, rename, save, open,
    ]

    static let sessionNew = CommandSpec(
        name: "session new", group: .session,
        abstract: "Create an empty session and make it current.",
        arguments: [.positional("name", .sessionName, help: "Name of the new session.")],
        examples: ["session new scratch"],
        handler: { state, arguments in
            let name = arguments.text("name")!
            guard state.sessions[name] == nil else {
                throw ShellError("session '\(name)' exists; 'session use \(name)' switches to it", offset: arguments.offsets["name"])
            }
            state.addSession(Session(name: name))
            state.useSession(name)
            return CommandResult()
        })

    static let sessionUse = CommandSpec(
        name: "session use", group: .session,
        abstract: "Switch to another session.",
        arguments: [.positional("name", .sessionName, help: "The session to make current.")],
        examples: ["session use main"],
        handler: { state, arguments in
            let name = arguments.text("name")!
            guard state.sessions[name] != nil else {
                throw ShellError("no session named '\(name)'" + Suggestions.phrase(for: name, among: state.sessionOrder)
                    + " (sessions: \(state.sessionOrder.joined(separator: ", ")))", offset: arguments.offsets["name"])
            }
            state.useSession(name)
            return CommandResult()
        })

    static let sessionList = CommandSpec(
        name: "session list", aliases: ["sessions"], group: .session,
        abstract: "List sessions: objects, unsaved changes, where each was saved.",
        examples: ["session list"],
        handler: { state, _ in
            var table = ResultTable(columns: ["session", "current", "objects", "unsaved", "saved_to"])
            for name in state.sessionOrder {
                let session = state.sessions[name]!
                table.append([.text(name), .boolean(name == state.currentSessionName), .integer(session.names.count),
                              .boolean(session.hasUnsavedChanges), session.savedPath.map { .text($0) } ?? .missing])
            }
            return .table(table)
        })

    static let sessionDrop = CommandSpec(
        name: "session drop", group: .session,
        abstract: "Forget a session and everything in it (saved copies on disk stay).",
        arguments: [.positional("name", .sessionName, help: "The session to drop.")],
        examples: ["session new tmp; session drop tmp"],
        handler: { state, arguments in
            let name = arguments.text("name")!
            guard state.sessions[name] != nil else {
                throw ShellError("no session named '\(name)'" + Suggestions.phrase(for: name, among: state.sessionOrder), offset: arguments.offsets["name"])
            }
            try state.confirmDrop(of: name)
            state.removeSession(name)
            var result = CommandResult()
            result.notes.append("dropped session '\(name)'; current session is '\(state.currentSessionName)'")
            return result
        })

    static let list = CommandSpec(
        name: "ls", aliases: ["list", ".tables"], group: .session,
        abstract: "List the objects in the current session.",
        examples: ["ls"],
        handler: { state, _ in
            var table = ResultTable(columns: ["name", "kind", "shape", "labels", "source"])
            for (name, object, provenance) in state.session.entries {
                var labels = Cell.missing
                if case .dataset(let dataset) = object, let codes = dataset.labels?.codes { labels = .integer(Set(codes).count) }
                table.append([.text(name), .text(object.kindName), .text(object.shapeDescription), labels,
                              provenance.map { .text($0.description) } ?? .missing])
            }
            return .table(table)
        })

    static let show = CommandSpec(
        name: "show", group: .session,
        abstract: "Show what an object is (kind, shape, labels, source), or list the arrays in a file.",
        discussion: """
            Given a file that is not the name of an object, `show` lists the arrays an .npz or .safetensors \
            file holds (name, shape, type, read from the headers only) or the shape of an .npy, without \
            loading anything — then `load NAME FILE key=MEMBER` picks one.
            """,
        arguments: [.positional("name", .objectOrFile, help: "An object in the session, or a data file.")],
        examples: ["show digits", "show digits[0:10]", "show digits.npy"],
        handler: { state, arguments in
            if let path = arguments.path("name") { return try fileMembers(path, typed: arguments.text("name")!) }
            let reference = arguments.reference("name")!
            var result = CommandResult()
            result.fields = [("name", .text(reference.text)), ("kind", .text(reference.object.kindName)),
                             ("shape", .text(reference.object.shapeDescription))]
            switch reference.object {
            case .dataset(let dataset):
                result.fields.append(("dtype", .text(dataset.sourceType)))
                if let shape = dataset.rowShape { result.fields.append(("row_shape", .text(shape.map(String.init).joined(separator: "x")))) }
                if let labels = dataset.labels {
                    // A slice keeps the parent's name table; list only the classes its rows hold.
                    let present = labels.counts().filter { $0.count > 0 }.map { escapedLabel($0.name) }
                    let preview = present.prefix(10).joined(separator: ", ") + (present.count > 10 ? ", …" : "")
                    result.fields.append(("labels", .text("\(present.count) classes: \(preview)")))
                }
            case .statistics(let statistics):
                result.fields.append(("n", statistics.count.map { .integer($0) } ?? .missing))
            case .table(let table):
                result.fields.append(("columns", .text(table.columns.joined(separator: ", "))))
            case .neighbors(let neighbors):
                result.fields += NeighborCommands.summary(of: neighbors).fields
            case .neighborIndex(let index):
                result.fields += NeighborCommands.summary(of: index)
            }
            if let provenance = state.session.provenance(of: reference.name) {
                result.fields.append(("source", .text(provenance.description)))
            }
            return result
        })

    /// The arrays of a data file, from its headers.
    static func fileMembers(_ path: String, typed: String) throws -> CommandResult {
        let members: [ArrayMember]
        do { members = try DataFileReader.arrays(in: path) } catch {
            throw ShellError(error.description.replacingOccurrences(of: path, with: typed))
        }
        var table = ResultTable(columns: ["member", "shape", "dtype"])
        for member in members {
            table.append([.text(member.name), .text(member.shape.map(String.init).joined(separator: "×")), .text(member.dataType)])
        }
        var result = CommandResult.table(table)
        result.fields = [("file", .text(typed)), ("arrays", .integer(members.count))]
        result.notes += skippedMembersNotes(path, typed: typed)
        return result
    }

    /// Notes naming the members of an npz that are not arrays and were skipped.
    static func skippedMembersNotes(_ path: String, typed: String) -> [String] {
        let skipped = (try? DataFileReader.skippedMembers(of: path)) ?? []
        return skipped.map { "\(typed): skipped member '\($0)', which is not an .npy array" }
    }

    static let drop = CommandSpec(
        name: "drop", aliases: ["rm"], group: .session,
        abstract: "Remove objects from the current session.",
        arguments: [.positional("names", .objectReference(kinds: []), variadic: true, help: "One or more object names.")],
        examples: ["drop ring_fake"],
        handler: { state, arguments in
            let names = arguments.words("names")
            // Check every name before removing any, so a typo drops nothing.
            for name in names where state.session[name] == nil {
                throw ShellError("no object named '\(name)'" + Suggestions.phrase(for: name, among: state.session.names))
            }
            for name in names { state.session.remove(name) }
            return CommandResult()
        })

    static let rename = CommandSpec(
        name: "rename", aliases: ["mv"], group: .session,
        abstract: "Rename an object in the current session.",
        arguments: [
            .positional("old", .objectReference(kinds: []), help: "Current name."),
            .positional("new", .newName, help: "New name (must not exist)."),
        ],
        examples: ["rename ring ring_real"],
        handler: { state, arguments in
            let reference = arguments.reference("old")!
            let new = arguments.text("new")!
            guard reference.selection == nil else { throw ShellError("rename takes a plain name, not a selection") }
            guard state.session[new] == nil else {
                throw ShellError("'\(new)' exists; drop it first or choose another name", offset: arguments.offsets["new"])
            }
            state.session.rename(reference.name, to: new)
            return CommandResult()
        })

    static let save = CommandSpec(
        name: "save", group: .session,
        abstract: "Save the current session atomically (to PATH, or where it was last saved, or the session store).",
        discussion: """
            A save is a directory: a manifest, one file per dataset, and a CURRENT pointer switched last, so \
            a crash or kill at any moment leaves either the old save or the new one. Without PATH the session \
            goes where it was last saved or opened from, else to $XDG_DATA_HOME/modescope/sessions/NAME.
            """,
        arguments: [.positional("path", .anyPath, optional: true, help: "Directory to save into.")],
        examples: ["save saved_session"],
        handler: { state, arguments in
            let path = arguments.path("path") ?? state.session.savedPath
                ?? (state.sessionStoreDirectory as NSString).appendingPathComponent(state.currentSessionName)
            let count: Int
            do {
                count = try SessionStore.save(state.session, to: path, cancellation: state.cancellation)
            } catch let error as DataFileError {
                throw ShellError("save failed: \(error.description)")
            }
            state.session.hasUnsavedChanges = false
            state.session.savedPath = path
            var result = CommandResult()
            result.notes.append("saved session '\(state.currentSessionName)' (\(count) objects) to \(arguments.text("path") ?? path)")
            return result
        })

    static let open = CommandSpec(
        name: "open", group: .session,
        abstract: "Open a saved session (a directory, or a name in the session store) and make it current.",
        discussion: """
            The save is checked completely — manifest, every file's size and checksum — before anything \
            changes: a damaged save is refused and the current sessions stay as they were. The session keeps \
            its saved name unless as= gives another; an open session of that name with unsaved changes is \
            not replaced.
            """,
        arguments: [
            .positional("path", .anyPath, help: "A saved session directory or a session-store name.").completing(.savedSessions),
            .option("as", .sessionName, help: "Open under this session name instead."),
        ],
        examples: ["open saved_session as=restored"],
        handler: { state, arguments in
            let typed = arguments.text("path")!
            var path = arguments.path("path")!
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                let stored = (state.sessionStoreDirectory as NSString).appendingPathComponent(typed)
                guard !typed.contains("/"), FileManager.default.fileExists(atPath: stored) else {
                    throw ShellError("\(typed): no such saved session (neither a directory nor a name in \(state.sessionStoreDirectory))")
                }
                path = stored
            }
            var session = try SessionStore.open(path, displayName: typed)
            if let alias = arguments.text("as") { session.name = alias }
            if let existing = state.sessions[session.name], existing.hasUnsavedChanges, !existing.names.isEmpty {
                throw ShellError("session '\(session.name)' is open with unsaved changes; save it first or use as=OTHER")
            }
            state.addSession(session)
            state.useSession(session.name)
            var result = CommandResult()
            result.notes.append("opened session '\(session.name)' (\(session.names.count) objects)")
            return result
        })

    /// A label on one line: tab, line feed and carriage return shown as `\t`, `\n`, `\r` so the field stays whole.
    static func escapedLabel(_ label: String) -> String {
        label.replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }
}
