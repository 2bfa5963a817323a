import Foundation
import LinearAlgebra
import ZIPFoundation

/// An `.npz` file: a zip of `.npy` members (stored or deflated, zip64 allowed). The directory is read by
/// `ZipDirectory`, which validates every offset; ZIPFoundation only inflates (and writes archives).
///
/// Member names containing `/` or `..` are refused when the archive is opened (numpy never writes them).
/// A member is inflated only after its declared size passes `maximumInflationRatio`, and inflation stops
/// as soon as the output passes the declared size, so a zip bomb fails fast.
struct NpzArchive {
    /// Deflate cannot compress better than about 1032:1 (RFC 1951: a 258-byte match costs at least two
    /// bits); a member declaring more than this is not a real deflate stream.
    static let maximumInflationRatio: UInt64 = 1032
    /// Largest up-front reservation for inflated output; bigger members grow as they really inflate.
    static let maximumReservation = 1 << 28
    /// Compressed bytes handed to the inflater per call.
    static let inflateChunkBytes = 1 << 16
    /// Bytes of a stored member read per step of its CRC-32 check.
    static let checksumBlockBytes = 1 << 20
    /// Fuzzing builds (scripts/fuzz.sh passes -DFUZZING) skip the CRC-32 check: a fuzzer cannot forge
    /// checksums, so otherwise every mutation of a member's bytes would stop there, short of the npy parser.
    #if FUZZING
        static let verifiesChecksums = false
    #else
        static let verifiesChecksums = true
    #endif
    static let storedMethod: UInt16 = 0
    static let deflateMethod: UInt16 = 8

    let path: String
    private let file: ReadableFile
    private let entries: [String: ZipEntry]
    /// Member names without `.npy`, in archive order.
    let memberNames: [String]
    /// Members that are not `.npy` arrays (a readme, say): numpy hands them back as raw bytes; we skip them.
    let skippedMembers: [String]

    init(path: String) throws(DataFileError) {
        self.path = path
        file = try ReadableFile(path: path)
        var entries: [String: ZipEntry] = [:]
        var names: [String] = []
        var skipped: [String] = []
        for entry in try ZipDirectory.entries(of: file) {
            let name = entry.name
            guard !name.contains("/"), !name.contains("..") else {
                throw DataFileError(
                    path: path,
                    message:
                        "member '\(name)' has '/' or '..' in its name, which numpy never writes; refusing the archive")
            }
            guard name.hasSuffix(".npy") else {
                skipped.append(name)
                continue
            }
            let key = String(name.dropLast(4))
            entries[key] = entry
            names.append(key)
        }
        self.entries = entries
        self.memberNames = names
        self.skippedMembers = skipped
    }

    func missingMember(_ key: String) -> DataFileError {
        let why = skippedMembers.contains(key) ? " ('\(key)' is not an .npy array)" : ""
        return DataFileError(path: path, message: "has no member '\(key)'\(why); members: \(memberNames.joined(separator: ", "))")
    }

    /// The bytes of member `key`, checked against the member's declared size and CRC-32. A stored member
    /// is read from its range of the file (its CRC is checked in blocks first), so a stored 2 GB array is
    /// decoded straight into its matrix like a plain `.npy`; a deflated member is inflated into memory.
    func bytes(of key: String) throws(DataFileError) -> any ByteSource {
        let memberPath = "\(path)[\(key)]"
        func failure(_ message: String) -> DataFileError { DataFileError(path: memberPath, message: message) }
        guard let entry = entries[key] else { throw missingMember(key) }
        guard entry.flags & 1 == 0 else { throw failure("is encrypted; save it without a password") }
        let range = try ZipDirectory.dataRange(of: entry, in: file)
        let declared = entry.uncompressedSize
        guard declared <= ProcessInfo.processInfo.physicalMemory else {
            throw failure(
                "declares \(declared) bytes, more than this machine's memory; save the array as .npy, which is read "
                    + "without inflating")
        }
        var output: [UInt8]
        var checksum: UInt32
        switch entry.method {
        case Self.storedMethod:
            guard declared == UInt64(range.count) else {
                throw failure("is stored with \(range.count) bytes but declares \(declared); the archive is corrupted")
            }
            let member = FileRange(path: memberPath, file: file, start: range.lowerBound, byteCount: range.count)
            if Self.verifiesChecksums, try member.crc32(blockBytes: Self.checksumBlockBytes) != entry.crc32 {
                throw failure("fails its CRC-32 check; the archive is corrupted")
            }
            return member
        case Self.deflateMethod:
            let compressed = try file.bytes(at: range.lowerBound, count: range.count)
            guard declared <= max(UInt64(range.count), 1) * Self.maximumInflationRatio else {
                throw failure(
                    "declares \(declared) bytes from \(range.count) compressed, more than deflate can produce; "
                        + "the archive is corrupt or a zip bomb")
            }
            (output, checksum) = try inflate(compressed, declared: Int(declared), failure: failure)
        default:
            throw failure("uses zip compression method \(entry.method); only stored and deflate are supported")
        }
        guard checksum == entry.crc32 || !Self.verifiesChecksums else {
            throw failure("fails its CRC-32 check; the archive is corrupted")
        }
        return MemoryBytes(path: memberPath, storage: output)
    }

