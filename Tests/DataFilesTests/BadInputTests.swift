import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

/// One test per bad input of issue 4: each gives one error naming the file and the problem.
@Suite struct BadInputTests {
    static func expectError(_ name: String, options: LoadOptions = .init(), contains fragment: String) {
        let path = TestFiles.fixture("bad/" + name)
        let message = TestFiles.loadError(path, options: options)
        #expect(message?.hasPrefix(path) == true, "error must name the file: \(message ?? "loaded")")
        #expect(message?.contains(fragment) == true, "\(message ?? "loaded") should contain \(fragment)")
    }

    @Test func wrongMagic() { Self.expectError("wrong_magic.npy", contains: "not an .npy file (wrong magic") }

    @Test func truncatedHeader() { Self.expectError("truncated_header.npy", contains: "truncated header") }

    @Test func truncatedData() {
        Self.expectError(
            "truncated_data.npy", contains: "file is shorter than the header says: expected 176 bytes, found 156")
    }

    @Test func headerClaimingTrillionElementsAllocatesNothing() {
        Self.expectError(
            "huge_claim.npy",
            contains: "file is shorter than the header says: expected 4000000000082 bytes, found 130")
    }

    @Test func headerOverTenThousandBytes() {
        Self.expectError("header_too_long.npy", contains: "header is 20000 bytes, over the 10000-byte limit")
    }

    @Test func malformedDict() { Self.expectError("malformed_dict.npy", contains: "malformed header dict") }

    @Test func unsupportedDtype() { Self.expectError("unsupported_dtype.npy", contains: "unsupported dtype <M8[ns]") }

    @Test func emptyFile() { Self.expectError("empty.npy", contains: "file is empty") }

    @Test func objectArrayIsRefusedWithAdvice() {
        Self.expectError("object.npy", contains: "object arrays (dtype |O) hold pickled Python objects")
        Self.expectError("object.npy", contains: "np.asarray(x, dtype=np.float32)")
    }

    @Test func complexIsRefusedWithAdvice() {
        Self.expectError("complex.npy", contains: "complex values (dtype <c8) are not supported")
    }

    @Test func directory() {
        let directory = TestFiles.scratchDirectory()
        let message = TestFiles.loadError(directory, options: LoadOptions(format: .npy))
        #expect(message == "\(directory): is a directory, not a data file")
        #expect(TestFiles.loadError(directory)?.contains("is a directory without tensors.tsv") == true)
    }

    @Test func permissionDenied() throws {
        // Root ignores file modes, so under root use a kernel file that refuses reads to everyone.
        var path = TestFiles.scratchDirectory() + "/locked.npy"
        try Data([0x93]).write(to: URL(fileURLWithPath: path))
        chmod(path, 0)
        if geteuid() == 0 { path = "/proc/sys/vm/compact_memory" }
        let message = TestFiles.loadError(path, options: LoadOptions(format: .npy))
        #expect(message == "\(path): permission denied (check the file's mode with `ls -l`)")
    }

    @Test func missingFile() {
        #expect(TestFiles.loadError("/nonexistent/x.npy") == "/nonexistent/x.npy: no such file")
    }

    @Test func corruptedZip() { Self.expectError("corrupted.npz", contains: "corrupted") }

    @Test func deflateStreamInflatingPastDeclaredSize() {
        Self.expectError("zip_bomb.npz", contains: "inflates past its declared size of 1000 bytes")
    }

    @Test func memberNameWithDotDot() {
        Self.expectError("slash_member.npz", contains: "member '../evil.npy' has '/' or '..' in its name")
    }

    /// Zip problems beyond a cut-off directory; each fixture comes from scripts/reference/data_files.py.
    @Test(arguments: [
        ("crc_mismatch.npz", "[data]: fails its CRC-32 check; the archive is corrupted"),
        ("bz2_member.npz", "[data]: uses zip compression method 12; only stored and deflate are supported"),
        ("encrypted_member.npz", "[data]: is encrypted; save it without a password"),
        ("inflation_ratio.npz", "declares 10000000 bytes from"),
        ("subdirectory_member.npz", "member 'sub/data.npy' has '/' or '..' in its name"),
        ("dotdot_member.npz", "member '..data.npy' has '/' or '..' in its name"),
    ])
    func zipProblems(name: String, fragment: String) {
        Self.expectError(name, contains: fragment)
    }

    @Test func listingRefusesWhatLoadingRefuses() {
        // `show`/`describe` read only member headers; they must still name the method and the encryption.
        let bz2 = TestFiles.fixture("bad/bz2_member.npz")
        #expect(throws: DataFileError(path: bz2 + "[data]", message: "uses zip compression method 12; only stored and deflate are supported")) {
            try DataFileReader.arrays(in: bz2)
        }
        let encrypted = TestFiles.fixture("bad/encrypted_member.npz")
        #expect(throws: DataFileError(path: encrypted + "[data]", message: "is encrypted; save it without a password")) {
            try DataFileReader.arrays(in: encrypted)
        }
    }

    @Test func raggedCSVNamesTheLine() {
        Self.expectError("ragged.csv", contains: "line 3 has 2 fields, expected 3")
    }

    @Test func textInNumericColumnNamesLineAndColumn() {
        Self.expectError("text_in_numeric.csv", contains: "line 3, column 2 (y): 'five' is not a number")
    }

    @Test func csvWithOnlyAHeader() { Self.expectError("header_only.csv", contains: "has a header but no data rows") }

    @Test func safetensorsOffsetsPastTheEnd() {
        Self.expectError("safetensors_bad_offsets.safetensors", contains: "past the end of the file")
    }

    @Test func fortranOrderThatIsNotABoolean() {
        Self.expectError("fortran_maybe.npy", contains: "'fortran_order' must be True or False")
    }

    @Test func overlappingSafetensorsOffsets() {
        Self.expectError(
            "safetensors_overlap.safetensors",
            contains: "tensors 'a' (bytes 0..<8) and 'b' (bytes 4..<12) overlap; the file is corrupt")
    }

    @Test func unknownExtension() {
        #expect(TestFiles.loadError("x.weird")?.contains("cannot tell the format from the extension") == true)
    }
}

@Suite struct UnusualInputTests {
    @Test func pipeIsRefusedWithoutWaitingForAWriter() {
        let path = TestFiles.scratchDirectory() + "/pipe.npy"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(
            TestFiles.loadError(path) == "\(path): is not a regular file (a pipe or device); save the data to a file")
    }

    @Test func trippedTokenInterruptsLongReads() {
        let token = CancellationToken()
        token.cancel()
        var options = LoadOptions()
        options.cancellation = token
        let npy = TestFiles.fixture("int_i8_le.npy")
        #expect(TestFiles.loadError(npy, options: options) == "\(npy): interrupted")
        let directory = TestFiles.scratchDirectory()
        let rows = String(repeating: "1,2\n", count: DelimitedTextReader.recordsPerCancellationCheck)
        let csv = TestFiles.write(rows, named: "long.csv", in: directory)
        #expect(TestFiles.loadError(csv, options: options) == "\(csv): interrupted")
    }
}
