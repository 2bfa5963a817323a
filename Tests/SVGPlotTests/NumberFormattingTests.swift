import Testing

@testable import SVGPlot

@Suite struct NumberFormattingTests {
    @Test func fixedFormattingIsShortAndNeverNegativeZero() {
        #expect(formatFixed(1.005, decimals: 2) == "1")  // 1.005 is 1.00499999... in binary
        #expect(formatFixed(12.3456, decimals: 2) == "12.35")
        #expect(formatFixed(-0.001, decimals: 2) == "0")
        #expect(formatFixed(-3.1, decimals: 2) == "-3.1")
        #expect(formatFixed(0.05, decimals: 2) == "0.05")
        #expect(formatFixed(100, decimals: 2) == "100")
        #expect(formatFixed(-0.5, decimals: 0) == "-1")
        #expect(formatFixed(.nan, decimals: 2) == "0")
        #expect(formatFixed(.infinity, decimals: 2) == "0")
        #expect(formatCoordinate(1e300) == "1000000000")
        #expect(formatFixed(1e300, decimals: 2) == "1e300")
    }

    @Test func countsAreGroupedInThousands() {
        #expect(formatCount(0) == "0")
        #expect(formatCount(999) == "999")
        #expect(formatCount(1_000) == "1,000")
        #expect(formatCount(1_234_567) == "1,234,567")
        #expect(formatCount(-12_000) == "-12,000")
    }

    @Test func siSuffixes() {
        #expect(formatWithSISuffix(1_234, decimals: 1) == "1.2k")
        #expect(formatWithSISuffix(3_400_000, decimals: 1) == "3.4M")
        #expect(formatWithSISuffix(2_000_000_000, decimals: 1) == "2G")
        #expect(formatWithSISuffix(-25_000, decimals: 0) == "-25k")
        #expect(formatWithSISuffix(999, decimals: 0) == "999")
        // The suffix follows the rounded value: never "1000k".
        #expect(formatWithSISuffix(999_960, decimals: 1) == "1M")
        #expect(formatWithSISuffix(-999_960, decimals: 1) == "-1M")
        #expect(formatWithSISuffix(999_940, decimals: 1) == "999.9k")
        #expect(formatWithSISuffix(999_999_999, decimals: 0) == "1G")
    }

    @Test func readableNumbers() {
        #expect(formatReadable(23.4123) == "23.4")
        #expect(formatReadable(0.41) == "0.41")
        #expect(formatReadable(123_456) == "123.5k")
        #expect(formatReadable(999_960) == "1M")
        #expect(formatFixed(1.5, decimals: 2, keepTrailingZeros: true) == "1.50")
        #expect(formatFixed(0, decimals: 1, keepTrailingZeros: true) == "0.0")
        #expect(formatReadable(0.000123) == "0.000123")
        #expect(formatReadable(0.0000123) == "1.23e-5")
        #expect(formatReadable(.nan) == "NaN")
        #expect(formatScientific(9.999e-6, significantDigits: 3) == "1e-5")
    }
}
