import LinearAlgebra
import Testing

@testable import DataFiles

/// float64 values float32 cannot hold (|x| > 3.4028235e38) refuse the load instead of becoming ±Inf;
/// nonzero values below half float32's smallest subnormal (≈7e-46) become 0 with a note. Fixtures from
/// scripts/reference/data_files.py (`round2_files`).
@Suite struct Float32RangeTests {
    @Test(arguments: [
        ("f8_beyond_float32.npy", "2 values beyond float32's range (|x| > 3.4028235e38; first in row 0, column 0)"),
        ("f8_beyond_float32_fortran.npy", "2 values beyond float32's range (|x| > 3.4028235e38; first in row 1, column 1)"),
        ("f8_beyond_float32.safetensors", "2 values beyond float32's range (|x| > 3.4028235e38; first in row 0, column 0)"),
        ("beyond_float32.csv", "2 values beyond float32's range (|x| > 3.4028235e38; first in row 0, column 1)"),
    ])
    func refusesValuesBeyondFloat32(name: String, problem: String) {
        let message = TestFiles.loadError(TestFiles.fixture(name))
        #expect(message == "\(TestFiles.fixture(name)): \(problem); modescope stores float32: rescale or clip them before saving")
    }

    @Test func notesValuesThatBecomeZero() throws {
        var notes: [String] = []
        let path = TestFiles.fixture("f8_underflow.npy")
        let loaded = try DataFileReader.load(path, options: LoadOptions(), notes: &notes)
        let dataset = try #require(TestFiles.dataset(loaded))
        // 3e-39 is a float32 subnormal: kept (rounded), not counted.
        #expect(dataset.values == Matrix(rowArrays: [[0, 1], [2, 0], [Float(3e-39), 0]]))
        #expect(notes == ["\(path): 2 values too small for float32 (|x| < 7e-46) became 0; modescope stores float32"])
    }

    @Test func genuineInfinityAndZerosAreNotCounted() throws {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write("inf,0\n-Infinity,0.000e+00\n1e38,-0.0\n", named: "plain.csv", in: directory)
        var notes: [String] = []
        let loaded = try DataFileReader.load(path, options: LoadOptions(), notes: &notes)
        let dataset = try #require(TestFiles.dataset(loaded))
        #expect(dataset.values == Matrix(rowArrays: [[.infinity, 0], [-.infinity, 0], [1e38, 0]]))
        #expect(notes.isEmpty)
    }

    @Test func csvUnderflowIsNoted() throws {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write("1e-60,1\n0x1p-200,2\n", named: "tiny.csv", in: directory)
        var notes: [String] = []
        _ = try DataFileReader.load(path, options: LoadOptions(), notes: &notes)
        #expect(notes == ["\(path): 2 values too small for float32 (|x| < 7e-46) became 0; modescope stores float32"])
    }
}
