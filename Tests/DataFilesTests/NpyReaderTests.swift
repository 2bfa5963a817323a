import LinearAlgebra
import Testing

@testable import DataFiles

/// Fixtures from scripts/reference/data_files.py; values are recomputed from its formulas, so every
/// comparison is exact (all fixture values are representable in f2/f4/f8).
@Suite struct NpyReaderTests {
    /// base(r, c) = (4r + c) / 4 − 1, shape (3, 4).
    static let base = Matrix<Float>(rows: 3, columns: 4) { buffer in
        for index in 0..<12 { buffer[index] = Float(index) / 4 - 1 }
    }

    @Test(arguments: [
        ("float_f2_le.npy", "<f2"), ("float_f4_le.npy", "<f4"), ("float_f8_le.npy", "<f8"),
        ("float_f4_be.npy", ">f4"), ("float_f8_be.npy", ">f8"), ("fortran_f4.npy", "<f4"),
        ("version_2.npy", "<f4"), ("version_3.npy", "<f4"), ("python2_header.npy", "<f4"),
    ])
    func readsFloatVariants(name: String, descr: String) throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture(name))
        #expect(dataset.values == Self.base)
        #expect(dataset.sourceType == descr)
        #expect(dataset.rowShape == nil)
    }

    @Test(arguments: ["int_i1_le.npy", "int_i2_le.npy", "int_i4_le.npy", "int_i8_le.npy", "int_i8_be.npy"])
    func readsSignedIntegers(name: String) throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture(name))
        #expect(dataset.values == Matrix(rows: 3, columns: 4, values: (0..<12).map { Float($0 - 5) }))
    }

    @Test(arguments: ["uint_u1.npy", "uint_u2.npy", "uint_u4.npy", "uint_u8.npy"])
    func readsUnsignedIntegers(name: String) throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture(name))
        #expect(dataset.values == Matrix(rows: 3, columns: 4, values: (0..<12).map { Float($0) }))
    }

    @Test func readsBooleans() throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("bool.npy"))
        #expect(dataset.values.values == (0..<12).map { $0 % 3 == 0 ? 1 : 0 })
        #expect(dataset.sourceType == "|b1")
    }

    @Test func flattensImagesAndKeepsRowShape() throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("images_3d.npy"))
        #expect(dataset.rowCount == 2 && dataset.columnCount == 784)
        #expect(dataset.rowShape == [28, 28])
        #expect(dataset.values[1, 783] == Float(1567) / 100)
    }

    @Test func reordersFortranOrderedNDimensionalArrays() throws {
        // np.asfortranarray(arange(24).reshape(2, 3, 2, 2)): C-order values must come back as 0…23.
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("fortran_images.npy"))
        #expect(dataset.rowShape == [3, 2, 2])
        #expect(dataset.values.values == (0..<24).map(Float.init))
    }

    @Test(arguments: [(64, 1 << 22), (4, 64), (3, 8), (1, 1)])
    func transposesFortranOrderTileByTile(tileColumns: Int, tileBytes: Int) throws {
        // np.asfortranarray(arange(555, dtype='>f8').reshape(37, 5, 3)): C order must read back 0…554 for any
        // tile size, including tiles that end inside a row or a run.
        let file = try ReadableFile(path: TestFiles.fixture("fortran_tiles.npy"))
        let header = try NpyHeader.read(from: file)
        #expect(header.fortranOrder && header.shape == [37, 5, 3])
        var values = [Float](repeating: -1, count: 555)
        try values.withUnsafeMutableBufferPointer { buffer in
            try NpyReader.readFortran(
                header.elementType, from: file, at: header.dataOffset, shape: header.shape, into: buffer.baseAddress!,
                cancellation: nil, tileColumns: tileColumns, tileBytes: tileBytes)
        }
        #expect(values == (0..<555).map(Float.init))
        let loaded = try TestFiles.loadDataset(TestFiles.fixture("fortran_tiles.npy"))
        #expect(loaded.values.values == values && loaded.rowShape == [5, 3])
    }

    @Test func readsZeroAndOneDimensionalArraysAsColumns() throws {
        let scalar = try TestFiles.loadDataset(TestFiles.fixture("scalar_0d.npy"))
        #expect(scalar.values == Matrix(rowArrays: [[2.5]]))
        let vector = try TestFiles.loadDataset(TestFiles.fixture("vector_1d.npy"))
        #expect(vector.values == Matrix(rowArrays: [[0.5], [1.5], [-2.5]]))
    }

    @Test(arguments: [
        ("labels_unicode.npy", ["cat", "dög", "cat"]), ("labels_bytes.npy", ["cat", "dog", "cat"]),
        ("labels_int.npy", ["3", "10", "3"]),
    ])
    func readsLabelArrays(name: String, expected: [String]) throws {
        let dataset = try TestFiles.loadDataset(
            TestFiles.fixture("vector_1d.npy"), options: LoadOptions(labels: TestFiles.fixture(name)))
        #expect(dataset.labels == Labels(values: expected))
    }

    @Test func refusesTextArrayAsData() {
        let message = TestFiles.loadError(TestFiles.fixture("labels_unicode.npy"))
        #expect(message?.contains("holds text (dtype <U3)") == true)
    }

    @Test func refusesLabelFileOfWrongLength() {
        let message = TestFiles.loadError(
            TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: TestFiles.fixture("labels.txt")))
        #expect(message == nil)  // 3 labels for 3 rows
        let mismatch = TestFiles.loadError(
            TestFiles.fixture("images_3d.npy"), options: LoadOptions(labels: TestFiles.fixture("labels.txt")))
        #expect(
            mismatch?.hasSuffix(
                "labels.txt: has 3 labels, but the data has 2 rows; if its first line is a header, name it with label_column=NAME")
                == true)
    }

    @Test func oneColumnLabelFileWithAHeaderLine() throws {
        // labels_headed.txt: "label" then cat, dog, cat — one line more than float_f4_le.npy has rows.
        let dataset = try TestFiles.loadDataset(
            TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: TestFiles.fixture("labels_headed.txt")))
        #expect(dataset.labels == Labels(values: ["cat", "dog", "cat"]))
        // With as many lines as rows, a first line reading "label" is a label like any other.
        let directory = TestFiles.scratchDirectory()
        let plain = TestFiles.write("label\ncat\ndog\n", named: "l.txt", in: directory)
        let kept = try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: plain))
        #expect(kept.labels == Labels(values: ["label", "cat", "dog"]))
    }

    @Test func labelColumnPicksAColumnOfAMultiColumnLabelFile() throws {
        let directory = TestFiles.scratchDirectory()
        let file = TestFiles.write("id,species,split\n1,cat,a\n2,dog,b\n3,cat,a\n", named: "meta.csv", in: directory)
        var options = LoadOptions(labels: file)
        options.labelColumn = "Species"
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("float_f4_le.npy"), options: options)
        #expect(dataset.labels == Labels(values: ["cat", "dog", "cat"]))
        options.labelColumn = "kind"
        #expect(TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
            .hasSuffix("meta.csv: has no column headed 'kind'; its header is id, species, split") == true)
        options.labelColumn = nil
        #expect(TestFiles.loadError(TestFiles.fixture("float_f4_le.npy"), options: options)?
            .contains("pick one with label_column=NAME") == true)
    }

    @Test func writerHeadersAreAlignedAndParseable() throws {
        for shape in [[], [5], [2, 3], [1, 28, 28]] {
            let header = NpyWriter.header(descr: "<f4", shape: shape)
            #expect(header.count % NpyWriter.alignment == 0)
            let source = MemoryBytes(path: "m", storage: header + [UInt8](repeating: 0, count: 4 * shape.reduce(1, *)))
            let parsed = try NpyHeader.read(from: source)
            #expect(parsed.shape == shape && parsed.dataOffset == header.count && !parsed.fortranOrder)
        }
    }

    @Test func parsesPythonLiterals() throws {
        let parsed = try PythonLiteralParser.parse("{'a': (1L, -2,), \"b\": [True, None], 'c': {}}").get()
        #expect(
            parsed
                == .dictionary([
                    "a": .sequence([.integer(1), .integer(-2)]), "b": .sequence([.boolean(true), .none]),
                    "c": .dictionary([:]),
                ]))
        #expect(throws: PythonLiteralParser.ParseFailure.self) {
            try PythonLiteralParser.parse("{'a': 99999999999999999999999}").get()
        }
        let deep = String(repeating: "(", count: 100) + String(repeating: ")", count: 100)
        #expect(throws: PythonLiteralParser.ParseFailure.self) { try PythonLiteralParser.parse(deep).get() }
    }

    @Test func refusesShapesThatWouldOverflowOrHoldEmptyRows() {
        func error(shape: String) -> String? {
            let text = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }\n"
            let bytes = NpyHeader.magic + [1, 0, UInt8(text.utf8.count), 0] + Array(text.utf8)
            do {
                _ = try NpyHeader.read(from: MemoryBytes(path: "m.npy", storage: bytes))
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error(shape: "(0, 10000000000, 10000000000)")?.contains("more elements than can be addressed") == true)
        #expect(
            error(shape: "(1000000000000000, 0)")
                == "m.npy: array of shape [1000000000000000, 0] has 1000000000000000 rows but no values in them")
        #expect(error(shape: "(0, 5)") == nil)
    }
}
