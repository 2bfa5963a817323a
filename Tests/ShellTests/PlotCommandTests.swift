import Foundation
import FoundationXML
import Testing
@testable import Shell

@Suite struct PlotCommandTests {
    /// Counts elements by name in an SVG file, failing the test if it is not well-formed XML.
    final class ElementCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    func parse(_ url: URL) throws -> ElementCounter {
        let parser = try #require(XMLParser(contentsOf: url))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(url.lastPathComponent) is well-formed XML")
        return counter
    }

    @Test func digitsMapUsesPrincipalComponentsAndLabels() throws {
        let fixture = ShellFixture()
        let result = fixture.output(of: "plot digits out=d.svg")
        #expect(result.outcome == .succeeded, "\(result.errors)")
        #expect(result.errors == "wrote d.svg\n")
        let svg = try parse(fixture.directory.appendingPathComponent("d.svg"))
        #expect(svg.counts["title"] ?? 0 >= 1 && svg.counts["desc"] == 1)
        #expect(svg.text.contains("PCA of 64 columns"))
        for digit in 0...9 { #expect(svg.text.contains("\(digit) (")) }
    }

    @Test func overlayAndSelections() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("plot ring[0:500] fake=ring_fake out=o.svg title=\"</text><script>x</script>\"") == .succeeded)
        let text = try String(contentsOf: fixture.directory.appendingPathComponent("o.svg"), encoding: .utf8)
        #expect(!text.contains("<script>"))
        #expect(text.contains("real (500)") && text.contains("generated (2,000)"))
    }

    @Test func histogramsAndImages() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("plot hist ring column=y vs=ring_fake bins=20 out=h.svg") == .succeeded)
        _ = try parse(fixture.directory.appendingPathComponent("h.svg"))
        #expect(fixture.run("plot images digits[label==7] rows=2 cols=3 out=i.svg") == .succeeded)
        let grid = try parse(fixture.directory.appendingPathComponent("i.svg"))
        #expect(grid.text.contains("7"))
        #expect(fixture.run("plot hist digits") == .succeeded, "default output name in the working directory")
        #expect(FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("digits-hist.svg").path))
    }

    @Test func resultTablesDrawAsBars() throws {
        let fixture = ShellFixture()
        #expect(fixture.run("counts = describe ring") == .failed, "describe keeps no value")
        fixture.state.session.store(
            .table(ResultTable(columns: ["metric", "real", "fake"], rows: [[.text("coverage"), .number(0.9), .number(0.4)],
                                                                      [.text("recall"), .number(0.8), .number(0.3)]])),
            as: "scores", provenance: Provenance("test"))
        #expect(fixture.run("plot scores out=bars.svg") == .succeeded)
        let svg = try parse(fixture.directory.appendingPathComponent("bars.svg"))
        #expect(svg.text.contains("coverage") && svg.text.contains("recall") && svg.text.contains("fake"))
        #expect(fixture.output(of: "plot scores fake=ring").errors.contains("fake= applies to datasets"))
    }

    @Test func badRequestsAreRefusedWithoutWritingAnything() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "plot ring out=missing/dir.svg").errors.contains("directory 'missing' does not exist"))
        #expect(fixture.output(of: "plot ring x=z y=y").errors.contains("x=z: no such column (columns: x, y)"))
        // One axis alone would be paired with a raw column (constant, or the same one): refused.
        #expect(fixture.output(of: "plot ring x=x").errors.contains("give both x= and y= (only x= was given)"))
        #expect(fixture.output(of: "plot digits y=5").errors.contains("give both x= and y= (only y= was given)"))
        // The hint fits the row length: no 8x8 for 2-column rows.
        #expect(fixture.output(of: "plot images ring").errors.contains("has no image shape; its rows have 2 values"))
        #expect(fixture.output(of: "plot images digits shape=7x7").errors.contains("holds 49 values but rows of digits have 64"))
        #expect(fixture.output(of: "plot images digits shape=banana").outcome == .failed)
        #expect(fixture.output(of: "plot digits fake=ring").errors.contains("fake has 2 columns but digits has 64"))
        #expect(fixture.output(of: "plot ring_fake color=label").errors.contains("no labels"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: fixture.directory.path))?.filter { $0.hasSuffix(".svg") }
        #expect(written == [])
    }
}
