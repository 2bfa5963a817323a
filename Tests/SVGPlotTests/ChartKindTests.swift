import Foundation
import Testing

@testable import SVGPlot

@Suite struct HistogramTests {
    struct Reference: Decodable {
        struct Histogram: Decodable {
            var bins: Int
            var counts: [Int]
            var edges: [Double]
            var counts_range_0_5: [Int]
        }
        var histogram: Histogram
    }

    /// The same generator as scripts/reference/svgplot_reference.py: exact decimal arithmetic.
    static let input = (0..<200).map { Double(($0 * 37) % 101) / 10.0 - 3.3 }

    /// Bin counts equal numpy.histogram exactly (datasets/reference/svgplot_reference.json).
    @Test func binCountsMatchNumpy() throws {
        let url = repositoryRoot.appendingPathComponent("datasets/reference/svgplot_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)).histogram
        var options = HistogramOptions()
        options.binCount = reference.bins
        let bins = try HistogramPlot(series: [HistogramSeries(name: "x", values: Self.input)], options: options).bins()
        #expect(bins.counts(of: Self.input) == reference.counts)
        for (edge, expected) in zip(bins.edges, reference.edges) { #expect(abs(edge - expected) <= 1e-12) }
        let ranged = Bins(range: 0...5, count: 7)
        #expect(ranged.counts(of: Self.input) == reference.counts_range_0_5)
    }

    @Test func overlaidSeriesShareBinsAndHaveOnePathEach() throws {
        var options = HistogramOptions(chart: ChartOptions(title: "distances"))
        options.binCount = 5
        let plot = HistogramPlot(
            series: [
                HistogramSeries(name: "real", values: [0, 1, 2, 3, 4, 5]),
                HistogramSeries(name: "fake", values: [1, 1, 1, .nan, 9]),
            ], options: options)
        let svg = try plot.svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(try plot.bins() == Bins(range: 0...9, count: 5))
        #expect(svg.components(separatedBy: "aria-label=\"").count - 1 == 2)
        #expect(svg.contains("real (6)") && svg.contains("fake (4)"))
        #expect(summary.count("rect") == 1 + 2)  // background + 2 legend swatches
        #expect(
            summary.descriptions.first?.hasPrefix("Histogram of real (6 values), fake (4 values) on 5 shared bins")
                == true)
    }

    @Test func edgesFollowNumpyConventions() {
        // Half-open bins except the last, which includes the upper edge; outside values are ignored.
        let bins = Bins(range: 0...4, count: 4)
        #expect(bins.counts(of: [0, 0.5, 1, 3.9, 4, 4.1, -1]) == [2, 1, 0, 2])
    }

    @Test func densityIntegratesToOne() throws {
        var options = HistogramOptions()
        options.density = true
        options.binCount = 8
        let plot = HistogramPlot(
            series: [
                HistogramSeries(name: "a", values: Self.input),
                HistogramSeries(name: "b", values: [1, 2, 2, 3]),
            ], options: options)
        let bins = try plot.bins()
        for heights in plot.barHeights(bins: bins) {
            #expect(abs(heights.reduce(0, +) * bins.width - 1) < 1e-12)
        }
        let svg = try plot.svgText()
        #expect(svg.contains(">density<"))
    }

    @Test func badInput() {
        #expect(throws: PlotError.empty(what: "the list of histogram series")) {
            try HistogramPlot(series: []).document()
        }
        #expect(throws: PlotError.self) {
            try HistogramPlot(series: [HistogramSeries(name: "x", values: [.nan])]).document()
        }
        #expect(throws: PlotError.self) {
            var options = HistogramOptions()
            options.binCount = 0
            return try HistogramPlot(series: [HistogramSeries(name: "x", values: [1])], options: options).document()
        }
    }
}

