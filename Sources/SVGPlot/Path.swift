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

    /// Relative move; dense layers chain their markers with these to keep the numbers short.
    public mutating func move(by dx: Double, _ dy: Double) {
        append("m", dx, dy)
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

    /// Appends this marker centred at (x, y) with half-size `radius` as a closed subpath, starting with an
    /// absolute move.
    public func append(to path: inout SVGPath, x: Double, y: Double, radius r: Double) {
        let start = startOffset(radius: r)
        path.move(to: x + start.dx, y + start.dy)
        appendOutline(to: &path, radius: r)
    }

    /// Where the outline starts relative to the marker centre.
    func startOffset(radius r: Double) -> (dx: Double, dy: Double) {
        switch self {
        case .circle: return (-r, 0)
        // Slightly smaller than the circle's bounding box so areas look alike.
        case .square: return (-r * 0.89, -r * 0.89)
        case .triangleUp, .diamond: return (0, -r * 1.25)
        case .triangleDown: return (0, r * 1.25)
        }
    }

    /// The outline after the initial move, ending with `z` (which returns to the start point).
    private func appendOutline(to path: inout SVGPath, radius r: Double) {
        switch self {
        case .circle:
            path.relativeArc(radius: r, dx: 2 * r, dy: 0)
            path.relativeArc(radius: r, dx: -2 * r, dy: 0)
        case .square:
            let s = r * 0.89
            path.horizontal(by: 2 * s)
            path.vertical(by: 2 * s)
            path.horizontal(by: -2 * s)
        case .triangleUp:
            let s = r * 1.25
            path.relativeLine(by: s * 0.866, s * 1.5)
            path.horizontal(by: -s * 1.732)
        case .triangleDown:
            let s = r * 1.25
            path.relativeLine(by: s * 0.866, -s * 1.5)
            path.horizontal(by: -s * 1.732)
        case .diamond:
            let s = r * 1.25
            path.relativeLine(by: s, s)
            path.relativeLine(by: -s, s)
            path.relativeLine(by: -s, -s)
        }
        path.close()
    }

    /// Dense layers snap marker positions to this grid (in pixels) and chain them with relative moves
    /// between neighbours, so most numbers have 1–2 digits: a 200k-point map stays under 5 MB.
    static let denseGrid = 0.1
    /// Points are sorted into horizontal bands this many pixels tall (x ascending within a band), so
    /// consecutive markers are close and the relative moves short.
    static let denseBand = 4.0

    /// All points as one `<path>`: the dense layer used above `ScatterOptions.elementLimit`. Circles are
    /// zero-length subpaths with round caps (about 10 bytes a point); other shapes are outlined. Within one
    /// path, order does not change the picture (one paint, overlaps filled once), so points are reordered.
    static func denseLayer(
        shape: MarkerShape, points: [(x: Double, y: Double)], radius: Double, color: Color, opacity: Double
    ) -> SVGElement {
        // Integer positions in grid units make every relative move exact: no rounding drift along the path.
        let start = shape == .circle ? (dx: 0.0, dy: 0.0) : shape.startOffset(radius: radius)
        let snapped = points.map { point in
            (
                x: Int((min(max(point.x + start.dx, -coordinateLimit), coordinateLimit) / denseGrid).rounded()),
                y: Int((min(max(point.y + start.dy, -coordinateLimit), coordinateLimit) / denseGrid).rounded())
            )
        }
        let bandUnits = Int(denseBand / denseGrid)
        func band(_ y: Int) -> Int { y >= 0 ? y / bandUnits : (y - bandUnits + 1) / bandUnits }
        let order = snapped.indices.sorted {
            let a = snapped[$0]
            let b = snapped[$1]
            return (band(a.y), a.x, a.y, $0) < (band(b.y), b.x, b.y, $1)
        }
        var path = SVGPath(decimals: 1)
        var previous: (x: Int, y: Int)?
        for index in order {
            let point = snapped[index]
            if let previous {
                path.move(by: Double(point.x - previous.x) * denseGrid, Double(point.y - previous.y) * denseGrid)
            } else {
                path.move(to: Double(point.x) * denseGrid, Double(point.y) * denseGrid)
            }
            previous = point
            if shape == .circle {
                path.horizontal(by: 0)
            } else {
                shape.appendOutline(to: &path, radius: radius)
            }
        }
        if shape == .circle {
            return SVGElement(
                .path,
                [
                    .pathData(path), .fill(.none), .stroke(.color(color)), .strokeWidth(2 * radius), .roundCaps,
                    .strokeOpacity(opacity),
                ])
        }
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
