/// How neighbour distances are measured.
///
/// - `euclidean`: `‖x − y‖` (plain, not squared).
/// - `cosine`: `1 − x·y / (‖x‖‖y‖)`, in [0, 2]; rows are normalised first, so a zero row is an error.
public enum DistanceMetric: String, Sendable, CaseIterable {
    case euclidean, cosine

    /// The metric named `name` (case-insensitive), or `NeighborsError.unknownMetric` listing the choices.
    public init(parsing name: String) throws(NeighborsError) {
        guard let metric = DistanceMetric(rawValue: name.lowercased()) else { throw .unknownMetric(name) }
        self = metric
    }
}
