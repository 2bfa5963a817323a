import Foundation
import Testing
@testable import Shell

/// The `plot` options added after the audit of issue 5: density layers, color=real-vs-fake, refusing
/// non-SVG names, non-finite rows before PCA, data names in <desc>, split metric panels, image-shape hints.
@Suite struct PlotOptionTests {
    func svg(_ fixture: ShellFixture, _ name: String) throws -> String {
        try String(contentsOf: fixture.directory.appendingPathComponent(name), encoding: .utf8)
    }

    func count(_ text: String, in svg: String) -> Int { svg.components(separatedBy: text).count - 1 }

    @Test func densityLayerReplacesPointsAndIsBounded() throws {
        let fixture = ShellFixture()
        let result = fixture.output(of: "plot ring fake=ring_fake density=yes bins=20 out=d.svg")
        #expect(result.outcome == .succeeded, "\(result.errors)")
        let text = try svg(fixture, "d.svg")
        // No point marks: circles only in the legend would be markers, but density legends are swatches.
        #expect(count("<circle", in: text) == 0)
        // Background, 2 legend swatches, and at most 20 × rows cells per class.
        let rows = Int(text.components(separatedBy: "20 × ")[1].prefix { $0.isNumber }) ?? 0
        let cells = count("<rect", in: text) - 3
        #expect(cells > 20 && cells <= 2 * 20 * rows)
        #expect(text.contains("density layer, 20 cells across"))
        #expect(fixture.output(of: "plot ring bins=20").errors.contains("bins= sets the density cells; add density=yes"))
        #expect(fixture.output(of: "plot digits density=yes color=3").errors.contains("density=yes colours cells by count"))
    }

