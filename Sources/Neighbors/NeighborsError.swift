/// Everything that can go wrong in `Neighbors` apart from cancellation (`CancellationError`).
///
/// Messages name the set, row or value at fault and the fix.
public enum NeighborsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query and reference rows have different lengths.
    case dimensionMismatch(queryColumns: Int, referenceColumns: Int)
    /// `k` is not in `1...available` (available = reference rows, or rows − 1 within one set).
    case invalidNeighborCount(k: Int, available: Int, set: String)
    /// A set has no rows or no columns.
    case emptySet(String)
    /// A row holds NaN or infinity.
    case nonFiniteRow(set: String, row: Int)
    /// Cosine distance is undefined for an all-zero row.
    case zeroRow(set: String, row: Int)
    /// A metric name that is not one of `DistanceMetric.allCases`.
    case unknownMetric(String)
    /// A numeric option outside its range.
    case invalidArgument(name: String, value: String, requirement: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(queryColumns, referenceColumns):
            return "the queries have \(queryColumns) columns but the reference has \(referenceColumns); "
                + "neighbours need rows of the same length (project or select matching features first)"
        case let .invalidNeighborCount(k, available, set):
            if k <= 0 { return "k = \(k) is invalid; ask for at least 1 neighbour" }
            return "k = \(k) is larger than the \(available) candidate rows of \(set); use k ≤ \(available)"
        case let .emptySet(set):
            return "\(set) is empty; neighbours need at least one row and one column"
        case let .nonFiniteRow(set, row):
            return "row \(row) of \(set) holds NaN or infinity; remove or impute it before searching"
        case let .zeroRow(set, row):
            return "row \(row) of \(set) is all zeros, so its cosine distance is undefined; "
                + "drop it or use metric=euclidean"
        case let .unknownMetric(name):
            let choices = DistanceMetric.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown metric '\(name)'; choose one of: \(choices)"
        case let .invalidArgument(name, value, requirement):
            return "\(name) = \(value) is invalid; it must be \(requirement)"
        }
    }
}
