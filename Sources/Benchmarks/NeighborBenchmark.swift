import DataFiles
import Foundation
import LinearAlgebra
import Neighbors

/// Exact k-NN timings for scripts/bench_neighbors.py: `Benchmarks neighbors data=X.npy [queries=Q.npy]
/// k=10 threads=2 out=indices.npy`. Without `queries` it times all-points search within `data` (each row
/// excluded from its own list). The neighbour indices go to `out` so the driver can check them against
/// scikit-learn; the JSON line holds the best time of `repeats` runs and the peak RSS.
enum NeighborBenchmark {
    static let benchmark = Benchmark(name: "neighbors") { options in
        guard let dataPath = options["data"] else { throw BenchmarkInputError("neighbors needs data=FILE.npy") }
        let k = Int(options["k"] ?? "10") ?? 10
        let repeats = Int(options["repeats"] ?? "1") ?? 1
        try ComputeThreads.set(Int(options["threads"] ?? "2") ?? 2)
        let data = try loadMatrix(dataPath)
        let queries = try options["queries"].map(loadMatrix)
        let token = CancellationToken()
        var result: NeighborList?
        let seconds = try bestTime(repeats: repeats) {
            if let queries {
                result = try ExactNeighbors.search(queries, in: data, k: k, token: token)
            } else {
                result = try ExactNeighbors.searchWithin(data, k: k, token: token)
            }
        }
        if let out = options["out"], let result {
            try DataFileWriter.write(
                NamedArray(name: "indices", shape: [result.queryCount, k], values: .int64(result.indices.map(Int64.init))),
                toArray: out)
        }
        printJSON([
            "benchmark": "neighbors", "rows": data.rows, "columns": data.columns, "queries": queries?.rows ?? data.rows,
            "k": k, "threads": ComputeThreads.count, "seconds": seconds, "peakRSSMiB": peakResidentMiB(),
        ])
    }

    static func loadMatrix(_ path: String) throws -> Matrix<Float> {
        guard case let .dataset(dataset) = try DataFileReader.load(path) else {
            throw BenchmarkInputError("\(path) holds statistics, not rows")
        }
        return dataset.values
    }
}

struct BenchmarkInputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The process's peak resident set (`VmHWM` in /proc/self/status), in MiB; 0 where unavailable.
func peakResidentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return 0
}
