import DataFiles
import Foundation
import LinearAlgebra
import Metrics
import Neighbors

/// Metrics and their statistics files: `metrics`, `stats`, `merge`.
enum MetricCommands {
    static let specs: [CommandSpec] = [metrics, stats, merge]

    /// The metric groups `only=` accepts, in output order.
    static let metricNames = ["fd", "kid", "pr", "prdc", "mmd", "swd", "vendi", "ndb", "modes", "is", "emd", "tstr", "authenticity"]

    /// What runs without only=: the comparisons every user wants (is needs class probabilities).
    static let defaultMetrics = ["fd", "kid", "pr", "prdc"]

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
            mmd: unbiased MMD² on all rows (Gretton et al. 2012), mmd_kernel=gaussian (σ = median pairwise \
            distance of ≤ 1,000 seeded pooled rows unless mmd_bandwidth=) or polynomial ((x·y/d + 1)³); \
            permutations=B adds a permutation-test p-value (mmd_p; pooled rows ≤ 6,000). 1e-4 relative.
            swd: sliced 2-Wasserstein (POT's definition, p = 2) over projections=100 seeded directions, exact 1-D \
            W₂ per direction; 1e-9 relative.
            vendi: Vendi score (Friedman & Dieng 2023, the vendi_score package) of the fake set (vendi) and the \
            real set (vendi_real): exp of the entropy of the eigenvalues of K/n; vendi_kernel=cosine (any n) or \
            rbf (σ = vendi_bandwidth or the median heuristic; ≤ 4,000 seeded rows). 1e-9 relative.
            ndb: NDB/JSD (Richardson & Weiss 2018): ndb_k=100 K-means bins fitted on the real set (seeded \
            k-means++ then Lloyd), two-proportion z-test per bin at α = 0.05; ndb (count), ndb_fraction and jsd \
            (natural log). Bin counts equal a float64 reference's given the same centres.
            modes: mode coverage on a mixture with known centres (centers=DATASET std=σ; the Unrolled-GAN / \
            VEEGAN / PacGAN protocol): a fake within 3σ of its nearest centre is high quality; modes_covered counts \
            modes with one such fake, modes_with_min_share those with at least modes_min_share (PacGAN: \
            20/2500 = 0.008) of the fakes; high_quality is the share of high-quality fakes. Exact.
            is: Inception Score of FAKE read as class probabilities (rows sum to 1), 10 splits as in Salimans et \
            al. 2016; is and is_std. 1e-10 relative.
            by=label|cluster adds a table of precision, recall, density and coverage within each mode of the real \
            set: its labels, or by_k=10 seeded K-means clusters; each fake joins the mode of its nearest real row \
            (label) or nearest centre (cluster). A mode no fake joined is dropped (recall and coverage 0); modes \
            with too few rows for k get no value. by_chi2, by_dof and by_chi2_p test whether fakes spread over \
            the modes as the reals do (Pearson's chi-square on the 2 × modes counts, as scipy's chi2_contingency \
            without correction). NAME = metrics … by=… keeps that table.
            ci=95 adds <metric>_ci_low and <metric>_ci_high for every metric: the central 95 % of the metric over \
            ci_resamples=20 seeded subsamples, each half of each set drawn without replacement (duplicated rows \
            would zero k-NN radii); it describes the metric at that subsample size (ci_n_real, ci_n_fake), so for \
            the Fréchet distance, whose bias grows as n shrinks, it sits above the full-size value.
            curve=yes adds a table of every metric at five sample sizes N (20 … 100 % of the smaller set, seeded \
            subsamples) and, for fd, fd_infinity: the FD∞ extrapolation of Chong & Forsyth 2020 (intercept of \
            the least-squares line of FD against 1/N), since the Fréchet distance's bias shrinks as 1/N.
            Without only= the metrics are fd,kid,pr,prdc (and modes when centers= is given). subset=N evaluates on N seeded rows of each set \
            (without replacement).
            emd: earth mover's distances with equal weights, emd = W₁ (Euclidean cost) and emd_w2 = W₂ (squared \
            Euclidean cost, square-rooted); emd_method says which solver ran. emd=auto (default) is exact when both \
            sets have equally many rows, at most 2,000: an optimal assignment by the Hungarian method \
            (Jonker–Volgenant form, O(n³)), as POT's ot.emd2, 1e-9 relative. Otherwise (sizes differ — the exact \
            solver cannot do that — or more rows) it is entropic: Sinkhorn with ε-scaling, reporting the cost of \
            the entropic plan ⟨P_ε, C⟩ (W₂ as its square root), as POT's ot.sinkhorn2 with method="sinkhorn_log", \
            1e-6 relative; while costs and kernel fit the cache each iteration is two matrix–vector products on a \
            stabilised kernel (Schmitzer's absorption, over-relaxed), else a log-domain pass. emd=exact|sinkhorn \
            forces one. ε = emd_eps × the mean pair cost \
            (default 0.01; the note gives the absolute ε), iterating to an L1 marginal error of 1e-6 (at most \
            10,000 iterations, else a warning); emd_eps, emd_iterations and emd_w2_iterations are reported. The \
            entropic value is biased up: ⟨P_ε, C⟩ − W_p^p lies in [0, ε·log min(n, m)], and measured against the \
            exact solver at emd_eps=0.01 it was 0.5–0.9 % of W_p^p (W₂ reads 0.3–0.5 % high); emd_eps=0.001 \
            cut it to under 0.07 % at the price of more iterations. Costs are cached as float32 and the kernel as \
            float64 up to 512 MiB together (6,689 × 6,689 pairs; costs alone up to 11,585²), beyond that costs are \
            recomputed in blocks each iteration: memory stays O((n + m)·d).
            tstr: train-synthetic-test-real with labelled FAKE and REAL and held-out labelled real rows test=: a \
            k-NN classifier (k = 5, majority vote, a tied vote to the smaller label; scikit-learn's \
            KNeighborsClassifier, equal predictions) and multinomial logistic regression (L2, C = 1, L-BFGS from \
            zero weights to a 1e-5 gradient or 1,000 iterations; scikit-learn's LogisticRegression() run to convergence, \
            accuracy within 0.01), each trained on the fakes and on the real set and tested on test=: \
            tstr_<knn|logistic>_<fake|real>_<accuracy|f1> (macro-F1), the gaps tstr_knn_gap and \
            tstr_logistic_gap (real − fake accuracy) and a per-class accuracy table (a class the generator \
            dropped scores 0). Uses every row: subset=, ci= and curve= do not apply to it.
            authenticity (added to any metric list by train=TRAIN, the generator's training rows): Alaa et al. 2022 per fake — with t \
            its nearest training row, the fake is authentic when d(fake, t) > r(t), t's distance to its own \
            nearest other training row; a tie (an exact copy) is unauthentic. authenticity is the authentic share, \
            unauthentic the count, and a table lists the fakes with the smallest d/r, the likeliest copies. Exact \
            (distances in double precision; equal to a numpy reference). Uses every fake row.
            """,
        arguments: [
            .positional("real", .objectReference(kinds: ["dataset", "statistics"]), help: "The real set (or its statistics, fd only)."),
            .positional("fake", .objectReference(kinds: ["dataset", "statistics"]), help: "The generated set (or its statistics, fd only)."),
            .option("only", .text, help: "Comma-separated metrics: \(metricNames.joined(separator: ",")) (default: \(defaultMetrics.joined(separator: ",")), plus modes when centers= is given; train= adds authenticity).").completing(.wordList(metricNames)),
            .option("seed", .integer(0...Int.max), help: "Seed for subsets (default: the session seed)."),
            .option("subset", .integer(2...Int.max), help: "Evaluate on this many seeded rows of each set."),
            .option("pr_k", .integer(1...1000), default: "\(PrecisionRecall.defaultNeighbourCount)", help: "Neighbourhood size of precision/recall."),
            .option("prdc_k", .integer(1...1000), default: "\(DensityCoverage.defaultNeighbourCount)", help: "Neighbourhood size of density/coverage."),
            .option("ties", .choice(BallBoundary.allCases.map(\.rawValue)), help: "Boundary convention for both k-NN metrics (default: each reference's)."),
            .option("kid_subsets", .integer(1...100_000), default: "100", help: "Number of KID subsets."),
            .option("kid_subset_size", .integer(2...Int.max), default: "1000", help: "Rows per KID subset."),
            .option("mmd_kernel", .choice(["gaussian", "polynomial"]), default: "gaussian", help: "MMD kernel."),
            .option("mmd_bandwidth", .number(Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude), help: "Gaussian MMD bandwidth σ (default: median heuristic)."),
            .option("permutations", .integer(0...100_000), default: "0", help: "Permutations for the MMD p-value (0: none)."),
            .option("projections", .integer(1...100_000), default: "100", help: "Directions for the sliced Wasserstein distance."),
            .option("vendi_kernel", .choice(["cosine", "rbf"]), default: "cosine", help: "Similarity of the Vendi score."),
            .option("vendi_bandwidth", .number(Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude), help: "RBF bandwidth for vendi (default: median heuristic)."),
            .option("ndb_k", .integer(1...100_000), default: "100", help: "K-means bins for NDB/JSD."),
            .option("centers", .objectReference(kinds: ["dataset"]), help: "Mixture centres for only=modes (one row each)."),
            .option("std", .number(Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude), help: "Component std for only=modes."),
            .option("modes_min_share", .number(0...1), default: "0.008", help: "Share of fakes a mode needs to count in modes_with_min_share."),
            .option("ci", .number(1...99.9), help: "Confidence level in % for seeded subsampling intervals (e.g. 95)."),
            .option("ci_resamples", .integer(2...10_000), default: "20", help: "Subsamples behind ci=."),
            .option("curve", .boolean, default: "no", help: "Report every metric at five sample sizes, with FD∞."),
            .option("by", .choice(["label", "cluster"]), help: "Also break precision/recall/density/coverage down by real label or K-means cluster."),
            .option("by_k", .integer(1...10_000), default: "10", help: "Clusters for by=cluster."),
            .option("test", .objectReference(kinds: ["dataset"]), help: "Held-out labelled real rows for only=tstr."),
            .option("train", .objectReference(kinds: ["dataset"]), help: "The generator's training rows: adds authenticity."),
            .option("emd", .choice(["auto", "exact", "sinkhorn"]), default: "auto", help: "Earth mover's solver: exact for equal sizes ≤ 2,000 rows, else Sinkhorn."),
            .option("emd_eps", .number(Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude), help: "Sinkhorn's ε as a share of the mean pair cost (default: \(SinkhornOptions.defaultRelativeEpsilon))."),
            NonFiniteGuard.option,
        ],
        examples: [
            "metrics ring[0:300] ring_fake[0:300] only=mmd,swd,vendi permutations=20",
            "metrics ring[0:500] ring_fake[0:500] only=ndb ndb_k=8",
            "metrics ring[0:800] ring_fake[0:800] only=fd by=label",
            "metrics ring[0:400] ring_fake[0:400] only=fd,prdc ci=95 ci_resamples=5",
            "metrics digits[0:900] digits[900:1797] only=fd curve=yes",
            "load centres ring_centers.npy; metrics ring ring_fake only=modes centers=centres std=0.05",
            "metrics ring[0:500] ring_fake[0:500] only=fd,pr,prdc",
            "metrics digits[0:600] digits[600:1200] only=kid kid_subsets=3 kid_subset_size=200",
            "metrics digits[0:300] digits[300:600] only=tstr test=digits[1200:1500]",
            "metrics ring[1000:2000] ring_fake only=fd train=ring[0:1000]",
            "metrics ring[0:100] ring_fake[0:100] only=emd",
            "metrics ring[0:300] ring_fake[0:200] only=emd emd_eps=0.02",
        ],
        handler: { state, arguments in
            try NonFiniteGuard.screened(["real", "fake", "test", "train", "centers"], in: arguments) {
                try runMetrics(state: state, arguments: $0)
            }
        })

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
            NonFiniteGuard.option,
        ],
        examples: ["stats digits[0:900] out=shard1.npz", "digit_stats = stats digits"],
        handler: { state, arguments in
            try NonFiniteGuard.screened(["data"], in: arguments) { try runStats(state: state, arguments: $0) }
        })

    static func runStats(state: ShellState, arguments: BoundArguments) throws -> CommandResult {
        let dataset = try arguments.dataset("data")
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
    }

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
                try NonFiniteGuard.requireFinite(statistics, name: typed)
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

    static func side(_ name: String, arguments: BoundArguments) throws -> Side {
        let reference = arguments.reference(name)!
        switch reference.object {
        case .dataset(let dataset):
            return .data(dataset.values)
        case .statistics(let statistics):
            return .statistics(try gaussianStatistics(statistics))
        default:
            throw ShellError("'\(reference.text)' is a \(reference.object.kindName); metrics compares datasets")
        }
    }

    static func requestedMetrics(_ text: String) throws(ShellError) -> [String] {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for word in words where !metricNames.contains(word) {
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
        // Giving centers= asks for mode coverage: add it to the defaults rather than make users repeat it.
        let defaults = defaultMetrics + (arguments.isPresent("centers") ? ["modes"] : [])
        let wanted = try requestedMetrics(arguments.text("only") ?? defaults.joined(separator: ","))
        var real = try side("real", arguments: arguments)
        var fake = try side("fake", arguments: arguments)
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
        var result = try evaluate(wanted, real: real, fake: fake, seed: seed, arguments: arguments, token: token)
        if wanted.contains("tstr") { try addTrainSyntheticTestReal(to: &result, arguments: arguments, token: token) }
        // train= asks for authenticity whatever only= lists, as centers= asks for modes.
        if wanted.contains("authenticity") || arguments.isPresent("train") { try addAuthenticity(to: &result, arguments: arguments, token: token) }
        guard case .data(let realValues) = real, case .data(let fakeValues) = fake else {
            if arguments.isPresent("ci") || arguments.isPresent("by") || arguments.boolean("curve") == true {
                throw ShellError("ci=, by= and curve= need the rows: compare datasets, not statistics")
            }
            return result
        }
        // Subsamples must use the solver the full sets used: `emd=auto` would pick the exact one for the
        // halves of 3,000 + 3,000 rows, which Sinkhorn measured.
        var resampling = arguments
        if wanted.contains("emd"), (arguments.text("emd") ?? "auto") == "auto" {
            let exact = usesExactEarthMovers(method: "auto", realRows: realValues.rows, fakeRows: fakeValues.rows)
            resampling.values["emd"] = .text(exact ? "exact" : "sinkhorn")
        }
        if let level = arguments.number("ci") {
            try addConfidenceIntervals(
                level: level, to: &result, wanted: wanted, real: realValues, fake: fakeValues, seed: seed,
                arguments: resampling, token: token)
        }
        if arguments.boolean("curve") == true {
            try addCurve(to: &result, wanted: wanted, real: realValues, fake: fakeValues, seed: seed, arguments: resampling, token: token)
        }
        if let by = arguments.text("by") {
            let modes = try modeTable(
                by: by, into: &result, real: realValues, fake: fakeValues, realLabels: realLabels(arguments), seed: seed,
                prOptions: precisionRecallOptions(arguments), dcOptions: densityCoverageOptions(arguments),
                clusterCount: arguments.integer("by_k") ?? 10, token: token)
            result.table = modes
            result.value = .table(modes)
        }
        return result
    }

    /// Every requested metric on one pair of sets: the printed fields, the kept table, the warnings.
    static func evaluate(
        _ wanted: [String], real: Side, fake: Side, seed: UInt64, arguments: BoundArguments, token: CancellationToken
    ) throws -> CommandResult {
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
        let prOptions = wanted.contains("pr") ? precisionRecallOptions(arguments) : nil
        let dcOptions = wanted.contains("prdc") ? densityCoverageOptions(arguments) : nil
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
        try addDistributionMetrics(
            wanted, real: realValues, fake: fakeValues, seed: seed, arguments: arguments, token: token, add: add)
        if wanted.contains("modes") {
            guard let centers = try arguments.reference("centers").map({ _ in try arguments.dataset("centers") }),
                let std = arguments.number("std")
            else { throw ShellError("only=modes needs centers=DATASET (one row per mode) and std=σ of the components") }
            let coverage = try ModeCoverage(
                samples: fakeValues, centers: centers.values, standardDeviation: std,
                minimumShare: arguments.number("modes_min_share") ?? ModeCoverage.defaultMinimumShare)
            let reference = "Unrolled GAN / VEEGAN / PacGAN, 3σ"
            add("modes_covered", Double(coverage.coveredModes), reference: reference)
            add("modes_with_min_share", Double(coverage.coveredModesWithShare), reference: reference)
            add("modes_total", Double(coverage.modeCount), reference: reference)
            add("high_quality", coverage.highQualityShare, reference: reference)
        }
        if wanted.contains("emd") {
            let emd = try earthMovers(real: realValues, fake: fakeValues, arguments: arguments, token: token)
            for row in emd.rows { add(row.key, row.value, reference: row.reference) }
            result.fields += emd.fields
            result.notes += emd.notes
            result.warnings += emd.warnings
        }
        if wanted.contains("is") {
            let score = try InceptionScore(probabilities: fakeValues)
            add("is", score.mean, std: score.standardDeviation, reference: "Salimans et al. 2016, 10 splits")
        }
        if let subset = arguments.integer("subset") {
            result.notes.append("evaluated on up to \(subset) seeded rows of each set (seed \(seed))")
        }
        // The fields are the printed result (json keys); the table, with references, is what `NAME = metrics` keeps.
        result.value = .table(table)
        return result
    }

    /// MMD, sliced Wasserstein and Vendi, each added through `add(key, value, std, reference)`.
    static func addDistributionMetrics(
        _ wanted: [String], real: Matrix<Float>, fake: Matrix<Float>, seed: UInt64, arguments: BoundArguments,
        token: CancellationToken, add: (String, Double, Double?, String) -> Void
    ) throws {
        if wanted.contains("mmd") {
            var options = MaximumMeanDiscrepancy.Options()
            options.seed = seed
            options.permutationCount = arguments.integer("permutations") ?? 0
            options.kernel = arguments.text("mmd_kernel") == "polynomial"
                ? .polynomial(degree: 3, gamma: nil, coefficient: 1) : .gaussian(bandwidth: arguments.number("mmd_bandwidth"))
            let mmd = try MaximumMeanDiscrepancy(real: real, fake: fake, options: options, token: token)
            let kernel = mmd.bandwidth.map { "gaussian σ=\(Cell.number($0).display)" } ?? "polynomial degree 3"
            add("mmd", mmd.mmdSquared, nil, "unbiased MMD², \(kernel)")
            if let bandwidth = mmd.bandwidth { add("mmd_bandwidth", bandwidth, nil, "median heuristic or given") }
            if let pValue = mmd.pValue { add("mmd_p", pValue, nil, "\(options.permutationCount) permutations") }
        }
        if wanted.contains("swd") {
            var options = SlicedWasserstein.Options()
            options.seed = seed
            options.projectionCount = arguments.integer("projections") ?? options.projectionCount
            let sliced = try SlicedWasserstein(real: real, fake: fake, options: options, token: token)
            add("swd", sliced.distance, nil, "POT sliced W₂, \(options.projectionCount) projections")
        }
        if wanted.contains("ndb") {
            var options = NumberOfDifferentBins.Options()
            options.seed = seed
            options.clusterCount = arguments.integer("ndb_k") ?? options.clusterCount
            let bins = try NumberOfDifferentBins(real: real, fake: fake, options: options, token: token)
            let reference = "Richardson & Weiss 2018, K=\(options.clusterCount), α=0.05"
            add("ndb", Double(bins.differentCount), nil, reference)
            add("ndb_fraction", bins.differentFraction, nil, reference)
            add("jsd", bins.jensenShannonDivergence, nil, reference)
        }
        if wanted.contains("vendi") {
            var options = VendiScore.Options()
            options.seed = seed
            if arguments.text("vendi_kernel") == "rbf" {
                let bandwidth = try arguments.number("vendi_bandwidth") ?? MaximumMeanDiscrepancy.medianPairwiseDistance(
                    real.appendingRows(of: fake), rowLimit: 1000, seed: seed, token: token)
                options.similarity = .rbf(bandwidth: bandwidth)
            }
            let reference = "vendi_score, \(arguments.text("vendi_kernel") ?? "cosine")"
            add("vendi", try VendiScore(of: fake, options: options, token: token).score, nil, reference)
            add("vendi_real", try VendiScore(of: real, options: options, token: token).score, nil, reference)
        }
    }

    static func precisionRecallOptions(_ arguments: BoundArguments) -> PrecisionRecall.Options {
        var options = PrecisionRecall.Options()
        options.neighbourCount = arguments.integer("pr_k") ?? options.neighbourCount
        options.boundary = arguments.text("ties").flatMap(BallBoundary.init(rawValue:)) ?? options.boundary
        return options
    }

    static func densityCoverageOptions(_ arguments: BoundArguments) -> DensityCoverage.Options {
        var options = DensityCoverage.Options()
        options.neighbourCount = arguments.integer("prdc_k") ?? options.neighbourCount
        options.boundary = arguments.text("ties").flatMap(BallBoundary.init(rawValue:)) ?? options.boundary
        return options
    }

    /// Numeric fields that echo a setting, not a measurement: no interval or curve for them.
    static let settingKeys: Set<String> = ["emd_eps"]

    /// Share of each set a `ci=` resample keeps (without replacement: duplicated rows would zero k-NN radii).
    static let confidenceSubsetShare = 0.5

    /// `ci=P`: every metric recomputed on `ci_resamples` seeded subsamples (without replacement) of half of
    /// each set; the interval is the subsamples' central P % (numpy's linear percentile). It describes the
    /// metric at the subsample size, which for biased metrics (the Fréchet distance grows as n shrinks)
    /// differs from the full-size value; the fields say the size.
    static func addConfidenceIntervals(
        level: Double, to result: inout CommandResult, wanted: [String], real: Matrix<Float>, fake: Matrix<Float>,
        seed: UInt64, arguments: BoundArguments, token: CancellationToken
    ) throws {
        let resamples = arguments.integer("ci_resamples") ?? 20
        let realSize = max(2, Int(Double(real.rows) * confidenceSubsetShare))
        let fakeSize = max(2, Int(Double(fake.rows) * confidenceSubsetShare))
        let base = SeededGenerator(seed: seed)
        var samples: [String: [Double]] = [:]
        for resample in 0..<resamples {
            try token.checkCancellation()
            var stream = base.stream(for: UInt64(resample))
            let realPart = try subsample(real, count: realSize, generator: &stream)
            let fakePart = try subsample(fake, count: fakeSize, generator: &stream)
            let partial = try evaluate(wanted, real: .data(realPart), fake: .data(fakePart), seed: seed, arguments: arguments, token: token)
            for (key, value) in partial.fields {
                if case .number(let number) = value { samples[key, default: []].append(number) }
            }
        }
        let metricKeys = result.fields.map(\.key).filter { key in
            samples[key] != nil && !key.hasPrefix("fd_") && !key.hasSuffix("_std") && !settingKeys.contains(key)
        }
        for key in metricKeys {
            let sorted = samples[key]!.sorted()
            result.fields.append((key + "_ci_low", .number(percentile(sorted, (100 - level) / 2))))
            result.fields.append((key + "_ci_high", .number(percentile(sorted, 100 - (100 - level) / 2))))
        }
        result.fields += [("ci_resamples", .integer(resamples)), ("ci_n_real", .integer(realSize)), ("ci_n_fake", .integer(fakeSize))]
        result.notes.append(
            "ci: \(Cell.number(level).display) % interval over \(resamples) subsamples of \(realSize) real and \(fakeSize) fake rows "
                + "(without replacement); it describes the metric at that size")
    }

    /// Sample sizes of `curve=yes`, as shares of the smaller set: five evenly spaced points up to all of it.
    static let curveShares = [0.2, 0.4, 0.6, 0.8, 1.0]

    /// `curve=yes`: every metric at five sample sizes N (seeded subsamples of N rows of each set), as a table,
    /// and for the Fréchet distance the FD∞ extrapolation of Chong & Forsyth ("Effectively Unbiased FID and
    /// Inception Score and where to find them", CVPR 2020): the intercept of the least-squares line of FD
    /// against 1/N, the value an infinite sample would give.
    static func addCurve(
        to result: inout CommandResult, wanted: [String], real: Matrix<Float>, fake: Matrix<Float>, seed: UInt64,
        arguments: BoundArguments, token: CancellationToken
    ) throws {
        let smaller = min(real.rows, fake.rows)
        let sizes = curveShares.map { max(2, Int(Double(smaller) * $0)) }
        let base = SeededGenerator(seed: seed)
        var table = ResultTable(columns: ["n"])
        var rows: [[String: Double]] = []
        for (index, size) in sizes.enumerated() {
            var stream = base.stream(for: UInt64(index))
            let partial = try evaluate(
                wanted, real: .data(try subsample(real, count: size, generator: &stream)),
                fake: .data(try subsample(fake, count: size, generator: &stream)), seed: seed, arguments: arguments,
                token: token)
            var values: [String: Double] = [:]
            for (key, value) in partial.fields where !key.hasPrefix("fd_") && !key.hasPrefix("n_") {
                if case .number(let number) = value { values[key] = number }
            }
            rows.append(values)
        }
        let keys = result.fields.map(\.key).filter { key in rows.allSatisfy { $0[key] != nil } && !settingKeys.contains(key) }
        table.columns += keys
        for (size, values) in zip(sizes, rows) {
            table.append([.integer(size)] + keys.map { .number(values[$0]!) })
        }
        if keys.contains("fd") {
            let (intercept, slope) = leastSquaresLine(x: sizes.map { 1 / Double($0) }, y: rows.map { $0["fd"]! })
            result.fields.append(("fd_infinity", .number(intercept)))
            result.fields.append(("fd_slope_per_inverse_n", .number(slope)))
        }
        result.extraTables.append((title: "curve", table: table))
    }

    /// Intercept and slope of the least-squares line through (x, y).
    static func leastSquaresLine(x: [Double], y: [Double]) -> (intercept: Double, slope: Double) {
        let count = Double(x.count)
        let meanX = x.reduce(0, +) / count
        let meanY = y.reduce(0, +) / count
        var covariance = 0.0
        var variance = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            variance += (a - meanX) * (a - meanX)
        }
        let slope = variance > 0 ? covariance / variance : 0
        return (meanY - slope * meanX, slope)
    }

    /// numpy's default (linear) percentile of sorted values, `q` in 0…100.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? .nan }
        let position = q / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    static func realLabels(_ arguments: BoundArguments) -> Labels? {
        if case .dataset(let dataset) = arguments.reference("real")?.object { return dataset.labels }
        return nil
    }

    /// The per-mode table of `by=label|cluster`.
    static func modeTable(
        by: String, into result: inout CommandResult, real: Matrix<Float>, fake: Matrix<Float>, realLabels: Labels?, seed: UInt64,
        prOptions: PrecisionRecall.Options, dcOptions: DensityCoverage.Options, clusterCount: Int,
        token: CancellationToken
    ) throws -> ResultTable {
        let realGroups: [Int32]
        let fakeGroups: [Int32]
        let names: [String]
        if by == "label" {
            guard let labels = realLabels else {
                throw ShellError("by=label needs labels on the real set; load it with labels=, or use by=cluster")
            }
            realGroups = labels.codes
            fakeGroups = try ModeBreakdown.groupsOfNearestReal(fake: fake, real: real, realGroups: realGroups, token: token)
            names = labels.names
        } else {
            guard clusterCount <= real.rows else {
                throw ShellError("by_k=\(clusterCount) needs at least that many real rows (there are \(real.rows))")
            }
            let model = try KMeans.fit(real, clusterCount: clusterCount, options: KMeansOptions(seed: seed), token: token)
            realGroups = model.assignments
            fakeGroups = try model.assign(fake, token: token)
            names = (0..<clusterCount).map(String.init)
        }
        let modes = try ModeBreakdown.compute(
            real: real, fake: fake, realGroups: realGroups, fakeGroups: fakeGroups, groupCount: names.count,
            precisionRecall: prOptions, densityCoverage: dcOptions, token: token)
        let counts = try GroupCounts(realCounts: modes.map(\.realCount), fakeCounts: modes.map(\.fakeCount))
        result.fields += [
            ("by_chi2", .number(counts.chiSquare)), ("by_dof", .integer(counts.degreesOfFreedom)),
            ("by_chi2_p", .number(counts.pValue)),
        ]
        func cell(_ value: Double?) -> Cell { value.map { .number($0) } ?? .missing }
        return ResultTable(
            columns: [by, "n_real", "n_fake", "precision", "recall", "density", "coverage"],
            rows: modes.map { mode in
                [.text(names[mode.group]), .integer(mode.realCount), .integer(mode.fakeCount), cell(mode.precision),
                 cell(mode.recall), cell(mode.density), cell(mode.coverage)]
            })
    }

    static func statistics(of side: Side, token: CancellationToken) throws -> GaussianStatistics {
        switch side {
        case .data(let values): try GaussianStatistics(of: values, token: token)
        case .statistics(let statistics): statistics
        }
    }
}
