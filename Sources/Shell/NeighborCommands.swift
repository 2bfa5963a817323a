import DataFiles
import Foundation
import LinearAlgebra
public import Neighbors
import SVGPlot

/// A stored `nn` result: the neighbour lists plus what they were computed from.
public struct NeighborResult: Sendable, Equatable {
    public var list: NeighborList
    public var metric: DistanceMetric
    /// The query and reference as typed (with any row selection), for `show` and provenance.
    public var queryName: String
    public var referenceName: String
    /// True when found by the HNSW index rather than exact search.
    public var isApproximate: Bool

    public init(list: NeighborList, metric: DistanceMetric, queryName: String, referenceName: String, isApproximate: Bool) {
        self.list = list
        self.metric = metric
        self.queryName = queryName
        self.referenceName = referenceName
        self.isApproximate = isApproximate
    }

    /// `indices` (n×k int64) and `distances` (n×k float32), the arrays `export` writes.
    var arrays: [NamedArray] {
        let shape = [list.queryCount, list.k]
        return [
            NamedArray(name: "indices", shape: shape, values: .int64(list.indices.map(Int64.init))),
            NamedArray(name: "distances", shape: shape, values: .float32(list.distances)),
        ]
    }
}

/// Nearest neighbours and copy detection: `nn`, `memorization`.
enum NeighborCommands {
    static let specs: [CommandSpec] = [nearestNeighbors, buildIndexCommand, memorization]

    /// Reference sets from this size are searched with HNSW unless `exact=yes`: exact all-points search
    /// of 200,000 rows in 64 dimensions is ~5 TFLOP (about a minute on 2 cores), where the index pays off.
    static let approximateThreshold = 200_000

    /// Query rows printed when `rows=` is not given.
    static let defaultShownRows = 5

    static let nearestNeighbors = CommandSpec(
        name: "nn", group: .analysis,
        abstract: "Find each query row's k nearest rows of a reference set.",
        discussion: """
            Exact search (exact=yes, the default below \(approximateThreshold) reference rows): BLAS distance tiles pick candidates, whose distances are then recomputed directly and \
            certified against the GEMM rounding bound, so the lists equal scikit-learn's brute-force \
            NearestNeighbors (tie-aware, distances to 1e-5). Ties are ordered by the smaller reference index. \
            metric=euclidean reports plain (not squared) distances; metric=cosine reports 1 − cos. When QUERY \
            and REFERENCE are the same object, each row is left out of its own list (its duplicates stay). \
            The first rows (or rows=START:END, or rows=3,7,9) are printed; the whole n×k result is kept as \
            `_` or under NAME (`NAME = nn …`), and `export NAME FILE.npz` writes indices (int64) and distances \
            (float32). out=FILE.svg draws each printed query row followed by its neighbours when the rows are \
            images (a row shape such as 8x8). \
            exact=no (the default from \(approximateThreshold) reference rows) builds an HNSW index (Malkov & \
            Yashunin 2020; M=, ef_construction=, ef= as in hnswlib, layers seeded by seed=) and searches it: \
            the distances are exact, the lists approximate (recall@10 ≥ 0.95 at the defaults on clustered \
            data; measured in tests and scripts/bench_neighbors.py). Metrics that count neighbours always use \
            exact search.
            """,
        arguments: [
            .positional("query", .objectReference(kinds: ["dataset"]), help: "The rows to find neighbours for."),
            .positional("reference", .objectReference(kinds: ["dataset", "index"]), help: "The rows to search, or an index from `hnsw`."),
            .option("k", .integer(1...10_000), default: "10", help: "Neighbours per query row."),
            .option("metric", .choice(DistanceMetric.allCases.map(\.rawValue)), default: "euclidean", help: "Distance."),
            .option("exact", .boolean, help: "yes: exact search; no: HNSW index (default: HNSW from \(approximateThreshold) reference rows)."),
            .option("M", .integer(2...256), default: "16", help: "HNSW links per node (layer 0 keeps 2M)."),
            .option("ef_construction", .integer(1...100_000), default: "200", help: "HNSW candidate list while building."),
            .option("ef", .integer(1...100_000), default: "50", help: "HNSW candidate list while searching (raised to k)."),
            .option("seed", .integer(0...Int.max), help: "Seed of the HNSW layers (default: set seed=)."),
            .option("rows", .text, help: "Query rows to print: START:END or a comma list (default the first 5)."),
            .option("out", .outputPath(extensions: ["svg"]), help: "Draw the printed rows and their neighbours as images."),
            NonFiniteGuard.option,
        ],
        examples: [
            "nn digits[0:20] digits k=3", "near = nn ring_fake ring k=5 rows=0:2",
            "nn digits[0:3] digits k=4 out=nn_grid.svg", "nn ring_fake[0:100] ring k=5 exact=no ef=80",
        ],
        handler: { state, arguments in
            try NonFiniteGuard.screened(["query", "reference"], in: arguments) { try runNearestNeighbors(state: state, arguments: $0) }
        })

