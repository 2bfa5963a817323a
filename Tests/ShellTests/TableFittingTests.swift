import Foundation
@testable import Shell
import Testing

/// Human tables fit the terminal by cutting long text cells before dropping whole columns.
@Suite struct TableFittingTests {
    @Test func aLongSourceIsCutAndTheOtherColumnsStay() throws {
        let fixture = ShellFixture(loadDatasets: false)
        fixture.state.settings.terminalWidth = 80
        fixture.run("load d digits.npy")
        let dataset = try #require(fixture.dataset("d"))
        fixture.state.session.store(.dataset(dataset), as: "long", provenance: Provenance(String(repeating: "metrics d d only=fd; ", count: 20)))
        let lines = fixture.output(of: "ls").output.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["name", "kind", "shape", "labels", "source"])
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines)")
        let row = try #require(lines.first { $0.hasPrefix("long") })
        #expect(row.contains("dataset") && row.contains("1797×64") && row.hasSuffix("…"))
        #expect(!lines.contains { $0.contains("columns,") }, "no column was elided")
    }

    @Test func numbersAreNeverCut() {
        var table = ResultTable(columns: ["a", "b", "c", "d", "e", "f"])
        table.append([.integer(123_456_789), .text(String(repeating: "t", count: 200)), .integer(1), .integer(2), .integer(3), .integer(4)])
        var settings = ShellSettings()
        settings.terminalWidth = 60
        let text = Renderer(settings: settings).humanTable(table)
        #expect(text.contains("123456789"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }
}
