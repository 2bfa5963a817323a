import LinearAlgebra
import Metrics

/// `metrics … only=emd`: the exact solver when it applies, entropic (Sinkhorn) transport otherwise.
extension MetricCommands {
    /// The rows, fields, notes and warnings one earth mover's evaluation adds to a metrics result.
    struct EarthMoversOutcome {
        var rows: [(key: String, value: Double, reference: String)] = []
        var fields: [(String, Cell)] = []
        var notes: [String] = []
        var warnings: [String] = []
    }

    /// `emd=auto`: exact for equal sizes up to the exact solver's limit, Sinkhorn otherwise.
    static func usesExactEarthMovers(method: String, realRows: Int, fakeRows: Int) -> Bool {
        switch method {
        case "exact": true
        case "sinkhorn": false
        default: realRows == fakeRows && realRows <= EarthMoversDistance.maximumRows
        }
    }

    static func earthMovers(
        real: Matrix<Float>, fake: Matrix<Float>, arguments: BoundArguments, token: CancellationToken
    ) throws -> EarthMoversOutcome {
        var outcome = EarthMoversOutcome()
        let method = arguments.text("emd") ?? "auto"
        if usesExactEarthMovers(method: method, realRows: real.rows, fakeRows: fake.rows) {
            if arguments.isPresent("emd_eps") {
                throw ShellError("emd_eps= sets Sinkhorn's ε, but the exact solver runs here; add emd=sinkhorn or drop emd_eps=")
            }
            let emd = try EarthMoversDistance(real: real, fake: fake, token: token)
            outcome.rows = [
                ("emd", emd.firstOrder, "POT ot.emd2, W1, 1e-9 rel"),
                ("emd_w2", emd.secondOrder, "POT ot.emd2, W2, 1e-9 rel"),
            ]
            outcome.fields = [("emd_method", .text("exact"))]
            return outcome
        }
        var options = SinkhornOptions()
        let relative = arguments.number("emd_eps") ?? SinkhornOptions.defaultRelativeEpsilon
        options.epsilon = .relative(relative)
        let first = try EntropicTransport(real: real, fake: fake, cost: .euclidean, options: options, token: token)
        let second = try EntropicTransport(real: real, fake: fake, cost: .squaredEuclidean, options: options, token: token)
        func reference(_ name: String, _ result: EntropicTransport) -> String {
            "POT ot.sinkhorn2 log, \(name), ε=\(Cell.number(result.epsilon).display), \(result.iterations) it, 1e-6 rel"
        }
        outcome.rows = [("emd", first.distance, reference("W1", first)), ("emd_w2", second.distance, reference("W2", second))]
        outcome.fields = [
            ("emd_method", .text("sinkhorn")), ("emd_eps", .number(relative)),
            ("emd_iterations", .integer(first.iterations)), ("emd_w2_iterations", .integer(second.iterations)),
        ]
        let why = real.rows == fake.rows ? "\(real.rows) rows" : "\(real.rows) vs \(fake.rows) rows"
        outcome.notes.append(
            "emd: entropic Sinkhorn (\(why)), ε = \(Cell.number(relative).display) × mean cost (W1: "
                + "\(Cell.number(first.epsilon).display), W2: \(Cell.number(second.epsilon).display)); biased up: "
                + "W1 by ≤ \(Cell.number(first.biasBound).display), W2² by ≤ \(Cell.number(second.biasBound).display)")
        outcome.warnings += [first.warning, second.warning].compactMap { $0.map { "emd: " + $0 } }
        return outcome
    }
}