    /// `nn QUERY INDEX`: search a stored index; labels and images come from the indexed dataset when it is
    /// still in the session with the same rows.
    static func searchStoredIndex(
        _ stored: NeighborIndex, indexName: String, queries: Dataset, queryName: String, k: Int,
        arguments: BoundArguments, state: ShellState
    ) throws -> CommandResult {
        let index = stored.index
        let within = queryName == stored.referenceName
        let list = try neighborsCall {
            within
                ? try index.searchWithin(k: k, breadth: arguments.integer("ef"), token: state.cancellation)
                : try index.search(queries.values, k: k, breadth: arguments.integer("ef"), token: state.cancellation)
        }
        var reference = Dataset(values: index.snapshot.vectors)
        if case .dataset(let original)? = (try? Binder.resolveReference(
            stored.referenceName, kinds: ["dataset"], state: state, offset: nil))?.object,
            original.rowCount == index.count
        {
            reference = original
        }
        return try neighborResult(
            list, queries: queries, queryName: queryName, reference: reference, referenceName: indexName,
            metric: index.metric, approximate: true, within: within, arguments: arguments)
    }

    /// The printed table, notes, grid and stored value shared by both ways `nn` searches.
    static func neighborResult(
        _ list: NeighborList, queries: Dataset, queryName: String, reference: Dataset, referenceName: String,
        metric: DistanceMetric, approximate: Bool, within: Bool, arguments: BoundArguments
    ) throws -> CommandResult {
        let k = list.k
            let shown = try shownRows(arguments.text("rows"), rowCount: queries.rowCount)
            var result = CommandResult()
            result.fields = [
                ("queries", .integer(list.queryCount)), ("k", .integer(k)), ("metric", .text(metric.rawValue)),
                ("method", .text(approximate ? "hnsw" : "exact")),
            ]
            result.table = neighborTable(list, rows: shown, queries: queries, reference: reference)
            if within { result.notes.append("each row of \(queryName) is left out of its own list") }
            if let path = arguments.path("out") {
                try drawGrid(list, rows: shown, queries: queries, reference: reference, metric: metric, to: path)
                result.notes.append("wrote \(arguments.text("out")!)")
            }
            result.value = .neighbors(NeighborResult(
                list: list, metric: metric, queryName: queryName, referenceName: referenceName,
                isApproximate: approximate))
            result.valueProvenance = Provenance("nn \(queryName) \(referenceName) k=\(k) metric=\(metric.rawValue)")
            return result
    }

