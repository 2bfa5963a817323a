import DataFiles
import Foundation
import LinearAlgebra
import Metrics

/// The metrics benchmarks scripts/bench_metrics.py drives: each generates seeded Gaussian data (the fake
/// set shifted and scaled so the metrics are not trivial), optionally writes it as .npy for the peers
/// (`write=DIR`), times modescope's computation and prints one JSON line with the values, so the script can
/// check the peers agree. Peak RSS is the process's (getrusage), data included.
enum MetricBenchmarks {
    struct Setup {
        let real: Matrix<Float>
        let fake: Matrix<Float>
        let options: [String: String]

        init(_ options: [String: String], rows: Int, columns: Int) throws {
            let n = Int(options["n"] ?? "") ?? rows
            let d = Int(options["d"] ?? "") ?? columns
            let seed = UInt64(options["seed"] ?? "") ?? 1
            real = MetricBenchmarks.gaussian(rows: n, columns: d, seed: seed, scale: 1, shift: 0)
            fake = MetricBenchmarks.gaussian(rows: n, columns: d, seed: seed + 1, scale: 0.8, shift: 0.05)
            self.options = options
            if let directory = options["write"] {
                try DataFileWriter.write(Dataset(values: real), to: directory + "/real.npy")
                try DataFileWriter.write(Dataset(values: fake), to: directory + "/fake.npy")
            }
        }
    }

