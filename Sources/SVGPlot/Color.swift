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
