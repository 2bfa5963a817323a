import DataFiles
import Foundation
import Testing
@testable import Shell

@Suite struct SessionStoreTests {
    @Test func saveAndOpenRoundTripEverything() throws {
        let fixture = ShellFixture()
        fixture.run("threes = digits[label==3]")
        fixture.run("load centers ring_centers.npy")
        let before = fixture.state.session
        #expect(fixture.run("save roundtrip") == .succeeded)
        #expect(!fixture.state.session.hasUnsavedChanges)
        #expect(fixture.run("open roundtrip as=copy") == .succeeded)
        #expect(fixture.state.currentSessionName == "copy")
        let after = fixture.state.session
        #expect(after.names == before.names)
        for name in before.names {
            #expect(after[name] == before[name], "\(name) survives save/open exactly")
            #expect(after.provenance(of: name) == before.provenance(of: name))
        }
        #expect(!after.hasUnsavedChanges)
    }

    @Test func savingAgainReplacesTheOldVersionAndCleansUp() throws {
        let fixture = ShellFixture()
        let path = fixture.directory.appendingPathComponent("again").path
        #expect(fixture.run("save again") == .succeeded)
        fixture.run("drop ring")
        #expect(fixture.run("save") == .succeeded, "save without a path goes where the session was saved")
        let entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        #expect(entries == ["CURRENT", "v-000002"])
        #expect(fixture.run("open again as=check") == .succeeded)
        #expect(fixture.state.session["ring"] == nil && fixture.state.session["digits"] != nil)
    }

    @Test func saveWithoutPathUsesTheSessionStore() {
        let fixture = ShellFixture(loadDatasets: false)
        fixture.run("load ring ring_real.npy")
        #expect(fixture.run("save") == .succeeded)
        #expect(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("store/main/CURRENT").path))
        fixture.run("session new other")
        #expect(fixture.run("open main as=again") == .succeeded, "a name in the store opens")
        #expect(fixture.state.session["ring"] != nil)
    }

    @Test func damagedSavesAreRefusedAndTheSessionIsUntouched() throws {
        let fixture = ShellFixture()
        let save = fixture.directory.appendingPathComponent("saved_session")
        let version = save.appendingPathComponent("v-000001")
        let dataFile = try FileManager.default.contentsOfDirectory(atPath: version.path).first { $0.hasSuffix(".npy") }!
        let dataURL = version.appendingPathComponent(dataFile)
        let original = try Data(contentsOf: dataURL)

        try original.prefix(original.count / 2).write(to: dataURL)
        var result = fixture.output(of: "open saved_session as=broken")
        #expect(result.errors.contains("the save is damaged: \(dataFile) has"))

        var flipped = original
        flipped[flipped.count - 1] ^= 0xFF
        try flipped.write(to: dataURL)
        result = fixture.output(of: "open saved_session as=broken")
        #expect(result.errors.contains("does not match its checksum"))

        try original.write(to: dataURL)
        try SaveTampering.rewriteManifest(of: save) { _ in "{ not json" }
        result = fixture.output(of: "open saved_session as=broken")
        #expect(result.errors.contains("manifest.json is not valid"))

        try FileManager.default.removeItem(at: save.appendingPathComponent("CURRENT"))
        result = fixture.output(of: "open saved_session as=broken")
        #expect(result.errors.contains("not a saved modescope session"))

        #expect(fixture.output(of: "open nowhere").errors.contains("no such saved session"))
        #expect(fixture.state.sessionOrder == ["main"])
        #expect(fixture.state.currentSessionName == "main")
        #expect(fixture.state.session.names == ["digits", "ring", "ring_fake"])
    }

    @Test func refusesToSaveIntoSomethingElse() throws {
        let fixture = ShellFixture()
        let other = fixture.directory.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "keep me".write(to: other.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(fixture.output(of: "save project").errors.contains("is not a modescope session"))
        #expect(fixture.output(of: "save digits.npy").errors.contains("is a file"))
    }

    @Test func newerFormatsAndUnknownKindsAreRefusedClearly() throws {
        let fixture = ShellFixture()
        let save = fixture.directory.appendingPathComponent("saved_session")
        let version = "\"version\" : \(SessionStore.formatVersion)"
        try SaveTampering.rewriteManifest(of: save) { $0.replacingOccurrences(of: version, with: "\"version\" : 99") }
        #expect(fixture.output(of: "open saved_session as=x").errors.contains("saved by a newer modescope"))
        try SaveTampering.rewriteManifest(of: save) {
            $0.replacingOccurrences(of: "\"version\" : 99", with: version)
                .replacingOccurrences(of: "\"kind\" : \"dataset\"", with: "\"kind\" : \"hologram\"")
        }
        #expect(fixture.output(of: "open saved_session as=x").errors.contains("'hologram', which this modescope does not know"))
    }

    @Test func openDoesNotReplaceAnUnsavedSession() {
        let fixture = ShellFixture()
        fixture.run("drop ring_fake")
        #expect(fixture.output(of: "open saved_session").errors.contains("unsaved changes"))
        #expect(fixture.state.session["ring_fake"] == nil)
    }
}
