import Foundation
import FoundationXML
import Testing

@testable import SVGPlot

/// What a real XML parser saw in a document: element counts, every attribute name, all character data.
struct XMLSummary {
    var elementCounts: [String: Int] = [:]
    var attributeNames: Set<String> = []
    var attributeValues: [String] = []
    /// `name=value` for every attribute except free-text `aria-label`s.
    var nonTextAttributes: [String] = []
    var text = ""
    var titles: [String] = []
    var descriptions: [String] = []
    var rootAttributes: [String: String] = [:]

    func count(_ element: String) -> Int { elementCounts[element, default: 0] }

    /// Parses `svg` with Foundation's XMLParser; records an issue and returns nil when it is not well-formed.
    static func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLSummary? {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            Issue.record(
                "not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
            return nil
        }
        return collector.summary
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var summary = XMLSummary()
        var stack: [String] = []
        var currentText = ""

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            if stack.isEmpty { summary.rootAttributes = attributes }
            summary.elementCounts[elementName, default: 0] += 1
            summary.attributeNames.formUnion(attributes.keys)
            summary.attributeValues += attributes.values
            summary.nonTextAttributes += attributes.filter { $0.key != "aria-label" }.map { "\($0.key)=\($0.value)" }
            stack.append(elementName)
            currentText = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            summary.text += string
            currentText += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if elementName == "title" { summary.titles.append(currentText) }
            if elementName == "desc" { summary.descriptions.append(currentText) }
            stack.removeLast()
            currentText = ""
        }
    }
}

/// Checks every plot must pass: well-formed, `role="img"`, a non-empty `<title>` and `<desc>`, and none
/// of the forbidden constructs.
func checkAccessibleAndSafe(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLSummary? {
    guard let summary = XMLSummary.parse(svg, sourceLocation: sourceLocation) else { return nil }
    #expect(summary.rootAttributes["role"] == "img", sourceLocation: sourceLocation)
    #expect(summary.titles.first?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(summary.descriptions.first?.isEmpty == false, sourceLocation: sourceLocation)
    for forbidden in ["script", "foreignObject", "image", "use", "a", "style", "iframe"] {
        #expect(summary.count(forbidden) == 0, "found <\(forbidden)>", sourceLocation: sourceLocation)
    }
    for name in summary.attributeNames {
        let lowered = name.lowercased()
        #expect(
            !lowered.hasPrefix("on") && !lowered.contains("href") && lowered != "style" && lowered != "id",
            "attribute \(name)", sourceLocation: sourceLocation)
    }
    #expect(
        !summary.nonTextAttributes.contains { $0.contains("url(") || $0.contains("javascript:") },
        sourceLocation: sourceLocation)
    return summary
}

/// A deterministic pseudo-random stream (SplitMix64) for test inputs.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Standard normal via Box–Muller.
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300)
        let v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Clusters of 2-D points: `perClass` points around one centre per class.
func clusteredPoints(classes: Int, perClass: Int, seed: UInt64 = 7) -> (x: [Double], y: [Double], codes: [Int]) {
    var random = SplitMix64(state: seed)
    var x: [Double] = []
    var y: [Double] = []
    var codes: [Int] = []
    for code in 0..<classes {
        let angle = 2 * Double.pi * Double(code) / Double(classes)
        for _ in 0..<perClass {
            x.append(10 * cos(angle) + random.normal())
            y.append(10 * sin(angle) + random.normal())
            codes.append(code)
        }
    }
    return (x, y, codes)
}

/// The repository root, found from this file's path (no resources are declared for this test target).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
