import DataFiles
import Foundation
import LinearAlgebra
import Neighbors
import Testing
@testable import Shell

@Suite struct NeighborCommandTests {
    func neighbors(_ fixture: ShellFixture, _ name: String) -> NeighborResult? {
        if case .neighbors(let result) = fixture.state.session[name] { return result }
        return nil
    }

    @Test func printsTheFirstRowsAndStoresTheWholeResult() throws {
        let fixture = ShellFixture()
        let result = fixture.output(of: "near = nn digits[0:20] digits k=3")
        #expect(result.outcome == .succeeded)
        let stored = try #require(neighbors(fixture, "near"))
        #expect(stored.list.queryCount == 20 && stored.list.k == 3)
        // Different names (a selection vs the whole set), so row 0 finds itself at distance 0.
        #expect(Array(stored.list.indices(ofRow: 0)) == [0, 877, 1365])
        let expected = try ExactNeighbors.search(
            fixture.dataset("digits")!.values.rows(0..<20), in: fixture.dataset("digits")!.values, k: 3,
            token: CancellationToken())
        #expect(stored.list == expected)
        // The default shows 5 query rows × k lines, with labels from both sides.
        let lines = result.output.split(separator: "\n").filter { $0.contains("0  ") || $0.first == " " }
        #expect(result.output.contains("query_label"))
        #expect(result.output.contains("   877  0"))
        #expect(lines.count >= 15)
    }

    @Test func sameObjectLeavesEachRowOutOfItsOwnList() throws {
        let fixture = ShellFixture()
        let result = fixture.output(of: "nn digits digits k=2 rows=1")
        #expect(result.errors.contains("each row of digits is left out of its own list"))
        let stored = try #require(neighbors(fixture, "_"))
        for row in 0..<stored.list.queryCount { #expect(!stored.list.indices(ofRow: row).contains(Int32(row))) }
        #expect(Array(stored.list.indices(ofRow: 1)) == [93, 1120])
    }

    @Test func exportWritesIndicesAsInt64AndDistancesAsFloat32() throws {
        let fixture = ShellFixture()
        fixture.run("near = nn ring_fake ring k=4 metric=cosine")
        #expect(fixture.output(of: "export near near.npz").errors.contains("wrote near.npz"))
        #expect(fixture.output(of: "export near near.npy").outcome == .succeeded)
        let stored = try #require(neighbors(fixture, "near"))
        let archive = fixture.directory.appendingPathComponent("near.npz").path
        #expect(try DataFileReader.members(of: archive) == ["indices", "distances"])
        // The npy header says int64 (numpy '<i8'), and the values are the stored indices.
        let npy = try Data(contentsOf: fixture.directory.appendingPathComponent("near.npy"))
        #expect(String(decoding: npy.prefix(80), as: UTF8.self).contains("'descr': '<i8', 'fortran_order': False, 'shape': (2000, 4)"))
        var options = LoadOptions()
        options.key = "distances"
        guard case .dataset(let distances) = try DataFileReader.load(archive, options: options) else {
            Issue.record("distances did not load")
            return
        }
        #expect(distances.values.values == stored.list.distances)
        #expect(fixture.output(of: "export near near.csv").errors.contains("exports as .npz"))
    }

    @Test func resultsSurviveSaveAndOpen() throws {
        let fixture = ShellFixture()
        fixture.run("near = nn digits[0:50] digits k=5")
        let before = try #require(neighbors(fixture, "near"))
        #expect(fixture.run("save nnsave") == .succeeded)
        #expect(fixture.run("open nnsave as=copy") == .succeeded)
        #expect(fixture.state.currentSessionName == "copy")
        #expect(neighbors(fixture, "near") == before)
        #expect(fixture.output(of: "show near").output.contains("neighbors"))
        #expect(fixture.output(of: "ls").output.contains("50×5"))
    }

    @Test func gridNeedsImageRowsAndWritesSVG() throws {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "nn digits[0:2] digits k=3 out=grid.svg").outcome == .succeeded)
        let svg = try String(contentsOf: fixture.directory.appendingPathComponent("grid.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("query 1"))
        #expect(fixture.output(of: "nn ring_fake ring k=2 out=ring.svg").errors.contains("not images"))
    }

    @Test func approximateSearchIsMarkedAndAgreesWithExact() throws {
        let fixture = ShellFixture()
        let result = fixture.output(of: "approx = nn digits digits k=5 exact=no seed=2")
        #expect(result.output.contains("method   hnsw"))
        fixture.run("exact = nn digits digits k=5")
        let approximate = try #require(neighbors(fixture, "approx"))
        let exact = try #require(neighbors(fixture, "exact"))
        #expect(approximate.isApproximate && !exact.isApproximate)
        var hits = 0
        for row in 0..<exact.list.queryCount {
            #expect(!approximate.list.indices(ofRow: row).contains(Int32(row)))
            hits += Set(approximate.list.indices(ofRow: row)).intersection(exact.list.indices(ofRow: row)).count
        }
        #expect(Double(hits) / Double(exact.list.indices.count) >= 0.95)
        #expect(fixture.output(of: "nn digits digits exact=no M=1").outcome == .failed)
    }

    @Test func badInputIsRefusedWithTheReason() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "nn digits ring k=2").errors.contains("the queries have 64 columns but the reference has 2"))
        #expect(fixture.output(of: "nn digits digits[0:3] k=5").errors.contains("k = 5 is larger than the 3 candidate rows"))
        #expect(fixture.output(of: "nn digits digits k=0").outcome == .failed)
        #expect(fixture.output(of: "nn digits digits metric=manhattan").errors.contains("euclidean"))
        #expect(fixture.output(of: "nn digits digits rows=5:2").errors.contains("rows=5:2"))
        #expect(fixture.output(of: "nn digits digits rows=9999").errors.contains("below 1797"))
        #expect(fixture.output(of: "nn digits[label==99] digits").outcome == .failed)
    }
}

