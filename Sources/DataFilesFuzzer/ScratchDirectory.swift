import Foundation

/// A private directory the harnesses write each input into, since DataFiles parses files by path.
/// It lives in /dev/shm when there is one, so the per-input write costs no disk I/O.
struct ScratchDirectory: Sendable {
    static let shared = ScratchDirectory()

    let path: String

    /// A small valid CSV (three rows) that `labels=` files are attached to.
    var labelledDataset: String { path + "/base.csv" }
    var projectorDirectory: String { path + "/projector" }

    private init() {
        let root = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        path = root + "modescope-fuzz-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: path + "/projector", withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create the fuzzer's scratch directory \(path): \(error)")
        }
        Array("x0,x1\n1,2\n3,4\n5,6\n".utf8).withUnsafeBytes { write($0, to: labelledDataset) }
    }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ bytes: UnsafeRawBufferPointer, named name: String) -> String {
        let file = path + "/" + name
        write(bytes, to: file)
        return file
    }

    /// Replaces the file at `file` with `bytes`; a failure here is the harness's, so it stops the run.
    func write(_ bytes: UnsafeRawBufferPointer, to file: String) {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { fatalError("cannot create scratch file \(file): errno \(errno)") }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            guard written > 0 else { fatalError("cannot write scratch file \(file): errno \(errno)") }
            done += written
        }
    }

    func removeFile(_ file: String) { unlink(file) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
