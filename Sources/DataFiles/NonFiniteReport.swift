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
    /// Counts NaN/Inf values in one pass over the values; `nil` when all are finite.
    public func nonFiniteReport() -> NonFiniteReport? {
        let columns = columnCount
        guard columns > 0 else { return nil }
        return values.withUnsafeBufferPointer { buffer -> NonFiniteReport? in
            var count = 0
            var firstIndex = -1
            for index in 0..<buffer.count where !buffer[index].isFinite {
                if firstIndex < 0 { firstIndex = index }
                count += 1
            }
            return count == 0 ? nil : NonFiniteReport(count: count, firstRow: firstIndex / columns)
        }
    }
}