@Suite struct MemorizationCommandTests {
    @Test func reportsThresholdFractionsOffendersAndCT() throws {
        let fixture = ShellFixture()
        // Fakes that are training rows: every one sits at distance 0 from the training set.
        let copied = fixture.output(of: "memorization ring[0:500] ring[0:1000] test=ring[1000:2000] cells=4 offenders=2 seed=3")
        #expect(copied.outcome == .succeeded)
        #expect(copied.output.contains("copied_fraction  1"))
        #expect(copied.output.contains("offenders:"))
        let ctLine = try #require(copied.output.split(separator: "\n").first { $0.hasPrefix("c_t ") })
        let ct = try #require(Double(ctLine.split(separator: " ").last.map(String.init) ?? ""))
        #expect(ct < -3)
        // The offenders table is kept as `_`: fake row, nearest train row (itself), distance 0.
        guard case .table(let offenders) = fixture.state.session["_"] else {
            Issue.record("offenders not stored")
            return
        }
        #expect(offenders.rows.count == 2)
        #expect(offenders.rows[0][0] == .integer(0) && offenders.rows[0][1] == .integer(0) && offenders.rows[0][2] == .float(0))
    }

    @Test func freshSamplesScoreNearTheBaseline() throws {
        let fixture = ShellFixture()
        let fresh = fixture.output(of: "memorization ring[1000:2000] ring[0:1000] threshold_quantile=0.1 out=memo.svg")
        #expect(fresh.outcome == .succeeded)
        let line = try #require(fresh.output.split(separator: "\n").first { $0.hasPrefix("copied_fraction") })
        let fraction = try #require(Double(line.split(separator: " ").last.map(String.init) ?? ""))
        #expect(fraction > 0.03 && fraction < 0.2)
        #expect(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("memo.svg").path))
        #expect(!fresh.output.contains("c_t "))
    }

    @Test func badInput() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "memorization digits ring").errors.contains("64 columns"))
        #expect(fixture.output(of: "memorization ring_fake ring[0:10] test=ring[10:20] cells=11").errors.contains("cells=11"))
        #expect(fixture.output(of: "memorization ring_fake ring threshold_quantile=2").outcome == .failed)
    }
}
