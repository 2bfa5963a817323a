/// The binned density layer of a scatter plot (`ScatterOptions.densityBins`): square cells over the plot
/// area, counted per class. Cost O(n + cells × classes); output about 45 bytes per occupied cell.
extension ScatterPlot {
    /// Cells across the plot area; more than this is finer than a pixel pair on any sensible canvas.
    static let densityBinRange = 2...400
    /// Opacity steps of a class layer: 8 levels read as a smooth ramp and keep one group per level.
    static let densityLevels = 8

    func densityDocument(
        chart: ChartOptions, xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>, classes: [PointClass],
        drawable: [Int], bins: Int
    ) throws -> SVGDocument {
        guard Self.densityBinRange.contains(bins) else {
            throw PlotError.invalidValue(
                what: "densityBins", value: String(bins),
                reason: "use \(Self.densityBinRange.lowerBound)...\(Self.densityBinRange.upperBound) cells across")
        }
        if case .continuous(_, let name) = coloring {
            throw PlotError.invalidValue(
                what: "density", value: name, reason: "a density layer colours by count; drop the colour column")
        }
        let single = classes.count == 1
        // Counts are only known once the frame fixes the plot area, but a colour bar needs the largest
        // count first: lay out once with a provisional key, then again with the real one.
        let provisional = ChartFrame(
            options: chart, xDomain: xDomain, yDomain: yDomain,
            key: single ? .colorBar(name: "points per cell", range: 0...1) : chartKey(classes: classes, drawable: drawable))
        let grid = DensityGrid(frame: provisional, columns: bins)
        let counts = classes.map { grid.counts(of: $0.indices.map { pixel(of: $0, in: provisional) }) }
        let frame: ChartFrame
        if single {
            let largest = counts.first?.max() ?? 1
            frame = ChartFrame(
                options: chart, xDomain: xDomain, yDomain: yDomain,
                key: .colorBar(name: "points per cell", range: 1...Double(max(largest, 2))))
        } else {
            frame = provisional
        }
        var layers: [SVGElement] = []
        for index in drawingOrder(classes) where !classes[index].indices.isEmpty {
            let layer =
                single
                ? grid.viridisLayer(counts[index], range: 1...Double(max(counts[index].max() ?? 1, 2)))
                : grid.classLayer(counts[index], color: classes[index].color, levels: Self.densityLevels)
            layers.append(.group([.crispEdges, .ariaLabel(classes[index].name)], layer))
        }
        var marks: [SVGElement] = [.group([], layers)]
        var description = describe(classes: classes, drawn: drawable.count)
        if !single, let labels = directLabelsIfWanted(classes: classes, frame: frame) {
            marks.append(labels.element)
            description += labels.note
        }
        description +=
            " Drawn as a density layer of \(grid.columns) × \(grid.rows) cells"
            + (single ? " coloured by count." : ", one translucent layer per class (darker: more points).")
        return frame.document(marks: marks, description: description)
    }
}

/// Square cells tiling a frame's plot area, `columns` across.
struct DensityGrid {
    let left: Double, top: Double, cell: Double
    let columns: Int, rows: Int

    init(frame: ChartFrame, columns: Int) {
        left = frame.plotLeft
        top = frame.plotTop
        self.columns = max(columns, 1)
        cell = frame.plotWidth / Double(self.columns)
        rows = max(Int((frame.plotHeight / cell).rounded(.up)), 1)
    }

    /// Points per cell, row-major; points outside the area are clamped into the border cells.
    func counts(of points: [(x: Double, y: Double)]) -> [Int] {
        var counts = Array(repeating: 0, count: columns * rows)
        for point in points {
            let column = min(max(Int(((point.x - left) / cell).rounded(.down)), 0), columns - 1)
            let row = min(max(Int(((point.y - top) / cell).rounded(.down)), 0), rows - 1)
            counts[row * columns + column] += 1
        }
        return counts
    }

    private func rect(_ index: Int) -> SVGElement {
        SVGElement(
            .rect,
            [
                .x(left + Double(index % columns) * cell), .y(top + Double(index / columns) * cell),
                .width(cell), .height(cell),
            ])
    }

    /// One group per opacity level in `color`; opacity grows with the square root of the count relative
    /// to this layer's densest cell, so a small class is as visible as a large one.
    func classLayer(_ counts: [Int], color: Color, levels: Int) -> [SVGElement] {
        let largest = Double(counts.max() ?? 0)
        guard largest > 0 else { return [] }
        var byLevel = Array(repeating: [SVGElement](), count: levels)
        for (index, count) in counts.enumerated() where count > 0 {
            let level = min(Int(((Double(count) / largest).squareRoot() * Double(levels)).rounded(.up)), levels) - 1
            byLevel[max(level, 0)].append(rect(index))
        }
        return byLevel.enumerated().compactMap { level, cells in
            guard !cells.isEmpty else { return nil }
            let opacity = 0.12 + 0.78 * Double(level + 1) / Double(levels)
            return .group([.fill(.color(color)), .fillOpacity(opacity)], cells)
        }
    }

    /// Every occupied cell in viridis over `range` of counts.
    func viridisLayer(_ counts: [Int], range: ClosedRange<Double>) -> [SVGElement] {
        let span = range.upperBound - range.lowerBound
        return counts.enumerated().compactMap { index, count in
            guard count > 0 else { return nil }
            var element = rect(index)
            element.attributes.append(.fill(.color(Palette.viridis((Double(count) - range.lowerBound) / span))))
            return element
        }
    }
}
