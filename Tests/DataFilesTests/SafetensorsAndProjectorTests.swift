import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

@Suite struct SafetensorsTests {
    /// Writes `[u64 length][json][data]` as the safetensors format lays it out.
    static func file(json: String, data: [UInt8]) -> String {
        let path = TestFiles.scratchDirectory() + "/t.safetensors"
        var bytes = withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { Array($0) }
        bytes += Array(json.utf8) + data
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    @Test func listsTensorsInFileOrderAndRefusesAmbiguity() throws {
        let path = TestFiles.fixture("tensors.safetensors")
        #expect(try DataFileReader.members(of: path) == ["counts", "weight", "bias", "half"])  // safetensors lays out by alignment
        #expect(
            TestFiles.loadError(path)
                == "\(path): holds several tensors (counts, weight, bias, half); pick one with key=NAME")
    }

    @Test(arguments: ["weight", "half"])
    func readsFloatTensors(key: String) throws {
        let dataset = try TestFiles.loadDataset(
            TestFiles.fixture("tensors.safetensors"), options: LoadOptions(key: key))
        #expect(dataset.values == NpyReaderTests.base)
    }

    @Test func readsIntegerAndVectorTensors() throws {
        let counts = try TestFiles.loadDataset(
            TestFiles.fixture("tensors.safetensors"), options: LoadOptions(key: "counts"))
        #expect(counts.values.values == (0..<12).map(Float.init) && counts.sourceType == "I64")
        let bias = try TestFiles.loadDataset(
            TestFiles.fixture("tensors.safetensors"), options: LoadOptions(key: "bias"))
        #expect(bias.values == Matrix(rowArrays: [[1], [2], [3]]))
    }

    @Test func readsBrainFloat16() throws {
        // bfloat16 1.5 = 0x3FC0, −2 = 0xC000 (upper halves of the float32 bit patterns).
        let path = Self.file(
            json: #"{"x":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}"#, data: [0xC0, 0x3F, 0x00, 0xC0])
        #expect(try TestFiles.loadDataset(path).values == Matrix(rowArrays: [[1.5], [-2]]))
    }

    @Test func refusesInconsistentHeaders() {
        let oversize = Self.file(
            json: #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 12))
        #expect(TestFiles.loadError(oversize)?.contains("needs 12 bytes, its offsets span 8") == true)
        let badType = Self.file(
            json: #"{"x":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8))
        #expect(TestFiles.loadError(badType)?.contains("unsupported dtype C64") == true)
        let badJSON = Self.file(json: "{not json", data: [])
        #expect(TestFiles.loadError(badJSON)?.hasSuffix("malformed JSON header") == true)
        let path = TestFiles.scratchDirectory() + "/huge.safetensors"
        _ = FileManager.default.createFile(atPath: path, contents: Data([0, 0, 0, 0, 1, 0, 0, 0, 0x7B]))
        #expect(TestFiles.loadError(path)?.contains("over the 100000000-byte limit") == true)
    }
}

@Suite struct ProjectorTests {
    @Test func roundTripsValuesAndLabelsThroughADirectory() throws {
        let directory = TestFiles.scratchDirectory() + "/projector"
        try DataFileWriter.write(RoundTripTests.sample, to: directory, format: .projector)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["metadata.tsv", "tensors.tsv"])
        let loaded = try TestFiles.loadDataset(directory)
        #expect(loaded.labels == RoundTripTests.sample.labels)
        let expected = RoundTripTests.sample.values.values
        for (a, b) in zip(expected, loaded.values.values) { #expect(a == b || (a.isNaN && b.isNaN)) }
        let viaFile = try TestFiles.loadDataset(directory + "/tensors.tsv", options: LoadOptions(format: .projector))
        #expect(viaFile.labels == loaded.labels)
    }

    @Test func readsMultiColumnMetadataByName() throws {
        let directory = TestFiles.scratchDirectory()
        _ = TestFiles.write("1\t2\n3\t4\n", named: "tensors.tsv", in: directory)
        _ = TestFiles.write("id\tclass\n#1\tcat\n2\t\n", named: "metadata.tsv", in: directory)
        let byName = try TestFiles.loadDataset(directory, options: LoadOptions(labels: "class"))
        #expect(byName.labels == Labels(values: ["cat", ""]))
        #expect(byName.values == Matrix(rowArrays: [[1, 2], [3, 4]]))
        let first = try TestFiles.loadDataset(directory)
        #expect(first.labels == Labels(values: ["#1", "2"]))
        #expect(
            TestFiles.loadError(directory, options: LoadOptions(labels: "kind"))?
                .hasSuffix("metadata.tsv: no column named 'kind' for labels=: columns are id, class") == true)
    }

    @Test func refusesMetadataOfWrongLength() {
        let directory = TestFiles.scratchDirectory()
        _ = TestFiles.write("1\t2\n3\t4\n", named: "tensors.tsv", in: directory)
        _ = TestFiles.write("a\nb\nc\n", named: "metadata.tsv", in: directory)
        #expect(
            TestFiles.loadError(directory)?.hasSuffix("metadata.tsv: has 3 labels, but tensors.tsv has 2 rows") == true)
    }
}
