import DataFiles
import Foundation
import LinearAlgebra
@testable import Shell
import Testing

/// Ctrl-C while a large result prints: the renderer writes a block of rows at a time and checks the token
/// before each block, so output stops at a row boundary and nothing follows the cancellation.
@Suite struct OutputCancellationTests {
    /// Trips `token` as soon as the first block of output arrives, as a Ctrl-C during printing would.
    final class CancellingSink: OutputSink {
        let token: CancellationToken
        private(set) var outputWrites: [String] = []
        private(set) var errors = ""
        init(token: CancellationToken) { self.token = token }
        func writeOutput(_ text: String) {
            outputWrites.append(text)
            token.cancel()
        }
        func writeError(_ text: String) { errors += text }
    }

    func engine(mode: String) -> (ShellEngine, CancellingSink, ShellFixture) {
        let fixture = ShellFixture()
        fixture.run("mode \(mode)")
        let sink = CancellingSink(token: fixture.state.cancellation)
        return (ShellEngine(state: fixture.state, sink: sink), sink, fixture)
    }

    @Test(arguments: ["csv", "table", "tsv"])
    func cancellingDuringHeadStopsAfterTheBlockInFlight(mode: String) throws {
        let (engine, sink, fixture) = engine(mode: mode)
        let outcome = engine.execute(line: "head digits n=1797")
        #expect(outcome == .interrupted)
        #expect(sink.errors == "interrupted\n")
        // One block went out before the token tripped; the remaining 1,797 − 256 rows never did.
        #expect(sink.outputWrites.count == 1)
        let lines = sink.outputWrites.joined().split(separator: "\n", omittingEmptySubsequences: false)
        let headerLines = mode == "table" ? 2 : 1
        #expect(lines.count == headerLines + BlockedOutput.rowsPerBlock + 1)
        #expect(lines.last == "")
        let lastRow = try #require(lines.dropLast().last)
        #expect(lastRow.drop(while: { $0 == " " }).hasPrefix("\(BlockedOutput.rowsPerBlock - 1)"))
        _ = fixture
    }

    @Test func jsonStaysOneWholeLineOrNothing() {
        let (engine, sink, fixture) = engine(mode: "json")
        #expect(engine.execute(line: "head digits n=1797") == .succeeded)
        #expect(sink.outputWrites.count == 1)
        #expect(sink.outputWrites[0].hasSuffix("}\n"))
        _ = fixture
    }

    @Test func aTokenTrippedBeforePrintingPrintsNothing() {
        let token = CancellationToken()
        token.cancel()
        let sink = CapturingSink()
        var result = CommandResult()
        result.table = ResultTable(columns: ["a"], rows: [[.integer(1)]])
        #expect(throws: CancellationError.self) {
            try Renderer(settings: ShellSettings()).write(result, command: "head", to: sink, token: token)
        }
        #expect(sink.output.isEmpty)
        // The string form is never cancelled.
        #expect(Renderer(settings: ShellSettings()).render(result, command: "head").contains("1"))
    }

    @Test func headStopsBuildingItsTableOnceCancelled() throws {
        let fixture = ShellFixture()
        let dataset = try #require(fixture.dataset("digits"))
        let token = CancellationToken()
        let table = try ResultTable.leadingRows(of: dataset, count: 3, token: token)
        #expect(table.rows.count == 3)
        #expect(table.columns.count == 1 + 64 + 1)
        #expect(table.rows[2][0] == .integer(2))
        #expect(table.rows[2][1] == dataset.values.row(2).first.map { Cell.float($0) })
        token.cancel()
        #expect(throws: CancellationError.self) { try ResultTable.leadingRows(of: dataset, count: 1797, token: token) }
    }
}
