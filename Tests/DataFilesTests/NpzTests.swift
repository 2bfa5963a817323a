import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

@Suite struct NpzTests {
    @Test func refusesSeveralArraysWithoutKeyAndListsThem() throws {
        let path = TestFiles.fixture("two_arrays.npz")
        #expect(TestFiles.loadError(path) == "\(path): holds several arrays (first, second); pick one with key=NAME")
        #expect(
            TestFiles.loadError(path, options: LoadOptions(key: "third"))
                == "\(path): has no member 'third'; members: first, second")
        #expect(try DataFileReader.members(of: path) == ["first", "second"])
    }

    @Test func picksAMemberWithKey() throws {
        let dataset = try TestFiles.loadDataset(
            TestFiles.fixture("two_arrays.npz"), options: LoadOptions(key: "second"))
        #expect(dataset.values == Matrix(rows: 3, columns: 4, values: NpyReaderTests.base.values.map { $0 * 2 }))
        #expect(dataset.sourceType == "<f8")
    }

    @Test(arguments: ["compressed_single.npz", "cleanfid_feats.npz", "zip64.npz"])
    func readsSingleArrayDeflatedAndZip64Archives(name: String) throws {
        #expect(try TestFiles.loadDataset(TestFiles.fixture(name)).values == NpyReaderTests.base)
    }

    @Test func readsOurOwnDatasetLayout() throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("own_dataset.npz"))
        #expect(dataset.values == Matrix(rows: 2, columns: 12, values: (0..<24).map(Float.init)))
        #expect(dataset.labels == Labels(values: ["a", "b"]))
        #expect(dataset.rowShape == [2, 3, 2])
    }

    /// mu and sigma recomputed from base in Double (np.cov normalises by n − 1); numpy sums in another
    /// order, so agreement is to 1e-15 absolute on values of order 1.
    @Test(arguments: ["fid_stats.npz", "fid_stats_mixed.npz"])
    func readsFIDStatisticsInDoublePrecision(name: String) throws {
        guard case .statistics(let statistics) = try DataFileReader.load(TestFiles.fixture(name)) else {
            Issue.record("expected statistics")
            return
        }
        let rows = (0..<3).map { r in (0..<4).map { c in Double(4 * r + c) / 4 - 1 } }
        let mean = (0..<4).map { c in rows.map { $0[c] }.reduce(0, +) / 3 }
        #expect(statistics.count == nil)
        for c in 0..<4 { #expect(abs(statistics.mean[c] - mean[c]) <= 1e-15) }
        for i in 0..<4 {
            for j in 0..<4 {
                let covariance = rows.map { ($0[i] - mean[i]) * ($0[j] - mean[j]) }.reduce(0, +) / 2
                #expect(abs(statistics.covariance[i, j] - covariance) <= 1e-15)
            }
        }
    }

    @Test func writesDeflatedArchivesNumpyCanRead() throws {
        let path = TestFiles.scratchDirectory() + "/deflated.npz"
        let dataset = Dataset(
            values: Matrix(rows: 64, columns: 16, repeating: 0.5), labels: Labels(values: (0..<64).map { "c\($0 % 3)" })
        )
        try DataFileWriter.write(dataset, to: path, compressed: true)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(size < 64 * 16 * 4 / 4, "deflate must shrink repetitive data")
        let loaded = try TestFiles.loadDataset(path)
        #expect(loaded.values == dataset.values && loaded.labels == dataset.labels)
    }

    /// numpy_compressed.npz is np.savez_compressed of the same arrays; ours_compressed.npz is this writer's
    /// output, which scripts/reference/data_files.py checks numpy reads (values, labels, row_shape, deflate).
    /// Equal inflated members mean numpy reads what we write today.
    @Test func deflatedExportMatchesNumpysArchiveMemberForMember() throws {
        var options = LoadOptions()
        options.labels = TestFiles.fixture("labels.txt")
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: options)
        let path = TestFiles.scratchDirectory() + "/ours.npz"
        try DataFileWriter.write(dataset, to: path, compressed: true)
        let ours = try NpzArchive(path: path)
        #expect(ours.memberNames == ["data", "labels", "row_shape"])
        func contents(_ archive: NpzArchive, _ name: String) throws -> [UInt8] {
            let source = try archive.bytes(of: name)
            return try source.bytes(at: 0, count: source.byteCount)
        }
        for reference in ["numpy_compressed.npz", "ours_compressed.npz"] {
            let other = try NpzArchive(path: TestFiles.fixture(reference))
            #expect(Set(other.memberNames) == Set(ours.memberNames), "\(reference)")
            for name in ours.memberNames {
                #expect(try contents(ours, name) == contents(other, name), "\(reference)[\(name)]")
            }
        }
        let entries = try ZipDirectory.entries(of: ReadableFile(path: path))
        #expect(entries.count == 3 && entries.allSatisfy { $0.method == NpzArchive.deflateMethod })
    }

    @Test func membersThatAreNotArraysAreSkipped() throws {
        // with_readme.npz: data.npy plus readme.txt, which np.load tolerates (it returns the bytes).
        let path = TestFiles.fixture("with_readme.npz")
        let dataset = try TestFiles.loadDataset(path)
        #expect(dataset.values == Matrix(rows: 3, columns: 4, values: (0..<12).map { Float($0) / 4 - 1 }))
        #expect(try DataFileReader.arrays(in: path).map(\.name) == ["data"])
        #expect(try DataFileReader.skippedMembers(of: path) == ["readme.txt"])
        var options = LoadOptions()
        options.key = "readme.txt"
        #expect(TestFiles.loadError(path, options: options)?.contains("'readme.txt' is not an .npy array") == true)
    }

    @Test func failedExportLeavesNoFileBehind() throws {
        let directory = TestFiles.scratchDirectory()
        let inside = directory + "/missing-subdirectory/x.npz"
        #expect(throws: DataFileError.self) { try DataFileWriter.write(RoundTripTests.sample, to: inside) }
        #expect(throws: DataFileError.self) { try DataFileWriter.write(RoundTripTests.sample, to: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}

@Suite struct OptionTests {
    @Test func keyOnlyAppliesToArchives() {
        let path = TestFiles.fixture("float_f4_le.npy")
        #expect(
            TestFiles.loadError(path, options: LoadOptions(key: "data"))
                == "\(path): key=data only applies to .npz and .safetensors files")
    }

    @Test func labelFileWinsOverProjectorMetadata() throws {
        let directory = TestFiles.scratchDirectory()
        _ = TestFiles.write("1\t2\n3\t4\n", named: "tensors.tsv", in: directory)
        _ = TestFiles.write("a\nb\n", named: "metadata.tsv", in: directory)
        let other = TestFiles.write("x\ny\n", named: "other.txt", in: TestFiles.scratchDirectory())
        #expect(
            try TestFiles.loadDataset(directory, options: LoadOptions(labels: other)).labels
                == Labels(values: ["x", "y"]))
    }

    @Test func statisticsOfDimensionZeroAreRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-stats-\(UUID()).npz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DataFileWriter.write(
            [NamedArray(name: "mu", shape: [0], values: .float64([])),
             NamedArray(name: "sigma", shape: [0, 0], values: .float64([]))], toArchive: path)
        #expect(TestFiles.loadError(path) == "\(path): mu and sigma are empty (dimension 0); statistics need d ≥ 1")
    }

    @Test func statisticsCannotTakeLabels() {
        let path = TestFiles.fixture("fid_stats.npz")
        let labels = TestFiles.fixture("labels.txt")
        #expect(
            TestFiles.loadError(path, options: LoadOptions(labels: labels))
                == "\(path): holds FID statistics, which have no rows to label")
    }
}

