import Foundation

/// Real versus fake counts per group (real labels, or K-means clusters of the real set) with Pearson's
/// chi-square test of homogeneity on the 2 × groups table, as `scipy.stats.chi2_contingency(table,
/// correction=False)`: expected counts from the margins, `χ² = Σ (O − E)²/E` over cells with E > 0,
/// `dof = (non-empty groups − 1)`, p = the upper tail of χ²(dof).
///
/// - Accuracy: the statistic exactly as scipy's up to rounding; p to 1e-10 relative (regularised upper
///   incomplete gamma by series / continued fraction, Numerical Recipes §6.2; tested against scipy).
public struct GroupCounts: Sendable, Equatable {
    public let realCounts: [Int]
    public let fakeCounts: [Int]
    public let chiSquare: Double
    public let degreesOfFreedom: Int
    public let pValue: Double

    /// - Throws: `MetricsError` when the count arrays differ in length or a side has no rows.
    public init(realCounts: [Int], fakeCounts: [Int]) throws(MetricsError) {
        let metric = "group counts"
        guard realCounts.count == fakeCounts.count, !realCounts.isEmpty else {
            throw MetricsError(metric, "real and fake counts need one entry per group")
        }
        let realTotal = Double(realCounts.reduce(0, +))
        let fakeTotal = Double(fakeCounts.reduce(0, +))
        guard realTotal > 0, fakeTotal > 0 else { throw MetricsError(metric, "both sets need rows") }
        let total = realTotal + fakeTotal
        var statistic = 0.0
        var groups = 0
        for (real, fake) in zip(realCounts, fakeCounts) where real + fake > 0 {
            groups += 1
            let column = Double(real + fake)
            for (observed, rowTotal) in [(Double(real), realTotal), (Double(fake), fakeTotal)] {
                let expected = rowTotal * column / total
                statistic += (observed - expected) * (observed - expected) / expected
            }
        }
        self.realCounts = realCounts
        self.fakeCounts = fakeCounts
        self.chiSquare = statistic
        self.degreesOfFreedom = max(0, groups - 1)
        self.pValue = degreesOfFreedom == 0 ? 1 : chiSquareSurvival(statistic, degreesOfFreedom: degreesOfFreedom)
    }
}

/// `P(χ²(dof) > x)` = Q(dof/2, x/2), the regularised upper incomplete gamma function.
func chiSquareSurvival(_ x: Double, degreesOfFreedom: Int) -> Double {
    guard x > 0 else { return 1 }
    return regularizedUpperGamma(Double(degreesOfFreedom) / 2, x / 2)
}

/// Q(a, x) by the series for P when x < a + 1, else Lentz's continued fraction (Numerical Recipes §6.2).
func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
    let logPrefix = -x + a * log(x) - lgamma(a)
    if x < a + 1 {
        var term = 1 / a
        var sum = term
        var n = a
        for _ in 0..<10_000 {
            n += 1
            term *= x / n
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return max(0, 1 - sum * exp(logPrefix))
    }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1...10_000 {
        let an = -Double(i) * (Double(i) - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny { d = tiny }
        c = b + an / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return exp(logPrefix) * h
}
