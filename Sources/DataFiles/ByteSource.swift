import Foundation

/// Random-access bytes a parser reads from: an open file, or a member already inflated from a zip.
/// Parsers check `byteCount` before they allocate anything a header claims.
protocol ByteSource {
    /// The path named in errors.
    var path: String { get }
    var byteCount: Int { get }
    /// Fills `buffer` from byte `offset`; throws when the source ends first.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DataFileError)
}

extension ByteSource {
    func bytes(at offset: Int, count: Int) throws(DataFileError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var failure: DataFileError?
        result.withUnsafeMutableBytes { buffer in
            do throws(DataFileError) { try read(into: buffer, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    func error(_ message: String) -> DataFileError { DataFileError(path: path, message: message) }
}

/// An open regular file read with `pread`, so one pass moves bytes straight into their destination.
final class ReadableFile: ByteSource {
    let path: String
    let byteCount: Int
    private let descriptor: Int32

    /// Opens `path`, refusing directories, unreadable and empty files with a message for each.
    init(path: String, allowEmpty: Bool = false) throws(DataFileError) {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; non-regular files are refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw DataFileError(path: path, message: Self.describe(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = Self.describe(errno: errno)
            close(descriptor)
            throw DataFileError(path: path, message: message)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw DataFileError(path: path, message: "is a directory, not a data file")
        }
        if (status.st_mode & S_IFMT) != S_IFREG {
            close(descriptor)
            throw DataFileError(
                path: path, message: "is not a regular file (a pipe or device); save the data to a file")
        }
        if !allowEmpty && status.st_size == 0 {
            close(descriptor)
            throw DataFileError(path: path, message: "file is empty")
        }
        self.descriptor = descriptor
        self.byteCount = Int(status.st_size)
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DataFileError) {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            // pread moves at most ~2 GiB per call on Linux; loop for larger reads and short reads.
            let chunk = min(buffer.count - done, 1 << 30)
            let result = pread(descriptor, base + done, chunk, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw error("read failed: \(String(cString: strerror(errno)))")
            }
            if result == 0 {
                throw error(
                    "file is shorter than the header says: expected \(offset + buffer.count) bytes, found \(byteCount)")
            }
            done += result
        }
    }

    /// The whole file, for the text formats that are parsed from memory.
    func readAll() throws(DataFileError) -> [UInt8] {
        guard UInt64(byteCount) <= ProcessInfo.processInfo.physicalMemory / 2 else {
            throw error(
                "is \(byteCount) bytes, too large to parse as text in this machine's memory; convert it to .npy")
        }
        return try bytes(at: 0, count: byteCount)
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied (check the file's mode with `ls -l`)"
        case EISDIR: return "is a directory, not a data file"
        default: return String(cString: strerror(code))
        }
    }
}

/// Bytes already in memory (an inflated npz member), read through the same interface as a file.
struct MemoryBytes: ByteSource {
    let path: String
    let storage: [UInt8]
    var byteCount: Int { storage.count }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DataFileError) {
        guard offset >= 0, offset + buffer.count <= storage.count else {
            throw error(
                "data is shorter than the header says: expected \(offset + buffer.count) bytes, found \(storage.count)")
        }
        storage.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + buffer.count)]))
        }
    }
}

/// A byte range of an open file (a stored npz member), read in place without copying it first.
struct FileRange: ByteSource {
    let path: String
    let file: ReadableFile
    let start: Int
    let byteCount: Int

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DataFileError) {
        guard offset >= 0, offset + buffer.count <= byteCount else {
            throw error(
                "data is shorter than the header says: expected \(offset + buffer.count) bytes, found \(byteCount)")
        }
        try file.read(into: buffer, at: start + offset)
    }

    /// The CRC-32 of the range, read `blockBytes` at a time.
    func crc32(blockBytes: Int) throws(DataFileError) -> UInt32 {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(blockBytes, byteCount)), alignment: 16)
        defer { block.deallocate() }
        var checksum: UInt32 = 0
        var done = 0
        while done < byteCount {
            let count = min(block.count, byteCount - done)
            let slice = UnsafeMutableRawBufferPointer(rebasing: block[0..<count])
            try read(into: slice, at: done)
            checksum = Checksum.crc32(UnsafeRawBufferPointer(slice), continuing: checksum)
            done += count
        }
        return checksum
    }
}
