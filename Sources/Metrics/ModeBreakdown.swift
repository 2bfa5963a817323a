public import LinearAlgebra
import Neighbors

/// Precision, recall, density and coverage within each mode of the real set — a real label or a K-means
/// cluster — so a user sees which modes a generator drops or distorts.
///
/// Every fake joins a mode: by cluster, its nearest K-means centre (`KMeansModel.assign`); by label, the
/// label of its nearest real row (`ExactNeighbors.search`, k = 1). Within mode g the metrics compare the
/// real rows of g with the fakes that joined g, exactly as `NeighbourhoodMetrics` does for whole sets. A
/// mode with no more than k rows on a side gets no value (nil) for the metrics that need k + 1 rows there;
/// a mode no fake joined is dropped: its recall and coverage are 0.
/// - Complexity: the grouping (one exact k-NN search or K-means) plus the per-mode metrics, Σ_g (n_g + m_g)²·d.
public enum ModeBreakdown {
    public struct Mode: Sendable, Equatable {
        public let group: Int
        public let realCount: Int
        public let fakeCount: Int
        public let precision: Double?
        public let recall: Double?
        public let density: Double?
        public let coverage: Double?
    }

    /// The mode of each fake row: the group of its nearest real row.
    public static func groupsOfNearestReal(
        fake: Matrix<Float>, real: Matrix<Float>, realGroups: [Int32], token: CancellationToken
    ) throws -> [Int32] {
        let nearest = try ExactNeighbors.search(fake, in: real, k: 1, token: token)
        return (0..<fake.rows).map { realGroups[Int(nearest.indices(ofRow: $0).first!)] }
    }

    /// Per-mode metrics for groups `0..<groupCount` given every row's group.
    /// - Throws: `MetricsError` when group arrays do not match the row counts or hold values outside
    ///   `0..<groupCount`; `CancellationError`.
    public static func compute(
        real: Matrix<Float>, fake: Matrix<Float>, realGroups: [Int32], fakeGroups: [Int32], groupCount: Int,
        precisionRecall: PrecisionRecall.Options, densityCoverage: DensityCoverage.Options, token: CancellationToken
    ) throws -> [Mode] {
        let metric = "per-mode metrics"
        guard realGroups.count == real.rows, fakeGroups.count == fake.rows else {
            throw MetricsError(metric, "one group per row is needed (\(realGroups.count) for \(real.rows) real rows)")
        }
        guard (realGroups + fakeGroups).allSatisfy({ $0 >= 0 && Int($0) < groupCount }) else {
            throw MetricsError(metric, "group values must lie in 0..<\(groupCount)")
        }
        var modes: [Mode] = []
        for group in 0..<groupCount {
            try token.checkCancellation()
            let realRows = realGroups.indices.filter { realGroups[$0] == Int32(group) }
            let fakeRows = fakeGroups.indices.filter { fakeGroups[$0] == Int32(group) }
            let realSet = real.rows(at: realRows)
            let fakeSet = fake.rows(at: fakeRows)
            let prK = precisionRecall.neighbourCount
            let dcK = densityCoverage.neighbourCount
            let pr = realRows.count > prK && fakeRows.count > prK
                ? try NeighbourhoodMetrics.compute(
                    real: realSet, fake: fakeSet, precisionRecall: precisionRecall, densityCoverage: nil, token: token
                ).precisionRecall : nil
            let dc = realRows.count > dcK && !fakeRows.isEmpty
                ? try NeighbourhoodMetrics.compute(
                    real: realSet, fake: fakeSet, precisionRecall: nil, densityCoverage: densityCoverage, token: token
                ).densityCoverage : nil
            let dropped = fakeRows.isEmpty && !realRows.isEmpty
            modes.append(Mode(
                group: group, realCount: realRows.count, fakeCount: fakeRows.count, precision: pr?.precision,
                recall: dropped ? 0 : pr?.recall, density: dc?.density, coverage: dropped ? 0 : dc?.coverage))
        }
        return modes
    }
}