@Suite struct ArrayListingTests {
    @Test func listsStoredAndDeflatedMembersWithShapesAndTypes() throws {
        #expect(
            try DataFileReader.arrays(in: TestFiles.fixture("two_arrays.npz")) == [
                ArrayMember(name: "first", shape: [3, 4], dataType: "<f4"),
                ArrayMember(name: "second", shape: [3, 4], dataType: "<f8"),
            ])
        #expect(
            try DataFileReader.arrays(in: TestFiles.fixture("fid_stats.npz")) == [
                ArrayMember(name: "mu", shape: [4], dataType: "<f8"),
                ArrayMember(name: "sigma", shape: [4, 4], dataType: "<f8"),
            ])
        #expect(
            try DataFileReader.arrays(in: TestFiles.fixture("own_dataset.npz")).map(\.dataType) == [
                "<f4", "<U1", "<i8",
            ])
    }

    @Test func listsSafetensorsTensors() throws {
        let tensors = try DataFileReader.arrays(in: TestFiles.fixture("tensors.safetensors"))
        #expect(tensors.first == ArrayMember(name: "counts", shape: [3, 4], dataType: "I64"))
        #expect(tensors.map(\.name) == ["counts", "weight", "bias", "half"])
    }

    @Test func listsAnNpyAsOneArrayFromItsHeader() throws {
        let arrays = try DataFileReader.arrays(in: TestFiles.fixture("float_f4_le.npy"))
        #expect(arrays == [ArrayMember(name: "float_f4_le", shape: [3, 4], dataType: "<f4")])
    }

    @Test func refusesTextFiles() {
        let path = TestFiles.fixture("labelled.csv")
        #expect(throws: DataFileError(path: path, message: "only .npy, .npz and .safetensors files hold arrays to list")) {
            try DataFileReader.arrays(in: path)
        }
    }
}
