import DataFiles
import Foundation
import LinearAlgebra
import Metrics

/// Metrics and their statistics files: `metrics`, `stats`, `merge`.
enum MetricCommands {
    static let specs: [CommandSpec] = [metrics, stats, merge]

    /// The metric groups `only=` accepts, in output order.
    static let metricNames = ["fd", "kid", "pr", "prdc"]

    static let metrics = CommandSpec(
        name: "metrics", group: .analysis,
        abstract: "Compare a real and a fake set: Fréchet distance, KID, precision/recall, density/coverage.",
        discussion: """
            fd: Fréchet distance ‖μ₁−μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂), as pytorch-fid 0.3.0 (covariance with \
            n−1), computed in double precision by Cholesky (Σ₁ = LLᵀ, eigenvalues of LᵀΣ₂L) with an \
            eigen-decomposition fallback when Σ₁ is singular; agrees with a float64 eigen reference to 1e-6 \
            relative. It also reports each covariance's rank and condition number, warns when n ≤ d, and \
            reports a round-off negative result as 0. Either side may be a statistics object (load a pytorch-fid \
            .npz, or make one with stats). This is the FID only when the features are Inception-v3 pool features \
            from your own extractor; modescope measures the features it is given.
            kid: KID as torch-fidelity 0.4.0: unbiased MMD² with the kernel (x·y/d + 1)³ over kid_subsets=100 \
            seeded subsets of kid_subset_size=1000 rows, mean and std (ddof 0); smaller sets shrink the subset \
            with a warning. 1e-4 relative to a float64 reference on the same subsets.
            pr: improved precision and recall (Kynkäänniemi et al. 2019) as torch-fidelity's PRC, pr_k=3, a point \
            counts when its distance is ≤ the k-NN radius. prdc: density and coverage (Naeem et al. 2020) as the \
            prdc package on float32 features, prdc_k=5, strictly closer (<), distances rounded to float32 as \
            prdc's scikit-learn call returns them. ties=strict|inclusive overrides both conventions. These four \
            are exact counts, equal to the references on the same data (float32 GEMM screens the pairs; those \
            near a radius are recomputed in double precision), computed blockwise in bounded memory.
            subset=N evaluates on N seeded rows of each set (without replacement). Not yet available: mmd, ndb, \
            emd, swd, vendi, is, modes, tstr.
            """,
        arguments: [
            .positional("real", .objectReference(kinds: ["dataset", "statistics"]), help: "The real set (or its statistics, fd only)."),
            .positional("fake", .objectReference(kinds: ["dataset", "statistics"]), help: "The generated set (or its statistics, fd only)."),
            .option("only", .text, default: metricNames.joined(separator: ","), help: "Comma-separated metrics: \(metricNames.joined(separator: ","))."),
            .option("seed", .integer(0...Int.max), help: "Seed for subsets (default: the session seed)."),
            .option("subset", .integer(2...Int.max), help: "Evaluate on this many seeded rows of each set."),
            .option("pr_k", .integer(1...1000), default: "\(PrecisionRecall.defaultNeighbourCount)", help: "Neighbourhood size of precision/recall."),
            .option("prdc_k", .integer(1...1000), default: "\(DensityCoverage.defaultNeighbourCount)", help: "Neighbourhood size of density/coverage."),
            .option("ties", .choice(BallBoundary.allCases.map(\.rawValue)), help: "Boundary convention for both k-NN metrics (default: each reference's)."),
            .option("kid_subsets", .integer(1...100_000), default: "100", help: "Number of KID subsets."),
            .option("kid_subset_size", .integer(2...Int.max), default: "1000", help: "Rows per KID subset."),
            .option("allow_nonfinite", .boolean, default: "no", help: "Compute even when the data holds NaN/Inf."),
        ],
        examples: [
            "metrics ring[0:500] ring_fake[0:500] only=fd,pr,prdc",
            "metrics digits[0:600] digits[600:1200] only=kid kid_subsets=3 kid_subset_size=200",
        ],
        handler: { state, arguments in try runMetrics(state: state, arguments: arguments) })

