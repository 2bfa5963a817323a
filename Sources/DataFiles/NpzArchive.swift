import Foundation
import ZIPFoundation

/// An `.npz` file: a zip of `.npy` members (stored or deflated, zip64 allowed) read through ZIPFoundation.
///
/// Member names containing `/` or `..` are refused when the archive is opened (numpy never writes them).
/// A member is inflated into memory only after its declared size passes `maximumInflationRatio`, and
/// inflation stops as soon as the output passes the declared size, so a zip bomb fails fast.
struct NpzArchive {
    /// Deflate cannot compress better than about 1032:1 (RFC 1951: a 258-byte match costs at least two
    /// bits); a member declaring more than this is not a real deflate stream.
    static let maximumInflationRatio: UInt64 = 1032

    let path: String
    private let archive: Archive
    private let entries: [String: Entry]
    /// Member names without `.npy`, in archive order.
    let memberNames: [String]

    init(path: String) throws(DataFileError) {
        _ = try ReadableFile(path: path)  // directory, permission and empty-file errors, worded as for npy
        self.path = path
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw DataFileError(path: path, message: "not a valid .npz (zip) archive: it is corrupted or truncated")
        }
        var entries: [String: Entry] = [:]
        var names: [String] = []
        for entry in archive where entry.type == .file {
            let name = entry.path
            guard !name.contains("/"), !name.contains("..") else {
                throw DataFileError(path: path, message:
                    "member '\(name)' has '/' or '..' in its name, which numpy never writes; refusing the archive")
            }
            let key = name.hasSuffix(".npy") ? String(name.dropLast(4)) : name
            entries[key] = entry
            names.append(key)
        }
        self.archive = archive
        self.entries = entries
        self.memberNames = names
    }

    /// The inflated bytes of member `key`, checked against the member's own declared size.
    func bytes(of key: String) throws(DataFileError) -> MemoryBytes {
        let memberPath = "\(path)[\(key)]"
        guard let entry = entries[key] else {
            throw DataFileError(path: path, message:
                "has no member '\(key)'; members: \(memberNames.joined(separator: ", "))")
        }
        let declared = entry.uncompressedSize
        guard entry.compressedSize <= UInt64(ReadableFile.sizeOrZero(path)) else {
            throw DataFileError(path: memberPath, message:
                "declares \(entry.compressedSize) compressed bytes, more than the whole archive holds; the archive is corrupt")
        }
        if entry.isCompressed {
            guard declared <= max(entry.compressedSize, 1) * Self.maximumInflationRatio else {
                throw DataFileError(path: memberPath, message:
                    "declares \(declared) bytes from \(entry.compressedSize) compressed, more than deflate can produce; "
                    + "the archive is corrupt or a zip bomb")
            }
        } else {
            guard declared <= UInt64(ReadableFile.sizeOrZero(path)) else {
                throw DataFileError(path: memberPath, message:
                    "declares \(declared) bytes, more than the whole archive holds; the archive is corrupt")
            }
        }
        var output = [UInt8]()
        output.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard UInt64(output.count + chunk.count) <= declared else { throw InflationOverrun() }
                output.append(contentsOf: chunk)
            }
        } catch is InflationOverrun {
            throw DataFileError(path: memberPath, message:
                "inflates past its declared size of \(declared) bytes; the archive is corrupt or a zip bomb")
        } catch {
            throw DataFileError(path: memberPath, message: "cannot be read: the archive is corrupted (\(error))")
        }
        guard UInt64(output.count) == declared else {
            throw DataFileError(path: memberPath, message:
                "inflates to \(output.count) bytes but declares \(declared); the archive is corrupted")
        }
        return MemoryBytes(path: memberPath, storage: output)
    }

    private struct InflationOverrun: Error {}

    /// Writes members (name without `.npy`, complete npy bytes) to a new archive at `temporaryPath`.
    static func write(
        _ members: [(name: String, bytes: [UInt8])], to temporaryPath: String, reportingAs path: String,
        compressed: Bool
    ) throws(DataFileError) {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporaryPath), accessMode: .create)
            for member in members {
                let bytes = member.bytes
                try archive.addEntry(
                    with: member.name + ".npy", type: .file, uncompressedSize: Int64(bytes.count),
                    compressionMethod: compressed ? .deflate : .none
                ) { position, size in
                    Data(bytes[Int(position)..<(Int(position) + size)])
                }
            }
        } catch {
            throw DataFileError(path: path, message: "cannot write the archive: \(error)")
        }
    }
}

extension ReadableFile {
    static func sizeOrZero(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }
}