    @Test func realVersusFakeIsSpelledAsTheIssueDoesAndConflictsAreRefused() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("plot ring fake=ring_fake color=real-vs-fake out=o.svg") == .succeeded)
        let text = try svg(fixture, "o.svg")
        // Real rows are drawn after (on top of) the generated ones, as outlines.
        let generated = try #require(text.range(of: "aria-label=\"generated\""))
        let real = try #require(text.range(of: "aria-label=\"real\""))
        #expect(generated.lowerBound < real.lowerBound)
        #expect(text.contains("<g fill=\"none\" stroke=\"#0072B2\""))
        #expect(fixture.output(of: "plot ring color=real-vs-fake").errors.contains("color=real-vs-fake needs the generated rows: add fake=DATASET"))
        #expect(fixture.output(of: "plot ring fake=ring_fake color=x").errors.contains("color=x cannot be combined with fake="))
        #expect(fixture.output(of: "plot ring fake=ring_fake color=label").outcome == .failed)
    }

    @Test func onlySVGNamesAreWritten() {
        let fixture = ShellFixture()
        let result = fixture.output(of: "plot ring out=x.png")
        #expect(result.errors.contains("out=x.png: plots are written as SVG; name the file x.svg"))
        #expect(fixture.output(of: "plot images digits out=grid").errors.contains("name the file grid.svg"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("x.png").path))
        #expect(fixture.run("plot ring out=upper.SVG") == .succeeded)
    }

    @Test func nonFiniteRowsAreLeftOutBeforeProjectingAndCounted() throws {
        let fixture = ShellFixture()
        try "a,b,c\n1,2,3\n2,nan,4\n3,4,inf\n4,1,2\n5,3,1\n6,2,2\n"
            .write(to: fixture.directory.appendingPathComponent("n.csv"), atomically: true, encoding: .utf8)
        #expect(fixture.run("load n n.csv") == .succeeded)
        #expect(fixture.output(of: "plot n out=n.svg").errors.contains("allow_nonfinite=yes"))
        let result = fixture.output(of: "plot n allow_nonfinite=yes out=n.svg")
        #expect(result.outcome == .succeeded, "\(result.errors)")
        let text = try svg(fixture, "n.svg")
        #expect(text.contains("n=4 · 2 rows with NaN/Inf left out"))
        #expect(text.contains("Scatter plot of 4 points"))
        // Two-column selections skip unusable points in the module; the subtitle counts only drawn points.
        #expect(fixture.run("plot n x=a y=b allow_nonfinite=yes out=ab.svg") == .succeeded)
        #expect(try svg(fixture, "ab.svg").contains("n=5 · 1 row with NaN/Inf left out"))
        #expect(fixture.run("plot hist n column=b allow_nonfinite=yes out=h.svg") == .succeeded)
        // allow_nonfinite has one meaning everywhere (NonFiniteGuard): whole rows holding NaN/Inf go, so
        // the histogram of column b also loses the row whose Inf is in column c.
        #expect(try svg(fixture, "h.svg").contains("n: n=4"))
    }

    /// map= overrides the default: raw columns (e.g. t-SNE coordinates from a file) drawn as a map lose their
    /// tick values and get equal aspect (the ring spans the same range on both axes: a square plot area),
    /// and a PCA projection can be drawn with tick values.
    @Test func mapOptionSwitchesTicksAndAspect() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("plot ring out=plain.svg") == .succeeded)
        #expect(fixture.run("plot ring map=yes out=map.svg") == .succeeded)
        #expect(fixture.run("plot digits map=no out=pca.svg") == .succeeded)
        #expect(try svg(fixture, "plain.svg").contains(">-1"))
        let map = try svg(fixture, "map.svg")
        #expect(!map.contains(">-1") && !map.contains(">1<") && !map.contains(">1.0<"))
        let frame = try #require(map.firstMatch(of: /<rect x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)" height="([0-9.]+)" fill="none"/))
        let (width, height) = (try #require(Double(frame.output.1)), try #require(Double(frame.output.2)))
        #expect(abs(width - height) / height < 0.05, "\(width) × \(height)")
        #expect(try svg(fixture, "pca.svg").contains(">0<") || svg(fixture, "pca.svg").contains(">0.0<"))
        #expect(fixture.output(of: "m = metrics ring ring_fake only=fd").outcome == .succeeded)
        #expect(fixture.output(of: "plot m map=yes out=t.svg").errors.contains("map= applies to datasets"))
    }

    @Test func descriptionsNameTheDataEvenWithACustomTitle() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("plot digits title=\"My map\" out=d.svg") == .succeeded)
        let text = try svg(fixture, "d.svg")
        let description = try #require(text.firstMatch(of: /<desc>([^<]*)<\/desc>/)).output.1
        #expect(description.contains("Data: digits (1,797 rows, 64 columns)."))
        #expect(description.contains("PCA of 64 columns"))
        #expect(fixture.run("plot images digits rows=2 cols=3 out=i.svg") == .succeeded)
        let grid = try svg(fixture, "i.svg")
        #expect(grid.contains("digits: first 6 of 1,797 rows"))
        #expect(grid.contains("Data: digits, rows 1 to 6 of 1,797."))
    }

    @Test func metricTablesPutScoresAndOtherValuesOnSeparatePanels() throws {
        let fixture = ShellFixture()
        fixture.state.session.store(
            .table(ResultTable(columns: ["metric", "value"], rows: [
                [.text("fd"), .number(23.4)], [.text("precision"), .number(0.6)], [.text("recall"), .number(0.3)],
                [.text("modes_covered"), .integer(3)],
            ])),
            as: "m", provenance: Provenance("test"))
        #expect(fixture.run("plot m out=m.svg") == .succeeded)
        let text = try svg(fixture, "m.svg")
        #expect(count("<svg", in: text) == 3, "two nested panels")
        #expect(text.contains(">Scores in [0, 1]<") && text.contains(">Other values<"))
        let scores = try #require(text.range(of: ">Scores in [0, 1]<"))
        let others = try #require(text.range(of: ">Other values<"))
        #expect(text[scores.upperBound..<others.lowerBound].contains(">precision<"))
        #expect(text[others.upperBound...].contains(">fd<"))
    }

    @Test func channelsFirstRowsGetTheFix() {
        let fixture = ShellFixture()
        let errors = fixture.output(of: "plot images digits shape=1x8x8").errors
        #expect(errors.contains("shape=1x8x8 looks channels-first"))
        #expect(errors.contains("x.transpose(0, 2, 3, 1)"))
        #expect(fixture.output(of: "plot images digits shape=8x8x2").errors.contains("channels must be 1 (grey) or 3 (RGB)"))
    }
}

@Suite struct PlotHelpTextTests {
    /// A missing line continuation in a multi-line string literal leaves the next line's indentation in the
    /// text (docs/commands.md once showed "A result table             (e.g.").
    @Test func discussionsHaveNoRunsOfSpaces() {
        for spec in PlotCommands.specs {
            #expect(!spec.discussion.contains("  "), "\(spec.name)")
            #expect(!spec.discussion.contains("\n"), "\(spec.name)")
        }
    }
}
