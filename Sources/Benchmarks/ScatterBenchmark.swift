import Foundation
import LinearAlgebra
import SVGPlot

/// A categorical scatter of `n` points (10 classes, the digits-map case) written to SVG: time and size.
/// The points come from SeededGenerator so scripts/bench_plots.py can draw the same ones with matplotlib.
enum ScatterBenchmark {
    static let benchmark = Benchmark(name: "svg-scatter") { options in
        let count = Int(options["n"] ?? "100000") ?? 100_000
        let out = options["out"] ?? "/tmp/modescope-bench-scatter.svg"
        var generator = SeededGenerator(seed: 42)
        var x = [Double](repeating: 0, count: count)
        var y = [Double](repeating: 0, count: count)
        var codes = [Int](repeating: 0, count: count)
        for index in 0..<count {
            codes[index] = index % 10
            let angle = Double(codes[index]) * 2 * Double.pi / 10
            x[index] = 4 * cos(angle) + generator.nextNormal()
            y[index] = 4 * sin(angle) + generator.nextNormal()
        }
        var bytes = 0
        let seconds = try bestTime {
            var options = ScatterOptions(chart: ChartOptions(title: "\(count) points"))
            options.chart.isMap = true
            let plot = ScatterPlot(
                x: x, y: y, coloring: .categories(codes: codes, names: (0..<10).map(String.init)), options: options)
            let text = try plot.svgText()
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            bytes = text.utf8.count
        }
        printJSON(["benchmark": "svg-scatter", "points": count, "seconds": seconds, "bytes": bytes])
    }
}