    /// The quantiles of the distance distributions printed by `memorization`.
    static let reportedQuantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95]

    static let memorization = CommandSpec(
        name: "memorization", aliases: ["memorisation"], group: .analysis,
        abstract: "Check whether generated rows copy training rows (nearest-train distances, C_T test).",
        discussion: """
            For every FAKE row, the Euclidean distance to its nearest TRAIN row (exact search); with test=TEST \
            (real rows never used in training) the same for every test row, for comparison: a generator that \
            copies puts fakes much closer to training rows than fresh data is. Printed: quantiles of both \
            distributions (numpy's linear quantiles) and of TRAIN's own nearest-other-row distances. \
            threshold = the threshold_quantile (default 0.05) quantile of TRAIN's own nearest-neighbour \
            distances; copied_fraction = fraction of fakes strictly closer than that to a training row (fresh \
            data scores about threshold_quantile; test_fraction shows it). The offenders table lists the fakes \
            closest to a training row (look at them with `nn FAKE[ROW:ROW+1] TRAIN out=…`). \
            C_T (Meehan, Chaudhuri & Dasgupta 2020, "A Non-Parametric Test to Detect Data-Copying in \
            Generative Models"), with test=: K-means on TRAIN gives cells= cells (seeded); in each cell the \
            fakes' and test rows' distances to the nearest training row of that cell are compared by the \
            Mann–Whitney U statistic, standardised to Z_U; C_T is their mean weighted by the test fraction per \
            cell, over cells holding at least 20 fakes. C_T < −3 flags copying, C_T > 3 underfitting; values \
            match a numpy/scipy port of the authors' code to 1e-6. out=FILE.svg draws histograms of the \
            fake and test distances with the threshold in the title.
            """,
        arguments: [
            .positional("fake", .objectReference(kinds: ["dataset"]), help: "Generated rows."),
            .positional("train", .objectReference(kinds: ["dataset"]), help: "The training rows."),
            .option("test", .objectReference(kinds: ["dataset"]), help: "Held-out real rows (enables C_T)."),
            .option("threshold_quantile", .number(0...1), default: "0.05", help: "Quantile of train's own NN distances used as the copy threshold."),
            .option("cells", .integer(1...10_000), default: "50", help: "K-means cells for C_T."),
            .option("offenders", .integer(0...1_000), default: "10", help: "How many closest fakes to list."),
            .option("seed", .integer(0...Int.max), help: "Seed for the K-means cells (default: set seed=)."),
            .option("out", .outputPath(extensions: ["svg"]), help: "Histogram of the distances."),
            NonFiniteGuard.option,
        ],
        examples: ["memorization ring_fake ring[0:1000] test=ring[1000:2000] cells=8", "memorization digits[0:300] digits[300:1797] offenders=3 out=memo.svg"],
        handler: { state, arguments in
            try NonFiniteGuard.screened(["fake", "train", "test"], in: arguments) { try runMemorization(state: state, arguments: $0) }
        })

    static func memorizationResult(
        _ report: MemorizationReport, fake: Dataset, train: Dataset, options: MemorizationOptions, out: String?, typedOut: String?
    ) throws -> CommandResult {
        var result = CommandResult()
        result.fields = [
            ("threshold", .float(report.threshold)), ("copied_fraction", .number(report.fakeFractionBelowThreshold)),
            ("test_fraction", report.testFractionBelowThreshold.map { .number($0) } ?? .missing),
            ("fake_median", .number(Quantiles.value(of: report.fakeDistances, at: 0.5))),
            ("test_median", report.testDistances.map { .number(Quantiles.value(of: $0, at: 0.5)) } ?? .missing),
            ("c_t", report.copyingTest?.statistic.map { .number($0) } ?? .missing),
        ]
        if let copying = report.copyingTest {
            result.fields.append(("c_t_cells", .integer(copying.keptCells.count)))
            if copying.statistic == nil {
                result.warnings.append("C_T undefined: no cell holds \(options.minimumGeneratedPerCell) fakes; use fewer cells=")
            }
        }
        var quantiles = ResultTable(columns: ["quantile", "fake", "test", "train_self"])
        for q in reportedQuantiles {
            quantiles.append([
                .number(q), .number(Quantiles.value(of: report.fakeDistances, at: q)),
                report.testDistances.map { .number(Quantiles.value(of: $0, at: q)) } ?? .missing,
                .number(Quantiles.value(of: report.trainDistances, at: q)),
            ])
        }
        result.table = quantiles
        var offenders = ResultTable(columns: ["fake_row", "train_row", "distance"] + (train.labels != nil ? ["train_label"] : []))
        for row in report.offenders {
            let nearest = Int(report.fakeNearestTrain[row])
            offenders.append([.integer(row), .integer(nearest), .float(report.fakeDistances[row])]
                + (train.labels.map { [.text($0.name(ofRow: nearest))] } ?? []))
        }
        result.extraTables = [("offenders", offenders)]
        if let out, let typedOut {
            var series = [HistogramSeries(name: "fake → train", values: report.fakeDistances.map(Double.init))]
            if let test = report.testDistances { series.append(HistogramSeries(name: "test → train", values: test.map(Double.init))) }
            var options = HistogramOptions()
            options.chart.title = "Distance to the nearest training row"
            options.chart.subtitle = "copy threshold \(Cell.format(Double(report.threshold)))"
            options.chart.xAxisLabel = "Euclidean distance"
            options.density = true
            let svg: String
            do { svg = try HistogramPlot(series: series, options: options).svgText() } catch {
                throw ShellError("out=: cannot draw the histogram: \(error)")
            }
            try AtomicFile.write(Array(svg.utf8), to: out)
            result.notes.append("wrote \(typedOut)")
        }
        result.value = .table(offenders)
        return result
    }

    /// Runs a Neighbors call, turning its errors into shell errors with the same message.
    static func neighborsCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as NeighborsError { throw ShellError(error.description) }
    }

    /// The query rows to print: `rows=START:END`, `rows=3,7,9`, or the first `defaultShownRows`.
    static func shownRows(_ text: String?, rowCount: Int) throws(ShellError) -> [Int] {
        guard let text else { return Array(0..<min(defaultShownRows, rowCount)) }
        let invalid = ShellError("rows=\(text): write START:END or a comma list of row numbers below \(rowCount)")
        if text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw invalid }
            let start = parts[0].isEmpty ? 0 : Int(parts[0])
            let end = parts[1].isEmpty ? rowCount : Int(parts[1])
            guard let start, let end, start >= 0, start <= end, end <= rowCount else { throw invalid }
            return Array(start..<end)
        }
        var rows: [Int] = []
        for part in text.split(separator: ",") {
            guard let row = Int(part.trimmingCharacters(in: .whitespaces)), row >= 0, row < rowCount else { throw invalid }
            rows.append(row)
        }
        guard !rows.isEmpty else { throw invalid }
        return rows
    }

    /// One line per (query row, rank): the neighbour's row, its label when the reference has labels, distance.
    static func neighborTable(_ list: NeighborList, rows: [Int], queries: Dataset, reference: Dataset) -> ResultTable {
        var columns = ["query"]
        if queries.labels != nil { columns.append("query_label") }
        columns += ["rank", "neighbor"]
        if reference.labels != nil { columns.append("label") }
        columns.append("distance")
        var table = ResultTable(columns: columns)
        for row in rows {
            for (rank, (index, distance)) in zip(list.indices(ofRow: row), list.distances(ofRow: row)).enumerated() {
                var cells: [Cell] = [.integer(row)]
                if let labels = queries.labels { cells.append(.text(labels.name(ofRow: row))) }
                cells += [.integer(rank + 1), .integer(Int(index))]
                if let labels = reference.labels { cells.append(.text(labels.name(ofRow: Int(index)))) }
                cells.append(.float(distance))
                table.append(cells)
            }
        }
        return table
    }

    /// Each shown query row followed by its k neighbours, one grid row per query.
    static func drawGrid(
        _ list: NeighborList, rows: [Int], queries: Dataset, reference: Dataset, metric: DistanceMetric, to path: String
    ) throws {
        guard let rowShape = queries.rowShape ?? reference.rowShape,
            let shape = try? ImageShape(rowShape), shape.valueCount == queries.columnCount
        else {
            throw ShellError("out=: the rows are not images (no row shape such as 8x8); load image data as N×H×W .npy")
        }
        var images: [[Double]] = []
        var captions: [String] = []
        for row in rows {
            images.append(queries.values.row(row).map(Double.init))
            captions.append("query \(row)")
            for (index, distance) in zip(list.indices(ofRow: row), list.distances(ofRow: row)) {
                images.append(reference.values.row(Int(index)).map(Double.init))
                captions.append("#\(index) " + String(format: "%.3g", Double(distance)))
            }
        }
        var options = ImageGridOptions(title: "Nearest neighbours (\(metric.rawValue))")
        options.columns = list.k + 1
        options.captions = captions
        let svg: String
        do { svg = try ImageGrid(images: images, shape: shape, options: options).svgText() } catch {
            throw ShellError("out=: cannot draw the grid: \(error)")
        }
        try AtomicFile.write(Array(svg.utf8), to: path)
    }
}