    static let stats = CommandSpec(
        name: "stats", group: .analysis,
        abstract: "Compute a dataset's mean and covariance (FID statistics), optionally writing an .npz shard.",
        discussion: """
            Writes mu (float64, d), sigma (float64, d×d, normalised by n−1 as numpy.cov and pytorch-fid) and n to \
            out= (readable by pytorch-fid). Shards computed on disjoint parts of a feature set combine exactly \
            with merge (see docs/scale-out.md). NAME = stats DATA keeps the statistics in the session.
            """,
        arguments: [
            .positional("data", .objectReference(kinds: ["dataset"]), help: "The dataset (row selections allowed)."),
            .option("out", .outputPath(extensions: ["npz"]), help: "The .npz file to write."),
            .option("allow_nonfinite", .boolean, default: "no", help: "Not allowed for statistics; kept for symmetry with other commands."),
        ],
        examples: ["stats digits[0:900] out=shard1.npz", "digit_stats = stats digits"],
        handler: { state, arguments in
            let dataset = try arguments.dataset("data")
            try refuseNonFinite(dataset, name: arguments.text("data")!, allowed: false)
            let statistics = try GaussianStatistics(of: dataset.values, token: state.cancellation)
            var result = CommandResult()
            result.fields = [("n", .integer(dataset.rowCount)), ("dimension", .integer(statistics.dimension))]
            let features = featureStatistics(statistics)
            if let path = arguments.path("out") {
                try write(features, to: path, typed: arguments.text("out")!)
                result.notes.append("wrote \(arguments.text("out")!)")
            }
            result.value = .statistics(features)
            return result
        })

    static let merge = CommandSpec(
        name: "merge", group: .analysis,
        abstract: "Combine statistics shards (stats out=…) into the statistics of all their rows.",
        discussion: """
            Uses the parallel mean/covariance formula: n = Σnᵢ, μ = Σnᵢμᵢ/n, \
            Σ = Σᵢ[(nᵢ−1)Σᵢ + nᵢ(μᵢ−μ)(μᵢ−μ)ᵀ]/(n−1); equal to the statistics of the concatenated rows to 1e-9 \
            relative. Every shard must record n (pytorch-fid files do not). NAME = merge … keeps the result.
            """,
        arguments: [
            .positional("shards", .text, variadic: true, help: "Two or more .npz statistics files."),
            .option("out", .outputPath(extensions: ["npz"]), help: "The merged .npz file to write."),
        ],
        examples: ["stats digits[0:900] out=a.npz; stats digits[900:1797] out=b.npz; merge a.npz b.npz out=all.npz"],
        handler: { state, arguments in
            let typedPaths = arguments.words("shards")
            guard !typedPaths.isEmpty else { throw ShellError("merge needs statistics files: merge a.npz b.npz out=all.npz") }
            var parts: [GaussianStatistics] = []
            for typed in typedPaths {
                let loaded: LoadedFile
                let path = state.resolvePath(typed)
                do { loaded = try DataFileReader.load(path) } catch let error as DataFileError {
                    throw ShellError(error.description.replacingOccurrences(of: path, with: typed))
                }
                guard case .statistics(let statistics) = loaded else {
                    throw ShellError("\(typed) holds a dataset, not statistics (mu, sigma, n); make shards with stats")
                }
                do { parts.append(try gaussianStatistics(statistics)) } catch let error as MetricsError {
                    throw ShellError("\(typed): \(error.message)")
                }
            }
            let merged: GaussianStatistics
            do { merged = try GaussianStatistics.merged(parts) } catch let error as MetricsError { throw ShellError(error.description) }
            let features = featureStatistics(merged)
            var result = CommandResult()
            result.fields = [("n", .integer(merged.count ?? 0)), ("dimension", .integer(merged.dimension)), ("shards", .integer(parts.count))]
            if let path = arguments.path("out") {
                try write(features, to: path, typed: arguments.text("out")!)
                result.notes.append("wrote \(arguments.text("out")!)")
            }
            result.value = .statistics(features)
            return result
        })

    // MARK: - Helpers

    static func featureStatistics(_ statistics: GaussianStatistics) -> FeatureStatistics {
        FeatureStatistics(mean: statistics.mean, covariance: statistics.covariance, count: statistics.count)
    }

