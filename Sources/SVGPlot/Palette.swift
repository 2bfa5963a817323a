/// Colour-vision-deficiency-safe palettes.
public enum Palette {
    /// Okabe & Ito (2008), "Color Universal Design", ordered so that the first two are the real
    /// (blue `#0072B2`) vs generated (vermillion `#D55E00`) pair. Safe for up to 8 categories.
    public static let okabeIto: [Color] = [
        0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0xF0E442, 0x000000,
    ].map(Color.init(hex:))

    /// Paul Tol's "muted" scheme (Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002, 9 colours), extended
    /// to 12 with Tol's high-contrast dark blue and yellow and black. Beyond 9 colours alone are not
    /// enough: categorical plots also vary the marker shape and label class centres directly.
    public static let tolMuted: [Color] = [
        0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499,
        0x004488, 0xDDAA33, 0x000000,
    ].map(Color.init(hex:))

    public static let real = okabeIto[0]
    public static let generated = okabeIto[1]

    /// Above this many categories colour alone stops being distinguishable (Okabe–Ito has 8 colours),
    /// so marker shapes and direct labels are added.
    public static let okabeItoCapacity = 8

    /// The palette for `count` categories: Okabe–Ito up to 8, Tol muted up to 12, then Tol muted repeated
    /// (marker shapes keep repeated colours apart).
    public static func categorical(count: Int) -> [Color] {
        let base = count <= okabeItoCapacity ? okabeIto : tolMuted
        return (0..<max(count, 0)).map { base[$0 % base.count] }
    }

    /// Viridis (van der Walt & Smith, matplotlib 2015) sampled at t = i/16 from matplotlib's table;
    /// values in between are interpolated linearly in sRGB. Tested against matplotlib at t = i/20 to
    /// within 3 levels per channel.
    static let viridisAnchors: [Color] = [
        0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D, 0x2C728E, 0x26828E, 0x21918C,
        0x1FA088, 0x28AE80, 0x3FBC73, 0x5EC962, 0x84D44B, 0xADDC30, 0xD8E219, 0xFDE725,
    ].map(Color.init(hex:))

    /// Viridis at `t` in [0, 1] (clamped; NaN maps to the low end).
    public static func viridis(_ t: Double) -> Color {
        let clamped = t.isFinite ? min(max(t, 0), 1) : 0
        let position = clamped * Double(viridisAnchors.count - 1)
        let lower = min(Int(position), viridisAnchors.count - 2)
        let fraction = position - Double(lower)
        let a = viridisAnchors[lower]
        let b = viridisAnchors[lower + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * fraction).rounded())
        }
        return Color(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }
}
