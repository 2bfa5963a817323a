import Foundation

/// An opaque sRGB colour; serialises as `#RRGGBB`, the only colour syntax this module emits.
public struct Color: Sendable, Hashable, Comparable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// Grey level `value` in [0, 1] (clamped; NaN is black).
    public init(grey value: Double) {
        let level = channel(value)
        self.init(red: level, green: level, blue: level)
    }

    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        var text = "#"
        for component in [red, green, blue] {
            text.append(digits[Int(component >> 4)])
            text.append(digits[Int(component & 0xF)])
        }
        return text
    }

    var packed: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }

    public static func < (lhs: Color, rhs: Color) -> Bool { lhs.packed < rhs.packed }

    /// WCAG 2.1 relative luminance (sRGB channels linearised), 0 for black … 1 for white.
    var relativeLuminance: Double {
        func linear(_ component: UInt8) -> Double {
            let c = Double(component) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG contrast ratio against white: (1 + 0.05) / (L + 0.05), from 1 (white) to 21 (black).
    var contrastWithWhite: Double { 1.05 / (relativeLuminance + 0.05) }

    /// This colour scaled towards black (hue kept) until its contrast with white reaches `ratio`.
    func darkened(toContrastWithWhite ratio: Double) -> Color {
        var color = self
        while color.contrastWithWhite < ratio && color != .black {
            func scaled(_ component: UInt8) -> UInt8 { UInt8((Double(component) * 0.92).rounded(.down)) }
            color = Color(red: scaled(color.red), green: scaled(color.green), blue: scaled(color.blue))
        }
        return color
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)
    /// Axis lines, tick marks and secondary text.
    static let axis = Color(hex: 0x444444)
    static let gridLine = Color(hex: 0xE5E5E5)
    static let secondaryText = Color(hex: 0x555555)
}

/// `value` clamped to [0, 1]; NaN maps to 0 (Swift's `min`/`max` would pass NaN through).
func unitClamped(_ value: Double) -> Double {
    value.isNaN ? 0 : min(max(value, 0), 1)
}

/// Maps [0, 1] to 0...255 with rounding; out-of-range values clamp, NaN maps to 0.
func channel(_ value: Double) -> UInt8 {
    guard value.isFinite else { return 0 }
    return UInt8((min(max(value, 0), 1) * 255).rounded())
}
