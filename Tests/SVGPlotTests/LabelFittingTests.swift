import Foundation
import Testing

@testable import SVGPlot

/// Second audit of issue 5: labels that must fit (axis labels, colour-bar titles, direct labels on many
/// classes), bar charts that say what they show, legends of row selections, dense layers without seams.
@Suite struct LabelFittingTests {
    /// `<text …>content</text>` elements whose attributes contain `marker`, as (attributes, content).
    func texts(_ svg: String) -> [(attributes: String, content: String)] {
        svg.matches(of: /<text ([^>]*)>([^<]*)<\/text>/).map { (String($0.output.1), String($0.output.2)) }
    }

    func number(_ name: String, in attributes: String) -> Double? {
        guard let match = attributes.firstMatch(of: try! Regex("\(name)=\"(-?[0-9.]+)\"")) else { return nil }
        return Double(match.output[1].substring ?? "")
    }

    @Test func longAxisLabelsAreShortenedAndKeptWholeInTheDescription() throws {
        let long = String(repeating: "W", count: 100)
        let options = ChartOptions(title: "t", xAxisLabel: long, yAxisLabel: long + "y")
        let plot = ScatterPlot(
            x: [0, 1, 2], y: [0, 1, 2], coloring: .continuous(values: [0, 1, 2], name: long + "c"),
            options: ScatterOptions(chart: options))
        let svg = try plot.svgText()
        let summary = try #require(XMLSummary.parse(svg))
        let drawn = texts(svg).filter { $0.content.hasPrefix("WWW") }
        #expect(drawn.count == 3)
        for text in drawn {
            #expect(text.content.hasSuffix("…"), "\(text.content.count) characters drawn")
            let width = TextMetrics.width(text.content, size: 12.5)
            let x = try #require(number("x", in: text.attributes))
            let y = try #require(number("y", in: text.attributes))
            if text.attributes.contains("rotate") {
                // Rotated about (x, y) and centred: it spans y ± width/2, below the header (title at 17 px).
                #expect(y - width / 2 >= 30 && y + width / 2 <= 480)
            } else if text.attributes.contains("text-anchor=\"middle\"") {
                #expect(x - width / 2 >= 0 && x + width / 2 <= 720)
            } else {
                #expect(x + width <= 720, "colour-bar title ends at \(x + width)")
            }
        }
        let description = try #require(summary.descriptions.first)
        #expect(description.contains("x axis: \(long);") && description.contains("y axis: \(long)y;"))
        #expect(description.contains("colour bar: \(long)c."))
    }

    @Test func densityColourBarTitleFitsTheDefaultCanvas() throws {
        var options = ScatterOptions()
        options.densityBins = 20
        let points = clusteredPoints(classes: 1, perClass: 200)
        let svg = try ScatterPlot(x: points.x, y: points.y, coloring: .single(name: "p"), options: options).svgText()
        let title = try #require(texts(svg).first { $0.content == "points per cell" })
        let x = try #require(number("x", in: title.attributes))
        #expect(x + TextMetrics.width("points per cell", size: 12.5) <= 720 - 4)
    }

