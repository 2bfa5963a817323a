import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

/// Inputs that crashed a parser under scripts/fuzz.sh (or in the review done alongside it), kept in
/// Fixtures/bad/ so each fix stays fixed. Each must now give one error naming the file and the problem.
/// docs/fuzzing.md lists how each was found.
@Suite struct FuzzRegressionTests {
    static func expectError(_ name: String, options: LoadOptions = .init(), contains fragment: String) {
        let path = TestFiles.fixture("bad/" + name)
        let message = TestFiles.loadError(path, options: options)
        #expect(message?.hasPrefix(path) == true, "error must name the file: \(message ?? "loaded")")
        #expect(message?.contains(fragment) == true, "\(message ?? "loaded") should contain \(fragment)")
    }

    /// `{'descr': '<U3000000000000000000', …}`: the byte width (4 per character) overflowed Int and trapped.
    @Test func unicodeWidthOverflowIsRefused() {
        Self.expectError(
            "unicode_width_overflow.npy", contains: "dtype <U3000000000000000000 claims 3000000000000000000-character")
        #expect(NpyElementType.parse("<U2305843009213693951").isSuccess)  // Int.max / 4: still addressable
        #expect(!NpyElementType.parse("<U2305843009213693952").isSuccess)
    }

    /// np.savez(data=zeros((2, 4)), row_shape=[2**32, 2**32]): the row shape's product overflowed and trapped.
    @Test func rowShapeProductOverflowIsRefused() {
        Self.expectError(
            "row_shape_overflow.npz", contains: "row_shape [4294967296, 4294967296] does not match the 4 columns")
    }
}

extension Result {
    fileprivate var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

/// Found by the csv harness: a file whose only column is the label column.
@Suite struct LabelOnlyTextRegressionTests {
    /// `label\ncat\ndog\n` with header=yes: loaded as 2 rows × 0 columns, which our own npz export
    /// could not read back.
    @Test func labelOnlyCSVIsRefused() {
        FuzzRegressionTests.expectError(
            "only_label_column.csv", options: LoadOptions(header: .yes),
            contains: "has only the label column 'label' and no numeric columns")
    }

    /// The fuzzer's own input: one field `\u{1}`, no header, labels=0.
    @Test func labelOnlyHeaderlessCSVIsRefused() throws {
        let path = TestFiles.write("\u{1}", named: "one.csv", in: TestFiles.scratchDirectory())
        let message = TestFiles.loadError(path, options: LoadOptions(labels: "0", header: .no))
        #expect(message == "\(path): has only the label column and no numeric columns to analyse")
    }
}

/// Found by the projector harness's npz round trip: NUL characters in labels.
@Suite struct NulLabelRegressionTests {
    /// The fuzzer's input: tensors.tsv `""` (one NaN), metadata.tsv one NUL byte. It loads (the projector
    /// has no quoting, a NUL is a label like any other), but numpy would read the label back as ''.
    @Test func trailingNulLabelIsRefusedByTheNpzExport() throws {
        let loaded = try TestFiles.loadDataset(TestFiles.fixture("bad/nul_label_projector"))
        #expect(loaded.labels?.names == ["\0"])
        #expect(loaded.values.values.map(\.isNaN) == [true])
        let path = TestFiles.scratchDirectory() + "/out.npz"
        let expected = DataFileError(
            path: path,
            message: "label \"\\0\" ends with a NUL character, which .npz text arrays cannot hold; "
                + "rename it, or export to .csv")
        #expect(throws: expected) { try DataFileWriter.write(loaded, to: path) }
        #expect(!FileManager.default.fileExists(atPath: path), "a refused export leaves no file")
    }

    /// NULs inside a label are text, not padding (numpy keeps them too): they survive the round trip.
    @Test func embeddedNulLabelRoundTripsThroughNpz() throws {
        let labels = Labels(values: ["a\0b", "c", "a\0b"])
        let dataset = Dataset(values: Matrix(rows: 3, columns: 1, values: [1, 2, 3]), labels: labels)
        let path = TestFiles.scratchDirectory() + "/labels.npz"
        try DataFileWriter.write(dataset, to: path)
        let copy = try TestFiles.loadDataset(path)
        #expect(copy.labels == labels)
        #expect(copy.labels?.names == ["a\0b", "c"])
    }
}

/// Found by the projector harness's npz round trip: integer labels that spell the same number.
@Suite struct EqualIntegerLabelRegressionTests {
    /// "2" and "+2" sorted as equals, so their order (and every code) followed the Set's hash order,
    /// which differs between loads: the same file gave different codes.
    @Test func labelsSpellingTheSameIntegerHaveOneOrder() {
        let values = ["2", "+2", "1", "02", "31"]
        let expected = ["1", "+2", "02", "2", "31"]
        for rotation in 0..<values.count {
            let rotated = Array(values[rotation...] + values[..<rotation])
            #expect(Labels(values: rotated).names == expected)
            #expect(Labels(values: rotated.reversed()).names == expected)
        }
    }
}

/// Found by the npy harness: an array with no rows but an enormous row width.
@Suite struct ZeroRowRegressionTests {
    /// The fuzzer's input, shape (0, 721687216979443712): it loaded (no data bytes needed), then the CSV
    /// export tried to allocate a header name for every column.
    @Test func zeroRowsWithHugeWidthAreRefused() {
        FuzzRegressionTests.expectError(
            "zero_rows_huge_width.npy", contains: "holds no rows (shape [0, 721687216979443712]); there is nothing")
    }

    /// np.save(np.zeros((0, 4), np.float32)): refused like a CSV file without data rows.
    @Test func zeroRowsAreRefused() {
        FuzzRegressionTests.expectError("zero_rows.npy", contains: "holds no rows (shape [0, 4])")
    }

    /// The same rule for a safetensors tensor of shape (0, 4).
    @Test func zeroRowTensorIsRefused() throws {
        let json = Array(#"{"x":{"dtype":"F32","shape":[0,4],"data_offsets":[0,0]}}"#.utf8)
        let bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json
        let path = TestFiles.scratchDirectory() + "/empty.safetensors"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(TestFiles.loadError(path) == "\(path): holds no rows (shape [0, 4]); there is nothing to analyse")
    }
}