extension NeighborCommands {
    /// `describe`/`show` fields of a neighbour result.
    static func summary(of result: NeighborResult) -> CommandResult {
        var summary = CommandResult()
        let nearest = result.list.nearestDistances
        summary.fields = [
            ("query", .text(result.queryName)), ("reference", .text(result.referenceName)),
            ("queries", .integer(result.list.queryCount)), ("k", .integer(result.list.k)),
            ("metric", .text(result.metric.rawValue)), ("method", .text(result.isApproximate ? "hnsw" : "exact")),
            ("median_nearest_distance", nearest.isEmpty ? .missing : .float(nearest.sorted()[nearest.count / 2])),
        ]
        return summary
    }

    /// `export NAME FILE.npz` writes indices and distances; `FILE.npy` the indices alone.
    static func export(_ result: NeighborResult, to path: String, typed: String, format: DataFormat?) throws {
        let arrays = result.arrays
        switch format ?? DataFormat.inferred(fromPath: path) {
        case .npz: try DataFileWriter.write(arrays, toArchive: path)
        case .npy: try DataFileWriter.write(arrays[0], toArray: path)
        default:
            throw ShellError("\(typed): a neighbour result exports as .npz (indices and distances) or .npy (indices)")
        }
    }
}

extension NeighborResult {
    /// What a session save keeps in its manifest beside the npz of the arrays.
    struct Metadata: Codable {
        var metric: String
        var query: String
        var reference: String
        var approximate: Bool
        var queries: Int
        var k: Int

