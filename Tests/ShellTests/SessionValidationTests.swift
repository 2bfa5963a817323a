import Foundation
@testable import Shell
import Testing

/// `open` refuses saves whose manifest was damaged or hand-edited into something unsafe, names the file,
/// and leaves the current session as it was; format-1 saves (no manifest checksum) still open.
@Suite struct SessionValidationTests {
    let fixture = ShellFixture()
    var save: URL { fixture.directory.appendingPathComponent("saved_session") }

    func expectRefused(_ fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let result = fixture.output(of: "open saved_session as=x")
        #expect(result.outcome == .failed, sourceLocation: sourceLocation)
        #expect(result.errors.hasPrefix("error: saved_session: the save is damaged: "), "\(result.errors)", sourceLocation: sourceLocation)
        #expect(result.errors.contains(fragment), "\(result.errors)", sourceLocation: sourceLocation)
        #expect(fixture.state.sessionOrder == ["main"], sourceLocation: sourceLocation)
        #expect(fixture.state.session.names == ["digits", "ring", "ring_fake"], sourceLocation: sourceLocation)
    }

    func objects(_ manifest: [String: Any]) -> [[String: Any]] { manifest["objects"] as? [[String: Any]] ?? [] }

    @Test func aSaveRecordsTheManifestChecksumInCurrent() throws {
        let pointer = try String(contentsOf: save.appendingPathComponent("CURRENT"), encoding: .utf8)
        let manifest = try Data(contentsOf: try SaveTampering.manifestURL(of: save))
        #expect(pointer == "v-000001 \(SessionStore.checksum(of: manifest))\n")
    }

    @Test func anEditedManifestIsRefusedByItsChecksum() throws {
        // A label code that stays in range would otherwise open as different data.
        try SaveTampering.rewriteManifest(of: save, updatingChecksum: false) { text in
            text.replacingOccurrences(of: "\"name\" : \"ring\"", with: "\"name\" : \"rung\"")
        }
        let url = try SaveTampering.manifestURL(of: save)
        try "v-000001 0123456789abcdef\n".write(to: save.appendingPathComponent("CURRENT"), atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: url, encoding: .utf8).contains("rung"))
        expectRefused("v-000001/manifest.json does not match the checksum in CURRENT")
    }

    @Test func aCurrentWithoutChecksumIsRefusedForFormatTwo() throws {
        try SaveTampering.editManifest(of: save, updatingChecksum: false) { _ in }
        expectRefused("CURRENT has no checksum for v-000001/manifest.json")
    }

    @Test func duplicateNamesAreRefused() throws {
        try SaveTampering.editManifest(of: save) { manifest in
            var list = objects(manifest)
            list[1]["name"] = list[0]["name"]
            manifest["objects"] = list
        }
        expectRefused("v-000001/manifest.json names 'digits' twice")
    }

    @Test func invalidNamesAreRefused() throws {
        try SaveTampering.editManifest(of: save) { manifest in
            var list = objects(manifest)
            list[1]["name"] = "bad name;x"
            manifest["objects"] = list
        }
        expectRefused("'bad name;x' in v-000001/manifest.json is not a valid object name")
    }

    @Test func unreadableJSONGetsOurOwnMessage() throws {
        try SaveTampering.rewriteManifest(of: save) { _ in "{ not json" }
        expectRefused("v-000001/manifest.json is not valid JSON for a session (unreadable JSON)")
        try SaveTampering.rewriteManifest(of: save) { _ in "{\"format\": \"modescope-session\"}" }
        expectRefused("'version' is missing")
    }

    @Test func formatOneSavesWithoutAChecksumStillOpen() throws {
        try SaveTampering.editManifest(of: save, updatingChecksum: false) { manifest in manifest["version"] = 1 }
        #expect(fixture.run("open saved_session as=old") == .succeeded)
        #expect(fixture.state.session.names == ["digits", "ring", "ring_fake"])
        #expect(fixture.dataset("digits")?.labels?.names.count == 10)
    }
}
