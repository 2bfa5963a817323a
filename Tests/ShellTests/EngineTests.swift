import DataFiles
import Foundation
import Testing
@testable import Shell

@Suite struct EngineTests {
    @Test func unknownCommandSuggestsTheClosestName() {
        let fixture = ShellFixture(loadDatasets: false)
        let result = fixture.output(of: "lod x y.npy")
        #expect(result.outcome == .failed)
        #expect(result.errors.hasPrefix("error: unknown command 'lod' — did you mean 'load'?"))
    }

    @Test func unknownOptionSuggestsAndUnderlinesTheWord() {
        let fixture = ShellFixture()
        let result = fixture.output(of: "head digits nn=3")
        #expect(result.errors.contains("unknown option 'nn' for 'head' — did you mean 'n'?"))
        fixture.engine.isInteractive = true
        let underlined = fixture.output(of: "head digits nn=3")
        #expect(underlined.errors.hasSuffix("  head digits nn=3\n              ^\n"))
    }

    @Test func valuesAreTypedAndRangeChecked() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "head digits n=abc").errors.contains("n=abc: expected a whole number"))
        #expect(fixture.output(of: "head digits n=-1").errors.contains("n=-1 is out of range 0…100000"))
        #expect(fixture.output(of: "set threads=0").errors.contains("threads=0 is out of range 1…256"))
        #expect(fixture.output(of: "metrics digits digits only=emd emd=sinkhorn emd_eps=0").errors.contains("emd_eps=0: must be greater than 0"))
        #expect(fixture.output(of: "mode xml").errors.contains("'xml' (FORMAT) is not one of table, csv, tsv, json"))
        #expect(fixture.output(of: "mode jsn").errors.contains("did you mean 'json'?"))
        #expect(fixture.output(of: "set seed=1 seed=2").errors.contains("option 'seed' given twice"))
        #expect(fixture.output(of: "head").errors.contains("'head' needs NAME"))
        #expect(fixture.output(of: "head digits extra").errors.contains("unexpected argument 'extra'"))
        #expect(fixture.output(of: "head digts").errors.contains("no object named 'digts' in session 'main' — did you mean 'digits'?"))
        #expect(fixture.output(of: "head 10_000").outcome == .failed)
        #expect(fixture.output(of: "head digits n=1_000").outcome == .succeeded)
    }

    @Test func assignmentStoresResultsAndSelectionsKeepLabels() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("threes = digits[label==3]") == .succeeded)
        let threes = try #require(fixture.dataset("threes"))
        #expect(threes.rowCount == 183)
        #expect(threes.labels?.codes.allSatisfy { threes.labels!.names[Int($0)] == "3" } == true)
        #expect(threes.rowShape == [8, 8])
        #expect(fixture.run("rest = digits[label!=3]") == .succeeded)
        #expect(fixture.dataset("rest")?.rowCount == 1797 - 183)
        #expect(fixture.run("tail = digits[-10:]") == .succeeded)
        #expect(fixture.dataset("tail")?.values == fixture.dataset("digits")?.values.rows(1787..<1797))
        #expect(fixture.run("first = digits[0:5]") == .succeeded)
        #expect(fixture.dataset("first")?.labels?.codes == fixture.dataset("digits")?.labels?.codes.prefix(5).map { $0 })
        #expect(fixture.run("table = ls") == .failed)
        #expect(fixture.output(of: "x = digits[label==42]").errors.contains("has no label '42'"))
        #expect(fixture.output(of: "x = digits[5:2]").errors.contains("selects no rows"))
        #expect(fixture.output(of: "x = ring_fake[label==1]").errors.contains("'ring_fake' has no labels"))
        #expect(fixture.output(of: "2x = digits").errors.contains("not a valid name"))
        #expect(fixture.state.session["x"] == nil)
    }

    @Test func statementsStopAtTheFirstFailure() {
        let fixture = ShellFixture(loadDatasets: false)
        let result = fixture.output(of: "echo one; bogus; echo two")
        #expect(result.output == "one\n")
        #expect(result.outcome == .failed)
    }

    @Test func jsonModePrintsOneObjectPerCommandEvenForErrors() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        let result = fixture.output(of: "describe ring; set seed=3; head nothing")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil)
        }
        let describe = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(describe["rows"] as? Int == 2000)
        #expect(describe["classes"] as? Int == 8)
        let last = try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as! [String: Any]
        #expect(last["ok"] as? Bool == false)
    }

    @Test func csvModeKeepsFullPrecision() {
        let fixture = ShellFixture()
        fixture.run("mode csv")
        let output = fixture.output(of: "head ring n=1").output
        #expect(output.hasPrefix("row,x,y,label\n0,1.98407"))
    }

    @Test func sessionsAreSeparateWorkspaces() {
        let fixture = ShellFixture()
        #expect(fixture.run("session new scratch") == .succeeded)
        #expect(fixture.state.session.names.isEmpty)
        #expect(fixture.output(of: "session new scratch").errors.contains("exists"))
        #expect(fixture.run("session use main") == .succeeded)
        #expect(fixture.state.session["digits"] != nil)
        #expect(fixture.output(of: "session use mian").errors.contains("did you mean 'main'?"))
        #expect(fixture.run("session drop scratch") == .succeeded)
        #expect(fixture.state.sessionOrder == ["main"])
        #expect(fixture.output(of: "session bogus").errors.contains("unknown 'session' subcommand 'bogus'"))
    }

    @Test func dropAndRenameCheckNamesFirst() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "drop ring digts").errors.contains("did you mean 'digits'"))
        #expect(fixture.state.session["ring"] != nil, "a typo in one name drops nothing")
        #expect(fixture.output(of: "rename ring digits").errors.contains("'digits' exists"))
        #expect(fixture.run("rename ring circle") == .succeeded)
        #expect(fixture.state.session.names == ["digits", "circle", "ring_fake"])
    }

    @Test func quitWarnsOnceAboutUnsavedChangesWhenInteractive() {
        let fixture = ShellFixture()
        fixture.engine.isInteractive = true
        fixture.run("drop ring_fake")
        let first = fixture.output(of: "quit")
        #expect(first.outcome == .succeeded)
        #expect(first.errors.contains("unsaved changes"))
        #expect(fixture.run("quit") == .quit)
        let batch = ShellFixture()
        batch.run("drop ring_fake")
        #expect(batch.run("quit") == .quit)
    }

    @Test func sleepIsCancelledByTheToken() {
        let fixture = ShellFixture(loadDatasets: false)
        let token = fixture.state.cancellation
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { token.cancel() }
        let started = Date()
        #expect(fixture.run("sleep 30") == .interrupted)
        #expect(Date().timeIntervalSince(started) < 20, "generous bound: the real figure is ~0.1 s")
        #expect(fixture.sink.errors.contains("interrupted"))
    }

    @Test func sourceRunsRelativeToTheIncludingFileAndRefusesCycles() throws {
        let fixture = ShellFixture(loadDatasets: false)
        let scripts = fixture.directory.appendingPathComponent("scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try "source inner.scope\necho outer done\n".write(to: scripts.appendingPathComponent("outer.scope"), atomically: true, encoding: .utf8)
        try "echo inner\nbogus line\n".write(to: scripts.appendingPathComponent("inner.scope"), atomically: true, encoding: .utf8)
        try "source self.scope\n".write(to: scripts.appendingPathComponent("self.scope"), atomically: true, encoding: .utf8)
        let result = fixture.output(of: "source scripts/outer.scope")
        #expect(result.outcome == .failed)
        #expect(result.output == "inner\n")
        #expect(result.errors == "scripts/inner.scope:2: error: unknown command 'bogus' (type 'help' for the list)\n")
        let cycle = fixture.output(of: "source scripts/self.scope")
        #expect(cycle.errors.contains("source cycle: self.scope → self.scope"))
        #expect(fixture.output(of: "source scripts").errors.contains("is a directory"))
        #expect(fixture.output(of: "source missing.scope").errors.contains("missing.scope: no such file"))
    }

    @Test func badPathsGetClearErrors() throws {
        let fixture = ShellFixture(loadDatasets: false)
        #expect(fixture.output(of: "load x missing.npy").errors == "error: missing.npy: no such file\n")
        #expect(fixture.output(of: "load x .").outcome == .failed)
        let locked = fixture.directory.appendingPathComponent("locked.npy")
        try Data([1, 2, 3]).write(to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        if getuid() != 0 {
            #expect(fixture.output(of: "load x locked.npy").errors.contains("permission denied"))
        }
        #expect(fixture.output(of: "export digits nowhere/x.npy").outcome == .failed)
        #expect(fixture.state.session.names.isEmpty)
    }

    @Test func aHugeLineIsHandled() {
        let fixture = ShellFixture(loadDatasets: false)
        let word = String(repeating: "a", count: 1 << 20)
        let result = fixture.output(of: "echo \(word)")
        #expect(result.outcome == .succeeded)
        #expect(result.output.count == (1 << 20) + 1)
        #expect(fixture.output(of: String(repeating: "x", count: 1 << 20)).errors.hasPrefix("error: unknown command"))
    }
}
