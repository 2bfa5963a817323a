import Foundation
import Testing

@testable import SVGPlot

@Suite struct DensityLayerTests {
    /// Rects that are density cells: all but the background and one legend swatch per class.
    func cellCount(_ summary: XMLSummary, classes: Int) -> Int { summary.count("rect") - 1 - classes }

    @Test func perClassCellsAndNoPointMarks() throws {
        // Two classes, each on its own grid cell corner: 3 + 2 occupied cells.
        let x: [Double] = [0, 0, 0, 10, 10, 0, 10]
        let y: [Double] = [0, 0, 10, 0, 10, 0, 10]
        var options = ScatterOptions()
        options.densityBins = 2
        let svg = try ScatterPlot(
            x: x, y: y, coloring: .categories(codes: [0, 0, 0, 0, 1, 1, 1], names: ["a", "b"]), options: options
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // a occupies 3 cells ((0,0)×2, (0,10), (10,0)); b occupies 2 ((10,10)×2, (0,0)).
        #expect(cellCount(summary, classes: 2) == 5)
        #expect(summary.count("circle") == 0 && summary.count("path") == 2, "no point marks: only grid and axes paths")
        #expect(svg.contains("a (4)") && svg.contains("b (3)"))
        // The densest cell of each class gets the top opacity level.
        #expect(svg.contains("fill-opacity=\"0.9\""))
        #expect(summary.descriptions.first?.contains("density layer of 2 × ") == true)
    }

    @Test func singleClassUsesViridisWithAColourBar() throws {
        var options = ScatterOptions()
        options.densityBins = 4
        let svg = try ScatterPlot(
            x: [0, 0, 0, 3], y: [0, 0, 0, 3], coloring: .single(name: "rows"), options: options
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(svg.contains(">points per cell<"))
        #expect(svg.contains("fill=\"#FDE725\""), "the densest cell is the top of viridis")
        #expect(svg.contains("fill=\"#440154\""), "a single point is the bottom of viridis")
        // Background, 64 colour-bar cells, 2 occupied density cells.
        #expect(summary.count("rect") == 1 + 64 + 2)
    }

    @Test func sizeIsBoundedByCellsNotPoints() throws {
        let points = clusteredPoints(classes: 2, perClass: 100_000, seed: 4)
        var options = ScatterOptions()
        options.densityBins = 60
        let plot = ScatterPlot(
            x: points.x, y: points.y,
            coloring: .realVersusGenerated(isGenerated: points.codes.map { $0 == 1 }), options: options)
        let svg = try plot.svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(svg.utf8.count < 400_000, "200k points in \(svg.utf8.count) bytes")
        #expect(!svg.contains("h0") && summary.count("circle") == 0, "no point marks")
        // At most columns × rows cells per class.
        let rows = Int((svg.components(separatedBy: "60 × ")[1].prefix { $0.isNumber }))!
        #expect(cellCount(summary, classes: 2) <= 2 * 60 * rows)
    }

    @Test func badRequestsThrow() {
        var options = ScatterOptions()
        options.densityBins = 1
        #expect(throws: PlotError.self) {
            try ScatterPlot(x: [0, 1], y: [0, 1], coloring: .single(name: "p"), options: options).document()
        }
        options.densityBins = 10
        #expect(throws: PlotError.self) {
            try ScatterPlot(
                x: [0, 1], y: [0, 1], coloring: .continuous(values: [0, 1], name: "v"), options: options
            ).document()
        }
    }
}

@Suite struct OverlayOrderTests {
    @Test func realPointsAreDrawnLastAndHollowEvenWhenCountsTie() throws {
        let generated = [false, false, true, true]
        let svg = try ScatterPlot(
            x: [0, 1, 0, 1], y: [0, 1, 0, 1], coloring: .realVersusGenerated(isGenerated: generated)
        ).svgText()
        let generatedGroup = try #require(svg.range(of: "aria-label=\"generated\""))
        let realGroup = try #require(svg.range(of: "aria-label=\"real\""))
        #expect(generatedGroup.lowerBound < realGroup.lowerBound)
        #expect(svg.contains("<g fill=\"none\" stroke=\"#0072B2\""), "real markers are outlines")
        #expect(svg.contains("<g fill=\"#D55E00\""), "generated markers are filled")
    }

    @Test func pathModeKeepsRealOnTopAtLowerOpacity() throws {
        var options = ScatterOptions()
        options.elementLimit = 3
        let svg = try ScatterPlot(
            x: [0, 1, 0, 1], y: [0, 1, 0, 1], coloring: .realVersusGenerated(isGenerated: [false, false, true, true]),
            options: options
        ).svgText()
        let generatedLayer = try #require(svg.range(of: "aria-label=\"generated\""))
        let realLayer = try #require(svg.range(of: "aria-label=\"real\""))
        #expect(generatedLayer.lowerBound < realLayer.lowerBound)
        #expect(svg.contains("stroke=\"#0072B2\" stroke-width=\"7\" stroke-linecap=\"round\" stroke-opacity=\"0.43\""))
    }
}

