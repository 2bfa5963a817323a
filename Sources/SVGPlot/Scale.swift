import Foundation

/// How data values map to one axis.
public enum ScaleKind: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; non-positive values cannot be placed and are skipped by the plots.
    case log
}

/// Maps a data interval onto a pixel interval (pixels may run backwards, as y does in SVG).
public struct Scale: Sendable, Equatable {
    public var kind: ScaleKind
    public var domain: ClosedRange<Double>
    public var pixelStart: Double
    public var pixelEnd: Double

    public init(kind: ScaleKind, domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
        self.kind = kind
        self.domain = domain
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    private func transformed(_ value: Double) -> Double {
        kind == .log ? Foundation.log10(value) : value
    }

    /// The pixel position of `value`; values outside the domain extrapolate linearly.
    public func pixel(_ value: Double) -> Double {
        let low = transformed(domain.lowerBound)
        let high = transformed(domain.upperBound)
        let span = high - low
        let fraction = span > 0 ? (transformed(value) - low) / span : 0.5
        return pixelStart + fraction * (pixelEnd - pixelStart)
    }

    /// Whether `value` can be placed on this scale at all.
    public func accepts(_ value: Double) -> Bool {
        value.isFinite && (kind == .linear || value > 0)
    }

    /// Nice tick values inside the domain for roughly `approximateCount` ticks.
    public func ticks(approximateCount: Int) -> Ticks {
        switch kind {
        case .linear: return Ticks.linear(domain, approximateCount: approximateCount)
        case .log: return Ticks.logarithmic(domain, approximateCount: approximateCount)
        }
    }
}

/// Data extent helpers shared by the plot kinds.
enum Extent {
    /// The finite (and, for log scales, positive) range of `values`, or nil when none qualify.
    static func of<Values: Sequence>(_ values: Values, kind: ScaleKind) -> ClosedRange<Double>?
    where Values.Element == Double {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where value.isFinite && (kind == .linear || value > 0) {
            low = min(low, value)
            high = max(high, value)
        }
        return low <= high ? low...high : nil
    }

    /// Widens a degenerate range and adds `padding` (a fraction of the span) on both sides.
    static func padded(_ range: ClosedRange<Double>, kind: ScaleKind, padding: Double) -> ClosedRange<Double> {
        if kind == .log {
            let low = Foundation.log10(range.lowerBound)
            var high = Foundation.log10(range.upperBound)
            if high - low < 1e-9 { high = low + 1 }
            let pad = (high - low) * padding
            return pow(10, low - pad)...pow(10, high + pad)
        }
        var low = range.lowerBound
        var high = range.upperBound
        if high - low <= abs(high) * 1e-12 {
            let half = max(abs(low) * 0.1, 0.5)
            low -= half
            high += half
        }
        let pad = (high - low) * padding
        return (low - pad)...(high + pad)
    }

    /// Extends `range` outward to the nearest ticks so the axis starts and ends on a labelled value.
    static func niced(_ range: ClosedRange<Double>, kind: ScaleKind, approximateTicks: Int) -> ClosedRange<Double> {
        guard kind == .linear else {
            let low = pow(10, Foundation.log10(range.lowerBound).rounded(.down))
            let high = pow(10, Foundation.log10(range.upperBound).rounded(.up))
            return low...max(high, low * 10)
        }
        let step = Ticks.niceStep(span: range.upperBound - range.lowerBound, approximateCount: approximateTicks)
        let low = (range.lowerBound / step).rounded(.down) * step
        let high = (range.upperBound / step).rounded(.up) * step
        return low...(high > low ? high : low + step)
    }
}
