/// The closed set of SVG elements this module can emit. Anything that can run script, embed foreign
/// content or reference another resource (`script`, `foreignObject`, `image`, `use`, `a`, `style`) is
/// deliberately absent, so no caller, and no user text, can produce it.
public enum SVGTag: String, Sendable, CaseIterable {
    case svg, g, rect, circle, line, path, polyline, text, title, desc
}

/// Paint for `fill` and `stroke`: a colour or nothing. There is no `url(...)` case, so paint can never
/// point at an external resource.
public enum SVGPaint: Sendable, Equatable {
    case none
    case color(Color)

    var text: String {
        switch self {
        case .none: return "none"
        case .color(let color): return color.hex
        }
    }
}

public enum TextAnchor: String, Sendable { case start, middle, end }
public enum FontWeight: String, Sendable { case normal, bold }
public enum DominantBaseline: String, Sendable { case auto, middle, hanging }

/// A typed attribute. Names come from this closed set (no `id`, `href`, `style`, `class` or `on*`), and
/// values are numbers, colours, enumerations, or free text that is always escaped.
public enum SVGAttribute: Sendable, Equatable {
    case x(Double)
    case y(Double)
    case width(Double)
    case height(Double)
    case cx(Double)
    case cy(Double)
    case r(Double)
    case x1(Double)
    case y1(Double)
    case x2(Double)
    case y2(Double)
    case fill(SVGPaint)
    case stroke(SVGPaint)
    case strokeWidth(Double)
    case opacity(Double)
    case fillOpacity(Double)
    case strokeOpacity(Double)
    case strokeDashes([Double])
    case pathData(SVGPath)
    case points([(x: Double, y: Double)])
    case translate(x: Double, y: Double)
    case rotate(degrees: Double, x: Double, y: Double)
    case fontSize(Double)
    case fontWeight(FontWeight)
    case textAnchor(TextAnchor)
    case dominantBaseline(DominantBaseline)
    /// Draw the stroke under the fill: a halo that keeps direct labels readable over points.
    case strokeUnderFill
    /// The one font stack this module uses; a fixed value, never caller text.
    case sansSerifFont
    case crispEdges
    /// Round line caps: zero-length subpaths then render as dots.
    case roundCaps
    case viewBox(width: Double, height: Double)
    case roleImage
    case ariaLabel(String)

    public static func == (lhs: SVGAttribute, rhs: SVGAttribute) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
    }

    var name: String {
        switch self {
        case .x: return "x"
        case .y: return "y"
        case .width: return "width"
        case .height: return "height"
        case .cx: return "cx"
        case .cy: return "cy"
        case .r: return "r"
        case .x1: return "x1"
        case .y1: return "y1"
        case .x2: return "x2"
        case .y2: return "y2"
        case .fill: return "fill"
        case .stroke: return "stroke"
        case .strokeWidth: return "stroke-width"
        case .opacity: return "opacity"
        case .fillOpacity: return "fill-opacity"
        case .strokeOpacity: return "stroke-opacity"
        case .strokeDashes: return "stroke-dasharray"
        case .pathData: return "d"
        case .points: return "points"
        case .translate, .rotate: return "transform"
        case .fontSize: return "font-size"
        case .fontWeight: return "font-weight"
        case .textAnchor: return "text-anchor"
        case .dominantBaseline: return "dominant-baseline"
        case .strokeUnderFill: return "paint-order"
        case .sansSerifFont: return "font-family"
        case .crispEdges: return "shape-rendering"
        case .roundCaps: return "stroke-linecap"
        case .viewBox: return "viewBox"
        case .roleImage: return "role"
        case .ariaLabel: return "aria-label"
        }
    }

    /// The value before escaping; only `ariaLabel` carries caller text, and `escapeAttribute` handles it.
    var value: String {
        switch self {
        case .x(let v), .y(let v), .width(let v), .height(let v), .cx(let v), .cy(let v), .r(let v),
            .x1(let v), .y1(let v), .x2(let v), .y2(let v), .strokeWidth(let v), .fontSize(let v):
            return formatCoordinate(v)
        case .opacity(let v), .fillOpacity(let v), .strokeOpacity(let v):
            return formatCoordinate(min(max(v, 0), 1))
        case .fill(let paint), .stroke(let paint):
            return paint.text
        case .strokeDashes(let dashes):
            return dashes.map(formatCoordinate).joined(separator: " ")
        case .pathData(let path):
            return path.text
        case .points(let points):
            return points.map { "\(formatCoordinate($0.x)),\(formatCoordinate($0.y))" }.joined(separator: " ")
        case .translate(let x, let y):
            return "translate(\(formatCoordinate(x)) \(formatCoordinate(y)))"
        case .rotate(let degrees, let x, let y):
            return "rotate(\(formatCoordinate(degrees)) \(formatCoordinate(x)) \(formatCoordinate(y)))"
        case .fontWeight(let weight): return weight.rawValue
        case .textAnchor(let anchor): return anchor.rawValue
        case .dominantBaseline(let baseline): return baseline.rawValue
        case .strokeUnderFill: return "stroke"
        case .sansSerifFont: return "Helvetica, Arial, DejaVu Sans, sans-serif"
        case .crispEdges: return "crispEdges"
        case .roundCaps: return "round"
        case .viewBox(let width, let height):
            return "0 0 \(formatCoordinate(width)) \(formatCoordinate(height))"
        case .roleImage: return "img"
        case .ariaLabel(let text): return text
        }
    }
}

