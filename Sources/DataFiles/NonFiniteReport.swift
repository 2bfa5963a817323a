import LinearAlgebra

/// How many values of a dataset are NaN or ±Inf, and the first row holding one.
public struct NonFiniteReport: Sendable, Equatable {
    public var count: Int
    public var firstRow: Int

    public init(count: Int, firstRow: Int) {
        self.count = count
        self.firstRow = firstRow
    }
}

extension Dataset {
    /// Elements per block of the parallel scan: 4 MiB of float32, large enough that the scheduling cost
    /// is noise and small enough that both cores get work on a few-hundred-MB dataset.
    static let nonFiniteScanBlock = 1 << 20

    /// Counts NaN/Inf values in one pass over the values, split over `set threads=`; `nil` when all are
    /// finite. A 400 MB dataset takes about 20 ms per core.
    public func nonFiniteReport() -> NonFiniteReport? {
        let columns = columnCount
        guard columns > 0, values.count > 0 else { return nil }
        let blocks = values.withUnsafeBufferPointer { buffer -> [(count: Int, firstIndex: Int)] in
            nonisolated(unsafe) let shared = buffer
            // Nothing cancels a scan this short (see the doc comment), so a private token is enough.
            return (try? mapBlocks(count: buffer.count, blockSize: Self.nonFiniteScanBlock, token: CancellationToken()) {
                range in Self.scanNonFinite(shared, range)
            }) ?? [Self.scanNonFinite(buffer, 0..<buffer.count)]
        }
        let count = blocks.reduce(0) { $0 + $1.count }
        guard count > 0, let first = blocks.first(where: { $0.count > 0 }) else { return nil }
        return NonFiniteReport(count: count, firstRow: first.firstIndex / columns)
    }

    private static func scanNonFinite(
        _ buffer: UnsafeBufferPointer<Float>, _ range: Range<Int>
    ) -> (count: Int, firstIndex: Int) {
        // A float32 is NaN or ±Inf exactly when all its exponent bits are set. Testing 16 bit patterns at a
        // time keeps the scan at memory speed; the per-element path runs only inside a group that holds a
        // non-finite value.
        let exponent = SIMD16<UInt32>(repeating: 0x7F80_0000)
        let raw = UnsafeRawPointer(buffer.baseAddress!)
        var count = 0
        var firstIndex = -1
        var index = range.lowerBound
        while index + 16 <= range.upperBound {
            let bits = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<UInt32>.self)
            if any((bits & exponent) .== exponent) {
                for lane in index..<(index + 16) where !buffer[lane].isFinite {
                    if firstIndex < 0 { firstIndex = lane }
                    count += 1
                }
            }
            index += 16
        }
        for lane in index..<range.upperBound where !buffer[lane].isFinite {
            if firstIndex < 0 { firstIndex = lane }
            count += 1
        }
        return (count, firstIndex)
    }
}

extension FeatureStatistics {
    /// NaN/Inf values in the mean and covariance together (pytorch-fid files from a failed run hold some).
    public var nonFiniteCount: Int {
        mean.filter { !$0.isFinite }.count
            + covariance.withUnsafeBufferPointer { values in values.filter { !$0.isFinite }.count }
    }
}