    static func gaussianStatistics(_ statistics: FeatureStatistics) throws(MetricsError) -> GaussianStatistics {
        try GaussianStatistics(mean: statistics.mean, covariance: statistics.covariance, count: statistics.count)
    }

    static func write(_ statistics: FeatureStatistics, to path: String, typed: String) throws(ShellError) {
        do { try DataFileWriter.write(statistics, to: path) } catch {
            throw ShellError(error.description.replacingOccurrences(of: path, with: typed))
        }
    }

    /// Analysis commands refuse NaN/Inf unless `allow_nonfinite=yes`.
    static func refuseNonFinite(_ dataset: Dataset, name: String, allowed: Bool) throws(ShellError) {
        guard !allowed, let report = dataset.nonFiniteReport() else { return }
        throw ShellError(
            "'\(name)' holds \(report.count) NaN/Inf values (first in row \(report.firstRow)); remove them "
                + "(e.g. a row selection) or pass allow_nonfinite=yes")
    }
}

extension MetricCommands {
    /// One side of a comparison: a dataset, or statistics (Fréchet distance only).
    enum Side {
        case data(Matrix<Float>)
        case statistics(GaussianStatistics)

        var rowCount: Int? {
            switch self {
            case .data(let values): values.rows
            case .statistics(let statistics): statistics.count
            }
        }
    }

    static func side(_ name: String, arguments: BoundArguments, allowNonFinite: Bool) throws -> Side {
        let reference = arguments.reference(name)!
        switch reference.object {
        case .dataset(let dataset):
            try refuseNonFinite(dataset, name: reference.text, allowed: allowNonFinite)
            return .data(dataset.values)
        case .statistics(let statistics):
            return .statistics(try gaussianStatistics(statistics))
        case .table:
            throw ShellError("'\(reference.text)' is a table; metrics compares datasets")
        }
    }

    static func requestedMetrics(_ text: String) throws(ShellError) -> [String] {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let planned = ["mmd", "ndb", "emd", "swd", "vendi", "is", "modes", "tstr"]
        for word in words where !metricNames.contains(word) {
            if planned.contains(word) {
                throw ShellError("metric '\(word)' is not available yet; available: \(metricNames.joined(separator: ","))")
            }
            let hint = Suggestions.closest(to: word, among: metricNames).map { " — did you mean '\($0)'?" } ?? ""
            throw ShellError("unknown metric '\(word)' in only=\(hint) (available: \(metricNames.joined(separator: ",")))")
        }
        guard !words.isEmpty else { throw ShellError("only= names no metric; give e.g. only=fd,kid") }
        return metricNames.filter(words.contains)
    }

    /// `count` seeded rows (without replacement) of `data`, or all of it.
    static func subsample(_ data: Matrix<Float>, count: Int?, generator: inout SeededGenerator) throws -> Matrix<Float> {
        guard let count, count < data.rows else { return data }
        return data.rows(at: try generator.sample(count, from: data.rows).sorted())
    }

