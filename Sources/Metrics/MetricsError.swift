import LinearAlgebra

/// Everything that can go wrong in `Metrics` apart from cancellation (which is `CancellationError`).
///
/// Messages name the metric, the offending value and, when there is one, the fix.
public struct MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let metric: String
    public let message: String

    public init(_ metric: String, _ message: String) {
        self.metric = metric
        self.message = message
    }

    public var description: String { "\(metric): \(message)" }

    static func dimensionMismatch(_ metric: String, _ first: Int, _ second: Int) -> MetricsError {
        MetricsError(metric, "the two sets have different dimensions (\(first) vs \(second)); compare features from the same extractor")
    }

    static func nonFinite(_ metric: String, _ which: String) -> MetricsError {
        MetricsError(metric, "\(which) contains NaN or infinity; remove or impute those rows first")
    }
}

/// Checks that a Float matrix holds only finite values (one pass; the metrics refuse NaN/Inf).
func requireFinite(_ data: Matrix<Float>, metric: String, name: String) throws(MetricsError) {
    let finite = data.withUnsafeBufferPointer { $0.allSatisfy { $0.isFinite } }
    guard finite else { throw .nonFinite(metric, name) }
}