        init(_ result: NeighborResult) {
            metric = result.metric.rawValue
            query = result.queryName
            reference = result.referenceName
            approximate = result.isApproximate
            queries = result.list.queryCount
            k = result.list.k
        }
    }

    /// Reads a saved result back: the npz members through the data-file loader, checked against `metadata`.
    static func load(
        from path: String, metadata: Metadata, damaged: (String) -> ShellError
    ) throws(ShellError) -> NeighborResult {
        func member(_ key: String) throws(ShellError) -> Matrix<Float> {
            let values = try savedMember(key, of: path, damaged: damaged)
            guard values.rows == metadata.queries, values.columns == metadata.k else {
                throw damaged("neighbour \(key) do not have shape \(metadata.queries)×\(metadata.k)")
            }
            return values
        }
        let indices = try savedIndices(member("indices").values, key: "indices", damaged: damaged)
        let distances = try member("distances").values
        guard let metric = DistanceMetric(rawValue: metadata.metric) else {
            throw damaged("neighbour result for '\(metadata.query)' has an unknown metric '\(metadata.metric)'")
        }
        let list = NeighborList(queryCount: metadata.queries, k: metadata.k, indices: indices, distances: distances)
        return NeighborResult(
            list: list, metric: metric, queryName: metadata.query, referenceName: metadata.reference,
            isApproximate: metadata.approximate)
    }
}

/// Float32 holds every integer below 2²⁴ exactly; larger saved indices cannot round-trip through the
/// float32 loader, so such a save is refused as damaged rather than read wrong.
let largestExactSavedIndex = 1 << 24

/// Member `key` of the saved npz at `path`, through the data-file loader (values as float32).
func savedMember(_ key: String, of path: String, damaged: (String) -> ShellError) throws(ShellError) -> Matrix<Float> {
    var options = LoadOptions()
    options.key = key
    guard case .dataset(let dataset) = try? DataFileReader.load(path, options: options) else {
        throw damaged("member '\(key)' of \((path as NSString).lastPathComponent) is missing or unreadable")
    }
    return dataset.values
}

/// Saved int64 values (read as float32) back as Int32, refusing anything not a whole number in range.
func savedIndices(_ values: [Float], key: String, damaged: (String) -> ShellError) throws(ShellError) -> [Int32] {
    guard values.allSatisfy({ $0 >= 0 && $0 < Float(largestExactSavedIndex) && $0 == $0.rounded() }) else {
        throw damaged("member '\(key)' holds values that are not valid row indices")
    }
    return values.map { Int32($0) }
}

/// A stored `hnsw` index and the dataset it was built from (as typed).
public struct NeighborIndex: Sendable, Equatable {
    public var index: HNSWIndex
    public var referenceName: String

    public init(index: HNSWIndex, referenceName: String) {
        self.index = index
        self.referenceName = referenceName
    }

    /// The arrays a session save writes: vectors (float32), levels and links (int64).
    var arrays: [NamedArray] {
        let snapshot = index.snapshot
        func integers(_ name: String, _ values: [Int32]) -> NamedArray {
            NamedArray(name: name, shape: [values.count], values: .int64(values.map(Int64.init)))
        }
        return [
            NamedArray(
                name: "vectors", shape: [snapshot.vectors.rows, snapshot.vectors.columns],
                values: .float32(snapshot.vectors.values)),
            integers("levels", snapshot.levels), integers("layer_zero_links", snapshot.layerZeroLinks),
            integers("upper_links", snapshot.upperLinks),
        ]
    }

