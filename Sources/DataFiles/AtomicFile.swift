import Foundation
import LinearAlgebra

/// Writes a file so that readers see either the old file or the complete new one, never a half file:
/// the bytes go to a temporary file in the same directory, which is fsynced and then renamed over `path`.
enum AtomicFile {
    /// Runs `body` with a fresh temporary path beside `path`, then moves the result into place.
    /// On any error the temporary file is removed and `path` is untouched.
    static func write(to path: String, _ body: (_ temporaryPath: String) throws(DataFileError) -> Void)
        throws(DataFileError)
    {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DataFileError(path: path, message: "is a directory; give a file name to write to")
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        do throws(DataFileError) {
            try body(temporary)
            try synchronize(temporary, reportingAs: path)
            guard rename(temporary, path) == 0 else {
                throw DataFileError(path: path, message: "cannot write: \(ReadableFile.describe(errno: errno))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
        // Persist the rename itself; failure here cannot un-write the file, so it is not reported.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func synchronize(_ temporary: String, reportingAs path: String) throws(DataFileError) {
        let descriptor = open(temporary, O_RDONLY)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let message = ReadableFile.describe(errno: errno)
            if descriptor >= 0 { close(descriptor) }
            throw DataFileError(path: path, message: "cannot write: \(message)")
        }
        close(descriptor)
    }
}

/// A file being written through a descriptor, reporting errors against the user's path.
final class WritableFile {
    private let descriptor: Int32
    private let path: String

    init(temporaryPath: String, reportingAs path: String) throws(DataFileError) {
        self.path = path
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DataFileError(path: path, message: "cannot write: \(ReadableFile.describe(errno: errno))")
        }
    }

    deinit { close(descriptor) }

    /// Bytes handed to one `write(2)`: small enough that Ctrl-C is seen within a few milliseconds of disk
    /// time, large enough that the calls cost nothing.
    static let chunkBytes = 16 << 20

    /// Writes all of `bytes`, checking Ctrl-C (`CancellationToken.interrupt`) before every chunk; an
    /// interrupted write throws and `AtomicFile` removes the partial temporary file.
    func write(_ bytes: UnsafeRawBufferPointer) throws(DataFileError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            if CancellationToken.interrupt.isCancelled { throw DataFileError(path: path, message: "interrupted") }
            let result = Foundation.write(descriptor, base + done, min(bytes.count - done, Self.chunkBytes))
            if result < 0 {
                if errno == EINTR { continue }
                throw DataFileError(path: path, message: "cannot write: \(ReadableFile.describe(errno: errno))")
            }
            done += result
        }
    }

    func write(_ bytes: [UInt8]) throws(DataFileError) {
        var failure: DataFileError?
        bytes.withUnsafeBytes { raw in
            do throws(DataFileError) { try write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension DataFileWriter {
    /// Writes `bytes` to `path` so that readers see the old file or the whole new one, never a part
    /// (temporary sibling, fsync, rename, directory fsync): for SVG plots, manifests and other text.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(DataFileError) {
        try AtomicFile.write(to: path) { (temporary) throws(DataFileError) in
            try WritableFile(temporaryPath: temporary, reportingAs: path).write(bytes)
        }
    }
}
