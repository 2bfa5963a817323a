import Foundation
import LinearAlgebra
import TestSupport

/// The inputs of scripts/reference/metrics.py, rebuilt bit for bit from the bundled datasets and the
/// shared generator, and its committed reference values.
enum MetricFixtures {
    struct BallCounts: Decodable {
        let k: Int
        let boundary: String
        let precision_count: Int
        let recall_count: Int
        let containment_count: Int
        let coverage_count: Int
        let precision: Double
        let recall: Double
        let density: Double
        let coverage: Double
    }

    struct Frechet: Decodable {
        let fd: Double
        let fd_scipy_sqrtm: Double
        let mean_term: Double
        let ranks: [Int]
    }

    struct KID: Decodable {
        let subsets: Int
        let size: Int
        let seed: UInt64
        let mean: Double
        let std: Double
        let values: [Double]
    }

    struct PrdcFloat32: Decodable {
        let k: Int
        let density: Double
        let coverage: Double
        let containment_count: Int
        let coverage_count: Int
    }

    struct Sliced: Decodable {
        let projections: Int
        let seed: UInt64
        let distance: Double
    }

    struct VendiRBF: Decodable {
        let bandwidth: Double
        let score: Double
    }

    struct MMD: Decodable {
        let seed: UInt64
        let mmd2: Double
        let bandwidth: Double?
        let permutations: Int?
        let p_value: Double?
    }

    struct Inception: Decodable {
        struct Score: Decodable {
            let mean: Double
            let std: Double
            let splits: [Double]
        }
        let rows: Int
        let classes: Int
        let seed: UInt64
        let healthy: Score
        let collapsed: Score
    }

    struct NDB: Decodable {
        let clusters: Int
        let centers: FixtureMatrix
        let real_counts: [Int]
        let fake_counts: [Int]
        let different: [Bool]
        let ndb: Int
        let jsd: Double
    }

    struct Modes: Decodable {
        let std: Double
        let per_mode: [Int]
        let covered: Int
        let covered_share: Int
        let high_quality: Double
    }

    struct GroupTable: Decodable {
        let real: [Int]
        let fake: [Int]
        let statistic: Double
        let p_value: Double
        let dof: Int
    }

    struct Survival: Decodable {
        let x: Double
        let dof: Int
        let p: Double
    }

    struct GroupCountsReference: Decodable {
        let small: GroupTable
        let ring_by_label: GroupTable
        let survival: [Survival]
    }

    struct Case: Decodable {
        let real_rows: Int
        let fake_rows: Int
        let frechet: Frechet
        let kid: KID
        let prdc_k5_strict: BallCounts
        let prc_k3_inclusive: BallCounts
        let prc_k3_strict: BallCounts
        let prdc_k5_inclusive: BallCounts
        let prdc_float32: PrdcFloat32
        let sliced_wasserstein: Sliced
        let vendi_cosine_fake: Double
        let vendi_cosine_real: Double
        let vendi_rbf_fake: VendiRBF
        let mmd_gaussian: MMD
        let mmd_polynomial: MMD
        let ndb: NDB
    }

    struct Gaussian: Decodable {
        let frechet: Frechet
    }

    struct Reference: Decodable {
        let cases: [String: Case]
        let gaussian_2048: Gaussian
        let mmd_permutation: MMD
        let mmd_permutation_same: MMD
        let inception: Inception
        let modes: [String: Modes]
        let group_counts: GroupCountsReference
    }

    static let reference: Reference = ReferenceFile.decode(Reference.self)

    static let caseNames = ["digits_healthy", "digits_collapsed", "ring_collapsed", "gauss_near_copies"]

    static let digits: Matrix<Float> = try! readNpy("digits.npy", as: Float.self)
    static let digitLabels: [Int64] = try! readNpy("digits_labels.npy", as: Int64.self).values

