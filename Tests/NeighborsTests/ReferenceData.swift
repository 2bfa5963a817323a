import Foundation
import LinearAlgebra
import TestSupport

/// The fixture written by `scripts/reference/neighbors.py` and the data sets it was computed on, rebuilt
/// in Swift from the same seeds (see the script's docstring for the recipes).
struct NeighborsReference: Decodable {
    struct Search: Decodable {
        let k: Int
        let metric: String
        let within: Bool
        let indices: [Int]
        let distances: [Double]
    }

    struct KMeansCase: Decodable {
        let name: String
        let clusters: Int
        let seed: UInt64
        let seedRows: [Int]
        let inertia: Double
        let iterations: Int
        let labels: [Int]
        let centers: [Double]
    }

    struct CopyingTest: Decodable {
        let statistic: Double?
        let cellZ: [Double]
        let testCounts: [Int]
        let generatedCounts: [Int]
        let keptCells: [Int]
    }

    struct MemorizationCase: Decodable {
        let name: String
        let cells: Int
        let seed: UInt64
        let thresholdQuantile: Double
        let fakeDistances: [Double]
        let fakeNearestTrain: [Int]
        let testDistances: [Double]
        let threshold: Double
        let fakeFractionBelow: Double
        let testFractionBelow: Double
        let offenders: [Int]
        let copyingTest: CopyingTest
    }

    let digitsWithin: Search
    let digitsCosine: Search
    let clusteredWithin: Search
    let clusteredQueries: Search
    let duplicatesWithin: Search
    let kmeans: [KMeansCase]
    let memorization: [MemorizationCase]

    /// Decoded once: the fixture is about 1 MB and decoding it in a debug build takes seconds.
    private static let decoded = Result { try loadJSONFixture("neighbors_reference.json", as: Self.self, in: .module) }

    static func load() throws -> NeighborsReference { try decoded.get() }
}

enum ReferenceData {
    static func clustered(rows: Int, columns: Int, clusters: Int, seed: UInt64) -> Matrix<Float> {
        var generator = SeededGenerator(seed: seed)
        let centres = Matrix<Float>.standardNormal(rows: clusters, columns: columns, using: &generator)
        let noise = Matrix<Float>.standardNormal(rows: rows, columns: columns, using: &generator)
        return Matrix(rows: rows, columns: columns) { values in
            for row in 0..<rows {
                for column in 0..<columns {
                    values[row * columns + column] = 4 * centres[row % clusters, column] + noise[row, column]
                }
            }
        }
    }

    static func duplicated(rows: Int, columns: Int, distinct: Int, seed: UInt64) -> Matrix<Float> {
        var generator = SeededGenerator(seed: seed)
        let base = Matrix<Float>.standardNormal(rows: distinct, columns: columns, using: &generator)
        return base.rows(at: (0..<rows).map { (7 * $0) % distinct })
    }

    /// datasets/digits.npy (1797×8×8 little-endian float32) as 1797×64.
    static func digits() throws -> Matrix<Float> {
        let data = try Data(contentsOf: RepositoryPaths.datasets.appendingPathComponent("digits.npy"))
        // npy v1: magic (6) + version (2) + UInt16 header length + header, then the raw values.
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let payload = data.dropFirst(10 + headerLength)
        let values: [Float] = payload.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return Matrix(rows: 1797, columns: 64, values: values)
    }

    /// Float64 Euclidean distance between two rows.
    static func distance(_ x: ArraySlice<Float>, _ y: ArraySlice<Float>) -> Double {
        zip(x, y).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }.squareRoot()
    }

    /// Float64 cosine distance `1 − cos` between two rows.
    static func cosineDistance(_ x: ArraySlice<Float>, _ y: ArraySlice<Float>) -> Double {
        let dot = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let nx = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let ny = y.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return 1 - dot / (nx * ny)
    }
}
