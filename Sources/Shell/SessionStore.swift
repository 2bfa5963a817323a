import DataFiles
import Foundation
import LinearAlgebra

/// Saved sessions on disk, written atomically and validated on open.
///
/// Layout: `PATH/CURRENT` names the live version directory `PATH/v-NNNNNN/`, which holds
/// `manifest.json` and one data file per object. A save writes a new version directory completely
/// (every file fsynced, then the directory), renames it into place, then replaces `CURRENT` through a
/// temporary file and `rename(2)`; only then are older versions removed. A crash or `kill -9` at any
/// instant therefore leaves `CURRENT` naming a complete old or new version. (`rename(2)` cannot replace a
/// non-empty directory, hence the pointer file.) `open` checks the manifest, each file's size and
/// checksum, and reads everything before the caller touches its session. From format 2 on, `CURRENT` also
/// holds the checksum of `manifest.json` (`v-000003 9f1c…`), because label codes and table results live in
/// the manifest itself; format-1 saves, whose `CURRENT` holds the version alone, still open.
enum SessionStore {
    static let formatName = "modescope-session"
    /// Bump when the manifest changes incompatibly; readers accept every version up to their own.
    static let formatVersion = 2
    /// The first format whose `CURRENT` carries the manifest checksum.
    static let firstChecksummedManifestVersion = 2
    static let pointerName = "CURRENT"

    struct Manifest: Codable {
        var format: String
        var version: Int
        var name: String
        var savedAt: String
        var objects: [Entry]
    }

    struct Entry: Codable {
        var name: String
        var kind: String
        var provenance: String?
        var file: String?
        var bytes: Int?
        var checksum: String?
        var rows: Int?
        var columns: Int?
        var rowShape: [Int]?
        var columnNames: [String]?
        var sourceType: String?
        var labels: Labels?
        var table: ResultTable?
        /// For `neighbors` objects; absent in saves written before they existed.
        var neighbors: NeighborResult.Metadata?
        /// For `index` objects (HNSW); absent in older saves.
        var index: NeighborIndex.Metadata?
    }