    /// Normal rows generated in parallel blocks (stream per block), so data for 100,000 × 2,048 takes seconds.
    static func gaussian(rows: Int, columns: Int, seed: UInt64, scale: Float, shift: Float) -> Matrix<Float> {
        let blockRows = 256
        let generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, columns: columns) { buffer in
            nonisolated(unsafe) let destination = buffer
            try? parallelForBlocks(count: rows, blockSize: blockRows, token: CancellationToken()) { range in
                var stream = generator.stream(for: UInt64(range.lowerBound / blockRows))
                for index in (range.lowerBound * columns)..<(range.upperBound * columns) {
                    destination[index] = stream.nextNormalFloat() * scale + shift
                }
            }
        }
    }

    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static let frechet = Benchmark(name: "fd") { options in
        let setup = try Setup(options, rows: 10_000, columns: 2048)
        let token = CancellationToken()
        var value = 0.0
        let seconds = try bestTime(repeats: Int(options["repeats"] ?? "") ?? 3) {
            let first = try GaussianStatistics(of: setup.real, token: token)
            let second = try GaussianStatistics(of: setup.fake, token: token)
            value = try FrechetDistance(between: first, and: second, auditsCovariances: false, token: token).value
        }
        let first = try GaussianStatistics(of: setup.real, token: token)
        let second = try GaussianStatistics(of: setup.fake, token: token)
        let distanceOnly = try bestTime {
            _ = try FrechetDistance(between: first, and: second, auditsCovariances: false, token: token)
        }
        let audited = try bestTime { _ = try FrechetDistance(between: first, and: second, token: token) }
        printJSON([
            "benchmark": "fd", "n": setup.real.rows, "d": setup.real.columns, "value": value, "seconds": seconds,
            "distance_seconds": distanceOnly, "audited_distance_seconds": audited,
            "peak_rss_mb": peakResidentMegabytes(),
        ])
    }

    static let kid = Benchmark(name: "kid") { options in
        let setup = try Setup(options, rows: 10_000, columns: 2048)
        var kidOptions = KernelInceptionDistance.Options()
        kidOptions.seed = 0
        var result: KernelInceptionDistance?
        let seconds = try bestTime(repeats: Int(options["repeats"] ?? "") ?? 1) {
            result = try KernelInceptionDistance(
                real: setup.real, fake: setup.fake, options: kidOptions, token: CancellationToken())
        }
        printJSON([
            "benchmark": "kid", "n": setup.real.rows, "d": setup.real.columns, "value": result?.mean ?? .nan,
            "std": result?.standardDeviation ?? .nan, "seconds": seconds, "peak_rss_mb": peakResidentMegabytes(),
        ])
    }

    /// All four of prdc's numbers with its settings (k = 5, strict), as `prdc.compute_prdc` returns them.
    static let prdc = Benchmark(name: "prdc") { options in
        let setup = try Setup(options, rows: 10_000, columns: 64)
        let k = Int(options["k"] ?? "") ?? 5
        var prOptions = PrecisionRecall.Options()
        prOptions.neighbourCount = k
        prOptions.boundary = .strict
        var dcOptions = DensityCoverage.Options()
        dcOptions.neighbourCount = k
        var pr: PrecisionRecall?
        var dc: DensityCoverage?
        let token = CancellationToken()
        let seconds = try bestTime(repeats: Int(options["repeats"] ?? "") ?? 1) {
            (pr, dc) = try NeighbourhoodMetrics.compute(
                real: setup.real, fake: setup.fake, precisionRecall: prOptions, densityCoverage: dcOptions, token: token)
        }
        printJSON([
            "benchmark": "prdc", "n": setup.real.rows, "d": setup.real.columns, "k": k,
            "precision": pr?.precision ?? .nan, "recall": pr?.recall ?? .nan, "density": dc?.density ?? .nan,
            "coverage": dc?.coverage ?? .nan, "seconds": seconds, "peak_rss_mb": peakResidentMegabytes(),
        ])
    }

    /// Earth mover's distance: `method=sinkhorn` (default; W₂² only, n = 5,000 per set, `eps=` relative ε,
    /// `tol=` marginal tolerance, `iterations=` cap, e.g. to time a few blocked iterations at n = 20,000) or
    /// `method=exact` (W₁ and W₂ by the Hungarian method, n = 2,000).
    static let earthMovers = Benchmark(name: "emd") { options in
        let exact = options["method"] == "exact"
        let setup = try Setup(options, rows: exact ? 2_000 : 5_000, columns: 64)
        let token = CancellationToken()
        if exact {
            var result: EarthMoversDistance?
            let seconds = try bestTime(repeats: 1) {
                result = try EarthMoversDistance(real: setup.real, fake: setup.fake, token: token)
            }
            printJSON([
                "benchmark": "emd", "method": "exact", "n": setup.real.rows, "d": setup.real.columns,
                "w1": result?.firstOrder ?? .nan, "w2": result?.secondOrder ?? .nan, "seconds": seconds,
                "peak_rss_mb": peakResidentMegabytes(),
            ])
            return
        }
        var sinkhorn = SinkhornOptions()
        sinkhorn.epsilon = .relative(Double(options["eps"] ?? "") ?? SinkhornOptions.defaultRelativeEpsilon)
        sinkhorn.marginalTolerance = Double(options["tol"] ?? "") ?? SinkhornOptions.defaultMarginalTolerance
        sinkhorn.maximumIterations = Int(options["iterations"] ?? "") ?? SinkhornOptions.defaultMaximumIterations
        var result: EntropicTransport?
        let seconds = try bestTime(repeats: 1) {
            result = try EntropicTransport(
                real: setup.real, fake: setup.fake, cost: .squaredEuclidean, options: sinkhorn, token: token)
        }
        printJSON([
            "benchmark": "emd", "method": "sinkhorn", "n": setup.real.rows, "d": setup.real.columns,
            "value": result?.transportCost ?? .nan, "epsilon": result?.epsilon ?? .nan,
            "relative_epsilon": result?.relativeEpsilon ?? .nan, "tolerance": sinkhorn.marginalTolerance,
            "iterations": result?.iterations ?? 0, "converged": result?.converged ?? false,
            "cached_costs": result?.cachedCosts ?? false, "seconds": seconds, "peak_rss_mb": peakResidentMegabytes(),
        ])
    }
}
