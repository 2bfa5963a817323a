import Foundation
import Testing

@testable import SVGPlot

/// Realistic figures of every plot kind: the demo digits data (from scripts/reference/svgplot_reference.py)
/// and seeded synthetic real-vs-generated data. `scripts/render_plots.sh` writes them through
/// `writesExamplesWhenAsked` and renders them to PNG.
enum ExamplePlots {
    struct Digits: Decodable {
        var labels: [Int]
        var pca: [[Double]]
        var tsne: [[Double]]
        var images: [[Double]]
    }

    static func loadDigits() throws -> Digits {
        let url = repositoryRoot.appendingPathComponent("datasets/reference/svgplot_digits.json")
        return try JSONDecoder().decode(Digits.self, from: Data(contentsOf: url))
    }

    static func all() throws -> [(name: String, plot: any Plot)] {
        let digits = try loadDigits()
        let names = (0...9).map(String.init)
        var mapOptions = ScatterOptions(
            chart: ChartOptions(
                title: "Digits: t-SNE map", subtitle: "n=1,797 · perplexity 30 · seed 0 · 10 classes"))
        mapOptions.chart.isMap = true
        mapOptions.chart.xAxisLabel = "t-SNE 1"
        mapOptions.chart.yAxisLabel = "t-SNE 2"
        let tsne = ScatterPlot(
            x: digits.tsne.map { $0[0] }, y: digits.tsne.map { $0[1] },
            coloring: .categories(codes: digits.labels, names: names), options: mapOptions)
        var pcaOptions = mapOptions
        pcaOptions.chart.title = "Digits: first two principal components"
        pcaOptions.chart.subtitle = "n=1,797 · 10 classes"
        pcaOptions.chart.xAxisLabel = "PC 1"
        pcaOptions.chart.yAxisLabel = "PC 2"
        let pca = ScatterPlot(
            x: digits.pca.map { $0[0] }, y: digits.pca.map { $0[1] },
            coloring: .categories(codes: digits.labels, names: names), options: pcaOptions)

        var imageOptions = ImageGridOptions(title: "Digits: first 40 rows")
        imageOptions.subtitle = "8x8 greyscale, values 0–16"
        imageOptions.columns = 10
        imageOptions.captions = digits.labels.prefix(40).map { "label \($0)" }
        imageOptions.rowLabels = ["rows 1–10", "rows 11–20", "rows 21–30", "rows 31–40"]
        imageOptions.invert = true
        imageOptions.valueRange = 0...16
        let imageGrid = ImageGrid(images: digits.images, shape: try ImageShape([8, 8]), options: imageOptions)

        let overlay = realVersusGenerated()
        let histogram = distanceHistogram()
        let trend = metricTrend()
        let bars = modeCounts()
        let continuous = continuousMap()
        let rgb = try rgbGrid()
        var multiplesOptions = SmallMultiplesOptions(title: "Checkpoint 40k at a glance")
        multiplesOptions.subtitle = "FD 23.4 · coverage 0.41 · n=10,000"
        multiplesOptions.columns = 2
        let multiples = SmallMultiples(panels: smallPanels(), options: multiplesOptions)
        return [
            ("digits_tsne", tsne), ("digits_pca", pca), ("digits_images", imageGrid),
            ("real_vs_generated", overlay), ("nn_distance_histogram", histogram), ("metric_trend", trend),
            ("mode_counts", bars), ("continuous_map", continuous), ("rgb_images", rgb),
            ("small_multiples", multiples), ("real_vs_generated_density", densityOverlay()),
            ("long_headers_wide_legend", longHeaders()),
        ]
    }

    /// 8 real modes; the generator covers only 3 of them, tightly.
    static func realVersusGenerated() -> ScatterPlot {
        var random = SplitMix64(state: 2024)
        var x: [Double] = []
        var y: [Double] = []
        var generated: [Bool] = []
        for index in 0..<10_000 {
            let isGenerated = index >= 5_000
            let mode = isGenerated ? [0, 1, 5][index % 3] : index % 8
            let angle = 2 * Double.pi * Double(mode) / 8
            let spread = isGenerated ? 0.45 : 1.0
            x.append(8 * cos(angle) + spread * random.normal())
            y.append(8 * sin(angle) + spread * random.normal())
            generated.append(isGenerated)
        }
        var options = ScatterOptions(
            chart: ChartOptions(
                title: "Real vs generated (UMAP)", subtitle: "FD 23.4 · coverage 0.41 · n=10,000"))
        options.chart.isMap = true
        return ScatterPlot(x: x, y: y, coloring: .realVersusGenerated(isGenerated: generated), options: options)
    }

    /// The overlay as a binned density layer (`density=yes` in the shell).
    static func densityOverlay() -> ScatterPlot {
        var plot = realVersusGenerated()
        plot.options.densityBins = 60
        plot.options.chart.title = "Real vs generated: density"
        return plot
    }

    /// A title and subtitle longer than the canvas and legend labels of wide capitals: all must stay inside.
    static func longHeaders() -> ScatterPlot {
        let points = clusteredPoints(classes: 3, perClass: 100, seed: 9)
        var options = ScatterOptions(
            chart: ChartOptions(
                title: "A very long title that goes on and on describing checkpoint 40000 of the generator "
                    + "trained with a very long configuration name",
                subtitle: "FD 23.4 · coverage 0.41 · recall 0.52 · precision 0.83 · density 1.02 · n=10,000 · "
                    + "k=5 · Inception pool3 features · seed 0"))
        options.chart.isMap = true
        return ScatterPlot(
            x: points.x, y: points.y,
            coloring: .categories(
                codes: points.codes,
                names: [String(repeating: "W", count: 38), String(repeating: "M", count: 30) + " (real)", "mode 3"]),
            options: options)
    }

