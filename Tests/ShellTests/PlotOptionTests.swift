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
        #expect(result.errors.contains("allow_nonfinite: dropped 2 of 6 rows of 'n' holding NaN/Inf (rows 1, 2)"))
        let text = try svg(fixture, "n.svg")
        #expect(text.contains("n=4 · 2 rows with NaN/Inf left out"))
        #expect(text.contains("Scatter plot of 4 points"))
        // Raw columns follow the same rule (whole rows go), so the note, subtitle and desc agree with the PCA path.
        let raw = fixture.output(of: "plot n x=a y=b allow_nonfinite=yes out=ab.svg")
        #expect(raw.errors.contains("dropped 2 of 6 rows of 'n'"))
        let rawText = try svg(fixture, "ab.svg")
        #expect(rawText.contains("n=4 · 2 rows with NaN/Inf left out") && rawText.contains("Data: n (4 rows"))
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
        #expect(grid.contains("Data: digits, first 6 of 1,797 rows."))
    }

    /// Panels follow what a metric is, not its value: modes_covered = 1 is a count (a collapsed generator must
    /// not look perfect on a score axis), fd = 0.3 is a distance, PRDC's unbounded density is "other".
    @Test func metricTablesGetOnePanelPerKindOfMetric() throws {
        let fixture = ShellFixture()
        let rows: [(String, Double)] = [
            ("fd", 0.3), ("precision", 0.6), ("recall", 0.3), ("density", 0.9), ("modes_covered", 1), ("modes_total", 8),
        ]
        fixture.state.session.store(
            .table(ResultTable(columns: ["metric", "value", "n_real", "n_fake"], rows: rows.map {
                [.text($0.0), .number($0.1), .integer(2000), .integer(1500)]
            })),
            as: "m", provenance: Provenance("metrics ring fake"))
        #expect(fixture.run("plot m out=m.svg") == .succeeded)
        let text = try svg(fixture, "m.svg")
        #expect(count("<svg", in: text) == 5, "four nested panels")
        let titles = ["Scores in [0, 1]", "Counts", "Distances", "Other values"]
        let starts = try titles.map { try #require(text.range(of: "<title>\($0)</title>")).lowerBound }
        #expect(starts == starts.sorted(), "panels in a fixed order")
        func panel(_ index: Int) -> Substring { text[starts[index]..<(index + 1 < starts.count ? starts[index + 1] : text.endIndex)] }
        #expect(panel(0).contains(">precision<") && panel(0).contains(">recall<") && !panel(0).contains(">modes_covered<"))
        #expect(panel(1).contains(">modes_covered<") && panel(1).contains(">modes_total<"))
        #expect(panel(2).contains(">fd<") && !panel(2).contains(">precision<"))
        #expect(panel(3).contains(">density<"))
        // The score axis ends at 1.
        #expect(panel(0).contains(">1.0<") && !panel(0).contains(">1.2<"))
        // Which data, n, and every value.
        #expect(text.contains(">metrics ring fake · n=2,000 real + 1,500 generated<"))
        let description = try #require(text.firstMatch(of: /<desc>([^<]*)<\/desc>/)).output.1
        #expect(description.contains("Data: table m. metrics ring fake · n=2,000 real + 1,500 generated."))
        #expect(description.contains("4 panels in 2 rows of 2"))
        #expect(text.contains("Values: fd 0.3.") && text.contains("Values: modes_covered 1, modes_total 8."))
        #expect(MetricKind(metricName: "modes_with_min_share") == .count)
        #expect(MetricKind(metricName: "fd_std") == .distance && MetricKind(metricName: "precision_ci_low") == .score)
        #expect(MetricKind(metricName: "tstr_knn_fake_accuracy") == .score && MetricKind(metricName: "vendi") == .other)
    }

    typealias MetricKind = PlotCommands.MetricKind

    /// The by=label table's per-mode counts (n_fake) can be drawn; sample sizes stay out unless asked for.
    @Test func perModeCountsAreDrawnWhenAskedFor() throws {
        let fixture = ShellFixture()
        fixture.state.session.store(
            .table(ResultTable(columns: ["label", "n_real", "n_fake", "precision", "recall"], rows: [
                [.text("0"), .integer(250), .integer(1195), .number(0.9), .number(0.8)],
                [.text("1"), .integer(250), .integer(0), .number(0), .number(0)],
            ])),
            as: "s2", provenance: Provenance("metrics ring fake only=pr by=label"))
        #expect(fixture.run("plot s2 out=all.svg") == .succeeded)
        let all = try svg(fixture, "all.svg")
        #expect(!all.contains(">n_fake<") && all.contains(">precision<"))
        #expect(fixture.run("plot s2 y=n_fake out=counts.svg") == .succeeded)
        let counts = try svg(fixture, "counts.svg")
        #expect(count("<svg", in: counts) == 1, "one kind, one chart")
        #expect(counts.contains(">n_fake</text>"), "one series: the y axis names it")
        #expect(counts.contains("Values: 0 1,195, 1 0.") || counts.contains("Values: 0 1195, 1 0."))
        #expect(count("<rect", in: counts) >= 2 + 1)
        #expect(fixture.run("plot s2 y=n_real,n_fake out=both.svg") == .succeeded)
        #expect(try svg(fixture, "both.svg").contains("Values: n_real: 0 250, 1 250; n_fake: 0 1195, 1 0."))
        #expect(fixture.output(of: "plot s2 y=label").errors.contains("has no numeric column 'label' (numeric columns: n_real, n_fake, precision, recall)"))
        #expect(fixture.output(of: "plot s2 color=label").errors.contains("color= applies to datasets"))
    }

    /// allow_nonfinite=yes on images drops the rows holding NaN/Inf (note + desc) instead of drawing grey pixels.
    @Test func imageGridsDropNonFiniteRowsAndExplainTheirLimits() throws {
        let fixture = ShellFixture()
        let csv = "a,b,c,d\n0,1,2,3\n1,2,nan,4\n2,3,4,5\n3,4,5,6\n4,5,6,7\n"
        try csv.write(to: fixture.directory.appendingPathComponent("z.csv"), atomically: true, encoding: .utf8)
        #expect(fixture.run("load z z.csv") == .succeeded)
        #expect(fixture.output(of: "plot images z shape=2x2").errors.contains("allow_nonfinite=yes"))
        let result = fixture.output(of: "plot images z shape=2x2 allow_nonfinite=yes out=z.svg")
        #expect(result.errors.contains("allow_nonfinite: dropped 1 of 5 rows of 'z' holding NaN/Inf (rows 1)"), "\(result.errors)")
        let text = try svg(fixture, "z.svg")
        #expect(text.contains("z: all 4 rows") && text.contains("1 row with NaN/Inf left out."))
        #expect(text.contains("Grid of 4 greyscale images"))
        // 64 × 64 images of 8x8 are within the pixel budget; a 200x200 row shape at 10×10 is not.
        let errors = fixture.output(of: "plot images digits shape=8x8 rows=100 cols=100").errors
        #expect(!errors.contains("pixels, more than"), "\(errors)")
        #expect(ShellErrorText.of { try PlotCommands.checkImagePixels(count: 100, shape: .init([200, 200]), offset: nil) }
            .contains("100 images of 200x200 are 4,000,000 pixels, more than the 2,000,000 a grid draws; lower rows= or cols= to at most 50 images"))
        #expect(PlotCommands.shapeHint(valueCount: 64) == "give one, e.g. shape=8x8")
        #expect(PlotCommands.shapeHint(valueCount: 3072) == "give one, e.g. shape=32x32x3")
    }

    @Test func histogramsCompareOnlyDatasetsOfTheSameFeatures() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "plot hist ring column=x vs=digits").errors.contains("vs=digits has 64 columns but ring has 2"))
        #expect(fixture.output(of: "plot hist ring column=x vs=ring_fake out=h.svg").outcome == .succeeded)
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

/// The message of the ShellError a closure throws ("" when it throws none).
enum ShellErrorText {
    static func of(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return ""
    }
}
