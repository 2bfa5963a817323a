import Foundation
import Testing

@testable import SVGPlot

/// Size and speed of a 100,000-point map. The size bound is deterministic and always checked; the timing
/// is only printed, when SVGPLOT_BENCHMARK=1 (scripts/bench_svgplot.sh runs it in release mode).
@Suite struct BenchmarkTests {
    /// The budget: a 100k-point scatter stays under 5 MB.
    static let sizeBudget = 5_000_000

    @Test func hundredThousandPointScatterStaysUnderFiveMegabytes() throws {
        let points = clusteredPoints(classes: 10, perClass: 10_000, seed: 9)
        var options = ScatterOptions(chart: ChartOptions(title: "100k"))
        options.chart.isMap = true
        let plot = ScatterPlot(
            x: points.x, y: points.y,
            coloring: .categories(codes: points.codes, names: (0..<10).map(String.init)),
            options: options)
        let start = ContinuousClock.now
        let bytes = try plot.svgText().utf8.count
        let elapsed = ContinuousClock.now - start
        #expect(bytes < Self.sizeBudget)
        if ProcessInfo.processInfo.environment["SVGPLOT_BENCHMARK", default: ""] == "1" {
            print("benchmark: 100,000-point scatter (10 classes, shapes) \(bytes) bytes in \(elapsed)")
        }
    }
}
