import Testing

@testable import LineEditing

@Suite struct CandidateListingTests {
    @Test func fillsColumnsTopToBottom() {
        // Column width 4 + 2 = 6; (14 + 2) / 6 = 2 columns; 5 items → 3 rows.
        let listing = CandidateListing(candidates: ["aaaa", "b", "c", "d", "e"], terminalWidth: 14)
        #expect(listing.lines == ["aaaa  d", "b     e", "c"])
        #expect(listing.text == "\naaaa  d\nb     e\nc\n")
    }

    @Test func oneWideCandidatePerLineWhenTheTerminalIsNarrow() {
        let listing = CandidateListing(candidates: ["alpha", "beta"], terminalWidth: 3)
        #expect(listing.lines == ["alpha", "beta"])
    }

    @Test func allOnOneLineWhenTheyFit() {
        let listing = CandidateListing(candidates: ["load", "list"], terminalWidth: 100)
        #expect(listing.lines == ["load  list"])
    }

    @Test func unknownWidthFallsBackToEightyColumns() {
        // 20 candidates of width 8 + 2 = 10 → 8 columns at 80 wide → 3 rows.
        let candidates = (0..<20).map { "word\($0)".padding(toLength: 8, withPad: "_", startingAt: 0) }
        #expect(CandidateListing(candidates: candidates, terminalWidth: 0).lines.count == 3)
    }

    @Test func emptyListingPrintsNothingButTheNewline() {
        #expect(CandidateListing(candidates: [], terminalWidth: 80).lines.isEmpty)
    }

    @Test func confirmationAboveBashThreshold() {
        #expect(!CandidateListing(candidates: Array(repeating: "x", count: 100), terminalWidth: 80).needsConfirmation)
        #expect(CandidateListing(candidates: Array(repeating: "x", count: 101), terminalWidth: 80).needsConfirmation)
    }
}
