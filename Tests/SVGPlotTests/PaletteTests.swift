import Foundation
import Testing

@testable import SVGPlot

@Suite struct PaletteTests {
    struct Reference: Decodable {
        struct Viridis: Decodable {
            var t: [Double]
            var hex: [String]
        }
        var viridis: Viridis
    }

    @Test func realVersusGeneratedColours() {
        #expect(Palette.real.hex == "#0072B2")
        #expect(Palette.generated.hex == "#D55E00")
        #expect(Set(Palette.okabeIto).count == 8)
        #expect(Set(Palette.tolMuted).count == 12)
    }

    @Test func categoricalPaletteSwitchesAboveEightAndAddsShapes() {
        #expect(Palette.categorical(count: 8) == Palette.okabeIto)
        #expect(Palette.categorical(count: 10) == Array(Palette.tolMuted.prefix(10)))
        #expect(MarkerShape.forCategory(5, of: 8) == .circle)
        #expect(Set((0..<10).map { MarkerShape.forCategory($0, of: 10) }).count == MarkerShape.allCases.count)
        // Every (colour, shape) pair is distinct for 12 categories.
        let pairs = (0..<12).map { "\(Palette.categorical(count: 12)[$0].hex)\(MarkerShape.forCategory($0, of: 12))" }
        #expect(Set(pairs).count == 12)
    }

    /// Against matplotlib's 256-entry viridis table (datasets/reference/svgplot_reference.json, written by
    /// scripts/reference/svgplot_reference.py). Tolerance: 3 levels per channel, from interpolating 11 anchors.
    @Test func viridisMatchesMatplotlib() throws {
        let url = repositoryRoot.appendingPathComponent("datasets/reference/svgplot_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        for (t, hex) in zip(reference.viridis.t, reference.viridis.hex) {
            let expected = Color(hex: try #require(UInt32(hex.dropFirst(), radix: 16)))
            let actual = Palette.viridis(t)
            let worst = max(
                abs(Int(actual.red) - Int(expected.red)), abs(Int(actual.green) - Int(expected.green)),
                abs(Int(actual.blue) - Int(expected.blue)))
            #expect(worst <= 3, "viridis(\(t)) = \(actual.hex), matplotlib \(hex)")
        }
        #expect(Palette.viridis(-1) == Palette.viridis(0))
        #expect(Palette.viridis(.nan) == Palette.viridis(0))
        #expect(Palette.viridis(2).hex == "#FDE725")
    }

    @Test func colourHex() {
        #expect(Color(hex: 0x0A0B0C).hex == "#0A0B0C")
        #expect(Color(grey: 0.5).hex == "#808080")
        #expect(Color(grey: .nan).hex == "#000000")
    }
}