    static func runMetrics(state: ShellState, arguments: BoundArguments) throws -> CommandResult {
        let token = state.cancellation
        let allowNonFinite = arguments.boolean("allow_nonfinite") ?? false
        let wanted = try requestedMetrics(arguments.text("only") ?? metricNames.joined(separator: ","))
        var real = try side("real", arguments: arguments, allowNonFinite: allowNonFinite)
        var fake = try side("fake", arguments: arguments, allowNonFinite: allowNonFinite)
        let seed = state.seed(from: arguments)
        if case .data(let realValues) = real, case .data(let fakeValues) = fake {
            guard realValues.columns == fakeValues.columns else {
                throw ShellError(
                    "'\(arguments.text("real")!)' has \(realValues.columns) columns but '\(arguments.text("fake")!)' has "
                        + "\(fakeValues.columns); compare features from the same extractor")
            }
            var generator = SeededGenerator(seed: seed)
            real = .data(try subsample(realValues, count: arguments.integer("subset"), generator: &generator))
            fake = .data(try subsample(fakeValues, count: arguments.integer("subset"), generator: &generator))
        } else if wanted != ["fd"] {
            throw ShellError("statistics objects support only the Fréchet distance: add only=fd, or compare datasets")
        }
        var result = CommandResult()
        var table = ResultTable(columns: ["metric", "value", "std", "n_real", "n_fake", "reference"])
        let realCount: Cell = real.rowCount.map { .integer($0) } ?? .missing
        let fakeCount: Cell = fake.rowCount.map { .integer($0) } ?? .missing
        result.fields = [("n_real", realCount), ("n_fake", fakeCount)]
        func add(_ key: String, _ value: Double, std: Double? = nil, reference: String) {
            result.fields.append((key, .number(value)))
            if let std { result.fields.append((key + "_std", .number(std))) }
            table.append([.text(key), .number(value), std.map { .number($0) } ?? .missing, realCount, fakeCount, .text(reference)])
        }
        let boundary = arguments.text("ties").flatMap(BallBoundary.init(rawValue:))
        if wanted.contains("fd") {
            let first = try statistics(of: real, token: token)
            let second = try statistics(of: fake, token: token)
            let distance = try FrechetDistance(between: first, and: second, token: token)
            add("fd", distance.value, reference: "pytorch-fid 0.3.0, 1e-6 rel")
            if let audits = distance.audits {
                result.fields.append(("fd_rank_real", .integer(audits[0].rank)))
                result.fields.append(("fd_rank_fake", .integer(audits[1].rank)))
                result.fields.append(("fd_condition_real", .number(audits[0].conditionNumber)))
                result.fields.append(("fd_condition_fake", .number(audits[1].conditionNumber)))
            }
            result.warnings += distance.warnings.map { "fd: " + $0 }
        }
        guard case .data(let realValues) = real, case .data(let fakeValues) = fake else {
            result.value = .table(table)
            return result
        }
        if wanted.contains("kid") {
            var options = KernelInceptionDistance.Options()
            options.subsetCount = arguments.integer("kid_subsets") ?? options.subsetCount
            options.subsetSize = arguments.integer("kid_subset_size") ?? options.subsetSize
            options.seed = seed
            let kid = try KernelInceptionDistance(real: realValues, fake: fakeValues, options: options, token: token)
            add("kid", kid.mean, std: kid.standardDeviation, reference: "torch-fidelity 0.4.0, 1e-4 rel")
            result.warnings += kid.warnings.map { "kid: " + $0 }
        }
        var prOptions: PrecisionRecall.Options?
        if wanted.contains("pr") {
            var options = PrecisionRecall.Options()
            options.neighbourCount = arguments.integer("pr_k") ?? options.neighbourCount
            options.boundary = boundary ?? options.boundary
            prOptions = options
        }
        var dcOptions: DensityCoverage.Options?
        if wanted.contains("prdc") {
            var options = DensityCoverage.Options()
            options.neighbourCount = arguments.integer("prdc_k") ?? options.neighbourCount
            options.boundary = boundary ?? options.boundary
            dcOptions = options
        }
        let neighbourhood = try NeighbourhoodMetrics.compute(
            real: realValues, fake: fakeValues, precisionRecall: prOptions, densityCoverage: dcOptions, token: token)
        if let pr = neighbourhood.precisionRecall, let options = prOptions {
            let reference = "torch-fidelity PRC, k=\(options.neighbourCount), \(options.boundary.rawValue), exact"
            add("precision", pr.precision, reference: reference)
            add("recall", pr.recall, reference: reference)
        }
        if let dc = neighbourhood.densityCoverage, let options = dcOptions {
            let reference = "prdc 0.2, k=\(options.neighbourCount), \(options.boundary.rawValue), exact"
            add("density", dc.density, reference: reference)
            add("coverage", dc.coverage, reference: reference)
        }
        if let subset = arguments.integer("subset") {
            result.notes.append("evaluated on up to \(subset) seeded rows of each set (seed \(seed))")
        }
        // The fields are the printed result (json keys); the table, with references, is what `NAME = metrics` keeps.
        result.value = .table(table)
        return result
    }

    static func statistics(of side: Side, token: CancellationToken) throws -> GaussianStatistics {
        switch side {
        case .data(let values): try GaussianStatistics(of: values, token: token)
        case .statistics(let statistics): statistics
        }
    }
}
