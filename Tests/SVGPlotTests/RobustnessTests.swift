import Testing

@testable import SVGPlot

/// Hostile or extreme input never traps, hangs or yields a malformed file.
@Suite struct RobustnessTests {
    /// Random strings over control characters, markup characters, non-characters and astral scalars:
    /// the parser must read back exactly the legal characters.
    @Test func randomStringsRoundTripThroughAParser() throws {
        var random = SplitMix64(state: 42)
        let pool: [Unicode.Scalar] = [
            "\u{0}", "\u{1}", "\u{9}", "\u{A}", "\u{D}", "\u{1F}", "<", ">", "&", "\"", "'", "=", "/", "!", "-",
            "[", "]", "a", "Z", " ", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "😀", "\u{10FFFF}", "\u{7F}", "\u{85}",
        ]
        for _ in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 24) { text.append(pool[Int(random.next() % UInt64(pool.count))]) }
            let label = String(text)
            let legal = String(String.UnicodeScalarView(label.unicodeScalars.filter(isLegalXMLCharacter)))
            let document = SVGDocument(
                width: 10, height: 10, title: label, description: "d",
                content: [SVGElement(.g, [.ariaLabel(label)], children: [.text(label)])])
            let summary = try #require(XMLSummary.parse(document.render()))
            // XML parsers normalise CR and CRLF to LF in text content.
            let normalised = legal.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
                of: "\r", with: "\n")
            #expect(summary.titles.first == (normalised.isEmpty ? SVGDocument.untitled : normalised))
            #expect(summary.attributeValues.contains(legal))
        }
    }

    static let extremes: [Double] = [-1e308, 1e308, 1e-308, -0.0, 0, .greatestFiniteMagnitude, .leastNonzeroMagnitude]

    @Test func extremeValuesInEveryPlotKind() throws {
        let values = Self.extremes + [.nan, .infinity, -.infinity, 1, 2]
        let plots: [any Plot] = [
            ScatterPlot(x: values, y: values.reversed(), coloring: .single(name: "p")),
            HistogramPlot(series: [HistogramSeries(name: "h", values: values.filter { abs($0) < 1e300 })]),
            LinePlot(series: [LineSeries(name: "l", y: values)]),
            BarChart(categories: values.map { formatReadable($0) }, series: [BarSeries(name: "b", values: values)]),
            ImageGrid(images: [values + [0, 0, 0, 0]], shape: try ImageShape([4, 4])),
        ]
        for plot in plots {
            let svg = try plot.svgText()
            let summary = try #require(checkAccessibleAndSafe(svg))
            #expect(!svg.contains("nan") && !svg.contains("inf"))
            #expect(summary.count("svg") == 1)
        }
    }

    @Test func histogramRangeBeyondDoublePrecisionThrows() {
        #expect(throws: PlotError.self) {
            try HistogramPlot(series: [HistogramSeries(name: "h", values: [-1e308, 1e308])]).document()
        }
    }

    @Test func logAxesWithNothingPositiveThrow() {
        var options = LinePlotOptions()
        options.chart.yScale = .log
        #expect(throws: PlotError.self) {
            try LinePlot(series: [LineSeries(name: "l", y: [0, -1, -2])], options: options).document()
        }
    }
}
