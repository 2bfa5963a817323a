import Testing

@testable import SVGPlot

@Suite struct DocumentSafetyTests {
    static let hostileStrings = [
        "</text><script>alert(1)</script>",
        "\" onload=\"x",
        "' onmouseover='x",
        "<!-- comment --> ]]> <![CDATA[ x ]]>",
        "<foreignObject><iframe src=\"https://evil.example\"/></foreignObject>",
        "&amp; &lt; & < > \" '",
        "javascript:alert(1)",
    ]

    @Test(arguments: hostileStrings)
    func hostileLabelsAndTitlesStayText(_ hostile: String) throws {
        var options = ScatterOptions(chart: ChartOptions(title: hostile, subtitle: hostile, xAxisLabel: hostile))
        options.hoverTitles = [hostile, hostile, hostile]
        let plot = ScatterPlot(
            x: [0, 1, 2], y: [2, 1, 0], coloring: .categories(codes: [0, 1, 1], names: [hostile, "b"]),
            options: options)
        let svg = try plot.svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        // The parser sees exactly the original characters as text: nothing became markup.
        #expect(summary.titles.first == hostile)
        #expect(summary.text.contains(hostile))
        #expect(summary.count("script") == 0)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("onload=\""))
        #expect(!svg.contains("<!--"))
    }

    @Test func hostileAriaLabelIsEscapedInsideTheAttribute() throws {
        let plot = ScatterPlot(
            x: [0, 1], y: [0, 1], coloring: .categories(codes: [0, 0], names: ["\" onload=\"x"]))
        let svg = try plot.svgText()
        #expect(svg.contains("aria-label=\"&quot; onload=&quot;x\""))
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.attributeValues.contains("\" onload=\"x"))
    }

    @Test func charactersIllegalInXMLAreDropped() throws {
        let dirty = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i\tj\nk"
        #expect(escapeText(dirty) == "abcdefghi\tj\nk")
        #expect(escapeAttribute(dirty) == "abcdefghi&#9;j&#10;k")
        var options = HistogramOptions(chart: ChartOptions(title: dirty))
        options.binCount = 3
        let svg = try HistogramPlot(series: [HistogramSeries(name: dirty, values: [1, 2, 3])], options: options)
            .svgText()
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.titles.first == "abcdefghi\tj\nk")
    }

    @Test func escapingCoversAllMarkupCharacters() {
        #expect(escapeText("<a & b \"c\" 'd'>") == "&lt;a &amp; b &quot;c&quot; &apos;d&apos;&gt;")
        #expect(escapeAttribute("\"x' <y>&") == "&quot;x&apos; &lt;y&gt;&amp;")
        #expect(escapeText("naïve · 数字 🙂") == "naïve · 数字 🙂")
    }

    @Test func onlyAllowListedElementsExist() {
        let names = Set(SVGTag.allCases.map(\.rawValue))
        #expect(names == ["svg", "g", "rect", "circle", "line", "path", "polyline", "text", "title", "desc"])
    }

    @Test func documentRootIsAccessible() throws {
        let document = SVGDocument(
            width: 100, height: 50, title: "T <1>", description: "D & E",
            content: [SVGElement(.rect, [.x(1), .y(2), .width(3), .height(4), .fill(.color(Color(hex: 0x0072B2)))])])
        let svg = document.render()
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "))
        #expect(svg.contains("<title>T &lt;1&gt;</title>"))
        #expect(svg.contains("<desc>D &amp; E</desc>"))
        #expect(svg.contains("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#0072B2\"/>"))
        let summary = try #require(checkAccessibleAndSafe(svg))
        #expect(summary.rootAttributes["viewBox"] == "0 0 100 50")
    }
}
