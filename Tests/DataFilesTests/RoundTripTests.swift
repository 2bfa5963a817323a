import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

@Suite struct RoundTripTests {
    static let sample = Dataset(
        values: Matrix(rowArrays: [[1.5, -2, 0.1], [3.25e-8, .nan, .infinity], [7, 8, -.infinity]]),
        labels: Labels(values: ["cat", "dog, \"big\"", "cat"]))

    @Test(arguments: ["npy", "npz", "csv", "tsv", "safetensors"])
    func writesAndReadsBack(extension ext: String) throws {
        let directory = TestFiles.scratchDirectory()
        let path = directory + "/x." + ext
        try DataFileWriter.write(Self.sample, to: path)
        let loaded = try TestFiles.loadDataset(path)
        #expect(loaded.rowCount == 3 && loaded.columnCount == 3)
        let expected = Self.sample.values.values
        let actual = loaded.values.values
        for (a, b) in zip(expected, actual) { #expect(a == b || (a.isNaN && b.isNaN)) }
        if ext != "npy" && ext != "safetensors" { #expect(loaded.labels == Self.sample.labels) }
        // The temporary file of the atomic write is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["x." + ext])
    }

    @Test func rowShapeSurvivesNpyAndNpz() throws {
        let directory = TestFiles.scratchDirectory()
        let images = Dataset(
            values: Matrix(rows: 2, columns: 12) { buffer in for i in 0..<24 { buffer[i] = Float(i) } },
            rowShape: [2, 3, 2])
        for ext in ["npy", "npz"] {
            let path = directory + "/images." + ext
            try DataFileWriter.write(images, to: path)
            let loaded = try TestFiles.loadDataset(path)
            #expect(loaded.rowShape == [2, 3, 2])
            #expect(loaded.values == images.values)
        }
    }

    @Test func statisticsRoundTripExactly() throws {
        let path = TestFiles.scratchDirectory() + "/stats.npz"
        let statistics = FeatureStatistics(
            mean: [0.1, -2.5], covariance: Matrix(rowArrays: [[1.0 / 3, 0.2], [0.2, 2e-300]]), count: 1234)
        try DataFileWriter.write(statistics, to: path)
        guard case .statistics(let loaded) = try DataFileReader.load(path) else {
            Issue.record("expected statistics")
            return
        }
        #expect(loaded == statistics)
    }

    @Test func nonFiniteReportCountsAndFindsFirstRow() {
        #expect(Self.sample.nonFiniteReport() == NonFiniteReport(count: 3, firstRow: 1))
        #expect(Dataset(values: Matrix(rowArrays: [[1, 2]])).nonFiniteReport() == nil)
    }
}
