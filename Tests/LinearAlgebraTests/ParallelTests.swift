import LinearAlgebra
import Synchronization
import Testing

@Suite struct ParallelTests {
    /// Per-block random sums drawn from `stream(for: block)`: the same for any thread count.
    private func blockSums(threads: Int) throws -> [Double] {
        let root = SeededGenerator(seed: 2024)
        return try mapBlocks(count: 1000, blockSize: 64, token: CancellationToken(), threads: threads) { rows in
            var stream = root.stream(for: UInt64(rows.lowerBound / 64))
            var sum = 0.0
            for _ in rows { sum += stream.nextNormal() }
            return sum
        }
    }

    @Test func resultsAreIdenticalForOneAndTwoThreads() throws {
        let single = try blockSums(threads: 1)
        let double = try blockSums(threads: 2)
        #expect(single.count == 16)
        #expect(single == double)
        #expect(Set(single).count == 16)
    }

    @Test func blocksCoverTheRangeExactlyOnce() throws {
        let ranges = try mapBlocks(count: 10, blockSize: 4, token: CancellationToken(), threads: 2) { $0 }
        #expect(ranges == [0..<4, 4..<8, 8..<10])
        #expect(try mapBlocks(count: 0, blockSize: 4, token: CancellationToken()) { $0 }.isEmpty)
    }

    @Test(arguments: [1, 2])
    func cancellationStopsTheLoop(threads: Int) throws {
        let token = CancellationToken()
        let started = Atomic<Int>(0)
        #expect(throws: CancellationError.self) {
            try parallelForBlocks(count: 1000, blockSize: 1, token: token, threads: threads) { _ in
                if started.add(1, ordering: .relaxed).newValue == 3 { token.cancel() }
            }
        }
        // Every worker checks the token before its next block, so at most one block per thread follows.
        #expect(started.load(ordering: .relaxed) <= 3 + threads)
    }

    @Test func aBodyErrorIsRethrown() {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try parallelForBlocks(count: 8, blockSize: 1, token: CancellationToken(), threads: 2) { rows in
                if rows.lowerBound == 5 { throw Boom() }
            }
        }
    }

    @Test func invalidBlockSizeThrows() {
        #expect(throws: LinearAlgebraError.self) {
            try parallelForBlocks(count: 8, blockSize: 0, token: CancellationToken()) { _ in }
        }
    }

    @Test func threadCountRejectsNonsense() throws {
        #expect(throws: LinearAlgebraError.self) { try ComputeThreads.set(0) }
        #expect(throws: LinearAlgebraError.self) { try ComputeThreads.set(ComputeThreads.maximum + 1) }
        #expect(ComputeThreads.count >= 1)
        let previous = ComputeThreads.count
        try ComputeThreads.set(1)
        #expect(ComputeThreads.count == 1)
        try ComputeThreads.set(previous)
    }
}
