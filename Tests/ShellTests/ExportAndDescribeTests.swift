import DataFiles
import Foundation
import Testing
@testable import Shell
import TestSupport

/// describe FILE, export compressed=, statistics export, row_shape, projector labels, show of a slice.
@Suite struct ExportAndDescribeTests {
    @Test func describeOfAFileListsItsArraysAsShowDoes() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("export digits[0:4] four.npz") == .succeeded)
        #expect(fixture.run("export digits[0:4] four.safetensors") == .succeeded)
        for file in ["four.npz", "four.safetensors"] {
            let described = fixture.output(of: "describe \(file)")
            #expect(described.outcome == .succeeded, "\(described.errors)")
            #expect(described.output == fixture.output(of: "show \(file)").output)
        }
        let npz = fixture.output(of: "describe four.npz").output
        #expect(npz.contains("data       4×64") && npz.contains("labels     4") && npz.contains("row_shape  2"))
        #expect(fixture.output(of: "describe four.safetensors").output.contains("data    4×8×8  F32"))
        #expect(fixture.output(of: "describe nothing_here").errors.contains("no object named 'nothing_here'"))
    }

    @Test func npzMembersThatAreNotArraysAreSkippedWithANote() throws {
        let fixture = ShellFixture()
        try FileManager.default.copyItem(
            at: RepositoryPaths.root.appendingPathComponent("Tests/DataFilesTests/Fixtures/with_readme.npz"),
            to: fixture.directory.appendingPathComponent("with_readme.npz"))
        let note = "with_readme.npz: skipped member 'readme.txt', which is not an .npy array"
        let shown = fixture.output(of: "show with_readme.npz")
        #expect(shown.output.contains("data    3×4") && shown.errors.contains(note), "\(shown)")
        let loaded = fixture.output(of: "load r with_readme.npz")
        #expect(loaded.outcome == .succeeded && loaded.errors.contains(note))
        #expect(fixture.dataset("r")?.rowCount == 3)
    }

    @Test func compressedExportDeflatesAndLoadsBack() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("export digits plain.npz") == .succeeded)
        #expect(fixture.run("export digits small.npz compressed=yes") == .succeeded)
        func size(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: fixture.directory.appendingPathComponent(name).path)[.size] as? Int ?? 0
        }
        #expect(try size("small.npz") * 2 < size("plain.npz"), "digits (0…16 pixel values) deflate to under half")
        #expect(fixture.run("load back small.npz") == .succeeded)
        #expect(fixture.dataset("back") == fixture.dataset("digits").map { var d = $0; d.sourceType = "<f4"; return d })
        let refused = fixture.output(of: "export digits small.csv compressed=yes")
        #expect(refused.errors.contains("compressed=yes applies to .npz files only"))
    }

    @Test func statisticsExportOnlyAsNpz() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("s = stats digits") == .succeeded)
        for line in ["export s s.csv", "export s s.npy", "export s s.tsv format=csv", "export s s.npz format=csv"] {
            let result = fixture.output(of: line)
            #expect(result.outcome == .failed, "\(line)")
            #expect(result.errors.contains(".npz only"), "\(line): \(result.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("s.csv").path))
        #expect(fixture.run("export s s.npz compressed=yes") == .succeeded)
        #expect(fixture.run("load s2 s.npz") == .succeeded)
        guard case .statistics(let original)? = fixture.state.session["s"], case .statistics(let loaded)? = fixture.state.session["s2"]
        else { Issue.record("statistics expected"); return }
        #expect(loaded == original)
    }

    @Test func npzExportWritesRowShapeForPlainRowsToo() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("export ring ring.npz") == .succeeded)
        #expect(fixture.output(of: "show ring.npz").output.contains("row_shape  1"))
        #expect(fixture.run("load back ring.npz") == .succeeded)
        #expect(fixture.dataset("back")?.rowShape == nil, "row_shape [d] is no image shape")
        #expect(fixture.dataset("back")?.values == fixture.dataset("ring")?.values)
    }

    @Test func projectorExportRefusesLabelsWithTabsOrLineBreaks() throws {
        let fixture = ShellFixture()
        try "x,y,label\n1,2,\"a\tb\"\n3,4,c\n".write(
            to: fixture.directory.appendingPathComponent("tabbed.csv"), atomically: true, encoding: .utf8)
        #expect(fixture.run("load t tabbed.csv labels=label") == .succeeded)
        let result = fixture.output(of: "export t proj format=projector")
        #expect(result.errors.contains("label \"a\\tb\" holds a tab or line break"), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("proj").path))
    }

    @Test func showOfASliceListsItsOwnClasses() {
        let fixture = ShellFixture()
        let shown = fixture.output(of: "show digits[0:1]").output
        #expect(shown.contains("1 classes: 0"), "\(shown)")
        #expect(fixture.output(of: "show digits").output.contains("10 classes: 0, 1, 2"))
    }

    @Test func anAllNonFiniteColumnIsDescribedAsNan() throws {
        let fixture = ShellFixture()
        try "x,y\n1,nan\n2,inf\n".write(to: fixture.directory.appendingPathComponent("y.csv"), atomically: true, encoding: .utf8)
        #expect(fixture.run("load y y.csv") == .succeeded)
        let described = fixture.output(of: "describe y").output
        let row = described.split(separator: "\n").first { $0.hasPrefix("y ") }.map(String.init) ?? ""
        #expect(row.split(separator: " ").map(String.init) == ["y", "nan", "nan", "nan", "nan", "2"], "\(described)")
    }
}
