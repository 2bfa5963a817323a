import Foundation
import Testing
@testable import Shell

/// Round two of completion: unquoted names with spaces are escaped and `\ ` is understood, `~/` lists the
/// home directory, and commands whose next word is special (`help TOPIC`, `session new`, `save`, `color=`,
/// `x = NAME[`, `drop a b`) offer what they accept.
@Suite struct CompletionEscapeTests {
    let files: [String: [(name: String, isDirectory: Bool)]] = [
        "/work": [("dir with space", true), ("digits.npy", false), ("a.scope", false), ("runs", true)],
        "/work/dir with space": [("x y.npy", false), ("inner", true)],
        "/home/user": [("dd", true), ("notes.txt", false)],
    ]

    func complete(_ line: String) -> CompletionResult? {
        let listing = files
        var context = CompletionContext(
            registry: .standard, objectNames: ["dd", "ring"], sessionNames: ["main"], workingDirectory: "/work",
            listDirectory: { path in listing[path.hasSuffix("/") ? String(path.dropLast()) : path] ?? [] })
        context.homeDirectory = "/home/user"
        return Completer.complete(line: line, cursor: line.utf8.count, context: context)
    }

    @Test func unquotedNamesWithSpacesAreEscapedAndEscapesAreRead() throws {
        #expect(complete("load x di")?.candidates == ["digits.npy", "dir\\ with\\ space/"])
        #expect(complete("load x dir\\ w")?.candidates == ["dir\\ with\\ space/"])
        #expect(complete("load x dir\\ with\\ space/x")?.candidates == ["dir\\ with\\ space/x\\ y.npy"])
        #expect(complete("load x dir\\ with\\ space/x")?.replacementStart == "load x ".utf8.count)
        let tokens = try Tokenizer.statements(in: "load x dir\\ with\\ space/x\\ y.npy")[0].map(\.text)
        #expect(tokens == ["load", "x", "dir with space/x y.npy"], "what completion inserts, the tokenizer reads back")
        #expect(Completer.escaped("a\"b'c;d#e\\f") == "a\\\"b\\'c\\;d\\#e\\\\f")
    }

    @Test func tildeListsTheHomeDirectory() {
        #expect(complete("load x ~")?.candidates == ["~/"])
        #expect(complete("load x ~/")?.candidates == ["~/dd/", "~/notes.txt"])
        #expect(complete("load x ~/d")?.candidates == ["~/dd/"])
    }

    @Test func tildeInAPathIsTheHomeOfTheEnvironment() {
        let fixture = ShellFixture(loadDatasets: false)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        if !home.isEmpty { #expect(ShellState.userHome == home) }
        #expect(fixture.state.resolvePath("~/d/x.npy") == (ShellState.userHome + "/d/x.npy" as NSString).standardizingPath)
        #expect(fixture.state.resolvePath("~other") == fixture.directory.appendingPathComponent("~other").path,
                "only ~ and ~/ are the user's home")
    }

    @Test func helpOffersTheSubcommandsOfItsTopic() throws {
        let candidates = try #require(complete("help session ")?.candidates)
        #expect(Set(candidates) == Set(CommandRegistry.standard.subcommands(of: "session")))
        #expect(candidates.contains("new") && candidates.contains("drop"))
        #expect(complete("help session new ") == nil)
        #expect(complete("help ses")?.candidates == ["session"])
    }

    @Test func aNewSessionNameIsNotCompleted() {
        #expect(complete("session new ") == nil)
        #expect(complete("session new m") == nil)
        #expect(complete("session use ")?.candidates == ["main"])
    }

    @Test func saveOffersDirectoriesOnly() {
        #expect(complete("save ")?.candidates == ["dir\\ with\\ space/", "runs/"])
        #expect(complete("save a") == nil, "a.scope is a file")
    }

    @Test func selectionsCompleteAfterAnAssignment() {
        #expect(complete("x = dd[la")?.candidates == ["dd[label!=", "dd[label=="])
        #expect(complete("x = d")?.candidates.contains("dd") == true)
    }

    @Test func dropDoesNotOfferANameTwice() {
        #expect(complete("drop dd ")?.candidates.contains("dd") == false)
        #expect(complete("drop dd ")?.candidates.contains("ring") == true)
    }

    @Test func colorOffersItsFixedValues() {
        #expect(complete("plot dd color=")?.candidates == ["auto", "label", "none", "real-vs-fake"])
        #expect(complete("plot dd color=r")?.candidates == ["real-vs-fake"])
        #expect(complete("plot dd color=r")?.replacementStart == "plot dd color=".utf8.count)
    }
}
