import Foundation
@testable import Shell
import Testing

/// Small things a user notices: one `interrupted` for a Ctrl-C inside `source`, cut words that keep their
/// closing quote, and when colour is used.
@Suite struct CosmeticTests {
    @Test func anInterruptInsideSourceIsReportedOnce() throws {
        let fixture = ShellFixture(loadDatasets: false)
        let script = fixture.directory.appendingPathComponent("sl.scope")
        try "sleep 30\necho after-sleep\n".write(to: script, atomically: true, encoding: .utf8)
        let token = fixture.state.cancellation
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            token.cancel()
        }
        canceller.start()
        let result = fixture.output(of: "source sl.scope")
        #expect(result.outcome == .interrupted)
        #expect(result.errors == "interrupted\n")
        #expect(!result.output.contains("after-sleep"))
    }

    @Test func aCutWordKeepsItsClosingQuoteAndColon() {
        let long = String(repeating: "y", count: 200)
        #expect(ShellEngine.shorteningLongWords("error: '\(long)': no such file")
            == "error: '" + String(repeating: "y", count: 79) + "…(201 bytes)': no such file")
        #expect(ShellEngine.shorteningLongWords(long + " x") == String(repeating: "y", count: 80) + "…(200 bytes) x")
    }

    @Test func colourNeedsATerminalThatShowsItAndNoNonEmptyNoColor() {
        #expect(ShellSettings.wantsColor(standardOutputIsTerminal: true, environment: ["TERM": "xterm"]))
        #expect(ShellSettings.wantsColor(standardOutputIsTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": ""]))
        #expect(!ShellSettings.wantsColor(standardOutputIsTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(!ShellSettings.wantsColor(standardOutputIsTerminal: true, environment: ["TERM": "dumb"]))
        #expect(!ShellSettings.wantsColor(standardOutputIsTerminal: false, environment: ["TERM": "xterm"]))
    }
}
