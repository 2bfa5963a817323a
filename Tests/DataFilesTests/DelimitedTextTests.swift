import LinearAlgebra
import Testing

@testable import DataFiles

@Suite struct DelimitedTextTests {
    @Test(arguments: ["savetxt_default.txt", "savetxt_comma.csv", "plain.tsv"])
    func readsNumpySavetxtOutput(name: String) throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture(name))
        #expect(dataset.values == NpyReaderTests.base)
        #expect(dataset.columnNames == nil && dataset.labels == nil)
    }

    @Test(arguments: ["species", "2", "-1"])
    func takesLabelsFromAColumnByNameOrIndex(column: String) throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("labelled.csv"), options: LoadOptions(labels: column))
        #expect(dataset.values == Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]]))
        #expect(dataset.labels == Labels(values: ["setosa", "versi, color", "setosa"]))
        #expect(dataset.columnNames == ["a", "b"])
        #expect(dataset.sourceType == "csv")
    }

    @Test func suggestsLabelsWhenAColumnIsText() {
        let message = TestFiles.loadError(TestFiles.fixture("labelled.csv"))
        #expect(
            message?.hasSuffix(
                "labelled.csv: line 2, column 3 (species): 'setosa' is not a number; "
                    + "if this column holds labels, load with labels=species") == true)
    }

    @Test func refusesUnknownLabelColumn() {
        let message = TestFiles.loadError(TestFiles.fixture("labelled.csv"), options: LoadOptions(labels: "kind"))
        #expect(message?.hasSuffix("no column named 'kind' for labels=: columns are a, b, species") == true)
        let outOfRange = TestFiles.loadError(TestFiles.fixture("labelled.csv"), options: LoadOptions(labels: "3"))
        #expect(outOfRange?.hasSuffix("labels=3 is out of range: the file has 3 columns (indices 0…2)") == true)
    }

    @Test func handlesByteOrderMarkAndCRLF() throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("crlf_bom.csv"))
        #expect(dataset.columnNames == ["x", "y"])
        #expect(dataset.values == Matrix(rowArrays: [[1, 2], [3, 4]]))
    }

    @Test func handlesCommentsBlankLinesNaNSpellingsAndAutomaticLabelColumn() throws {
        let dataset = try TestFiles.loadDataset(TestFiles.fixture("messy.csv"))
        #expect(dataset.labels == Labels(values: ["a", "b", "c\"q"]))
        let values = dataset.values.values
        #expect(values[0] == 1 && values[1].isNaN && values[2] == -.infinity && values[3].isNaN)
        #expect(values[4].isNaN && values[5] == .infinity)
        #expect(dataset.nonFiniteReport() == NonFiniteReport(count: 5, firstRow: 0))
    }

    @Test func headerModeOverridesDetection() throws {
        let directory = TestFiles.scratchDirectory()
        let numeric = TestFiles.write("10,20\n1,2\n", named: "numeric.csv", in: directory)
        let automatic = try TestFiles.loadDataset(numeric)
        #expect(automatic.rowCount == 2 && automatic.columnNames == nil)
        let withHeader = try TestFiles.loadDataset(numeric, options: LoadOptions(header: .yes))
        #expect(withHeader.columnNames == ["10", "20"] && withHeader.values == Matrix(rowArrays: [[1, 2]]))
        let texts = TestFiles.write("x,y\n1,2\n", named: "texts.csv", in: directory)
        let message = TestFiles.loadError(texts, options: LoadOptions(header: .no))
        #expect(
            message?.hasSuffix(
                "line 1, column 1: 'x' is not a number; if this column holds labels, load with labels=0; "
                    + "if line 1 is a header, load with header=yes") == true)
    }

    @Test func countsPhysicalLinesAcrossQuotedLineBreaks() {
        let directory = TestFiles.scratchDirectory()
        let path = TestFiles.write("x,label\n1,\"two\nlines\"\n2,b\n3\n", named: "multi.csv", in: directory)
        #expect(TestFiles.loadError(path)?.hasSuffix("line 5 has 1 fields, expected 2 as on line 1") == true)
        let unclosed = TestFiles.write("x,label\n1,\"open\n", named: "open.csv", in: directory)
        #expect(TestFiles.loadError(unclosed)?.hasSuffix("line 2: quoted field is never closed") == true)
    }

    @Test func readsSingleColumnWithoutHeader() throws {
        let path = TestFiles.write("1\n2\n3\n", named: "one.csv", in: TestFiles.scratchDirectory())
        #expect(try TestFiles.loadDataset(path).values == Matrix(rowArrays: [[1], [2], [3]]))
    }

    @Test func readsLabelsFromAFileWithALabelColumn() throws {
        let directory = TestFiles.scratchDirectory()
        let labels = TestFiles.write("id,label\n0,x\n1,y\n2,x\n", named: "meta.csv", in: directory)
        let dataset = try TestFiles.loadDataset(
            TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: labels))
        #expect(dataset.labels == Labels(values: ["x", "y", "x"]))
    }

    @Test func writerQuotesOnlyWhenNeeded() {
        #expect(DelimitedTextWriter.quoted("plain", separator: ",") == "plain")
        #expect(DelimitedTextWriter.quoted("a,b", separator: ",") == "\"a,b\"")
        #expect(DelimitedTextWriter.quoted("say \"hi\"", separator: "\t") == "\"say \"\"hi\"\"\"")
        #expect(DelimitedTextWriter.quoted("#tag", separator: ",") == "\"#tag\"")
    }
}

@Suite struct LabelFileTests {
    @Test func keepsSpacesInsideLabels() throws {
        let labels = TestFiles.write("big cat\nsmall dog\nbig cat\n", named: "l.txt", in: TestFiles.scratchDirectory())
        let dataset = try TestFiles.loadDataset(
            TestFiles.fixture("float_f4_le.npy"), options: LoadOptions(labels: labels))
        #expect(dataset.labels == Labels(values: ["big cat", "small dog", "big cat"]))
    }

    @Test func refusesColumnNameForFormatsWithoutColumns() {
        let path = TestFiles.fixture("float_f4_le.npy")
        #expect(
            TestFiles.loadError(path, options: LoadOptions(labels: "species"))
                == "\(path): labels=species is not a file, and npy files have no named columns")
    }
}

@Suite struct NumberParsingTests {
    @Test(arguments: [
        ("1.5", Float(1.5)), (" -2.5e-3 ", -2.5e-3), ("+.5", 0.5), ("1.000000000000000000e+00", 1),
        ("3.4028235e38", .greatestFiniteMagnitude), ("-0", 0), ("Infinity", .infinity), ("-inf", -.infinity),
    ])
    func parsesNumerals(text: String, expected: Float) {
        #expect(DelimitedTextReader.number(ArraySlice(text.utf8)) == expected)
    }

    @Test(arguments: ["nan", "NaN", "-nan", "NA", "", "  "])
    func parsesMissingValuesAsNaN(text: String) {
        #expect(DelimitedTextReader.number(ArraySlice(text.utf8))?.isNaN == true)
    }

    @Test(arguments: ["abc", "1.5f", "1,5", "--1", "-", "1e", String(repeating: "9", count: 70) + "x"])
    func refusesText(text: String) {
        #expect(DelimitedTextReader.number(ArraySlice(text.utf8)) == nil)
    }

    @Test func parsesLongNumeralsThroughTheSlowPath() {
        let long = "1." + String(repeating: "0", count: 80)
        #expect(DelimitedTextReader.number(ArraySlice(long.utf8)) == 1)
    }
}
