@preconcurrency internal import CEditLine
import Foundation

/// The in-memory libedit history plus its file. Lines are appended to the file as they are entered, so a
/// crash loses nothing; `close` rewrites the file trimmed to the newest `capacity` entries, merging what
/// other sessions appended meanwhile. The file format is libedit's own (`_HiStOrY_V2_` header, `strvis`
/// encoding such as `\040` for a space), read and written by libedit so that it round-trips.
final class HistoryStore {
    /// The libedit handle, shared with the editor for Up/Down recall.
    let handle: OpaquePointer
    let path: String?
    let capacity: Int
    private(set) var warnings: [String] = []
    /// False when the file must not be written: unreadable, foreign, or a write already failed.
    private var persists: Bool
    private var lastEntry: String?

    static let cookie = "_HiStOrY_V2_"

    /// `path` nil, empty or `HistoryLocation.disabledPath` keeps history in memory only. `capacity` below 1 is
    /// treated as 1. Returns nil only if libedit cannot allocate a history.
    init?(path: String?, capacity: Int) {
        guard let handle = history_init() else { return nil }
        self.handle = handle
        self.capacity = max(1, capacity)
        self.path = path.flatMap(Self.absolute)
        self.persists = self.path != nil
        ms_history_set_size(handle, Int32(clamping: self.capacity))
        ms_history_set_unique(handle, 1)
        load()
        if persists { checkWritable() }
        lastEntry = entries.last
    }

    deinit { history_end(handle) }

    /// Entries oldest first.
    var entries: [String] {
        var result: [String] = []
        var next = ms_history_step_forward(handle, 1)
        while let entry = next {
            result.append(String(cString: entry))
            next = ms_history_step_forward(handle, 0)
        }
        return result
    }

    /// Records `line` unless it is empty (or only whitespace) or repeats the previous entry.
    func add(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastEntry else { return }
        lastEntry = line
        ms_history_enter(handle, line)
        guard persists, let path else { return }
        guard prepareDirectory(for: path) else { return }
        if ms_history_append_line(path, line) < 0 {
            fail(.historySaveFailed(path: path, reason: Self.errnoDescription()))
        }
    }

    /// Rewrites the file with the newest `capacity` entries of the file (which holds this session's lines
    /// and those other sessions appended), through a temporary file renamed into place.
    func save() {
        guard persists, let path, FileManager.default.fileExists(atPath: path) else { return }
        guard let merged = history_init() else { return }
        defer { history_end(merged) }
        ms_history_set_size(merged, Int32(clamping: capacity))
        guard ms_history_load(merged, path) >= 0 else {
            return fail(.historySaveFailed(path: path, reason: "it could not be re-read before trimming"))
        }
        let temporary = path + ".tmp-\(getpid())"
        guard ms_history_save(merged, temporary) >= 0 else {
            unlink(temporary)
            return fail(.historySaveFailed(path: path, reason: Self.errnoDescription()))
        }
        chmod(temporary, 0o600)
        if rename(temporary, path) != 0 {
            fail(.historySaveFailed(path: path, reason: Self.errnoDescription()))
            unlink(temporary)
        }
    }

    /// Anchors a relative path at the current directory now, so that a later `cd` in the shell does not
    /// move the history file; `HistoryLocation.disabledPath` and "" mean no file.
    static func absolute(_ path: String) -> String? {
        if path.isEmpty || path == HistoryLocation.disabledPath { return nil }
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    private func load() {
        guard let path else { return }
        guard let file = FileHandle(forReadingAtPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                fail(.historyLoadFailed(path: path, reason: "it is not readable"))
            }
            return  // A missing file is the first run, not a problem.
        }
        let header = (try? file.read(upToCount: Self.cookie.utf8.count)) ?? Data()
        try? file.close()
        if header.isEmpty { return }  // Created by an earlier session that was killed before writing.
        guard header == Data(Self.cookie.utf8) else { return fail(.historyFileNotRecognised(path: path)) }
        if ms_history_load(handle, path) < 0 {
            fail(.historyLoadFailed(path: path, reason: Self.errnoDescription()))
        }
    }

    /// Finds out at start-up, when the shell still prints warnings, whether lines can be appended later:
    /// a directory or an unwritable file or folder gives one warning and history stays in memory.
    private func checkWritable() {
        guard let path else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return fail(.historySaveFailed(path: path, reason: "it is a directory")) }
            if access(path, W_OK) != 0 { fail(.historySaveFailed(path: path, reason: Self.errnoDescription())) }
            return
        }
        guard prepareDirectory(for: path) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if access(directory.isEmpty ? "/" : directory, W_OK | X_OK) != 0 {
            fail(.historySaveFailed(path: path, reason: Self.errnoDescription()))
        }
    }

    /// Creates the history file's directory (mode 0700, as XDG asks of state directories) if missing.
    private func prepareDirectory(for path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return true }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return true
        } catch {
            fail(.historyDirectoryNotCreated(path: directory, reason: error.localizedDescription))
            return false
        }
    }

    private func fail(_ error: LineEditingError) {
        persists = false
        warnings.append(error.description)
    }

    private static func errnoDescription() -> String {
        errno == 0 ? "unknown error" : String(cString: strerror(errno))
    }
}
