/// Path data built from numbers only, so it cannot carry anything but drawing commands.
public struct SVGPath: Sendable, Equatable {
    private(set) var text: String = ""
    /// Fractional digits of every number; dense marker layers use 1 (0.1 px) to halve their size.
    let decimals: Int

    public init(decimals: Int = 2) {
        self.decimals = decimals
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func move(to x: Double, _ y: Double) {
        append("M", x, y)
    }

    public mutating func line(to x: Double, _ y: Double) {
        append("L", x, y)
    }

    /// Relative horizontal and vertical lines keep dense marker paths short.
    public mutating func horizontal(by dx: Double) {
        append("h", dx)
    }

    public mutating func vertical(by dy: Double) {
        append("v", dy)
    }

    public mutating func relativeLine(by dx: Double, _ dy: Double) {
        append("l", dx, dy)
    }

    /// Relative elliptical arc with equal radii, used to draw circles as two half arcs.
    public mutating func relativeArc(radius: Double, dx: Double, dy: Double) {
        append("a", radius, radius, 0, 0, 1, dx, dy)
    }

    public mutating func close() {
        text += "z"
    }

    private mutating func append(_ command: String, _ values: Double...) {
        text += command
        for (index, value) in values.enumerated() {
            let number = formatFixed(min(max(value, -coordinateLimit), coordinateLimit), decimals: decimals)
            if index > 0 && !number.hasPrefix("-") { text += " " }
            text += number
        }
    }
}

/// Marker shapes that, together with colour, tell categories apart in print and for colour-blind readers.
public enum MarkerShape: Int, Sendable, CaseIterable {
    case circle, square, triangleUp, diamond, triangleDown

    /// Shape of the category at `index` among `count`: circles while colour alone is enough, then a cycle.
    public static func forCategory(_ index: Int, of count: Int) -> MarkerShape {
        count <= Palette.okabeItoCapacity ? .circle : allCases[index % allCases.count]
    }

    /// Appends this marker centred at (x, y) with half-size `radius` as closed subpath(s).
    public func append(to path: inout SVGPath, x: Double, y: Double, radius r: Double) {
        switch self {
        case .circle:
            path.move(to: x - r, y)
            path.relativeArc(radius: r, dx: 2 * r, dy: 0)
            path.relativeArc(radius: r, dx: -2 * r, dy: 0)
        case .square:
            // Slightly smaller than the circle's bounding box so areas look alike.
            let s = r * 0.89
            path.move(to: x - s, y - s)
            path.horizontal(by: 2 * s)
            path.vertical(by: 2 * s)
            path.horizontal(by: -2 * s)
        case .triangleUp:
            let s = r * 1.25
            path.move(to: x, y - s)
            path.relativeLine(by: s * 0.866, s * 1.5)
            path.horizontal(by: -s * 1.732)
        case .triangleDown:
            let s = r * 1.25
            path.move(to: x, y + s)
            path.relativeLine(by: s * 0.866, -s * 1.5)
            path.horizontal(by: -s * 1.732)
        case .diamond:
            let s = r * 1.25
            path.move(to: x, y - s)
            path.relativeLine(by: s, s)
            path.relativeLine(by: -s, s)
            path.relativeLine(by: -s, -s)
        }
        path.close()
    }

    /// All points as one `<path>`: the dense layer used above `ScatterOptions.elementLimit`. Circles are
    /// zero-length subpaths with round caps (about 14 bytes a point); other shapes are outlined.
    static func denseLayer(
        shape: MarkerShape, points: [(x: Double, y: Double)], radius: Double, color: Color, opacity: Double
    ) -> SVGElement {
        var path = SVGPath(decimals: 1)
        if shape == .circle {
            for point in points {
                path.move(to: point.x, point.y)
                path.horizontal(by: 0)
            }
            return SVGElement(
                .path,
                [
                    .pathData(path), .fill(.none), .stroke(.color(color)), .strokeWidth(2 * radius), .roundCaps,
                    .strokeOpacity(opacity),
                ])
        }
        for point in points { shape.append(to: &path, x: point.x, y: point.y, radius: radius) }
        return SVGElement(.path, [.pathData(path), .fill(.color(color)), .fillOpacity(opacity)])
    }

    /// One standalone element for this marker (per-point mode, hover titles attach to it).
    func element(x: Double, y: Double, radius: Double, attributes: [SVGAttribute]) -> SVGElement {
        if self == .circle {
            return SVGElement(.circle, [.cx(x), .cy(y), .r(radius)] + attributes)
        }
        var path = SVGPath()
        append(to: &path, x: x, y: y, radius: radius)
        return SVGElement(.path, [.pathData(path)] + attributes)
    }
}
