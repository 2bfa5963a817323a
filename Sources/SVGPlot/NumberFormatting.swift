import Foundation

/// Coordinates beyond this magnitude are clamped before formatting: they are far outside any canvas.
let coordinateLimit = 1e9

/// Formats `value` with at most `decimals` fractional digits (0...8), trailing zeros removed, no
/// locale, no `-0`. Non-finite values become `0` (callers filter them before drawing); values too large
/// for exact integer arithmetic fall back to scientific notation. Deterministic: integer arithmetic only.
func formatFixed(_ value: Double, decimals: Int, keepTrailingZeros: Bool = false) -> String {
    guard value.isFinite else { return "0" }
    let places = min(max(decimals, 0), 8)
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    let scaledValue = (value * Double(scale)).rounded()
    guard abs(scaledValue) < 9e18 else { return formatScientific(value, significantDigits: 6) }
    let scaled = Int64(scaledValue)
    if scaled == 0 { return keepTrailingZeros && places > 0 ? "0." + String(repeating: "0", count: places) : "0" }
    let magnitude = scaled.magnitude
    let integerPart = magnitude / UInt64(scale)
    var fraction = magnitude % UInt64(scale)
    var fractionDigits = places
    while !keepTrailingZeros && fractionDigits > 0 && fraction % 10 == 0 {
        fraction /= 10
        fractionDigits -= 1
    }
    var text = scaled < 0 ? "-" : ""
    text += String(integerPart)
    if fractionDigits > 0 {
        let digits = String(fraction)
        text += "." + String(repeating: "0", count: fractionDigits - digits.count) + digits
    }
    return text
}

/// Coordinates carry two decimals (0.01 px is far below what any renderer shows) and are clamped to
/// ±`coordinateLimit`, far outside any canvas.
func formatCoordinate(_ value: Double) -> String {
    formatFixed(min(max(value, -coordinateLimit), coordinateLimit), decimals: 2)
}

/// `12345` → `12,345`: counts in legends, descriptions and the shell's plot subtitles (locale-independent).
public func formatCount(_ count: Int) -> String {
    let digits = String(count.magnitude)
    var grouped = String()
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
        grouped.append(digit)
    }
    return (count < 0 ? "-" : "") + grouped
}

/// A short human number for descriptions and subtitles: 3 significant digits, SI suffix above 10,000.
public func formatReadable(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
    let magnitude = abs(value)
    if magnitude >= 10_000 { return formatWithSISuffix(value, decimals: 1) }
    if magnitude == 0 { return "0" }
    let exponent = Int((log10(magnitude)).rounded(.down))
    if exponent < -4 { return formatScientific(value, significantDigits: 3) }
    return formatFixed(value, decimals: max(0, 2 - exponent))
}

let siSuffixes: [(factor: Double, suffix: String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]

/// `1234` → `1.2k`, `3_400_000` → `3.4M`, with `decimals` digits after the point (trailing zeros
/// dropped). Values below 1,000 are printed as they are; from 10^15 on, `1.23e15`.
public func formatWithSISuffix(_ value: Double, decimals: Int, keepTrailingZeros: Bool = false) -> String {
    // The suffix is chosen after rounding: 999,960 at one decimal is 1M, not 1000k.
    let places = min(max(decimals, 0), 8)
    let magnitude = abs(value)
    // Beyond the largest suffix (999T) scientific notation is shorter than a long mantissa.
    if magnitude >= 1e15 { return formatScientific(value, significantDigits: 3) }
    for (index, (factor, suffix)) in siSuffixes.enumerated() where magnitude >= factor {
        let rounded = (magnitude / factor * pow10(places)).rounded() / pow10(places)
        if rounded >= 1000 && index > 0 {
            let larger = siSuffixes[index - 1]
            return formatFixed(value / larger.factor, decimals: decimals, keepTrailingZeros: keepTrailingZeros)
                + larger.suffix
        }
        if rounded >= 1000 { return formatScientific(value, significantDigits: 3) }
        return formatFixed(value / factor, decimals: decimals, keepTrailingZeros: keepTrailingZeros) + suffix
    }
    return formatFixed(value, decimals: decimals, keepTrailingZeros: keepTrailingZeros)
}

/// `0.000123` → `1.23e-4`.
func formatScientific(_ value: Double, significantDigits: Int) -> String {
    guard value != 0, value.isFinite else { return formatFixed(value, decimals: 0) }
    var exponent = Int(log10(abs(value)).rounded(.down))
    var mantissa = value / pow10(exponent)
    if abs(mantissa) >= 9.995 {
        exponent += 1
        mantissa /= 10
    }
    return formatFixed(mantissa, decimals: max(significantDigits - 1, 0)) + "e" + String(exponent)
}

func pow10(_ exponent: Int) -> Double {
    pow(10, Double(exponent))
}