/// A node of the document tree: an element or escaped character data.
public enum SVGNode: Sendable, Equatable {
    case element(SVGElement)
    case text(String)
}

/// One element: a tag from the closed set, typed attributes in insertion order (so output bytes never
/// depend on dictionary order), and children.
public struct SVGElement: Sendable, Equatable {
    public var tag: SVGTag
    public var attributes: [SVGAttribute]
    public var children: [SVGNode]

    public init(_ tag: SVGTag, _ attributes: [SVGAttribute] = [], children: [SVGNode] = []) {
        self.tag = tag
        self.attributes = attributes
        self.children = children
    }

    /// A `<text>` element holding `content` as escaped character data.
    public static func text(_ content: String, _ attributes: [SVGAttribute]) -> SVGElement {
        SVGElement(.text, attributes, children: [.text(content)])
    }

    /// A `<title>` (tooltip / accessible name) holding `content` as escaped character data.
    public static func title(_ content: String) -> SVGElement {
        SVGElement(.title, children: [.text(content)])
    }

    public static func group(_ attributes: [SVGAttribute] = [], _ children: [SVGElement]) -> SVGElement {
        SVGElement(.g, attributes, children: children.map(SVGNode.element))
    }

    public mutating func append(_ child: SVGElement) {
        children.append(.element(child))
    }

    /// Serialises this element; `indent` adds a newline per element so diffs of snapshots stay readable.
    public func write(to output: inout String, indent: Bool = true) {
        output += "<"
        output += tag.rawValue
        for attribute in attributes {
            output += " "
            output += attribute.name
            output += "=\""
            output += escapeAttribute(attribute.value)
            output += "\""
        }
        if children.isEmpty {
            output += "/>"
            if indent { output += "\n" }
            return
        }
        output += ">"
        let hasElementChild = children.contains { if case .element = $0 { return true } else { return false } }
        if indent && hasElementChild { output += "\n" }
        for child in children {
            switch child {
            case .element(let element): element.write(to: &output, indent: indent)
            case .text(let content): output += escapeText(content)
            }
        }
        output += "</"
        output += tag.rawValue
        output += ">"
        if indent { output += "\n" }
    }
}

/// A complete standalone SVG file: the root `<svg>` with `role="img"`, a `<title>` and a `<desc>`.
public struct SVGDocument: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var title: String
    public var description: String
    public var content: [SVGElement]

    public init(width: Double, height: Double, title: String, description: String, content: [SVGElement]) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.content = content
    }

    /// The accessible name used when the given title is empty.
    public static let untitled = "Plot"

    /// The root element; also used to nest a whole plot inside another (small multiples).
    public func rootElement(x: Double? = nil, y: Double? = nil) -> SVGElement {
        var attributes: [SVGAttribute] = []
        if let x { attributes.append(.x(x)) }
        if let y { attributes.append(.y(y)) }
        attributes += [.width(width), .height(height), .viewBox(width: width, height: height), .roleImage]
        var root = SVGElement(.svg, attributes)
        // A title made only of characters XML cannot carry would come out empty.
        root.append(.title(escapeText(title).isEmpty ? Self.untitled : title))
        root.append(SVGElement(.desc, children: [.text(description)]))
        for element in content { root.append(element) }
        return root
    }

    /// The file text: XML declaration plus the root element with the SVG namespace. Same document,
    /// same bytes.
    public func render() -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        var root = String()
        rootElement().write(to: &root)
        // The namespace is a fixed constant, so it is spliced in rather than modelled as an attribute
        // that callers could set.
        output += "<svg xmlns=\"http://www.w3.org/2000/svg\"" + root.dropFirst("<svg".count)
        return output
    }
}
