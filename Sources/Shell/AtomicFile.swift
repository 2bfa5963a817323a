import Foundation

/// Durable, all-or-nothing file writes: write a temporary sibling, fsync it, rename it over the target,
/// fsync the directory. A crash at any instant leaves the old file or the new one, never a mix.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(ShellError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).tmp-\(getpid())")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ShellError("\(path): cannot write (\(String(cString: strerror(errno))))") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBufferPointer { Foundation.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw ShellError("\(path): write failed (\(reason))")
            }
            written += count
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            unlink(temporary)
            throw ShellError("\(path): could not be flushed to disk")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ShellError("\(path): could not be replaced (\(reason))")
        }
        syncDirectory(directory)
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
