/// A validating reader of a zip's central directory (APPNOTE 6.3.x, with zip64): every size and offset
/// is checked against the file size before it is used, so a corrupt archive is an error, not a trap
/// (ZIPFoundation 0.9.20 traps on a zip64 offset above Int64.max, found by the mutation tests).
struct ZipEntry {
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
}

enum ZipDirectory {
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let localSignature: UInt32 = 0x0403_4B50
    static let zip64ExtraID: UInt16 = 0x0001
    /// End record (22 bytes) plus the longest comment it can carry.
    static let maximumEndSearch = 22 + 65_535

    struct Corrupt: Error { var message: String }

    static func entries(of file: some ByteSource) throws(DataFileError) -> [ZipEntry] {
        do throws(Corrupt) {
            return try parseEntries(of: file)
        } catch {
            throw file.error("not a valid .npz (zip) archive: \(error.message)")
        }
    }

    private static func parseEntries(of file: some ByteSource) throws(Corrupt) -> [ZipEntry] {
        let size = file.byteCount
        let tailLength = min(size, maximumEndSearch)
        let tail = try read(file, at: size - tailLength, count: tailLength)
        guard tail.count >= 22,
            let endIndex = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
                tail.le32($0) == endSignature
            })
        else { throw Corrupt(message: "no end-of-directory record (corrupted or truncated)") }
        var count = UInt64(tail.le16(endIndex + 10))
        var directorySize = UInt64(tail.le32(endIndex + 12))
        var directoryOffset = UInt64(tail.le32(endIndex + 16))
        let endOffset = size - tailLength + endIndex
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            guard endOffset >= 20 else { throw Corrupt(message: "zip64 locator missing") }
            let locator = try read(file, at: endOffset - 20, count: 20)
            guard locator.le32(0) == zip64LocatorSignature else { throw Corrupt(message: "zip64 locator missing") }
            let recordOffset = locator.le64(8)
            guard recordOffset <= UInt64(size), UInt64(size) - recordOffset >= 56 else {
                throw Corrupt(message: "zip64 end record lies outside the file")
            }
            let record = try read(file, at: Int(recordOffset), count: 56)
            guard record.le32(0) == zip64EndSignature else { throw Corrupt(message: "zip64 end record missing") }
            (count, directorySize, directoryOffset) = (record.le64(32), record.le64(40), record.le64(48))
        }
        guard directoryOffset <= UInt64(size), directorySize <= UInt64(size) - directoryOffset else {
            throw Corrupt(message: "the central directory lies outside the file")
        }
        guard count <= directorySize / 46 else { throw Corrupt(message: "more entries than the directory can hold") }
        let directory = try read(file, at: Int(directoryOffset), count: Int(directorySize))
        var entries: [ZipEntry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, directory.le32(position) == centralSignature else {
                throw Corrupt(message: "central directory entry \(entries.count + 1) is damaged")
            }
            let nameLength = Int(directory.le16(position + 28))
            let extraLength = Int(directory.le16(position + 30))
            let commentLength = Int(directory.le16(position + 32))
            let end = position + 46 + nameLength + extraLength + commentLength
            guard end <= directory.count else { throw Corrupt(message: "central directory entry runs past its end") }
            var entry = ZipEntry(
                name: String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                method: directory.le16(position + 10), flags: directory.le16(position + 8),
                crc32: directory.le32(position + 16), compressedSize: UInt64(directory.le32(position + 20)),
                uncompressedSize: UInt64(directory.le32(position + 24)),
                localHeaderOffset: UInt64(directory.le32(position + 42)))
            try applyZip64Extra(
                Array(directory[(position + 46 + nameLength)..<(position + 46 + nameLength + extraLength)]), to: &entry)
            entries.append(entry)
            position = end
        }
        return entries
    }

    /// Replaces saturated (0xFFFFFFFF) fields by their 8-byte values from the zip64 extra, in APPNOTE order.
    private static func applyZip64Extra(_ extra: [UInt8], to entry: inout ZipEntry) throws(Corrupt) {
        var position = 0
        while position + 4 <= extra.count {
            let id = extra.le16(position)
            let length = Int(extra.le16(position + 2))
            guard position + 4 + length <= extra.count else { throw Corrupt(message: "extra field runs past its end") }
            if id == zip64ExtraID {
                var field = position + 4
                func next() throws(Corrupt) -> UInt64 {
                    guard field + 8 <= position + 4 + length else {
                        throw Corrupt(message: "zip64 extra field too short")
                    }
                    defer { field += 8 }
                    return extra.le64(field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
                return
            }
            position += 4 + length
        }
    }

    /// The byte range of an entry's data, checked against its local header and the file size.
    static func dataRange(of entry: ZipEntry, in file: some ByteSource) throws(DataFileError) -> Range<Int> {
        let size = UInt64(file.byteCount)
        guard entry.localHeaderOffset <= size, size - entry.localHeaderOffset >= 30 else {
            throw file.error("member '\(entry.name)' has a local header outside the file; the archive is corrupted")
        }
        let header = try file.bytes(at: Int(entry.localHeaderOffset), count: 30)
        guard header.le32(0) == localSignature else {
            throw file.error("member '\(entry.name)' has a damaged local header; the archive is corrupted")
        }
        let start = entry.localHeaderOffset + 30 + UInt64(header.le16(26)) + UInt64(header.le16(28))
        guard start <= size, entry.compressedSize <= size - start else {
            throw file.error("member '\(entry.name)' claims \(entry.compressedSize) bytes past the end of the archive")
        }
        return Int(start)..<Int(start + entry.compressedSize)
    }

    private static func read(_ file: some ByteSource, at offset: Int, count: Int) throws(Corrupt) -> [UInt8] {
        do throws(DataFileError) {
            return try file.bytes(at: offset, count: count)
        } catch {
            throw Corrupt(message: error.message)
        }
    }
}

extension Array where Element == UInt8 {
    func le16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func le32(_ offset: Int) -> UInt32 { UInt32(le16(offset)) | UInt32(le16(offset + 2)) << 16 }
    func le64(_ offset: Int) -> UInt64 { UInt64(le32(offset)) | UInt64(le32(offset + 4)) << 32 }
}