    /// Writes `session` to the directory `path`, replacing any earlier save there.
    static func save(_ session: Session, to path: String, cancellation: CancellationToken) throws -> Int {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ShellError("\(path): exists and is a file, not a saved session") }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty || contents.contains(pointerName) else {
                throw ShellError("\(path): exists and is not a modescope session; choose another path")
            }
        } else {
            do { try manager.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw ShellError("\(path): cannot create the directory (\(error.localizedDescription))")
            }
        }
        let versions = ((try? manager.contentsOfDirectory(atPath: path)) ?? []).compactMap(versionNumber)
        let version = String(format: "v-%06d", (versions.max() ?? 0) + 1)
        let staging = (path as NSString).appendingPathComponent(".staging-\(version)-\(getpid())")
        try? manager.removeItem(atPath: staging)
        do { try manager.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
            throw ShellError("\(path): cannot write (\(error.localizedDescription))")
        }
        var committed = false
        defer { if !committed { try? manager.removeItem(atPath: staging) } }

        var entries: [Entry] = []
        for (index, item) in session.entries.enumerated() {
            try cancellation.checkCancellation()
            var entry = Entry(name: item.name, kind: item.object.kindName, provenance: item.provenance?.description)
            switch item.object {
            case .dataset(let dataset):
                entry.file = "object-\(index).npy"
                var plain = dataset
                plain.labels = nil
                try DataFileWriter.write(plain, to: (staging as NSString).appendingPathComponent(entry.file!), format: .npy)
                entry.rows = dataset.rowCount
                entry.columns = dataset.columnCount
                entry.rowShape = dataset.rowShape
                entry.columnNames = dataset.columnNames
                entry.sourceType = dataset.sourceType
                entry.labels = dataset.labels
            case .statistics(let statistics):
                entry.file = "object-\(index).npz"
                try DataFileWriter.write(statistics, to: (staging as NSString).appendingPathComponent(entry.file!))
            case .table(let table):
                entry.table = table
            case .neighbors(let result):
                entry.file = "object-\(index).npz"
                try DataFileWriter.write(result.arrays, toArchive: (staging as NSString).appendingPathComponent(entry.file!))
                entry.neighbors = NeighborResult.Metadata(result)
            case .neighborIndex(let neighborIndex):
                entry.file = "object-\(index).npz"
                try DataFileWriter.write(
                    neighborIndex.arrays, toArchive: (staging as NSString).appendingPathComponent(entry.file!))
                entry.index = NeighborIndex.Metadata(neighborIndex)
            }
            if let file = entry.file {
                let filePath = (staging as NSString).appendingPathComponent(file)
                AtomicFile.syncFile(filePath)
                let (bytes, checksum) = try fingerprint(of: filePath)
                entry.bytes = bytes
                entry.checksum = checksum
            }
            entries.append(entry)
        }
        let manifest = Manifest(
            format: formatName, version: formatVersion, name: session.name,
            savedAt: ISO8601DateFormatter().string(from: Date()), objects: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let manifestData = try encoder.encode(manifest)
        try AtomicFile.write(Array(manifestData), to: (staging as NSString).appendingPathComponent("manifest.json"))
        AtomicFile.syncDirectory(staging)

        let final = (path as NSString).appendingPathComponent(version)
        guard rename(staging, final) == 0 else {
            throw ShellError("\(path): could not finish the save (\(String(cString: strerror(errno))))")
        }
        committed = true
        AtomicFile.syncDirectory(path)
        let manifestChecksum = checksum(of: manifestData)
        try AtomicFile.write(Array("\(version) \(manifestChecksum)\n".utf8), to: (path as NSString).appendingPathComponent(pointerName))
        for old in (try? manager.contentsOfDirectory(atPath: path)) ?? []
        where old != version && old != pointerName && (versionNumber(old) != nil || old.hasPrefix(".staging-")) {
            try? manager.removeItem(atPath: (path as NSString).appendingPathComponent(old))
        }
        return entries.count
    }

    /// Reads and validates the save at `path`; nothing is returned unless every object loaded.
    static func open(_ path: String, displayName: String) throws(ShellError) -> Session {
        let pointerPath = (path as NSString).appendingPathComponent(pointerName)
        guard let pointerData = FileManager.default.contents(atPath: pointerPath),
            let pointerFields = String(data: pointerData, encoding: .utf8)?.split(whereSeparator: \.isWhitespace).map(String.init),
            (1...2).contains(pointerFields.count), let pointer = pointerFields.first, versionNumber(pointer) != nil
        else {
            throw ShellError("\(displayName): not a saved modescope session (no valid \(pointerName) file)")
        }
        let versionPath = (path as NSString).appendingPathComponent(pointer)
        guard let manifestData = FileManager.default.contents(atPath: (versionPath as NSString).appendingPathComponent("manifest.json")) else {
            throw ShellError("\(displayName): the save is damaged: \(pointer)/manifest.json is missing")
        }
        let expectedChecksum = pointerFields.count == 2 ? pointerFields[1] : nil
        if let expectedChecksum, checksum(of: manifestData) != expectedChecksum {
            throw ShellError("\(displayName): the save is damaged: \(pointer)/manifest.json does not match the checksum in \(pointerName)")
        }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: manifestData) } catch {
            throw ShellError("\(displayName): the save is damaged: \(pointer)/manifest.json is not valid JSON for a session (\(describe(error)))")
        }
        guard manifest.format == formatName else { throw ShellError("\(displayName): not a modescope session manifest") }
        guard manifest.version <= formatVersion else {
            throw ShellError("\(displayName): saved by a newer modescope (format \(manifest.version); this one reads up to \(formatVersion))")
        }
        if manifest.version >= firstChecksummedManifestVersion, expectedChecksum == nil {
            throw ShellError("\(displayName): the save is damaged: \(pointerName) has no checksum for \(pointer)/manifest.json")
        }
        var seen: Set<String> = []
        for entry in manifest.objects {
            guard Binder.isIdentifier(entry.name) else {
                throw ShellError("\(displayName): the save is damaged: '\(entry.name)' in \(pointer)/manifest.json is not a valid object name")
            }
            guard seen.insert(entry.name).inserted else {
                throw ShellError("\(displayName): the save is damaged: \(pointer)/manifest.json names '\(entry.name)' twice")
            }
        }
        var session = Session(name: manifest.name)
        for entry in manifest.objects {
            let object = try loadObject(entry, from: versionPath, displayName: displayName)
            session.store(object, as: entry.name, provenance: Provenance(entry.provenance ?? "opened from \(displayName)"))
        }
        session.hasUnsavedChanges = false
        session.savedPath = path
        return session
    }

    private static func loadObject(_ entry: Entry, from directory: String, displayName: String) throws(ShellError) -> SessionObject {
        func damaged(_ what: String) -> ShellError { ShellError("\(displayName): the save is damaged: \(what)") }
        if entry.kind == "table" {
            guard let table = entry.table else { throw damaged("table '\(entry.name)' has no rows") }
            return .table(table)
        }
        guard ["dataset", "statistics", "neighbors", "index"].contains(entry.kind) else {
            throw ShellError("\(displayName): object '\(entry.name)' is a '\(entry.kind)', which this modescope does not know (saved by a newer version?)")
        }
        guard let file = entry.file, !file.contains("/"), let bytes = entry.bytes, let checksum = entry.checksum else {
            throw damaged("object '\(entry.name)' has no valid file entry")
        }
        let filePath = (directory as NSString).appendingPathComponent(file)
        let actual: (bytes: Int, checksum: String)
        do { actual = try fingerprint(of: filePath) } catch { throw damaged("\(file) is missing") }
        guard actual.bytes == bytes else { throw damaged("\(file) has \(actual.bytes) bytes, expected \(bytes)") }
        guard actual.checksum == checksum else { throw damaged("\(file) does not match its checksum") }
        if entry.kind == "neighbors" {
            guard let metadata = entry.neighbors else { throw damaged("neighbour result '\(entry.name)' has no metadata") }
            return .neighbors(try NeighborResult.load(from: filePath, metadata: metadata, damaged: damaged))
        }
        if entry.kind == "index" {
            guard let metadata = entry.index else { throw damaged("index '\(entry.name)' has no metadata") }
            return .neighborIndex(try NeighborIndex.load(from: filePath, metadata: metadata, damaged: damaged))
        }
        let loaded: LoadedFile
        do { loaded = try DataFileReader.load(filePath) } catch { throw damaged(error.description) }
        switch (entry.kind, loaded) {
        case ("dataset", .dataset(var dataset)):
            guard dataset.rowCount == entry.rows, dataset.columnCount == entry.columns else {
                throw damaged("\(file) has shape \(dataset.rowCount)×\(dataset.columnCount), expected \(entry.rows ?? 0)×\(entry.columns ?? 0)")
            }
            if let labels = entry.labels {
                guard labels.count == dataset.rowCount, labels.codes.allSatisfy({ $0 >= 0 && Int($0) < labels.names.count }) else {
                    throw damaged("labels of '\(entry.name)' do not match its rows")
                }
            }
            dataset.labels = entry.labels
            dataset.rowShape = entry.rowShape
            dataset.columnNames = entry.columnNames
            dataset.sourceType = entry.sourceType ?? dataset.sourceType
            return .dataset(dataset)
        case ("statistics", .statistics(let statistics)):
            return .statistics(statistics)
        default:
            throw damaged("\(file) does not hold a \(entry.kind)")
        }
    }

    static func versionNumber(_ name: String) -> Int? {
        guard name.hasPrefix("v-"), name.count == 8 else { return nil }
        return Int(name.dropFirst(2))
    }

    /// Size and FNV-1a 64-bit hash of a file, read in 1 MiB blocks (detects truncation and bit rot).
    static func fingerprint(of path: String) throws(ShellError) -> (bytes: Int, checksum: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ShellError("\(path): cannot be read") }
        defer { try? handle.close() }
        var hash = fnvOffsetBasis
        var total = 0
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            total += chunk.count
            mix(chunk, into: &hash)
        }
        return (total, String(hash, radix: 16))
    }

    /// The FNV-1a 64-bit hash of bytes in memory, in the same hex form as `fingerprint`.
    static func checksum(of data: Data) -> String {
        var hash = fnvOffsetBasis
        mix(data, into: &hash)
        return String(hash, radix: 16)
    }

    private static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func mix(_ data: Data, into hash: inout UInt64) {
        data.withUnsafeBytes { raw in
            for byte in raw.bindMemory(to: UInt8.self) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
    }

    /// A decoding error in words: which field and why, instead of Foundation's "isn't in the correct format".
    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch decoding {
        case .dataCorrupted(let context): return "unreadable JSON\(path(context))"
        case .keyNotFound(let key, let context): return "'\(key.stringValue)' is missing\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}

extension SessionStore.Entry {
    init(name: String, kind: String, provenance: String?) {
        self.init(
            name: name, kind: kind, provenance: provenance, file: nil, bytes: nil, checksum: nil, rows: nil, columns: nil,
            rowShape: nil, columnNames: nil, sourceType: nil, labels: nil, table: nil, neighbors: nil, index: nil)
    }
}
