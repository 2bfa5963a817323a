import Testing

@testable import LineEditing

@Suite struct CompletionEditTests {
    private func edit(_ line: String, cursor: Int? = nil, start: Int, _ candidates: [String]) -> CompletionEdit? {
        CompletionEdit(
            completion: Completion(replacementStart: start, candidates: candidates),
            request: CompletionRequest(line: line, cursor: cursor ?? line.utf8.count))
    }

    @Test func soleCandidateIsCompletedWithASpace() {
        #expect(
            edit("metrics re", start: 8, ["real"])
                == CompletionEdit(charactersToDelete: 0, insertion: "al ", listing: []))
    }

    @Test func soleDirectoryGetsNoSpace() {
        #expect(
            edit("load x da", start: 7, ["data/"])
                == CompletionEdit(charactersToDelete: 0, insertion: "ta/", listing: []))
    }

    @Test func soleOptionNameGetsNoSpace() {
        #expect(
            edit("head x n", start: 7, ["n="])
                == CompletionEdit(charactersToDelete: 0, insertion: "=", listing: []))
    }

    @Test func candidateThatDoesNotExtendTheWordReplacesIt() {
        // Case-insensitive completers may return a different spelling: the typed word is replaced.
        #expect(
            edit("LO", start: 0, ["load"]) == CompletionEdit(charactersToDelete: 2, insertion: "load ", listing: []))
    }

    @Test func severalCandidatesCompleteTheCommonPrefixAndList() {
        #expect(
            edit("l", start: 0, ["load", "list", "load"])
                == CompletionEdit(charactersToDelete: 0, insertion: "", listing: ["load", "list"]))
        #expect(
            edit("ex", start: 0, ["export", "exports"])
                == CompletionEdit(charactersToDelete: 0, insertion: "port", listing: ["export", "exports"]))
    }

    @Test func commonPrefixMayRespellButNeverShortensTheTypedWord() {
        #expect(
            edit("Abx", start: 0, ["abc", "abd"])
                == CompletionEdit(charactersToDelete: 0, insertion: "", listing: ["abc", "abd"]))
        #expect(
            edit("Ab", start: 0, ["abc", "abd"])
                == CompletionEdit(charactersToDelete: 2, insertion: "ab", listing: ["abc", "abd"]))
    }

    @Test func cursorInsideTheLineLeavesTheRestAlone() {
        // "tsne re| k=5": only the word before the cursor is considered.
        #expect(
            edit("tsne re k=5", cursor: 7, start: 5, ["real"])
                == CompletionEdit(charactersToDelete: 0, insertion: "al ", listing: []))
    }

    @Test func deletionCountsUnicodeScalarsNotBytes() {
        // "é" is 2 UTF-8 bytes but one libedit (wide) character.
        let line = "load é"
        #expect(edit(line, start: 5, ["E1"]) == CompletionEdit(charactersToDelete: 1, insertion: "E1 ", listing: []))
        #expect(
            edit("naï", start: 0, ["naïve", "naïf"])
                == CompletionEdit(charactersToDelete: 0, insertion: "", listing: ["naïve", "naïf"]))
    }

    @Test func commonPrefixDoesNotSplitGraphemes() {
        #expect(CompletionEdit.longestCommonPrefix(of: ["e\u{301}x", "e\u{301}y"]) == "e\u{301}")
        #expect(CompletionEdit.longestCommonPrefix(of: ["e\u{301}", "ex"]) == "")
        #expect(CompletionEdit.longestCommonPrefix(of: []) == "")
    }

    @Test func nothingToDoOrBadOffsetsGiveNil() {
        #expect(edit("xyz", start: 0, []) == nil)
        #expect(edit("abc", start: -1, ["a"]) == nil)
        #expect(edit("abc", cursor: 1, start: 2, ["a"]) == nil)  // start after cursor
        #expect(edit("abc", cursor: 9, start: 0, ["a"]) == nil)  // cursor past the end
        #expect(edit("é", cursor: 1, start: 0, ["a"]) == nil)  // cursor inside a UTF-8 sequence
        #expect(edit("éa", cursor: 3, start: 1, ["a"]) == nil)  // start inside a UTF-8 sequence
    }

    @Test func textBeforeCursorClampsOutOfRangeCursors() {
        #expect(CompletionRequest(line: "abc", cursor: 2).textBeforeCursor == "ab")
        #expect(CompletionRequest(line: "abc", cursor: 99).textBeforeCursor == "abc")
        #expect(CompletionRequest(line: "abc", cursor: -3).textBeforeCursor == "")
    }
}
