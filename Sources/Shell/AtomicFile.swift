import DataFiles
import Foundation

/// Durable writes for the shell: whole files go through DataFiles' atomic writer (temporary sibling,
/// fsync, rename, directory fsync); the session store also needs to flush files and directories it
/// builds itself before switching its CURRENT pointer.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(ShellError) {
        do { try DataFileWriter.writeAtomically(bytes, to: path) } catch { throw ShellError(error.description) }
    }

    /// Makes a rename or a new directory entry durable.
    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func syncFile(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