    /// Forty clusters on a small ring: without placement their bold labels overlap.
    @Test func directLabelsOnManyClassesNeverOverlap() throws {
        for classes in [40, 500] {
            let points = clusteredPoints(classes: classes, perClass: 3)
            let names = (0..<classes).map { "class \($0)" }
            let svg = try ScatterPlot(x: points.x, y: points.y, coloring: .categories(codes: points.codes, names: names))
                .svgText()
            let labelGroup = try #require(svg.firstMatch(of: /<g font-size="13" font-weight="bold"[^>]*>(.*?)<\/g>/.dotMatchesNewlines()))
            let labels = texts(String(labelGroup.output.1))
            #expect(labels.count >= 5 && labels.count <= ScatterPlot.directLabelLimit, "\(classes): \(labels.count)")
            let boxes = try labels.map { label in
                let x = try #require(number("x", in: label.attributes))
                let y = try #require(number("y", in: label.attributes))
                let half = TextMetrics.width(label.content, size: 13, bold: true) / 2
                return (left: x - half, right: x + half, top: y - 0.76 * 13, bottom: y + 0.24 * 13)
            }
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    let overlap = boxes[i].left < boxes[j].right && boxes[j].left < boxes[i].right
                        && boxes[i].top < boxes[j].bottom && boxes[j].top < boxes[i].bottom
                    #expect(!overlap, "\(labels[i].content) overlaps \(labels[j].content)")
                }
            }
            let description = try #require(XMLSummary.parse(svg)?.descriptions.first)
            #expect(description.contains("Direct labels on the \(labels.count) largest of \(classes) classes"))
        }
    }

    @Test func denseContinuousColoursAreOpaqueSoBinsLeaveNoSeams() throws {
        var options = ScatterOptions()
        options.elementLimit = 100
        let count = 500
        let x = (0..<count).map { Double($0 % 50) }
        let y = (0..<count).map { Double($0 / 50) }
        let svg = try ScatterPlot(x: x, y: y, coloring: .continuous(values: x, name: "x"), options: options).svgText()
        let opacities = svg.matches(of: /stroke-opacity="([0-9.]+)"/).compactMap { Double($0.output.1) }
        let paths = svg.matches(of: /stroke-linecap="round"/).count
        #expect(paths >= 30, "one path per colour bin")
        #expect(opacities.allSatisfy { $0 == 1 }, "\(opacities)")
    }

    @Test func rowSelectionsListOnlyTheClassesDrawn() throws {
        // Only class 3 of 10 is present: the legend and <desc> name it alone, in the colour of code 3.
        let names = (0..<10).map(String.init)
        let plot = ScatterPlot(x: [0, 1, 2], y: [0, 1, 0], coloring: .categories(codes: [3, 3, 3], names: names))
        let svg = try plot.svgText()
        let description = try #require(XMLSummary.parse(svg)?.descriptions.first)
        #expect(description.hasPrefix("Scatter plot of 3 points in 1 class: 3 (3)."))
        #expect(!svg.contains(">0 (0)<") && svg.contains(">3 (3)<"))
        let color = Palette.categorical(count: 10)[3]
        #expect(svg.contains(color.hex))
    }

    @Test func denseOverlayLegendMatchesTheTranslucentRealLayer() throws {
        var options = ScatterOptions()
        options.elementLimit = 10
        let isGenerated = (0..<40).map { $0 >= 20 }
        let plot = ScatterPlot(
            x: (0..<40).map(Double.init), y: (0..<40).map { Double($0 % 7) },
            coloring: .realVersusGenerated(isGenerated: isGenerated), options: options)
        let svg = try plot.svgText()
        // The real layer is drawn at 0.85 × 0.5; its legend circle has the same opacity.
        #expect(svg.contains("fill=\"#0072B2\" fill-opacity=\"0.43\"") || svg.contains("fill=\"#0072B2\" fill-opacity=\"0.425\""))
        #expect(svg.contains("stroke-opacity=\"0.43\"") || svg.contains("stroke-opacity=\"0.425\""))
    }

    @Test func barChartsListTheirValuesWithOnePrecision() throws {
        var options = BarChartOptions(chart: ChartOptions(title: "m"))
        options.valueDomain = 0...1
        let chart = BarChart(
            categories: ["precision", "recall"], series: [BarSeries(name: "value", values: [0.59, 0.359])],
            options: options)
        let svg = try chart.svgText()
        let description = try #require(XMLSummary.parse(svg)?.descriptions.first)
        #expect(description.contains("Values: precision 0.59, recall 0.359."))
        #expect(svg.contains(">0.590<") && svg.contains(">0.359<"))
        // The score axis ends at 1, not at a padded 1.2.
        #expect(svg.contains(">1.0<") && !svg.contains(">1.2<"))
        #expect(BarChart.sharedDecimals([1, 8, 3]) == 0)
        #expect(BarChart.sharedDecimals([23.4, 0.5]) == 1)
        #expect(BarChart.sharedDecimals([1e-5, 2e-5]) == nil)
        let counts = BarChart(
            categories: ["0", "1"], series: [BarSeries(name: "n_real", values: [5, 6]), BarSeries(name: "n_fake", values: [7, 0])])
        let countsDescription = try #require(XMLSummary.parse(try counts.svgText())?.descriptions.first)
        #expect(countsDescription.contains("Values: n_real: 0 5, 1 6; n_fake: 0 7, 1 0."))
    }
}