    static func distanceHistogram() -> HistogramPlot {
        var random = SplitMix64(state: 11)
        let realToReal = (0..<3_000).map { _ in abs(4 + 0.8 * random.normal()) }
        let generatedToReal = (0..<3_000).map { _ in abs(2.6 + 0.5 * random.normal()) }
        var options = HistogramOptions(
            chart: ChartOptions(
                title: "Nearest-neighbour distances", subtitle: "k=1 · Euclidean · 3,000 queries per set",
                xAxisLabel: "distance to nearest real sample"))
        options.binCount = 40
        return HistogramPlot(
            series: [
                HistogramSeries(name: "real → real", values: realToReal),
                HistogramSeries(name: "generated → real", values: generatedToReal),
            ], options: options)
    }

    static func metricTrend() -> LinePlot {
        let checkpoints = [5_000.0, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000]
        var options = LinePlotOptions(
            chart: ChartOptions(
                title: "Coverage and recall over training", subtitle: "first below 0.5: coverage at 30k",
                xAxisLabel: "training step", yAxisLabel: "score"))
        options.threshold = Threshold(value: 0.5, label: "collapse threshold 0.5")
        return LinePlot(
            series: [
                LineSeries(name: "coverage", x: checkpoints, y: [0.82, 0.8, 0.77, 0.7, 0.61, 0.48, 0.44, 0.41]),
                LineSeries(name: "recall", x: checkpoints, y: [0.74, 0.75, 0.73, 0.69, 0.66, 0.6, 0.57, 0.52]),
                LineSeries(name: "precision", x: checkpoints, y: [0.55, 0.61, 0.68, 0.72, 0.76, 0.79, 0.81, 0.83]),
            ], options: options)
    }

    static func modeCounts() -> BarChart {
        var options = BarChartOptions(
            chart: ChartOptions(
                title: "Samples per mode", subtitle: "nearest real cluster of each sample · K-means k=8",
                yAxisLabel: "samples"))
        options.valueDecimals = 0
        return BarChart(
            categories: (1...8).map { "mode \($0)" },
            series: [
                BarSeries(name: "real", values: [1250, 1248, 1251, 1249, 1252, 1250, 1247, 1253]),
                BarSeries(name: "generated", values: [3340, 3312, 2, 0, 1, 3346, 0, 0]),
            ], options: options)
    }

    static func continuousMap() -> ScatterPlot {
        let points = clusteredPoints(classes: 6, perClass: 400, seed: 5)
        let distance = zip(points.x, points.y).map { (($0 * $0 + $1 * $1).squareRoot() - 10).magnitude }
        var options = ScatterOptions(
            chart: ChartOptions(
                title: "Distance to nearest real sample", subtitle: "t-SNE · n=2,400"))
        options.chart.isMap = true
        return ScatterPlot(
            x: points.x, y: points.y, coloring: .continuous(values: distance, name: "distance"),
            options: options)
    }

    static func rgbGrid() throws -> ImageGrid {
        let side = 16
        let images: [[Double]] = (0..<12).map { index in
            var values: [Double] = []
            for row in 0..<side {
                for column in 0..<side {
                    let inside = (row - 8) * (row - 8) + (column - 8) * (column - 8) < 16 + index * 3
                    values += [Double(column) / 15, Double(row) / 15, inside ? 1 : Double(index) / 11]
                }
            }
            return values
        }
        var options = ImageGridOptions(title: "Generated 16x16 RGB samples")
        options.captions = (1...12).map { "sample \($0)" }
        options.columns = 6
        options.rowLabels = ["seed 1", "seed 2"]
        return ImageGrid(images: images, shape: try ImageShape([16, 16, 3]), options: options)
    }

    /// A panel-sized copy of a chart.
    static func small(_ chart: ChartOptions) -> ChartOptions {
        var chart = chart
        chart.width = 420
        chart.height = 300
        return chart
    }

    static func smallPanels() -> [any Plot] {
        var overlay = realVersusGenerated()
        overlay.options.chart = small(overlay.options.chart)
        var histogram = distanceHistogram()
        histogram.options.chart = small(histogram.options.chart)
        var trend = metricTrend()
        trend.options.chart = small(trend.options.chart)
        var bars = modeCounts()
        bars.options.chart = small(bars.options.chart)
        return [overlay, histogram, trend, bars]
    }
}

@Suite struct ExampleTests {
    /// Every example is well-formed and accessible; with SVGPLOT_EXAMPLES_DIR set, they are also written
    /// there (scripts/render_plots.sh renders them to PNG).
    @Test func examplesAreWellFormedAndWrittenWhenAsked() throws {
        let directory = ProcessInfo.processInfo.environment["SVGPLOT_EXAMPLES_DIR"]
        for (name, plot) in try ExamplePlots.all() {
            let svg = try plot.svgText()
            #expect(checkAccessibleAndSafe(svg) != nil, "example \(name)")
            if let directory {
                try svg.write(toFile: "\(directory)/\(name).svg", atomically: true, encoding: .utf8)
            }
        }
        if let directory, ProcessInfo.processInfo.environment["SVGPLOT_LARGE_EXAMPLE", default: ""] != "" {
            let points = clusteredPoints(classes: 8, perClass: 12_500, seed: 3)
            var options = ScatterOptions(chart: ChartOptions(title: "100,000 points in path mode"))
            options.chart.isMap = true
            let svg = try ScatterPlot(
                x: points.x, y: points.y,
                coloring: .categories(codes: points.codes, names: (1...8).map { "mode \($0)" }),
                options: options
            ).svgText()
            try svg.write(toFile: "\(directory)/large_scatter.svg", atomically: true, encoding: .utf8)
        }
    }
}
