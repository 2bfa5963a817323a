import DataFiles
import Foundation
import LinearAlgebra
import Testing
@testable import Shell
import TestSupport

/// Issue 4, second round, at the shell: labels from archive members, float32-range notes and errors,
/// provenance with labels=, export notes, describe of statistics and of many classes, escaped labels.
@Suite struct LoadAndExportNotesTests {
    static func copyFixtures(_ names: [String], into fixture: ShellFixture) throws {
        for name in names {
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("Tests/DataFilesTests/Fixtures/\(name)"),
                to: fixture.directory.appendingPathComponent(name))
        }
    }

    @Test func labelsFromAMemberAreLoadedAndShownInTheSource() throws {
        let fixture = ShellFixture(loadDatasets: false)
        try Self.copyFixtures(["features_and_labels.npz", "float_f4_le.npy", "labels_member.npz"], into: fixture)
        #expect(fixture.run("load d features_and_labels.npz key=x labels=y") == .succeeded)
        let shown = fixture.output(of: "show d").output
        #expect(shown.contains("labels  2 classes: cat, dog"))
        #expect(shown.contains("source  load features_and_labels.npz key=x labels=y"))
        let wrongKey = fixture.output(of: "load w float_f4_le.npy labels=labels_member.npz label_key=nope")
        #expect(wrongKey.errors.contains("error: labels_member.npz: has no member 'nope'; members: labels"), "\(wrongKey.errors)")
        let loaded = fixture.output(of: "load e float_f4_le.npy labels=labels_member.npz")
        #expect(loaded.outcome == .succeeded, "\(loaded.errors)")
        #expect(fixture.output(of: "show e").output.contains("source  load float_f4_le.npy labels=labels_member.npz"))
    }

    @Test func float32RangeIsReportedByFileName() throws {
        let fixture = ShellFixture(loadDatasets: false)
        try Self.copyFixtures(["f8_beyond_float32.npy", "f8_underflow.npy"], into: fixture)
        let beyond = fixture.output(of: "load b f8_beyond_float32.npy")
        #expect(beyond.outcome != .succeeded)
        #expect(beyond.errors.contains(
            "f8_beyond_float32.npy: 2 values beyond float32's range (|x| > 3.4028235e38; first in row 0, column 0)"))
        #expect(fixture.dataset("b") == nil)
        let tiny = fixture.output(of: "load t f8_underflow.npy")
        #expect(tiny.outcome == .succeeded)
        #expect(tiny.errors.contains("f8_underflow.npy: 2 values too small for float32 (|x| < 7e-46) became 0"))
    }

    @Test func exportNotesWhatAFormatCannotHold() {
        let fixture = ShellFixture()
        for file in ["d.npy", "d.safetensors"] {
            let exported = fixture.output(of: "export digits \(file)")
            #expect(exported.outcome == .succeeded)
            #expect(exported.errors.contains("labels not written") && exported.errors.contains("export to .npz or .csv"))
        }
        #expect(!fixture.output(of: "export ring_fake plain.npy").errors.contains("labels not written"))
        _ = FileManager.default.createFile(
            atPath: fixture.directory.appendingPathComponent("nan.csv").path, contents: Data("x,y\n1,nan\n2,3\n".utf8))
        #expect(fixture.run("load n nan.csv") == .succeeded)
        let projector = fixture.output(of: "export n proj format=projector")
        #expect(projector.outcome == .succeeded)
        #expect(projector.errors.contains("proj: 1 NaN/Inf values (first in row 0) were written as nan/inf"))
    }

    @Test func describeOfStatisticsSummarisesMeanAndCovariance() throws {
        let fixture = ShellFixture(loadDatasets: false)
        try Self.copyFixtures(["fid_stats.npz"], into: fixture)
        #expect(fixture.run("load s fid_stats.npz") == .succeeded)
        let described = fixture.output(of: "describe s").output
        // fid_stats.npz: mu and sigma of base() (3 × 4, values i/4 − 1): every column has variance 1 (ddof 1),
        // so the trace is 4 (numpy: np.trace(sigma) = 4.0); the means are mu = [0, 0.25, 0.5, 0.75].
        #expect(described.contains("trace         4"), "\(described)")
        #expect(described.contains("mean_min      0\n") && described.contains("mean_mean     0.375"))
        #expect(described.contains("mean_max      0.75") && described.contains("variance_max  1"))
        #expect(described.contains("asymmetry     0") && described.contains("nonfinite     0"))
    }

    @Test func describeListsTheLargestClassesWhenThereAreMany() throws {
        let fixture = ShellFixture(loadDatasets: false)
        let rows = 120
        // 60 classes: class c0 has 61 rows, the others one each.
        var labels = (0..<60).map { "c\($0)" }
        labels += [String](repeating: "c0", count: rows - 60)
        let labelsPath = fixture.directory.appendingPathComponent("many.txt").path
        _ = FileManager.default.createFile(atPath: labelsPath, contents: Data((labels.joined(separator: "\n") + "\n").utf8))
        let values = (0..<rows).map { "\($0),1" }.joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(
            atPath: fixture.directory.appendingPathComponent("many.csv").path, contents: Data(values.utf8))
        #expect(fixture.run("load m many.csv labels=many.txt") == .succeeded)
        let described = fixture.output(of: "describe m")
        #expect(described.errors.contains("60 classes: the 50 largest are listed; the other 10 hold 10 rows"))
        let labelRows = described.output.split(separator: "\n").filter { $0.first == "c" && $0.dropFirst().first?.isNumber == true }
        #expect(labelRows.count == 50)
        #expect(labelRows.first?.hasPrefix("c0 ") == true && labelRows.first?.contains("61") == true)
    }

    @Test func showEscapesTabsAndLineBreaksInLabels() {
        #expect(SessionCommands.escapedLabel("a\tb\nc\rd") == "a\\tb\\nc\\rd")
        let fixture = ShellFixture(loadDatasets: false)
        let labels = Labels(values: ["big\tcat", "dog"])
        fixture.state.session.store(
            .dataset(Dataset(values: Matrix(rows: 2, columns: 1, values: [1, 2]), labels: labels)), as: "t",
            provenance: Provenance("test"))
        let shown = fixture.output(of: "show t").output
        #expect(shown.contains("labels  2 classes: big\\tcat, dog"), "\(shown)")
    }
}
