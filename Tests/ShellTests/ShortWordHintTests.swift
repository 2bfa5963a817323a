@testable import Shell
import Testing

/// One-letter typos get a command they start, never the one-character alias `?`; `x =d` gets the
/// assignment hint.
@Suite struct ShortWordHintTests {
    @Test(arguments: [("q", "quit"), ("l", "ls"), ("??", "help")])
    func aShortWordSuggestsACommandItStarts(word: String, expected: String) {
        let fixture = ShellFixture(loadDatasets: false)
        let errors = fixture.output(of: word).errors
        #expect(!errors.contains("'?'"), "\(errors)")
        if word == "??" {
            #expect(errors == "error: unknown command '??' (type 'help' for the list)\n")
        } else {
            #expect(errors == "error: unknown command '\(word)' — did you mean '\(expected)'?\n")
        }
    }

    @Test func noCandidateOfOneCharacterIsEverOffered() {
        #expect(Suggestions.closest(to: "x", among: ["?", "ls"]) == nil)
        #expect(Suggestions.closest(to: "h", among: ["?", "help", "head", "hnsw"]) == "head")
        #expect(Suggestions.closest(to: "lod", among: ["?", "load"]) == "load")
    }

    @Test func anEqualsSignGluedToTheCommandIsAnAssignmentTypo() {
        let fixture = ShellFixture(loadDatasets: false)
        #expect(fixture.output(of: "x =d[0:2]").errors
            == "error: unknown command 'x'; to store a result, put spaces around '=': 'x = d[0:2]'\n")
        #expect(fixture.output(of: "y= d[0:2]").errors
            == "error: unknown command 'y='; to store a result, put spaces around '=': 'y = d[0:2]'\n")
    }
}