@Suite struct LinePlotTests {
    @Test func seriesWithMarkersAndThreshold() throws {
        var options = LinePlotOptions(chart: ChartOptions(title: "trend"))
        options.threshold = Threshold(value: 0.5, label: "threshold")
        let plot = LinePlot(
            series: [
                LineSeries(name: "coverage", y: [0.9, 0.7, 0.4]),
                LineSeries(name: "recall", x: [0, 1, 2], y: [0.6, .nan, 0.5]),
            ], options: options)
        let svg = try plot.svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // Per series: one line path and one marker path; the legend adds one line per series.
        #expect(summary.count("line") == 1 + 2)  // threshold + 2 legend lines
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
        #expect(svg.contains(">threshold<"))
        #expect(
            summary.descriptions.first
                == "Line plot of 2 series: coverage (3 points), recall (2 points). Threshold threshold at 0.5.")
        // Each series is a group of a line path and a marker path with one closed outline per usable point;
        // the NaN leaves recall with 2 points, so its line has one move and one line segment.
        let groups = svg.matches(
            of: /<g aria-label="([a-z]+)">\s*<path d="([^"]*)"[^>]*\/>\s*<path d="([^"]*)"[^>]*\/>\s*<\/g>/)
        #expect(groups.map { String($0.output.1) } == ["coverage", "recall"])
        let lineSegments = groups.map { $0.output.2.filter { $0 == "L" }.count }
        let markers = groups.map { $0.output.3.filter { $0 == "z" }.count }
        #expect(lineSegments == [2, 0])
        #expect(markers == [3, 2])
    }

    @Test func badInput() {
        #expect(throws: PlotError.lengthMismatch(what: "y of a", expected: 2, actual: 1)) {
            try LinePlot(series: [LineSeries(name: "a", x: [0, 1], y: [1])]).document()
        }
        #expect(throws: PlotError.empty(what: "the list of line series")) { try LinePlot(series: []).document() }
    }
}

@Suite struct BarChartTests {
    @Test func groupedBarsWithValueLabels() throws {
        let chart = BarChart(
            categories: ["mode 1", "mode 2", "mode 3"],
            series: [
                BarSeries(name: "real", values: [10, 12, 11]),
                BarSeries(name: "generated", values: [30, 0, .nan]),
            ], options: BarChartOptions(chart: ChartOptions(title: "per mode")))
        let svg = try chart.svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // Background + 5 finite bars + 2 legend swatches.
        #expect(summary.count("rect") == 1 + 5 + 2)
        for label in [">10<", ">12<", ">11<", ">30<", ">0<", ">mode 3<"] { #expect(svg.contains(label)) }
        #expect(summary.titles.contains("mode 1 · generated: 30"))
    }

    @Test func negativeBarsGrowDownFromZero() throws {
        var options = BarChartOptions()
        options.valueDecimals = 1
        let svg = try BarChart(
            categories: ["a", "b"], series: [BarSeries(name: "delta", values: [-2, 3])], options: options
        )
        .svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.count("rect") == 1 + 2)
        #expect(svg.contains(">-2<") && svg.contains(">3<"))
    }

    @Test func badInput() {
        #expect(throws: PlotError.lengthMismatch(what: "values of s", expected: 2, actual: 1)) {
            try BarChart(categories: ["a", "b"], series: [BarSeries(name: "s", values: [1])]).document()
        }
        #expect(throws: PlotError.empty(what: "the list of bar categories")) {
            try BarChart(categories: [], series: [BarSeries(name: "s", values: [])]).document()
        }
    }
}