@Suite struct HeaderAndLegendLayoutTests {
    @Test func longTitlesAndSubtitlesWrapInsideTheCanvas() throws {
        let title = String(repeating: "checkpoint 40000 of the generator ", count: 4)
        let subtitle = String(repeating: "FD 23.4 · coverage 0.41 · ", count: 8) + "n=10,000"
        let svg = try ScatterPlot(
            x: [0, 1], y: [0, 1], coloring: .single(name: "p"),
            options: ScatterOptions(chart: ChartOptions(title: title, subtitle: subtitle, width: 400, height: 300))
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.titles.first == title, "the full title stays in <title>")
        #expect(summary.descriptions.first?.contains(subtitle) == true, "the full subtitle stays in <desc>")
        // Two title lines and two subtitle lines, the last of each ellipsized.
        let header = svg.matches(of: /<text x="12" y="[0-9.]+"[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }
        #expect(header.count == 4)
        #expect(header[1].hasSuffix("…") && header[3].hasSuffix("…"))
        for (index, line) in header.enumerated() {
            let width = index < 2 ? TextMetrics.width(line, size: 17, bold: true) : TextMetrics.width(line, size: 12.5)
            #expect(width <= 400 - 24 + 1e-9)
        }
    }

    @Test func wideLegendLabelsAreShortenedToFitTheCanvas() throws {
        let names = [String(repeating: "W", count: 38), String(repeating: "M", count: 30) + " (real)"]
        let svg = try ScatterPlot(
            x: [0, 1, 2], y: [0, 1, 2], coloring: .categories(codes: [0, 1, 1], names: names)
        ).svgText()
        let legend = svg.matches(of: /<text x="([0-9.]+)" y="[0-9.]+">([^<]*\(([0-9]+)\))<\/text>/)
        #expect(legend.count == 2)
        for row in legend {
            let right = (Double(row.output.1) ?? 0) + TextMetrics.width(String(row.output.2), size: 12.5)
            #expect(right <= 720, "legend row '\(row.output.2)' ends at \(right)")
            #expect(row.output.2.contains("…"))
        }
        #expect(svg.contains("(1)<") && svg.contains("(2)<"), "counts are never cut")
    }

    @Test func wideGlyphsAreMeasuredWider() {
        #expect(TextMetrics.width("WWWW", size: 10) > TextMetrics.width("iiii", size: 10) * 2.5)
        #expect(TextMetrics.width("日本", size: 10) == 20)
        #expect(TextMetrics.truncated("abcdef", toWidth: 1000, size: 10) == "abcdef")
        #expect(TextMetrics.wrapped("a b c", toWidth: 1000, size: 10, maximumLines: 2) == ["a b c"])
    }

    @Test func directLabelsAreDarkOnEveryClassColour() throws {
        let points = clusteredPoints(classes: 10, perClass: 5)
        let svg = try ScatterPlot(
            x: points.x, y: points.y, coloring: .categories(codes: points.codes, names: (0..<10).map(String.init))
        ).svgText()
        let labels = svg.matches(of: /<text x="[0-9.]+" y="[0-9.]+" fill="#([0-9A-F]{6})">[0-9]<\/text>/)
        #expect(labels.count == 10)
        for label in labels {
            let color = Color(hex: UInt32(label.output.1, radix: 16) ?? 0)
            #expect(color.contrastWithWhite >= ScatterPlot.directLabelContrast)
        }
        #expect(Color(hex: 0x88CCEE).contrastWithWhite < 2, "Tol's pale blue itself is unreadable on white")
    }

    @Test func mapAxisLabelsHugThePlotArea() throws {
        var options = ScatterOptions(chart: ChartOptions(title: "tall", xAxisLabel: "PC1", yAxisLabel: "PC2"))
        options.chart.isMap = true
        options.chart.width = 300
        options.chart.height = 900
        let plot = ScatterPlot(x: [0, 1, 0, 1], y: [0, 0, 1, 1], coloring: .single(name: "p"), options: options)
        let svg = try plot.svgText()
        let xLabel = try #require(svg.firstMatch(of: /<text [^>]*y="([0-9.]+)" text-anchor="middle">PC1</))
        let frameRect = try #require(svg.firstMatch(of: /<rect x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)" fill="none"/))
        let plotBottom = (Double(frameRect.output.1) ?? 0) + (Double(frameRect.output.2) ?? 0)
        let baseline = Double(xLabel.output.1) ?? 0
        #expect(baseline > plotBottom && baseline < plotBottom + 25, "PC1 at \(baseline), plot ends at \(plotBottom)")
    }
}

@Suite struct LargeMapSizeTests {
    /// The budget for a 200k-point map (10 classes, so outlined shapes) is about 5 MB.
    @Test func twoHundredThousandPointMapStaysUnderFiveMegabytes() throws {
        let points = clusteredPoints(classes: 10, perClass: 20_000, seed: 12)
        var options = ScatterOptions(chart: ChartOptions(title: "200k"))
        options.chart.isMap = true
        let svg = try ScatterPlot(
            x: points.x, y: points.y, coloring: .categories(codes: points.codes, names: (0..<10).map(String.init)),
            options: options
        ).svgText()
        #expect(svg.utf8.count < 5_000_000, "\(svg.utf8.count) bytes")
    }

