import Testing

@testable import SVGPlot

/// Heckbert's nice numbers are a definition, not a numeric approximation: the expected values below are
/// worked by hand from Heckbert (1990), step = nice(span / count) with thresholds 1.5, 3, 7.
@Suite struct TickTests {
    @Test func heckbertSteps() {
        #expect(Ticks.niceStep(span: 10, approximateCount: 5) == 2)
        #expect(Ticks.niceStep(span: 1, approximateCount: 5) == 0.2)
        #expect(Ticks.niceStep(span: 100, approximateCount: 4) == 20)  // 25 -> 2 x 10
        #expect(Ticks.niceStep(span: 7, approximateCount: 1) == 10)  // 7 -> 10
        #expect(Ticks.niceStep(span: 0.37, approximateCount: 5) == 0.1)  // 7.4e-2 -> 10 x 1e-2
        #expect(Ticks.niceStep(span: 0.3, approximateCount: 5) == 0.05)  // 6e-2 -> 5 x 1e-2
        #expect(Ticks.niceStep(span: 0, approximateCount: 5) == 1)
    }

    @Test func linearTicksAndTheirLabels() {
        let ticks = Ticks.linear(0.13...0.97, approximateCount: 5)
        #expect(ticks.labels == ["0.2", "0.4", "0.6", "0.8"])
        // Every label carries the step's decimals: one axis never mixes "1" and "1.5".
        let quarter = Ticks.linear(0...1, approximateCount: 8)
        #expect(quarter.labels == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
        let negative = Ticks.linear(-3...3, approximateCount: 3)
        #expect(negative.values == [-2, 0, 2])
        #expect(negative.labels == ["-2", "0", "2"])
        #expect(Ticks.linear(0.25...1.75, approximateCount: 3).labels == ["0.5", "1.0", "1.5"])
        #expect(Ticks.linear(-1.7...0.2, approximateCount: 4).labels == ["-1.5", "-1.0", "-0.5", "0.0"])
    }

    @Test func largeValuesUseSISuffixesWithTheDecimalsTheStepNeeds() {
        #expect(Ticks.linear(0...40_000, approximateCount: 4).labels == ["0", "10k", "20k", "30k", "40k"])
        #expect(
            Ticks.linear(10_000...12_000, approximateCount: 4).labels == ["10.0k", "10.5k", "11.0k", "11.5k", "12.0k"])
        // One suffix per axis, chosen by the largest tick.
        #expect(Ticks.linear(0...1_600_000, approximateCount: 4).labels == ["0", "0.5M", "1.0M", "1.5M"])
        #expect(Ticks.linear(0...3_000_000, approximateCount: 3).labels == ["0", "1M", "2M", "3M"])
        #expect(Ticks.linear(0...5_000, approximateCount: 5).labels == ["0", "1000", "2000", "3000", "4000", "5000"])
    }

    @Test func hugeValuesAndHugeOffsetsStayDistinct() {
        #expect(formatWithSISuffix(2.5e18, decimals: 1) == "2.5e18")
        let offset = Ticks.linear(1e9...(1e9 + 1), approximateCount: 2)
        #expect(Set(offset.labels).count == offset.labels.count)
        #expect(offset.labels == ["1000000000.0", "1000000000.5", "1000000001.0"])
    }

    @Test func tinyStepsUseScientificNotation() {
        let ticks = Ticks.linear(0...0.0004, approximateCount: 4)
        #expect(ticks.labels == ["0", "1e-4", "2e-4", "3e-4", "4e-4"])
    }

    @Test func logarithmicTicks() {
        let decades = Ticks.logarithmic(1...100_000, approximateCount: 6)
        #expect(decades.values == [1, 10, 100, 1_000, 10_000, 100_000])
        #expect(decades.labels == ["1", "10", "100", "1000", "10k", "100k"])
        let narrow = Ticks.logarithmic(0.01...1, approximateCount: 5)
        #expect(narrow.labels == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
        let wide = Ticks.logarithmic(1e-6...1e6, approximateCount: 4)
        #expect(wide.labels == ["1e-6", "0.001", "1", "1000", "1M"])
    }

    @Test func scalesMapEndpointsAndHandleDegenerateDomains() {
        let linear = Scale(kind: .linear, domain: 0...10, pixelStart: 100, pixelEnd: 0)
        #expect(linear.pixel(0) == 100)
        #expect(linear.pixel(10) == 0)
        #expect(linear.pixel(2.5) == 75)
        let log = Scale(kind: .log, domain: 1...100, pixelStart: 0, pixelEnd: 200)
        #expect(abs(log.pixel(10) - 100) < 1e-9)
        #expect(!log.accepts(0))
        #expect(!log.accepts(-1))
        let flat = Scale(kind: .linear, domain: 3...3, pixelStart: 0, pixelEnd: 10)
        #expect(flat.pixel(3) == 5)
        let padded = Extent.padded(5...5, kind: .linear, padding: 0)
        #expect(padded == 4.5...5.5)
    }
}