@Suite struct ImageGridTests {
    @Test func greyscaleCellsWithCaptionsAndRowLabels() throws {
        // Two 2x2 images; values 0 (background), 1 (one pixel) per image.
        var options = ImageGridOptions(title: "grid")
        options.captions = ["first", "second"]
        options.rowLabels = ["row"]
        options.cellSize = 20
        let grid = ImageGrid(images: [[0, 0, 0, 1], [1, 1, 0, 1]], shape: try ImageShape([2, 2]), options: options)
        let svg = try grid.svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.titles == ["grid", "first", "second"])
        // Background + per cell: one background rect and one frame rect.
        #expect(summary.count("rect") == 1 + 2 * 2)
        // Image 1: background black, one white pixel; image 2: background white, one black pixel.
        #expect(svg.contains("<rect x=\"0\" y=\"0\" width=\"20\" height=\"20\" fill=\"#000000\"/>"))
        #expect(svg.contains("<path d=\"M10 10h10v10h-10z\" fill=\"#FFFFFF\"/>"))
        #expect(svg.contains("<path d=\"M0 10h10v10h-10z\" fill=\"#000000\"/>"))
        #expect(svg.contains(">row<"))
    }

    @Test func rgbImagesUseInterleavedChannels() throws {
        // One 1x2 RGB image: a red pixel then a blue pixel; ties broken by colour value.
        var options = ImageGridOptions()
        options.valueRange = 0...1
        options.cellSize = 2
        let svg = try ImageGrid(images: [[1, 0, 0, 0, 0, 1]], shape: try ImageShape([1, 2, 3]), options: options)
            .svgText()
        _ = try #require(checkAccessibleAndSafe(svg))
        #expect(svg.contains("fill=\"#FF0000\""))
        #expect(svg.contains("fill=\"#0000FF\""))
    }

    @Test func badShapesAndSizes() throws {
        #expect(try ImageShape(parsing: "32x32x3") == ImageShape([32, 32, 3]))
        #expect(try ImageShape(parsing: "8x8").valueCount == 64)
        #expect(throws: PlotError.self) { try ImageShape(parsing: "8by8") }
        #expect(throws: PlotError.self) { try ImageShape(parsing: "8x") }
        #expect(throws: PlotError.self) { try ImageShape([8]) }
        #expect(throws: PlotError.self) { try ImageShape([8, 8, 2]) }
        #expect(throws: PlotError.self) { try ImageShape([0, 8]) }
        #expect(throws: PlotError.lengthMismatch(what: "image 1", expected: 4, actual: 3)) {
            try ImageGrid(images: [[0, 0, 0, 0], [0, 0, 0]], shape: try ImageShape([2, 2])).document()
        }
        #expect(throws: PlotError.self) {
            var options = ImageGridOptions()
            options.valueRange = 1...1
            return try ImageGrid(images: [[0]], shape: try ImageShape([1, 1]), options: options).document()
        }
        #expect(PlotError.invalidImageShape(shape: [8, 8, 2], reason: "r").description.contains("8x8x2"))
        var options = ImageGridOptions()
        options.columns = 0
        #expect(throws: PlotError.self) {
            try ImageGrid(images: [[0]], shape: try ImageShape([1, 1]), options: options).document()
        }
        options.columns = 1_000_000
        options.cellSize = 10
        let wide = try ImageGrid(images: [[0], [1]], shape: try ImageShape([1, 1]), options: options).document()
        #expect(wide.width == 12 + 2 * 10 + 8 + 12)
    }
}

@Suite struct SmallMultiplesTests {
    @Test func panelsAreNestedDocuments() throws {
        var options = SmallMultiplesOptions(title: "overview")
        options.columns = 2
        let panels: [any Plot] = [
            LinePlot(
                series: [LineSeries(name: "a", y: [1, 2])], options: LinePlotOptions(chart: ChartOptions(title: "p1"))),
            BarChart(
                categories: ["x"], series: [BarSeries(name: "s", values: [1])],
                options: BarChartOptions(chart: ChartOptions(title: "p2"))),
            HistogramPlot(
                series: [HistogramSeries(name: "h", values: [1, 2, 3])],
                options: HistogramOptions(chart: ChartOptions(title: "p3"))),
        ]
        let document = try SmallMultiples(panels: panels, options: options).document()
        #expect(document.width == 12 * 2 + 720 * 2 + 8)
        let summary = try #require(checkAccessibleAndSafe(document.render()))
        #expect(summary.count("svg") == 4)
        #expect(summary.titles.filter { $0.hasPrefix("p") || $0 == "overview" } == ["overview", "p1", "p2", "p3"])
        #expect(summary.descriptions.first == "3 panels in 2 rows of 2: p1, p2, p3.")
        #expect(throws: PlotError.empty(what: "the list of panels")) { try SmallMultiples(panels: []).document() }
    }
}

@Suite struct DeterminismTests {
    @Test func sameInputGivesSameBytes() throws {
        for (_, plot) in try ExamplePlots.all() {
            #expect(try plot.svgText() == plot.svgText())
        }
        let points = clusteredPoints(classes: 12, perClass: 30)
        let make = {
            try ScatterPlot(
                x: points.x, y: points.y,
                coloring: .categories(codes: points.codes, names: (0..<12).map { "c\($0)" })
            ).svgText()
        }
        #expect(try make() == make())
    }
}
