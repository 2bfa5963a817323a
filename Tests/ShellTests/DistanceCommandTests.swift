import Foundation
import Testing
import TestSupport

@testable import Shell

/// The `distances` command: its quantile table, the stored value, the SVG and clear errors. The numbers
/// themselves are checked against scipy in Tests/MetricsTests/DistanceDistributionTests.swift.
@Suite struct DistanceCommandTests {
    func quantileRows(_ fixture: ShellFixture, _ line: String) throws -> [String: [Double]] {
        #expect(fixture.run("d = \(line)") == .succeeded)
        guard case .table(let table) = fixture.state.session["d"] else {
            Issue.record("distances stored no table")
            return [:]
        }
        #expect(table.columns == ["distribution", "count", "q5", "q25", "q50", "q75", "q95"])
        var rows: [String: [Double]] = [:]
        for row in table.rows {
            guard case .text(let name) = row[0] else { continue }
            rows[name] = row.dropFirst(2).compactMap { cell in
                if case .number(let value) = cell { return value }
                return nil
            }
        }
        return rows
    }

    @Test func collapsedRingShowsShortFakePairs() throws {
        let fixture = ShellFixture()
        let rows = try quantileRows(fixture, "distances ring[0:500] ring_fake[0:500]")
        #expect(Set(rows.keys) == ["fake→real", "real→real", "fake→fake", "real_pairs", "fake_pairs"])
        let realMedian = try #require(rows["real_pairs"]?[2])
        let fakeMedian = try #require(rows["fake_pairs"]?[2])
        #expect(fakeMedian < 0.6 * realMedian)
        // Quantiles ascend within every distribution.
        for values in rows.values { #expect(values == values.sorted()) }
    }

    @Test func jsonFieldsAndHistogramFile() throws {
        let fixture = ShellFixture()
        fixture.run("mode json")
        let output = fixture.output(of: "distances ring[0:300] ring_fake[0:200] k=2 out=h.svg")
        #expect(output.outcome == .succeeded, "\(output.errors)")
        #expect(output.errors.contains("wrote h.svg"))
        let object = try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as? [String: Any] ?? [:]
        #expect(object["k"] as? Int == 2)
        #expect(object["n_real"] as? Int == 300)
        #expect(object["pair_rows_fake"] as? Int == 200)
        let svg = try String(contentsOf: fixture.directory.appendingPathComponent("h.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("fake→fake"))
    }

    @Test func badInputGetsClearMessages() throws {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "distances ring digits").errors.contains("different dimensions (2 vs 64)"))
        #expect(fixture.output(of: "distances ring ring_fake[0:3] k=3").errors.contains("the fake set has 3 rows; k=3 needs at least 4"))
        #expect(fixture.output(of: "distances ring ring_fake k=0").outcome == .failed)
        let path = fixture.directory.appendingPathComponent("bad.csv").path
        try "x,y\n1,2\nnan,3\n4,5\n".write(toFile: path, atomically: true, encoding: .utf8)
        fixture.run("load bad bad.csv")
        #expect(fixture.output(of: "distances bad ring").errors.contains("NaN/Inf"))
    }
}
