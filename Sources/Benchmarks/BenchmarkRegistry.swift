import Foundation

/// One benchmark: a name for the command line and a body that prints one JSON line of timings.
struct Benchmark: Sendable {
    var name: String
    var run: @Sendable ([String: String]) throws -> Void
}

/// Every benchmark. A new one adds a file with its own `static let` and one entry here.
enum BenchmarkRegistry {
    static let all: [Benchmark] = [
        StartupBenchmark.benchmark,
        ScatterBenchmark.benchmark,
        NeighborBenchmark.benchmark,
        NeighborHNSWBenchmark.benchmark,
        MetricBenchmarks.frechet, MetricBenchmarks.kid, MetricBenchmarks.prdc, MetricBenchmarks.earthMovers,
    ]
}

/// Wall-clock seconds of `body` (best of `repeats`), for benchmarks only.
func bestTime(repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// Prints one JSON object on one line from ordered key/value pairs.
func printJSON(_ pairs: KeyValuePairs<String, Any>) {
    let body = pairs.map { key, value -> String in
        switch value {
        case let text as String: return "\"\(key)\":\"\(text)\""
        case let number as Double: return "\"\(key)\":\(number)"
        default: return "\"\(key)\":\(value)"
        }
    }
    print("{" + body.joined(separator: ",") + "}")
}
