import Foundation
import LinearAlgebra
import Testing
@testable import Shell

/// Every command that takes allow_nonfinite: refused without it (naming the dataset, the count and the
/// first row); with it, the result equals the result on the same data with those rows removed by hand.
@Suite struct NonFiniteGuardTests {
    /// `{B}` stands for the dataset under test: `dirty` (two rows hold NaN/Inf) or `clean` (those rows removed).
    static let commands = [
        "nn {B} other k=3", "nn other {B} k=3", "nn {B} {B} k=2",
        "hnsw {B} M=4 ef_construction=16 seed=1",
        "memorization {B} other cells=2", "memorization other {B} cells=2",
        "memorization other other test={B} cells=2",
        "distances {B} other", "distances other {B} k=2",
        "metrics {B} other only=fd,pr", "metrics other {B} only=fd,kid kid_subset_size=20 kid_subsets=3",
        "metrics other other only=tstr test={B}", "metrics other other only=fd train={B}",
        "metrics other other only=modes centers={B} std=0.5",
        "stats {B}",
        "plot hist {B} column=1 out=h_{B}.svg", "plot hist other vs={B} column=2 out=v_{B}.svg",
    ]

    /// A fixture holding `dirty` (60 rows, NaN in row 5, +Inf in row 7), `clean` (the other 58) and `other`.
    static func fixture() throws -> ShellFixture {
        let fixture = ShellFixture(loadDatasets: false)
        var generator = SeededGenerator(seed: 7)
        func rows(_ count: Int) -> [[String]] {
            (0..<count).map { row in
                (0..<3).map { _ in String(format: "%.4f", Double.random(in: -2..<2, using: &generator)) } + [row % 3 == 0 ? "a" : "b"]
            }
        }
        var bad = rows(60)
        bad[5][1] = "nan"
        bad[7][2] = "inf"
        let clean = bad.enumerated().filter { $0.offset != 5 && $0.offset != 7 }.map(\.element)
        for (name, table) in [("dirty", bad), ("clean", clean), ("other", rows(50))] {
            let text = "x0,x1,x2,label\n" + table.map { $0.joined(separator: ",") + "\n" }.joined()
            try text.write(to: fixture.directory.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
            #expect(fixture.run("load \(name) \(name).csv labels=label") == .succeeded)
        }
        fixture.run("set seed=3")
        return fixture
    }

    @Test(arguments: commands)
    func refusedByDefaultAndDropsRowsWhenAllowed(_ template: String) throws {
        let fixture = try Self.fixture()
        let refused = fixture.output(of: template.replacingOccurrences(of: "{B}", with: "dirty"))
        #expect(refused.outcome == .failed)
        #expect(refused.errors.contains("'dirty' has 2 NaN/Inf values (first in row 5)"), "\(refused.errors)")

        let allowed = fixture.output(of: template.replacingOccurrences(of: "{B}", with: "dirty") + " allow_nonfinite=yes")
        #expect(allowed.outcome == .succeeded, "\(allowed.errors)")
        #expect(allowed.errors.contains("dropped 2 of 60 rows of 'dirty' holding NaN/Inf (rows 5, 7)"), "\(allowed.errors)")
        let allowedValue = fixture.state.session["_"]
        let expected = fixture.output(of: template.replacingOccurrences(of: "{B}", with: "clean"))
        #expect(expected.outcome == .succeeded, "\(expected.errors)")
        if !template.hasPrefix("plot") {  // a plot's byte count depends on its names' glyph widths; see below
            #expect(allowed.output.replacingOccurrences(of: "dirty", with: "clean") == expected.output)
        }
        if template.hasPrefix("stats") { #expect(allowedValue == fixture.state.session["_"]) }
        if template.hasPrefix("plot") {
            // Legend widths follow the glyphs of the names, so the expected picture is drawn from the hand-
            // cleaned rows loaded under the same name, in a second session.
            let cleanedUnderSameName = ShellFixture(loadDatasets: false)
            for (name, file) in [("dirty", "clean"), ("other", "other")] {
                try FileManager.default.copyItem(
                    at: fixture.directory.appendingPathComponent("\(file).csv"),
                    to: cleanedUnderSameName.directory.appendingPathComponent("\(file).csv"))
                #expect(cleanedUnderSameName.run("load \(name) \(file).csv labels=label") == .succeeded)
            }
            #expect(cleanedUnderSameName.run(template.replacingOccurrences(of: "{B}", with: "dirty")) == .succeeded)
            let file = template.contains("vs=") ? "v_dirty.svg" : "h_dirty.svg"
            let drawn = try String(contentsOf: fixture.directory.appendingPathComponent(file), encoding: .utf8)
            let expectedDrawing = try String(
                contentsOf: cleanedUnderSameName.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(drawn == expectedDrawing)
        }
    }

    @Test func statsAcceptsTheOptionItAdvertises() throws {
        let fixture = try Self.fixture()
        #expect(fixture.output(of: "stats dirty allow_nonfinite=yes").outcome == .succeeded)
        #expect(fixture.output(of: "stats dirty").errors.contains("pass allow_nonfinite=yes to drop"))
    }

    @Test func allNonFiniteRowsLeaveNothingAndSaySo() throws {
        let fixture = try Self.fixture()
        let result = fixture.output(of: "nn dirty[5:6] other allow_nonfinite=yes")
        #expect(result.outcome == .failed)
        #expect(result.errors.contains("every row of 'dirty[5:6]' holds NaN/Inf"))
    }

    @Test func nonFiniteStatisticsWarnOnLoadAndAreRefusedByMetricsAndMerge() throws {
        let fixture = try Self.fixture()
        #expect(fixture.run("stats clean out=good.npz") == .succeeded)
        // Rewrite the shard with an infinite sigma through our own writer.
        guard case .statistics(var statistics) = fixture.state.session["_"] else { Issue.record("no statistics"); return }
        statistics.covariance[0, 0] = .infinity
        statistics.mean[1] = .nan
        fixture.state.session.store(.statistics(statistics), as: "broken", provenance: Provenance("test"))
        #expect(fixture.run("export broken broken.npz") == .succeeded)
        let load = fixture.output(of: "load s broken.npz")
        #expect(load.outcome == .succeeded)
        #expect(load.errors.contains("broken.npz: 2 NaN/Inf values in mu/sigma; metrics refuse 's'"))
        let metrics = fixture.output(of: "metrics s clean only=fd")
        #expect(metrics.errors.contains("statistics 's' hold 2 NaN/Inf values in mu/sigma"))
        let allowed = fixture.output(of: "metrics clean s only=fd allow_nonfinite=yes")
        #expect(allowed.outcome == .failed, "statistics cannot drop rows")
        let merge = fixture.output(of: "merge good.npz broken.npz out=m.npz")
        #expect(merge.errors.contains("statistics 'broken.npz' hold 2 NaN/Inf values"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("m.npz").path))
    }
}