    @Test func relativeMovesReproduceTheSnappedPositions() {
        // Markers at known pixels: the chained relative moves must land exactly on them.
        let layer = MarkerShape.denseLayer(
            shape: .circle, points: [(10.04, 20), (13.3, 21.26), (11, 20.5)], radius: 1, color: .black, opacity: 1)
        let data = layer.attributes.compactMap { attribute -> String? in
            if case .pathData(let path) = attribute { return path.text }
            return nil
        }.first
        // Sorted within the 4 px band by x: 10.0, 11.0, 13.3.
        #expect(data == "M10 20h0m1 0.5h0m2.3 0.8h0")
    }
}

@Suite struct SmallerAuditFixTests {
    @Test func wideImagesHaveTheirCaptionsRightBelowAndLongGridTitlesWrap() throws {
        var options = ImageGridOptions(title: String(repeating: "a long grid title ", count: 10))
        options.captions = ["x", "y"]
        options.cellSize = 64
        let grid = ImageGrid(
            images: [[Double](repeating: 0, count: 64), [Double](repeating: 1, count: 64)],
            shape: try ImageShape([4, 16]), options: options)
        let svg = try grid.svgText()
        _ = try #require(checkAccessibleAndSafe(svg))
        // 4x16 at 4 px per pixel: the image is 16 px tall, so the caption baseline sits 16 + 14 - 3 below its top.
        let cellTop = try #require(svg.firstMatch(of: /transform="translate\([0-9.]+ ([0-9.]+)\)"/)).output.1
        let caption = try #require(svg.firstMatch(of: /<text x="[0-9.]+" y="([0-9.]+)">x<\/text>/)).output.1
        #expect((Double(caption) ?? 0) - (Double(cellTop) ?? 0) == 27)
        // The title wraps onto two lines inside a 720 px canvas instead of widening it.
        #expect(svg.contains("width=\"720\""))
        #expect(svg.matches(of: /font-weight="bold">[^<]+</).count == 2)
    }

    @Test func barLegendSwatchesAreAsOpaqueAsTheBars() throws {
        let svg = try BarChart(
            categories: ["a"], series: [BarSeries(name: "r", values: [1]), BarSeries(name: "g", values: [2])]
        ).svgText()
        #expect(svg.contains("width=\"14\" height=\"12\" fill=\"#0072B2\" fill-opacity=\"1\""))
        let histogram = try HistogramPlot(
            series: [HistogramSeries(name: "r", values: [1, 2]), HistogramSeries(name: "g", values: [2, 3])]
        ).svgText()
        #expect(histogram.contains("width=\"14\" height=\"12\" fill=\"#0072B2\" fill-opacity=\"0.25\""))
    }

    @Test func valueLabelsWiderThanTheirBarsAreDropped() throws {
        let values: [Double] = [1250, 1248, 1251, 1249, 1252, 1250, 1247, 1253]
        func labels(width: Double) throws -> Int {
            var options = BarChartOptions(chart: ChartOptions(title: "modes", width: width, height: 300))
            options.valueDecimals = 0
            let svg = try BarChart(
                categories: (1...8).map { "m\($0)" },
                series: [BarSeries(name: "real", values: values), BarSeries(name: "fake", values: values)],
                options: options
            ).svgText()
            return svg.matches(of: />12[45][0-9]</).count
        }
        #expect(try labels(width: 1400) == 16)
        #expect(try labels(width: 340) == 0)
    }

    @Test func barChartsKeepChosenCategoriesOrSeries() {
        let chart = BarChart(
            categories: ["fd", "precision", "recall"],
            series: [BarSeries(name: "value", values: [23.4, 0.6, 0.3]), BarSeries(name: "std", values: [1, 0.1, 0.2])])
        let scores = chart.keepingCategories([1, 2])
        #expect(scores.categories == ["precision", "recall"])
        #expect(scores.series.map(\.values) == [[0.6, 0.3], [0.1, 0.2]])
        #expect(chart.keepingSeries([1]).series.map(\.name) == ["std"])
        #expect(chart.keepingSeries([1]).categories == chart.categories)
    }
}
