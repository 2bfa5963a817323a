public import LinearAlgebra

/// Mode coverage on mixtures with known centres, the protocol of Unrolled GAN (Metz et al. 2017), VEEGAN
/// (Srivastava et al. 2017) and PacGAN (Lin et al. 2018): a sample is *high quality* when it lies within
/// `standardDeviations` = 3 σ of its nearest centre; a mode is covered when at least one high-quality
/// sample is nearest to it, and covered with a share when at least `minimumShare` of all samples are
/// (PacGAN: 20 of 2,500 samples, 0.008).
///
/// - Accuracy: exact (distances in Double, ties to the lower centre index); tested against numpy.
/// - Complexity: O(m · modes · d).
public struct ModeCoverage: Sendable, Equatable {
    /// PacGAN's threshold: a mode needs 20 of 2,500 samples.
    public static let defaultMinimumShare = 20.0 / 2500
    public static let defaultStandardDeviations = 3.0

    public let modeCount: Int
    /// Modes with at least one high-quality sample.
    public let coveredModes: Int
    /// Modes with at least `minimumShare` of the samples as high-quality samples.
    public let coveredModesWithShare: Int
    /// Share of samples within the radius of some mode.
    public let highQualityShare: Double
    /// High-quality samples per mode.
    public let samplesPerMode: [Int]

    /// - Throws: `MetricsError` for mismatched dimensions, no centres, no samples, NaN/∞ or a non-positive σ.
    public init(
        samples: Matrix<Float>, centers: Matrix<Float>, standardDeviation: Double,
        standardDeviations: Double = defaultStandardDeviations, minimumShare: Double = defaultMinimumShare
    ) throws(MetricsError) {
        let metric = "modes covered"
        guard samples.columns == centers.columns else { throw .dimensionMismatch(metric, samples.columns, centers.columns) }
        guard centers.rows >= 1, samples.rows >= 1 else { throw MetricsError(metric, "needs centres and samples") }
        guard standardDeviation > 0, standardDeviation.isFinite, standardDeviations > 0 else {
            throw MetricsError(metric, "std = \(standardDeviation) must be positive; give the mixture's component std")
        }
        try requireFinite(samples, metric: metric, name: "the samples")
        try requireFinite(centers, metric: metric, name: "the centres")
        let radius = standardDeviations * standardDeviation
        let squaredRadius = radius * radius
        let d = samples.columns
        var perMode = [Int](repeating: 0, count: centers.rows)
        var highQuality = 0
        samples.withUnsafeBufferPointer { points in
            centers.withUnsafeBufferPointer { middles in
                guard let pointBase = points.baseAddress, let centerBase = middles.baseAddress else { return }
                for row in 0..<samples.rows {
                    var best = 0
                    var bestValue = Double.infinity
                    for center in 0..<centers.rows {
                        let value = exactSquaredDistance(pointBase + row * d, centerBase + center * d, count: d)
                        if value < bestValue {
                            bestValue = value
                            best = center
                        }
                    }
                    if bestValue <= squaredRadius {
                        highQuality += 1
                        perMode[best] += 1
                    }
                }
            }
        }
        let needed = minimumShare * Double(samples.rows)
        modeCount = centers.rows
        coveredModes = perMode.filter { $0 >= 1 }.count
        coveredModesWithShare = perMode.filter { $0 >= 1 && Double($0) >= needed }.count
        highQualityShare = Double(highQuality) / Double(samples.rows)
        samplesPerMode = perMode
    }
}