    /// The first `limit` bytes of member `key` (enough for its npy header) and the member's full size,
    /// without inflating the rest: `describe` lists every member of a large archive cheaply.
    func prefix(of key: String, limit: Int) throws(DataFileError) -> (bytes: MemoryBytes, totalBytes: Int) {
        let memberPath = "\(path)[\(key)]"
        guard let entry = entries[key] else { throw missingMember(key) }
        guard entry.flags & 1 == 0 else {
            throw DataFileError(path: memberPath, message: "is encrypted; save it without a password")
        }
        let range = try ZipDirectory.dataRange(of: entry, in: file)
        guard entry.uncompressedSize <= UInt64(Int.max) else {
            throw DataFileError(path: memberPath, message: "declares an impossible size; the archive is corrupted")
        }
        let declared = Int(entry.uncompressedSize)
        switch entry.method {
        case Self.storedMethod:
            let bytes = try file.bytes(at: range.lowerBound, count: min(limit, range.count))
            return (MemoryBytes(path: memberPath, storage: bytes), declared)
        case Self.deflateMethod:
            let compressed = try file.bytes(at: range.lowerBound, count: min(range.count, Self.inflateChunkBytes))
            var output = [UInt8]()
            do {
                _ = try Data.decompress(
                    size: Int64(compressed.count), bufferSize: Self.inflateChunkBytes, skipCRC32: true,
                    provider: { position, _ in
                        guard position == 0 else { throw InflationFailure.truncated }
                        return Data(compressed) + Data(count: Self.inflateChunkBytes - compressed.count)
                    },
                    consumer: { data in
                        output.append(contentsOf: data.prefix(limit - output.count))
                        if output.count >= limit { throw InflationFailure.overrun }
                    })
            } catch {
                // Stopping early is the point here; a damaged stream shows up when the header is parsed.
            }
            return (MemoryBytes(path: memberPath, storage: output), declared)
        default:
            throw DataFileError(
                path: memberPath,
                message: "uses zip compression method \(entry.method); only stored and deflate are supported")
        }
    }

    /// Inflates a raw deflate stream, refusing output past `declared` bytes.
    ///
    /// ZIPFoundation's Linux inflater tells zlib every chunk is full-length and loops while chunks are
    /// empty, so chunks are always padded to full length (zero padding is an invalid deflate block) and
    /// the provider throws once the stream is exhausted.
    private func inflate(_ compressed: [UInt8], declared: Int, failure: (String) -> DataFileError)
        throws(DataFileError) -> ([UInt8], UInt32)
    {
        var output = [UInt8]()
        // Reserve what a real member needs, bounded: a corrupt declared size must not allocate by itself.
        output.reserveCapacity(min(declared, Self.maximumReservation))
        let chunk = Self.inflateChunkBytes
        do {
            // The checksum is zlib's over the whole output (see Checksum), not ZIPFoundation's per-byte one.
            _ = try Data.decompress(
                size: Int64(compressed.count), bufferSize: chunk, skipCRC32: true,
                provider: { position, _ in
                    let start = Int(position)
                    guard start < compressed.count else { throw InflationFailure.truncated }
                    var piece = Data(compressed[start..<min(start + chunk, compressed.count)])
                    if piece.count < chunk { piece.append(Data(count: chunk - piece.count)) }
                    return piece
                },
                consumer: { data in
                    guard output.count + data.count <= declared else { throw InflationFailure.overrun }
                    output.append(contentsOf: data)
                })
            guard output.count == declared else {
                throw failure("inflates to \(output.count) bytes but declares \(declared); the archive is corrupted")
            }
            return (output, output.withUnsafeBytes { Checksum.crc32($0) })
        } catch InflationFailure.overrun {
            throw failure("inflates past its declared size of \(declared) bytes; the archive is corrupt or a zip bomb")
        } catch let error as DataFileError {
            throw error
        } catch {
            throw failure("has a corrupted or truncated deflate stream")
        }
    }

    private enum InflationFailure: Error { case overrun, truncated }

    /// Writes members to a new archive at `temporaryPath`, each encoded block by block as the zip writer
    /// asks for it (see `NpzMember`).
    static func write(
        _ members: [NpzMember], to temporaryPath: String, reportingAs path: String,
        compressed: Bool
    ) throws(DataFileError) {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporaryPath), accessMode: .create)
            for member in members {
                try archive.addEntry(
                    with: member.name + ".npy", type: .file, uncompressedSize: Int64(member.byteCount),
                    compressionMethod: compressed ? .deflate : .none
                ) { position, size in
                    if CancellationToken.interrupt.isCancelled { throw CancellationError() }
                    return member.bytes(Int(position)..<(Int(position) + size))
                }
            }
        } catch is CancellationError {
            throw DataFileError(path: path, message: "interrupted")
        } catch {
            throw DataFileError(path: path, message: "cannot write the archive: \(error)")
        }
    }
}
