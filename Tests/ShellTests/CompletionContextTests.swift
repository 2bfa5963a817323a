import Testing
@testable import Shell

/// Completion where the value kind alone says too little: `labels=` paths, `open` saved sessions, quoted
/// paths, `help` topics, comma-separated metric names and label selections.
@Suite struct CompletionContextTests {
    let files: [String: [(name: String, isDirectory: Bool)]] = [
        "/work": [("data", true), ("digits.npy", false), ("digits_labels.npy", false), ("README.md", false), ("my runs", true)],
        "/work/data": [("ring real.npy", false), ("ring_fake.npy", false)],
        "/work/my runs": [("first", true)],
        "/store": [("main", true), ("mainline", true), ("scratch", true), (".staging", true), ("stray.txt", false)],
    ]

    func complete(_ line: String) -> CompletionResult? {
        let listing = files
        let context = CompletionContext(
            registry: .standard, objectNames: ["digits", "ring"], sessionNames: ["main"], workingDirectory: "/work",
            sessionStoreDirectory: "/store",
            listDirectory: { path in listing[path.hasSuffix("/") ? String(path.dropLast()) : path] ?? [] })
        return Completer.complete(line: line, cursor: line.utf8.count, context: context)
    }

    @Test func labelsCompletesPaths() {
        #expect(complete("load x digits.npy labels=dig")?.candidates == ["digits.npy", "digits_labels.npy"])
        #expect(complete("load x digits.npy labels=digits_")?.replacementStart == "load x digits.npy labels=".utf8.count)
        #expect(complete("load x digits.npy labels=da")?.candidates == ["data/"])
    }

    @Test func openOffersSavedSessionsAndDirectoriesOnly() {
        #expect(complete("open ma")?.candidates == ["main", "mainline"])
        #expect(complete("open ")?.candidates == ["data/", "main", "mainline", "my\\ runs/", "scratch"])
        #expect(complete("open data/") == nil, "files inside a directory are never sessions")
    }

    @Test func aQuotedPathKeepsItsQuote() {
        #expect(complete("load x \"data/ring r")?.candidates == ["\"data/ring real.npy\""])
        #expect(complete("load x \"data/ring")?.candidates == ["\"data/ring real.npy\"", "\"data/ring_fake.npy\""])
        #expect(complete("load x \"data/ring")?.replacementStart == "load x ".utf8.count)
        #expect(complete("load x \"my")?.candidates == ["\"my runs/"], "a directory stays open for more typing")
        #expect(complete("load x 'da")?.candidates == ["'data/"])
    }

    @Test func helpOffersCanonicalNames() {
        #expect(complete("help sess")?.candidates == ["session"])
        #expect(complete("help lo")?.candidates == ["load"])
    }

    @Test func metricListsCompleteTheWordAfterTheLastComma() {
        let only = complete("metrics digits ring only=")?.candidates ?? []
        #expect(only.contains("fd") && only.contains("prdc") && only.contains("authenticity"))
        #expect(complete("metrics digits ring only=pr")?.candidates == ["pr", "prdc"])
        #expect(complete("metrics digits ring only=fd,k")?.candidates == ["fd,kid"])
        #expect(complete("metrics digits ring only=fd,f") == nil, "a metric already given is not offered again")
    }

    @Test func labelSelectionsAfterABracket() {
        #expect(complete("head digits[la")?.candidates == ["digits[label!=", "digits[label=="])
        #expect(complete("head digits[label=")?.candidates == ["digits[label=="])
        #expect(complete("head nothing[la") == nil)
    }
}