    /// What the manifest keeps beside the arrays.
    struct Metadata: Codable {
        var options: HNSWOptions
        var metric: String
        var entryPoint: Int32
        var topLevel: Int
        var reference: String

        init(_ index: NeighborIndex) {
            let snapshot = index.index.snapshot
            options = snapshot.options
            metric = snapshot.metric.rawValue
            entryPoint = snapshot.entryPoint
            topLevel = snapshot.topLevel
            reference = index.referenceName
        }
    }

    /// Reads a saved index back and validates it (`HNSWIndex(restoring:)`).
    static func load(from path: String, metadata: Metadata, damaged: (String) -> ShellError) throws(ShellError) -> NeighborIndex {
        func member(_ key: String) throws(ShellError) -> Matrix<Float> { try savedMember(key, of: path, damaged: damaged) }
        func integers(_ key: String) throws(ShellError) -> [Int32] {
            try savedIndices(member(key).values, key: key, damaged: damaged)
        }
        guard let metric = DistanceMetric(rawValue: metadata.metric) else { throw damaged("index metric '\(metadata.metric)'") }
        let snapshot = HNSWSnapshot(
            options: metadata.options, metric: metric, vectors: try member("vectors"), levels: try integers("levels"),
            layerZeroLinks: try integers("layer_zero_links"), upperLinks: try integers("upper_links"),
            entryPoint: metadata.entryPoint, topLevel: metadata.topLevel)
        do {
            return NeighborIndex(index: try HNSWIndex(restoring: snapshot), referenceName: metadata.reference)
        } catch {
            throw damaged("\(error)")
        }
    }
}

extension NeighborCommands {
    /// `show`/`describe` fields of an index.
    static func summary(of index: NeighborIndex) -> [(key: String, value: Cell)] {
        let options = index.index.options
        return [
            ("reference", .text(index.referenceName)), ("rows", .integer(index.index.count)),
            ("metric", .text(index.index.metric.rawValue)), ("M", .integer(options.maxConnections)),
            ("ef_construction", .integer(options.constructionBreadth)), ("ef", .integer(options.searchBreadth)),
        ]
    }

    /// Reads the HNSW options of `hnsw` and `nn exact=no`.
    static func hnswOptions(_ arguments: BoundArguments, state: ShellState) -> HNSWOptions {
        var options = HNSWOptions(seed: state.seed(from: arguments))
        options.maxConnections = arguments.integer("M") ?? options.maxConnections
        options.constructionBreadth = arguments.integer("ef_construction") ?? options.constructionBreadth
        options.searchBreadth = arguments.integer("ef") ?? options.searchBreadth
        return options
    }

    /// Builds an index with a progress line.
    static func buildIndex(
        _ reference: Dataset, metric: DistanceMetric, options: HNSWOptions, state: ShellState
    ) throws -> HNSWIndex {
        let progress = ProgressReporter(label: "hnsw", total: reference.rowCount, isEnabled: state.settings.showsProgress)
        defer { progress.finish() }
        return try neighborsCall {
            try HNSWIndex(reference.values, metric: metric, options: options, token: state.cancellation, progress: progress)
        }
    }

    static let buildIndexCommand = CommandSpec(
        name: "hnsw", group: .analysis,
        abstract: "Build an HNSW index over a dataset, kept in the session for nn.",
        discussion: """
            NAME = hnsw REFERENCE builds the approximate index of Malkov & Yashunin (2020) as hnswlib does (M \
            links per node, 2M on layer 0, ef_construction candidates while inserting, the neighbour-selection \
            heuristic), in parallel over `set threads=` (threads=1 reproduces the same index for the same \
            seed). `nn QUERY NAME` then searches it with ef= candidates (default the index's ef) without \
            rebuilding, and `save` keeps it with the session (rows, levels and links in the session's npz).
            """,
        arguments: [
            .positional("reference", .objectReference(kinds: ["dataset"]), help: "The rows to index."),
            .option("metric", .choice(DistanceMetric.allCases.map(\.rawValue)), default: "euclidean", help: "Distance."),
            .option("M", .integer(2...256), default: "16", help: "Links per node (layer 0 keeps 2M)."),
            .option("ef_construction", .integer(1...100_000), default: "200", help: "Candidate list while building."),
            .option("ef", .integer(1...100_000), default: "50", help: "Default candidate list while searching."),
            .option("seed", .integer(0...Int.max), help: "Seed of the layers (default: set seed=)."),
            NonFiniteGuard.option,
        ],
        examples: ["ring_index = hnsw ring M=8 ef_construction=64"],
        handler: { state, arguments in
            try NonFiniteGuard.screened(["reference"], in: arguments) { try runBuildIndex(state: state, arguments: $0) }
        })
}

