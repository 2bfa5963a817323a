import Foundation
@testable import Shell
import Testing

/// Top-level scripts on the source stack, the one-warning rule for leaving (quit, Ctrl-D, session drop),
/// long user text in errors and the provenance of `_`.
@Suite struct ScriptNestingAndLeavingTests {
    func script(_ text: String, named name: String, in fixture: ShellFixture) throws -> String {
        let url = fixture.directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aTopLevelScriptThatSourcesItselfStopsBeforeRunningTwice() throws {
        let fixture = ShellFixture(loadDatasets: false)
        let path = try script("echo hi\nsource self.scope\necho never\n", named: "self.scope", in: fixture)
        let outcome = fixture.engine.runScript(at: path, displayName: "self.scope", keepGoing: false)
        #expect(outcome.failures == 1)
        #expect(fixture.sink.output == "hi\n")
        #expect(fixture.sink.errors == "self.scope:2: error: source cycle: self.scope → self.scope (a script cannot source itself)\n")
        #expect(fixture.state.sourceStack.isEmpty)
    }

    @Test func aTwoFileCycleIsReportedWhereItCloses() throws {
        let fixture = ShellFixture(loadDatasets: false)
        let a = try script("source b.scope\n", named: "scripts/a.scope", in: fixture)
        _ = try script("echo in b\nsource a.scope\n", named: "scripts/b.scope", in: fixture)
        let outcome = fixture.engine.runScript(at: a, displayName: "scripts/a.scope", keepGoing: false)
        #expect(outcome.failures == 1)
        #expect(fixture.sink.output == "in b\n")
        #expect(fixture.sink.errors == "scripts/b.scope:2: error: source cycle: a.scope → b.scope → a.scope (a script cannot source itself)\n")
    }

    @Test func leavingWithUnsavedChangesWarnsOnceThenLeaves() {
        let fixture = ShellFixture()
        fixture.engine.isInteractive = true
        #expect(fixture.engine.mayLeave(), "a freshly saved session leaves at once")
        fixture.run("drop ring_fake")
        fixture.sink.clear()
        #expect(!fixture.engine.mayLeave())
        #expect(fixture.sink.errors == "warning: session 'main' has unsaved changes; 'save' keeps them, 'quit' or Ctrl-D again leaves anyway\n")
        #expect(fixture.engine.mayLeave())
    }

    @Test func droppingASessionWithUnsavedChangesAsksOnceAtThePrompt() {
        let fixture = ShellFixture(loadDatasets: false)
        fixture.engine.isInteractive = true
        fixture.run("session new tmp")
        fixture.run("load d digits.npy")
        fixture.run("session use main")
        let first = fixture.output(of: "session drop tmp")
        #expect(first.outcome == .failed)
        #expect(first.errors == "error: session 'tmp' has unsaved changes; 'save' keeps them, 'session drop tmp' again drops it anyway\n")
        #expect(fixture.state.sessionOrder == ["main", "tmp"])
        #expect(fixture.run("session drop tmp") == .succeeded)
        #expect(fixture.state.sessionOrder == ["main"])
        let batch = ShellFixture(loadDatasets: false)
        batch.run("session new tmp; load d digits.npy; session use main")
        #expect(batch.run("session drop tmp") == .succeeded)
    }

    @Test func longUserTextIsCutInErrors() {
        let fixture = ShellFixture(loadDatasets: false)
        let word = String(repeating: "x", count: 1 << 20)
        let result = fixture.output(of: word)
        #expect(result.outcome == .failed)
        let expected = "error: unknown command '" + String(repeating: "x", count: 79) + "…(1048577 bytes)' (type 'help' for the list)\n"
        #expect(result.errors == expected)
        #expect(ShellEngine.shorteningLongWords("short words stay") == "short words stay")
    }

    @Test func theResultOfOneStatementRecordsThatStatementOnly() {
        let fixture = ShellFixture(loadDatasets: false)
        fixture.run("load d digits.npy; echo \"after it\"")
        #expect(fixture.state.session.provenance(of: "d")?.description.contains("echo") == false)
        fixture.run("metrics d d only=fd; echo \"after it\"")
        #expect(fixture.state.session.provenance(of: "_")?.description == "metrics d d only=fd")
    }
}
