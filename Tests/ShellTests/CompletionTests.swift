import Testing
@testable import Shell

@Suite struct CompletionTests {
    let files: [String: [(name: String, isDirectory: Bool)]] = [
        "/work": [("data", true), ("digits.npy", false), ("digits.csv", false), ("notes.md", false), (".hidden", false)],
        "/work/data": [("ring.npy", false)],
    ]

    func complete(_ line: String, cursor: Int? = nil) -> CompletionResult? {
        let listing = files
        let context = CompletionContext(
            registry: .standard, objectNames: ["digits", "ring", "ring_fake"], sessionNames: ["main", "scratch"],
            workingDirectory: "/work", listDirectory: { path in listing[path.hasSuffix("/") ? String(path.dropLast()) : path] ?? [] })
        return Completer.complete(line: line, cursor: cursor ?? line.utf8.count, context: context)
    }

    @Test func commandNamesAtTheStart() {
        #expect(complete("lo")?.candidates == ["load"])
        #expect(complete("de")?.candidates == ["describe"])
        #expect(complete("x = he")?.candidates == ["head", "help"])
        #expect(complete("echo a; sa")?.candidates == ["save"])
        #expect(complete("zzz") == nil)
    }

    @Test func subcommands() {
        #expect(complete("session ")?.candidates == ["drop", "list", "new", "use"])
        #expect(complete("session u")?.candidates == ["use"])
        #expect(complete("session use ")?.candidates == ["main", "scratch"])
    }

    @Test func objectNamesWhereAnObjectIsExpected() {
        #expect(complete("describe ri")?.candidates == ["ring", "ring_fake"])
        let result = complete("head d")
        #expect(result?.candidates == ["digits"])
        #expect(result?.replacementStart == 5)
    }

    @Test func optionNamesAndFixedValues() {
        #expect(complete("head digits ")?.candidates == ["n="])
        #expect(complete("load x digits.npy hea")?.candidates == ["header="])
        let value = complete("load x digits.npy header=y")
        #expect(value?.candidates == ["yes"])
        #expect(value?.replacementStart == "load x digits.npy header=".utf8.count)
        #expect(complete("mode ")?.candidates == ["csv", "json", "table", "tsv"])
        #expect(complete("load x digits.npy header=yes hea") == nil, "an option already given is not offered again")
    }

    @Test func pathsOnlyWherePathsAreExpected() {
        #expect(complete("load x ")?.candidates == ["data/", "digits.csv", "digits.npy"], ".md and hidden files are left out")
        #expect(complete("load x d")?.candidates.contains("digits.npy") == true)
        #expect(complete("load x data/")?.candidates == ["data/ring.npy"])
        #expect(complete("head ")?.candidates.contains("digits.npy") == false)
        #expect(complete("describe ")?.candidates.contains("digits.npy") == true, "describe lists a file's arrays")
        #expect(complete("source ")?.candidates.contains("notes.md") == true)
    }
}
