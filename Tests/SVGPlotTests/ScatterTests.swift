import Testing

@testable import SVGPlot

@Suite struct ScatterTests {
    @Test func categoricalScatterHasOneElementPerPointGroupedPerClass() throws {
        let points = clusteredPoints(classes: 3, perClass: 20)
        var options = ScatterOptions(chart: ChartOptions(title: "Three clusters", subtitle: "n=60"))
        options.hoverTitles = (0..<60).map { "row \($0)" }
        let svg = try ScatterPlot(
            x: points.x, y: points.y,
            coloring: .categories(codes: points.codes, names: ["a", "b", "c"]),
            options: options
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // 60 points plus 3 legend markers (≤ 8 classes: all circles).
        #expect(summary.count("circle") == 63)
        #expect(summary.titles.count == 1 + 60)
        #expect(summary.titles.contains("row 59"))
        #expect(svg.contains("a (20)") && svg.contains("b (20)") && svg.contains("c (20)"))
        // The subtitle's numbers are repeated in the description.
        #expect(summary.descriptions.first == "Scatter plot of 60 points in 3 classes: a (20), b (20), c (20). n=60.")
        // Legend outside the plot area: every legend text starts right of the last data point.
        #expect(svg.contains("fill=\"#0072B2\"") && svg.contains("fill=\"#D55E00\""))
    }

    @Test func realVersusGeneratedUsesBlueAndVermillion() throws {
        let generated = [false, false, true, true, true]
        let svg = try ScatterPlot(
            x: [0, 1, 2, 3, 4], y: [1, 0, 1, 0, 1],
            coloring: .realVersusGenerated(isGenerated: generated)
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.count("circle") == 5 + 2)
        #expect(svg.contains("real (2)") && svg.contains("generated (3)"))
        // Larger class first: the generated group precedes the real group.
        let generatedGroup = try #require(svg.range(of: "aria-label=\"generated\""))
        let realGroup = try #require(svg.range(of: "aria-label=\"real\""))
        #expect(generatedGroup.lowerBound < realGroup.lowerBound)
        #expect(svg.contains("<g fill=\"#D55E00\""))
        #expect(svg.contains("<g fill=\"none\" stroke=\"#0072B2\""))
    }

    @Test func manyCategoriesGetShapesAndDirectLabels() throws {
        let points = clusteredPoints(classes: 10, perClass: 5)
        let names = (0..<10).map { "digit \($0)" }
        let svg = try ScatterPlot(x: points.x, y: points.y, coloring: .categories(codes: points.codes, names: names))
            .svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // Shapes cycle circle, square, triangle, diamond, triangle: 2 of 10 classes are circles.
        #expect(summary.count("circle") == 2 * 5 + 2)
        #expect(summary.count("path") >= 8 * 5)
        // Direct labels: each name appears in the legend and once more at its class centre.
        for name in names { #expect(svg.components(separatedBy: ">\(name)<").count - 1 == 1) }
        for name in names { #expect(svg.contains(">\(name) (5)<")) }
        #expect(svg.contains("paint-order=\"stroke\""))
    }

    @Test func mapsHideTickLabelsAndKeepEqualAspect() throws {
        var options = ScatterOptions(chart: ChartOptions(title: "map"))
        options.chart.isMap = true
        let plot = ScatterPlot(
            x: [0, 10, 0, 10], y: [0, 0, 5, 5], coloring: .single(name: "points"), options: options)
        let document = try plot.document()
        let frame = ChartFrame(
            options: options.chart, xDomain: Extent.padded(0...10, kind: .linear, padding: dataPadding),
            yDomain: Extent.padded(0...5, kind: .linear, padding: dataPadding), key: .none)
        #expect(abs(frame.plotWidth / frame.plotHeight - 2) < 1e-9)
        let summary = try #require(checkAccessibleAndSafe(document.render()))
        // Only the title remains as text: no tick labels.
        #expect(summary.count("text") == 1)
    }

    @Test func continuousColouringDrawsAColourBar() throws {
        let svg = try ScatterPlot(
            x: [0, 1, 2, 3], y: [0, 1, 0, 1], coloring: .continuous(values: [0, 1, 2, 3], name: "dist")
        )
        .svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.count("circle") == 4)
        #expect(svg.contains("fill=\"#440154\""))  // lowest value: viridis(0)
        #expect(svg.contains("fill=\"#FDE725\""))  // highest value: viridis(1)
        #expect(summary.count("rect") == 1 + 64)  // background + colour bar cells
        #expect(svg.contains(">dist<"))
    }

    @Test func aboveTheElementLimitEachClassIsOnePath() throws {
        let points = clusteredPoints(classes: 2, perClass: 300)
        var options = ScatterOptions()
        options.elementLimit = 500
        let svg = try ScatterPlot(
            x: points.x, y: points.y,
            coloring: .categories(codes: points.codes, names: ["x", "y"]), options: options
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.count("circle") == 2)  // legend only
        #expect(svg.components(separatedBy: "stroke-linecap=\"round\"").count - 1 == 2)
        // One zero-length subpath per point.
        #expect(svg.components(separatedBy: "h0").count - 1 == 600)
    }

    @Test func nonFiniteAndNonPositivePointsAreSkippedAndReported() throws {
        var options = ScatterOptions()
        options.chart.yScale = .log
        let svg = try ScatterPlot(
            x: [0, 1, .nan, 3], y: [1, 10, 5, -1], coloring: .single(name: "p"), options: options
        )
        .svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.count("circle") == 2)
        #expect(summary.descriptions.first?.contains("2 points with unusable coordinates were not drawn") == true)
    }

    @Test func badInputThrowsNamedErrors() {
        #expect(throws: PlotError.lengthMismatch(what: "y", expected: 2, actual: 1)) {
            try ScatterPlot(x: [0, 1], y: [0], coloring: .single(name: "p")).document()
        }
        #expect(throws: PlotError.empty(what: "the point set")) {
            try ScatterPlot(x: [], y: [], coloring: .single(name: "p")).document()
        }
        #expect(throws: PlotError.labelOutOfRange(code: 2, categoryCount: 2)) {
            try ScatterPlot(x: [0, 1], y: [0, 1], coloring: .categories(codes: [0, 2], names: ["a", "b"])).document()
        }
        #expect(throws: PlotError.self) {
            try ScatterPlot(x: [.nan], y: [.infinity], coloring: .single(name: "p")).document()
        }
        #expect(throws: PlotError.self) {
            var options = ScatterOptions()
            options.chart.width = -5
            return try ScatterPlot(x: [0], y: [0], coloring: .single(name: "p"), options: options).document()
        }
        #expect(throws: PlotError.lengthMismatch(what: "hoverTitles", expected: 1, actual: 0)) {
            var options = ScatterOptions()
            options.hoverTitles = []
            return try ScatterPlot(x: [0], y: [0], coloring: .single(name: "p"), options: options).document()
        }
        let message = PlotError.labelOutOfRange(code: 7, categoryCount: 3).description
        #expect(message.contains("7") && message.contains("0..<3"))
    }

    @Test func legendTooLongForTheCanvasSaysHowManyAreHidden() throws {
        let points = clusteredPoints(classes: 40, perClass: 2)
        let names = (0..<40).map { "class \($0)" }
        let svg = try ScatterPlot(
            x: points.x, y: points.y, coloring: .categories(codes: points.codes, names: names)
        ).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // 480 px canvas without title: (480 - 28 - 12) / 18 = 24 rows, the last one "… 17 more".
        #expect(svg.contains(">… 17 more<"))
        #expect(svg.contains(">class 22 (2)<"))
        #expect(!svg.contains(">class 23 (2)<"))
        #expect(summary.descriptions.first?.contains("and 28 more") == true)
    }

    @Test func markerOptionsAreValidated() {
        var options = ScatterOptions()
        options.pointRadius = .nan
        #expect(throws: PlotError.self) {
            try ScatterPlot(x: [0], y: [0], coloring: .single(name: "p"), options: options).document()
        }
        options.pointRadius = nil
        options.opacity = 2
        #expect(throws: PlotError.self) {
            try ScatterPlot(x: [0], y: [0], coloring: .single(name: "p"), options: options).document()
        }
    }

    @Test func singlePointAndConstantCoordinatesStillRender() throws {
        let svg = try ScatterPlot(x: [5, 5], y: [2, 2], coloring: .single(name: "p")).svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.count("circle") == 2)
    }
}
