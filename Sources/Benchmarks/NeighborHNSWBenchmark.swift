import DataFiles
import LinearAlgebra
import Neighbors

/// HNSW timings for scripts/bench_neighbors.py: `Benchmarks hnsw data=X.npy k=10 M=16 ef_construction=200
/// ef=50 threads=2 out=indices.npy`: builds an index over `data`, then searches every row of `data` (k+1
/// neighbours, the row itself dropped by index, as the peers are run). Recall is computed by the driver.
enum NeighborHNSWBenchmark {
    static let benchmark = Benchmark(name: "hnsw") { options in
        guard let dataPath = options["data"] else { throw BenchmarkInputError("hnsw needs data=FILE.npy") }
        let k = Int(options["k"] ?? "10") ?? 10
        try ComputeThreads.set(Int(options["threads"] ?? "2") ?? 2)
        var settings = HNSWOptions(seed: UInt64(options["seed"] ?? "1") ?? 1)
        settings.maxConnections = Int(options["M"] ?? "16") ?? 16
        settings.constructionBreadth = Int(options["ef_construction"] ?? "200") ?? 200
        settings.searchBreadth = Int(options["ef"] ?? "50") ?? 50
        let data = try NeighborBenchmark.loadMatrix(dataPath)
        let token = CancellationToken()
        var index: HNSWIndex?
        let buildSeconds = try bestTime(repeats: 1) { index = try HNSWIndex(data, options: settings, token: token) }
        guard let index else { return }
        var found: NeighborList?
        let querySeconds = try bestTime(repeats: 1) { found = try index.search(data, k: k + 1, token: token) }
        if let out = options["out"], let found {
            var indices: [Int64] = []
            for row in 0..<found.queryCount {
                let others = found.indices(ofRow: row).filter { Int($0) != row }
                indices += others.prefix(k).map(Int64.init)
                // The row itself was not found: drop the farthest instead, keeping k per row.
            }
            try DataFileWriter.write(
                NamedArray(name: "indices", shape: [found.queryCount, k], values: .int64(indices)), toArray: out)
        }
        printJSON([
            "benchmark": "hnsw", "rows": data.rows, "columns": data.columns, "k": k, "M": settings.maxConnections,
            "ef_construction": settings.constructionBreadth, "ef": settings.searchBreadth,
            "threads": ComputeThreads.count, "buildSeconds": buildSeconds, "querySeconds": querySeconds,
            "peakRSSMiB": peakResidentMiB(),
        ])
    }
}
