/// The ground cost of an entropic transport problem between rows `x_i` and `y_j`.
public enum TransportCost: String, Sendable, Equatable, CaseIterable {
    /// `‖x − y‖`: the transport cost is W₁.
    case euclidean
    /// `‖x − y‖²`: the transport cost is W₂².
    case squaredEuclidean
}

/// Settings of `EntropicTransport` (log-domain Sinkhorn with ε-scaling).
public struct SinkhornOptions: Sendable, Equatable {
    /// The entropic regularisation ε, either unit-free (a share of the mean pair cost) or absolute.
    public enum Epsilon: Sendable, Equatable {
        /// ε = value · mean_ij C_ij, so one value suits features of any scale.
        case relative(Double)
        /// ε in the cost's own units (squared feature units for W₂), as POT's `reg`.
        case absolute(Double)
    }

    /// 0.01 of the mean pair cost: on the committed fixtures (scripts/reference/sinkhorn.py) the measured
    /// bias ⟨P_ε, C⟩ − W_p^p is under 1 % of W₁ and of W₂² (W₂ reads < 0.5 % high) at a few hundred
    /// iterations; 0.001 cuts the bias over tenfold at the price of more iterations (see `EntropicTransport`).
    public static let defaultRelativeEpsilon = 0.01

    /// L1 error of the plan's row marginal (total mass 1) at which iteration stops: 1e-6 moves the cost by
    /// at most 1e-6 · max C, far below the entropic bias.
    public static let defaultMarginalTolerance = 1e-6

    /// Four times the 2,454 iterations 2,000 + 2,000 Gaussian rows in 64-D need at the default ε without
    /// over-relaxation (816 with it; the test fixtures need ≤ 533); a cap against runaway runs, not a budget.
    public static let defaultMaximumIterations = 10_000

    /// The cost matrix is cached as Float when `n · m · 4` bytes fit (512 MiB: 11,585² pairs), and the
    /// Double kernel iteration runs when costs and kernel fit together (`n · m · 12`: 6,689² pairs, so the
    /// 5,000 + 5,000 benchmark stays on the fast path).
    public static let defaultCostCacheBytes = 512 << 20

    /// ε halves per annealing iteration (one Sinkhorn iteration per ε, as geomloss's ε-scaling).
    public static let defaultScalingFactor = 0.5

    public var epsilon = Epsilon.relative(defaultRelativeEpsilon)
    /// Stop when the L1 marginal error is at most this.
    public var marginalTolerance = defaultMarginalTolerance
    /// Total Sinkhorn iterations, annealing included.
    public var maximumIterations = defaultMaximumIterations
    /// Start at ε = max C and shrink geometrically to the target (false: start at the target).
    public var scalesEpsilon = true
    /// Ratio between successive ε while annealing, in (0, 1).
    public var scalingFactor = defaultScalingFactor
    /// Above this many bytes of Float costs, cost blocks are recomputed every iteration instead of cached.
    public var costCacheBytes = defaultCostCacheBytes
    /// Bytes of Float costs per block of rows (tests shrink it to cross block boundaries).
    var blockBytes = TransportCostBlocks.defaultBlockBytes

    public init() {}

    /// Checks every setting; messages name the option and the accepted range.
    func validate(metric: String) throws(MetricsError) {
        switch epsilon {
        case .relative(let value), .absolute(let value):
            guard value.isFinite, value > 0 else {
                throw MetricsError(metric, "ε must be positive and finite, not \(value); try the default relative 0.01")
            }
        }
        guard marginalTolerance.isFinite, marginalTolerance > 0 else {
            throw MetricsError(metric, "the marginal tolerance must be positive and finite, not \(marginalTolerance)")
        }
        guard maximumIterations >= 1 else {
            throw MetricsError(metric, "the iteration limit must be at least 1, not \(maximumIterations)")
        }
        guard scalingFactor > 0, scalingFactor < 1 else {
            throw MetricsError(metric, "the ε-scaling factor must lie in (0, 1), not \(scalingFactor)")
        }
        guard costCacheBytes >= 0, blockBytes >= 1 else {
            throw MetricsError(metric, "the cost cache budget must not be negative (\(costCacheBytes) bytes)")
        }
    }
}
