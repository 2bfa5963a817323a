// Benchmarks — times modescope's algorithms on generated data for the scripts/bench* drivers, which run the
// peers (numpy, faiss, hnswlib, prdc, …) on the same data in the same run and print the ratios.
// Usage: Benchmarks NAME [key=value …]; each benchmark prints one JSON line with its timings.
import Foundation

let registry = BenchmarkRegistry.all
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = registry.first(where: { $0.name == name }) else {
    FileHandle.standardError.write(Data("usage: Benchmarks NAME [key=value …]; benchmarks: \(registry.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
var options: [String: String] = [:]
for argument in arguments.dropFirst() {
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    if parts.count == 2 { options[parts[0]] = parts[1] }
}
do {
    try benchmark.run(options)
} catch {
    FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
    exit(1)
}