    /// The (real, fake) pair of a reference case, built as metrics.py builds it.
    static func pair(_ name: String) -> (real: Matrix<Float>, fake: Matrix<Float>) {
        switch name {
        case "digits_healthy":
            var generator = SeededGenerator(seed: 11)
            let rows = try! generator.sample(800, from: digits.rows)
            let noise = Matrix<Float>.standardNormal(rows: 800, columns: 64, using: &generator)
            let picked = digits.rows(at: rows)
            let values = zip(picked.values, noise.values).map { $0 + $1 * 0.5 }
            return (digits, Matrix(rows: 800, columns: 64, values: values))
        case "digits_collapsed":
            var generator = SeededGenerator(seed: 12)
            let pool = digitLabels.indices.filter { digitLabels[$0] == 0 || digitLabels[$0] == 1 }
            let rows = (0..<600).map { _ in pool[generator.nextIndex(below: pool.count)] }
            return (digits, digits.rows(at: rows))
        case "gauss_near_copies":
            var generator = SeededGenerator(seed: 31)
            let real = Matrix<Float>.standardNormal(rows: 500, columns: 8, using: &generator)
            let noise = Matrix<Float>.standardNormal(rows: 500, columns: 8, using: &generator)
            return (real, Matrix(rows: 500, columns: 8, values: zip(real.values, noise.values).map { $0 + $1 * 1e-6 }))
        default:
            return (try! readNpy("ring_real.npy", as: Float.self), try! readNpy("ring_fake_collapsed.npy", as: Float.self))
        }
    }

    /// Peaky class probabilities from seeded uniforms, as metrics.py's `inception_probabilities`.
    static func inceptionProbabilities(rows: Int, classes: Int, seed: UInt64, collapsed: Bool) -> Matrix<Float> {
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = []
        for _ in 0..<rows {
            var weights = (0..<classes).map { _ in generator.nextUniform() }.map { $0 * $0 * $0 * $0 }
            if collapsed { weights[0] += 3 }
            var total = 0.0
            for weight in weights { total += weight }
            values += weights.map { Float($0 / total) }
        }
        return Matrix(rows: rows, columns: classes, values: values)
    }

    static func gaussianPair() -> (real: Matrix<Float>, fake: Matrix<Float>) {
        var first = SeededGenerator(seed: 21)
        var second = SeededGenerator(seed: 22)
        let real = Matrix<Float>.standardNormal(rows: 2100, columns: 2048, using: &first)
        let raw = Matrix<Float>.standardNormal(rows: 2100, columns: 2048, using: &second)
        return (real, Matrix(rows: 2100, columns: 2048, values: raw.values.map { $0 * 0.75 + 0.125 }))
    }

    /// A minimal little-endian C-order `.npy` v1 reader for the bundled datasets (the tests do not depend
    /// on DataFiles); the first axis is rows, the rest flattened.
    static func readNpy<T: MatrixScalar>(_ name: String, as _: T.Type) throws -> Matrix<T> {
        let data = try Data(contentsOf: RepositoryPaths.datasets.appendingPathComponent(name))
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        let shapeText = header.split(separator: "(")[1].split(separator: ")")[0]
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let rows = shape[0]
        let columns = shape.dropFirst().reduce(1, *)
        let payload = data[(10 + headerLength)...]
        let values: [T] = payload.withUnsafeBytes { raw in
            if header.contains("<f4") { return raw.bindMemory(to: Float.self).map { T($0) } }
            return raw.bindMemory(to: Int64.self).map { T($0) }
        }
        return Matrix(rows: rows, columns: columns, values: Array(values.prefix(rows * columns)))
    }
}

extension MetricFixtures {
    static func readNpy(_ name: String, as _: Int64.Type) throws -> (values: [Int64], count: Int) {
        let data = try Data(contentsOf: RepositoryPaths.datasets.appendingPathComponent(name))
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let payload = data[(10 + headerLength)...]
        let values = payload.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }
        return (values, values.count)
    }
}
