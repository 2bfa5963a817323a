import Foundation

/// Tick positions plus the labels to print at them.
public struct Ticks: Sendable, Equatable {
    public var values: [Double]
    public var labels: [String]

    /// Heckbert's "nice number" (Graphics Gems, 1990): the step is 1, 2, 5 or 10 × 10^k, chosen so the
    /// range holds about `approximateCount` steps.
    static func niceStep(span: Double, approximateCount: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let rough = span / Double(max(approximateCount, 1))
        let exponent = Foundation.log10(rough).rounded(.down)
        let base = pow(10, exponent)
        let fraction = rough / base
        // Heckbert's rounding thresholds (sqrt-ish midpoints between 1, 2, 5, 10).
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * base
    }

    /// Linear ticks: multiples of the nice step inside `domain`, labelled with exactly as many decimals
    /// as the step needs (step 0.25 → 2 decimals, step 5 → 0), and SI suffixes from 10,000 on.
    public static func linear(_ domain: ClosedRange<Double>, approximateCount: Int) -> Ticks {
        let step = niceStep(span: domain.upperBound - domain.lowerBound, approximateCount: approximateCount)
        let first = (domain.lowerBound / step).rounded(.up)
        let last = (domain.upperBound / step).rounded(.down)
        guard first <= last, last - first < 1000 else { return Ticks(values: [], labels: []) }
        var values: [Double] = []
        var index = first
        while index <= last {
            // Snap to zero so that -0.0 and 1e-17 never reach a label.
            let value = index * step
            values.append(abs(value) < step * 1e-9 ? 0 : value)
            index += 1
        }
        return Ticks(values: values, labels: labels(for: values, step: step))
    }

    /// Labels for ticks spaced `step` apart: every label with the decimals the step needs (-1.5, -1.0,
    /// -0.5, 0.0), so one axis never mixes "1" and "1.5".
    static func labels(for values: [Double], step: Double) -> [String] {
        let largest = values.map(abs).max() ?? 0
        if largest >= siThreshold {
            // Decimals relative to the suffix unit: step 2500 in thousands needs one decimal.
            let factor = siSuffixes.first { largest >= $0.factor }?.factor ?? 1
            let decimals = decimalsNeeded(step / factor)
            // One suffix for the whole axis (0.5M, 1.0M rather than 500.0k, 1.0M); zero stays "0".
            let suffix = siSuffixes.first { largest >= $0.factor }?.suffix ?? ""
            let labels = values.map {
                $0 == 0 ? "0" : formatFixed($0 / factor, decimals: decimals, keepTrailingZeros: true) + suffix
            }
            // A small step on a huge offset (1e9 + 0.5) would print identical labels: print them in full.
            if Set(labels).count == labels.count { return labels }
            return values.map { formatFixed($0, decimals: decimalsNeeded(step), keepTrailingZeros: true) }
        }
        if step < smallestFixedStep && largest > 0 {
            let digits = max(1, decimalsNeeded(step / pow10(Int(Foundation.log10(largest).rounded(.down)))) + 1)
            return values.map { $0 == 0 ? "0" : formatScientific($0, significantDigits: digits) }
        }
        let decimals = decimalsNeeded(step)
        return values.map { formatFixed($0, decimals: decimals, keepTrailingZeros: true) }
    }

    /// From this magnitude on, labels use SI suffixes (10k rather than 10000).
    static let siThreshold = 10_000.0
    /// Below this step fixed-point labels get long (0.00005); scientific notation is shorter.
    static let smallestFixedStep = 1e-3

    /// Decimals needed to print multiples of `step` exactly (2.5 → 1, 0.25 → 2, 50 → 0).
    static func decimalsNeeded(_ step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for decimals in 0...8 {
            let scaled = step * pow10(decimals)
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return decimals }
        }
        return 8
    }

    /// Log ticks: every power of ten in the domain (thinned to about `approximateCount`), plus 2 and 5
    /// multiples when the domain spans less than two decades.
    public static func logarithmic(_ domain: ClosedRange<Double>, approximateCount: Int) -> Ticks {
        guard domain.lowerBound > 0, domain.upperBound.isFinite else {
            return linear(domain, approximateCount: approximateCount)
        }
        let lowExponent = Int(Foundation.log10(domain.lowerBound).rounded(.down))
        let highExponent = Int(Foundation.log10(domain.upperBound).rounded(.up))
        let decades = highExponent - lowExponent
        let multipliers: [Double] = decades <= 2 ? [1, 2, 5] : [1]
        let stride = max(1, Int((Double(decades) / Double(max(approximateCount, 1))).rounded(.up)))
        var values: [Double] = []
        for exponent in lowExponent...highExponent where (exponent - lowExponent) % stride == 0 {
            for multiplier in multipliers {
                let value = multiplier * pow10(exponent)
                if value >= domain.lowerBound * (1 - 1e-9) && value <= domain.upperBound * (1 + 1e-9) {
                    values.append(value)
                }
            }
        }
        let labels = values.map { value -> String in
            if value >= siThreshold { return formatWithSISuffix(value, decimals: 0) }
            if value >= 1 { return formatFixed(value, decimals: 0) }
            if value >= smallestFixedStep { return formatFixed(value, decimals: decimalsNeeded(value)) }
            return formatScientific(value, significantDigits: 1)
        }
        return Ticks(values: values, labels: labels)
    }
}
