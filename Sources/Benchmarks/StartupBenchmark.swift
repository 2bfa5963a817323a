import Foundation

/// Process start-up is measured by scripts/bench_startup.sh with hyperfine; this entry only checks that
/// the benchmark binary itself runs, so `Benchmarks startup` is a smoke test for the target.
enum StartupBenchmark {
    static let benchmark = Benchmark(name: "startup") { _ in
        printJSON(["benchmark": "startup", "ok": 1])
    }
}