/// The handlers of `nn`, `memorization` and `hnsw`, run on arguments NonFiniteGuard has screened.
extension NeighborCommands {
    static func runNearestNeighbors(state: ShellState, arguments: BoundArguments) throws -> CommandResult {
        let queryReference = arguments.reference("query")!
        let referenceReference = arguments.reference("reference")!
        let queries = try arguments.dataset("query")
        let k = arguments.integer("k")!
        if case .neighborIndex(let stored) = referenceReference.object {
            return try searchStoredIndex(
                stored, indexName: referenceReference.text, queries: queries, queryName: queryReference.text, k: k,
                arguments: arguments, state: state)
        }
        let reference = try arguments.dataset("reference")
        let metric = try neighborsCall { try DistanceMetric(parsing: arguments.text("metric") ?? "euclidean") }
        let within = queryReference.text == referenceReference.text
        let approximate = !(arguments.boolean("exact") ?? (reference.rowCount < approximateThreshold))
        let list: NeighborList
        if approximate {
            let index = try buildIndex(
                reference, metric: metric, options: hnswOptions(arguments, state: state), state: state)
            list = try neighborsCall {
                within
                    ? try index.searchWithin(k: k, token: state.cancellation)
                    : try index.search(queries.values, k: k, token: state.cancellation)
            }
        } else {
            list = try neighborsCall {
                within
                    ? try ExactNeighbors.searchWithin(queries.values, k: k, metric: metric, token: state.cancellation)
                    : try ExactNeighbors.search(
                        queries.values, in: reference.values, k: k, metric: metric, token: state.cancellation)
            }
        }
        return try neighborResult(
            list, queries: queries, queryName: queryReference.text, reference: reference,
            referenceName: referenceReference.text, metric: metric, approximate: approximate, within: within,
            arguments: arguments)
    }

    static func runMemorization(state: ShellState, arguments: BoundArguments) throws -> CommandResult {
        let trainName = arguments.reference("train")!.text
        let fake = try arguments.dataset("fake")
        let train = try arguments.dataset("train")
        let test = arguments.isPresent("test") ? try arguments.dataset("test") : nil
        var options = MemorizationOptions(seed: state.seed(from: arguments))
        options.thresholdQuantile = arguments.number("threshold_quantile") ?? options.thresholdQuantile
        options.cellCount = arguments.integer("cells") ?? options.cellCount
        options.offenderCount = arguments.integer("offenders") ?? options.offenderCount
        if test != nil, options.cellCount > train.rowCount {
            throw ShellError("cells=\(options.cellCount) is more than the \(train.rowCount) rows of \(trainName); use fewer cells")
        }
        let report = try neighborsCall {
            try MemorizationCheck.run(
                fake: fake.values, train: train.values, test: test?.values, options: options, token: state.cancellation)
        }
        return try memorizationResult(report, fake: fake, train: train, options: options, out: arguments.path("out"), typedOut: arguments.text("out"))
    }

    static func runBuildIndex(state: ShellState, arguments: BoundArguments) throws -> CommandResult {
        let referenceName = arguments.reference("reference")!.text
        let reference = try arguments.dataset("reference")
        let metric = try neighborsCall { try DistanceMetric(parsing: arguments.text("metric") ?? "euclidean") }
        let index = try buildIndex(reference, metric: metric, options: hnswOptions(arguments, state: state), state: state)
        var result = CommandResult()
        let stored = NeighborIndex(index: index, referenceName: referenceName)
        result.fields = summary(of: stored)
        result.value = .neighborIndex(stored)
        result.valueProvenance = Provenance("hnsw \(referenceName) metric=\(metric.rawValue)")
        return result
    }
}
