import Foundation
@testable import Shell

/// Edits a save on disk the way a damaged or hand-edited one would look. `rewriteManifest` keeps `CURRENT`'s
/// manifest checksum in step, so the checks behind it (names, kinds, versions, JSON) are reached.
enum SaveTampering {
    static func currentVersion(of save: URL) throws -> String {
        let pointer = try String(contentsOf: save.appendingPathComponent("CURRENT"), encoding: .utf8)
        return String(pointer.split(whereSeparator: \.isWhitespace)[0])
    }

    static func manifestURL(of save: URL) throws -> URL {
        save.appendingPathComponent(try currentVersion(of: save)).appendingPathComponent("manifest.json")
    }

    /// Replaces the manifest text and writes `CURRENT` with its checksum (or without one).
    static func rewriteManifest(of save: URL, updatingChecksum: Bool = true, _ transform: (String) -> String) throws {
        let url = try manifestURL(of: save)
        let text = transform(try String(contentsOf: url, encoding: .utf8))
        try text.write(to: url, atomically: true, encoding: .utf8)
        let version = try currentVersion(of: save)
        let pointer = updatingChecksum ? "\(version) \(SessionStore.checksum(of: Data(text.utf8)))\n" : "\(version)\n"
        try pointer.write(to: save.appendingPathComponent("CURRENT"), atomically: true, encoding: .utf8)
    }

    /// Edits the manifest as JSON (`objects`, `version`, …), keeping the checksum in step.
    static func editManifest(of save: URL, updatingChecksum: Bool = true, _ edit: (inout [String: Any]) -> Void) throws {
        try rewriteManifest(of: save, updatingChecksum: updatingChecksum) { text in
            guard var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return text }
            edit(&object)
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
