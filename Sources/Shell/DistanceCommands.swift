import DataFiles
import LinearAlgebra
import Metrics
import SVGPlot

/// Distance distributions of a real and a fake set: `distances`.
enum DistanceCommands {
    static let specs: [CommandSpec] = [distances]

    /// The quantiles printed per distribution (as fractions), the spread a reader compares at a glance.
    static let reportedQuantiles = [0.05, 0.25, 0.5, 0.75, 0.95]

    static let distances = CommandSpec(
        name: "distances", group: .analysis,
        abstract: "Compare nearest-neighbour and pairwise distance distributions of a real and a fake set.",
        discussion: """
            Five distributions of Euclidean distances: fake→real (each fake's k-th nearest real row), real→real \
            and fake→fake (each row's k-th nearest OTHER row of its own set; the row itself is excluded, \
            duplicates kept), and real_pairs and fake_pairs (every pair within at most 2,000 seeded rows of each \
            set, drawn without replacement). Prints the 5/25/50/75/95 % quantiles of each (numpy's linear \
            percentile) and stores that table. Mode collapse shows as fake_pairs far below real_pairs (the fakes \
            span fewer modes) and, when fakes crowd onto few points, fake→fake far below real→real; memorisation \
            as fake→real far below real→real. Neighbour distances are exact (scikit-learn's to \
            1e-5 relative); with all rows in the subsample the quantiles agree with scipy's cdist/pdist to 1e-5 \
            relative. out=FILE.svg draws the five as overlaid density histograms.
            """,
        arguments: [
            .positional("real", .objectReference(kinds: ["dataset"]), help: "The real set (row selections allowed)."),
            .positional("fake", .objectReference(kinds: ["dataset"]), help: "The generated set."),
            .option("k", .integer(1...1000), default: "1", help: "Which neighbour's distance (1 = nearest)."),
            .option("out", .outputPath(extensions: ["svg"]), help: "Write overlaid histograms to this SVG."),
            .option("seed", .integer(0...Int.max), help: "Seed for the pairwise subsamples (default: the session seed)."),
            NonFiniteGuard.option,
        ],
        examples: [
            "distances ring[0:500] ring_fake[0:500]",
            "distances ring[0:400] ring_fake[0:400] k=3 out=ring-distances.svg",
        ],
        handler: { state, arguments in
            try NonFiniteGuard.screened(["real", "fake"], in: arguments) { try runDistances(state: state, arguments: $0) }
        })

    static func runDistances(state: ShellState, arguments: BoundArguments) throws -> CommandResult {
        let real = try arguments.dataset("real")
        let fake = try arguments.dataset("fake")
        var options = DistanceDistributions.Options()
        options.k = arguments.integer("k") ?? 1
        options.seed = state.seed(from: arguments)
        let report: DistanceDistributions
        do {
            report = try DistanceDistributions(real: real.values, fake: fake.values, options: options, token: state.cancellation)
        } catch let error as MetricsError {
            throw ShellError(error.description)
        }
        let series: [(name: String, values: [Float])] = [
            ("fake→real", report.fakeToReal), ("real→real", report.realToReal), ("fake→fake", report.fakeToFake),
            ("real_pairs", report.realPairs), ("fake_pairs", report.fakePairs),
        ]
        var table = ResultTable(columns: ["distribution", "count"] + reportedQuantiles.map { "q\(Int(($0 * 100).rounded()))" })
        for item in series {
            let sorted = item.values.map(Double.init).sorted()
            table.append([.text(item.name), .integer(item.values.count)]
                + reportedQuantiles.map { .number(MetricCommands.percentile(sorted, $0 * 100)) })
        }
        var result = CommandResult()
        result.fields = [
            ("k", .integer(options.k)), ("n_real", .integer(real.rowCount)), ("n_fake", .integer(fake.rowCount)),
            ("pair_rows_real", .integer(report.realPairRows)), ("pair_rows_fake", .integer(report.fakePairRows)),
        ]
        result.table = table
        result.value = .table(table)
        if let path = arguments.path("out"), let typed = arguments.text("out") {
            var plotOptions = HistogramOptions()
            plotOptions.chart.title = "Distance distributions"
            plotOptions.chart.subtitle = "k = \(options.k); collapse: fake distances far below real ones"
            plotOptions.chart.xAxisLabel = "Euclidean distance"
            plotOptions.density = true
            let plot = HistogramPlot(
                series: series.map { HistogramSeries(name: $0.name, values: $0.values.map(Double.init)) }, options: plotOptions)
            let svg: String
            do { svg = try plot.svgText() } catch { throw ShellError("out=: cannot draw the histogram: \(error)") }
            try AtomicFile.write(Array(svg.utf8), to: path)
            result.notes.append("wrote \(typed)")
        }
        return result
    }
}
