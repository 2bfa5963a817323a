/// The one error of this module: which file, and what is wrong with it (and the fix when known).
public struct DataFileError: Error, Sendable, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `PATH: MESSAGE`, e.g. `x.npy: file is shorter than the header says: expected 4096 bytes, found 100`.
    public var description: String { "\(path): \(message)" }
}
