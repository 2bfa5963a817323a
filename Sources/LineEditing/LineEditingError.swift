/// Everything that can go wrong in LineEditing. None of it is fatal: `LineEditor` turns these into
/// `warnings` so that a broken history file never ends an interactive session.
public enum LineEditingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The history file exists but lacks libedit's `_HiStOrY_V2_` header; it is left untouched.
    case historyFileNotRecognised(path: String)
    case historyLoadFailed(path: String, reason: String)
    case historySaveFailed(path: String, reason: String)
    case historyDirectoryNotCreated(path: String, reason: String)
    /// libedit could not allocate its editor or history (out of memory).
    case outOfMemory(program: String)

    public var description: String {
        switch self {
        case .historyFileNotRecognised(let path):
            "history file '\(path)' is not a libedit history (no _HiStOrY_V2_ header); it was not loaded and "
                + "will not be overwritten — move it aside or set MODESCOPE_HISTORY to another path"
        case .historyLoadFailed(let path, let reason):
            "could not load history from '\(path)': \(reason)"
        case .historySaveFailed(let path, let reason):
            "could not save history to '\(path)': \(reason); history of this session will not persist"
        case .historyDirectoryNotCreated(let path, let reason):
            "could not create history directory '\(path)': \(reason); set MODESCOPE_HISTORY to a writable path"
        case .outOfMemory(let program):
            "\(program): libedit could not allocate its editor; line editing and history are unavailable"
        }
    }
}
