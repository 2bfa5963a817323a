import LinearAlgebra
import Testing

@testable import Neighbors

/// What a well-formed HNSW graph guarantees, checked on the arrays of a built index.
struct HNSWGraphReport: CustomStringConvertible {
    /// Broken link lists: a count above the layer's maximum, an id out of range, a self link, a repeated id,
    /// or a link to a node that does not exist on that layer.
    var malformed: [String] = []
    /// Nodes that a search starting at the entry point can never reach on layer 0.
    var unreachable: [Int] = []

    var description: String {
        "malformed: \(malformed.prefix(5)) (\(malformed.count)); unreachable on layer 0: "
            + "\(unreachable.prefix(10)) (\(unreachable.count))"
    }

    init(_ index: HNSWIndex) {
        let n = index.count
        let m = index.maxLinks
        func links(of node: Int, layer: Int) -> ArraySlice<Int32> {
            let start = layer == 0 ? node * (1 + 2 * m) : index.upperOffsets[node] + (layer - 1) * (1 + m)
            let storage = layer == 0 ? index.links0 : index.upperLinks
            let count = Int(storage[start])
            let limit = layer == 0 ? 2 * m : m
            guard (0...limit).contains(count) else {
                malformed.append("node \(node) layer \(layer): count \(count)")
                return []
            }
            return storage[(start + 1)..<(start + 1 + count)]
        }
        if Int(index.levels[Int(index.entryPoint)]) != index.topLevel || index.levels.contains(where: { Int($0) > index.topLevel }) {
            malformed.append("entry point \(index.entryPoint) is not on the top layer \(index.topLevel)")
        }
        var reached = [Bool](repeating: false, count: n)
        for node in 0..<n {
            for layer in 0...Int(index.levels[node]) {
                let list = links(of: node, layer: layer)
                if Set(list).count != list.count { malformed.append("node \(node) layer \(layer): repeated link") }
                for link in list {
                    if link == node { malformed.append("node \(node) layer \(layer): self link") }
                    if link < 0 || Int(link) >= n || Int(index.levels[Int(link)]) < layer {
                        malformed.append("node \(node) layer \(layer): link \(link) absent from the layer")
                    }
                }
            }
        }
        var stack = [Int(index.entryPoint)]
        reached[Int(index.entryPoint)] = true
        while let node = stack.popLast() {
            for link in links(of: node, layer: 0) where (0..<n).contains(Int(link)) && !reached[Int(link)] {
                reached[Int(link)] = true
                stack.append(Int(link))
            }
        }
        unreachable = reached.indices.filter { !reached[$0] }
    }
}

/// Issue 6's race: a parallel build published a node on layer l + 1 before writing its layer-l list, so
/// other threads linked to it there and their links were overwritten, or the node found itself. Builds
/// with 4 threads must give graphs as sound as a sequential build's.
@Suite struct HNSWParallelBuildTests {
    let token = CancellationToken()

    /// Small, heavily clustered data (40 clusters of 20 rows, rows interleaved) and small M and
    /// ef_construction, where the old code showed in 30 four-thread builds 9 self or repeated links and
    /// 146 nodes unreachable on layer 0 (2 threads: 12 and 103), against 1 in 30 sequential builds.
    @Test func fourThreadBuildsKeepTheGraphSound() throws {
        let builds = 12
        let rows = 800
        var unreachable = 0
        for seed in 0..<builds {
            let data = ReferenceData.clustered(rows: rows, columns: 8, clusters: 40, seed: UInt64(seed))
            let index = try HNSWIndex(
                data, options: HNSWOptions(seed: UInt64(seed), maxConnections: 8, constructionBreadth: 16),
                threads: 4, token: token)
            let report = HNSWGraphReport(index)
            #expect(report.malformed.isEmpty, "seed \(seed): \(report)")
            unreachable += report.unreachable.count
        }
        // HNSW itself does not promise that layer 0 reaches every node: the heuristic may prune a node's
        // last in-link. Sequential builds here lose 4 nodes in 100 builds (0.005 %); the bound is 50× that.
        #expect(unreachable * 400 <= builds * rows, "\(unreachable) of \(builds * rows) nodes unreachable")
    }

    /// One thread never takes a lock, so the build is a function of the data and the seed; searching
    /// every layer before linking did not change its links.
    @Test func sequentialBuildIsSoundAndReproducible() throws {
        let data = ReferenceData.clustered(rows: 800, columns: 8, clusters: 40, seed: 3)
        let options = HNSWOptions(seed: 3, maxConnections: 8, constructionBreadth: 16)
        let first = try HNSWIndex(data, options: options, threads: 1, token: token)
        let second = try HNSWIndex(data, options: options, threads: 1, token: token)
        #expect(first == second)
        let report = HNSWGraphReport(first)
        #expect(report.malformed.isEmpty && report.unreachable.isEmpty, "\(report)")
    }
}
