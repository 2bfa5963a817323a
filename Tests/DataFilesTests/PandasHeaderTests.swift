import LinearAlgebra
import Testing

@testable import DataFiles

/// CSV layouts pandas writes: `to_csv()` (an unnamed index column under `,0,1,…`) and
/// `to_csv(index=False)` with a label column (`0,1,…,label`). Fixtures from scripts/reference/data_files.py.
@Suite struct PandasHeaderTests {
    @Test func dropsThePandasIndexColumnWithANote() throws {
        let path = TestFiles.fixture("pandas_index.csv")
        var notes: [String] = []
        let dataset = try #require(TestFiles.dataset(try DataFileReader.load(path, options: LoadOptions(), notes: &notes)))
        #expect(dataset.values == NpyReaderTests.base)
        #expect(dataset.columnNames == ["0", "1", "2", "3"])
        #expect(notes == ["\(path): dropped the unnamed first column: it holds 0…2, a pandas index"])
    }

    @Test func readsIntegerColumnNamesAboveALabelColumn() throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("pandas_label.csv"))
        #expect(dataset.values == NpyReaderTests.base)
        #expect(dataset.columnNames == ["0", "1", "2", "3"])
        #expect(dataset.labels == Labels(values: ["cat", "dog", "cat"]))
    }

    @Test func keepsAnUnnamedFirstColumnThatIsNotAnIndex() throws {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write(",0,1\n5,0.5,1\n1,2.5,3\n", named: "odd.csv", in: directory)
        let dataset = try TestFiles.loadDataset(path)
        #expect(dataset.values == Matrix(rowArrays: [[5, 0.5, 1], [1, 2.5, 3]]))
        #expect(dataset.columnNames == ["", "0", "1"])
    }

    /// Integer rows under integer rows are data: a header needs names 0…k−1 *and* evidence.
    @Test func integerDataIsNotMistakenForAHeader() throws {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write("0,1,2\n3,4,5\n", named: "ints.csv", in: directory)
        #expect(try TestFiles.loadDataset(path).values == Matrix(rowArrays: [[0, 1, 2], [3, 4, 5]]))
        let labelled = TestFiles.write("0,1,cat\n2,3,dog\n", named: "intlab.csv", in: directory)
        #expect(try TestFiles.loadDataset(labelled, options: LoadOptions(labels: "2")).rowCount == 2)
    }

    @Test func headerErrorsMentionTheHeaderOption() {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write("0,1,2,cls\n0,1,1,a\n2,3,3,b\n", named: "cls.csv", in: directory)
        #expect(
            TestFiles.loadError(path)?.hasSuffix(
                "line 1, column 4: 'cls' is not a number; if this column holds labels, load with labels=3; "
                    + "if line 1 is a header, load with header=yes") == true)
        let headerOnly = TestFiles.write("a,b\n", named: "h.csv", in: directory)
        #expect(TestFiles.loadError(headerOnly)?.hasSuffix("has a header but no data rows; if line 1 is data, load with header=no") == true)
    }
}
