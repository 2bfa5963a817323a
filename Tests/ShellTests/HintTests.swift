import Foundation
@testable import Shell
import Testing

/// Near misses get a suggestion of what was meant.
@Suite struct HintTests {
    @Test func aMisspelledSubcommandOfACommandThatTakesDataIsSuggested() {
        let fixture = ShellFixture(loadDatasets: false)
        fixture.run("load d digits.npy")
        #expect(fixture.output(of: "plot imges d").errors == "error: no object named 'imges' in session 'main' — did you mean 'plot images'?\n")
        #expect(!fixture.output(of: "plot dd").errors.contains("plot images"), "no sub-command is near 'dd'")
    }

    @Test func anAssignmentWithoutSpacesIsExplained() {
        let fixture = ShellFixture(loadDatasets: false)
        #expect(fixture.output(of: "y=d[0:2]").errors
            == "error: unknown command 'y=d[0:2]'; to store a result, put spaces around '=': 'y = d[0:2]'\n")
        #expect(fixture.output(of: "x=head d n=2").errors.contains("'x = head d n=2'"))
    }

    @Test func helpSuggestsCanonicalNames() {
        let fixture = ShellFixture(loadDatasets: false)
        #expect(fixture.output(of: "help sesion").errors == "error: no help for 'sesion' — did you mean 'session'?\n")
    }

    @Test func sessionListSaysWhereEachSessionWasSaved() {
        let fixture = ShellFixture()
        let csv = { () -> String in
            fixture.run("mode csv")
            return fixture.output(of: "session list").output
        }()
        #expect(csv.hasPrefix("session,current,objects,unsaved,saved_to\n"))
        #expect(csv.contains("saved_session"))
    }
}
