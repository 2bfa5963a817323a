import LinearAlgebra
import Testing

@Suite struct SmallestValuesTests {
    @Test func keepsTheSmallestInOrder() {
        var selector = SmallestValues<Float>(capacity: 3)
        for (index, value) in [5, 1, 4, 1.5, 9, 0.5, 7].enumerated() { selector.insert(Float(value), index: index) }
        #expect(selector.sorted().map(\.index) == [5, 1, 3])
        #expect(selector.sorted().map(\.value) == [0.5, 1, 1.5])
        #expect(selector.threshold == 1.5)
    }

    @Test func tiesAreBrokenBySmallerIndexWhateverTheArrivalOrder() {
        var selector = SmallestValues<Double>(capacity: 3)
        for index in [9, 4, 7, 2, 8, 0, 5] { selector.insert(1, index: index) }
        #expect(selector.sorted().map(\.index) == [0, 2, 4])
    }

    @Test func matchesFullSortOnRandomStream() {
        var generator = SeededGenerator(seed: 17)
        // Values on a coarse grid so ties are frequent.
        let values = (0..<500).map { _ in Float(generator.nextIndex(below: 40)) }
        var selector = SmallestValues<Float>(capacity: 25)
        values.withUnsafeBufferPointer { selector.insert(contentsOf: $0, firstIndex: 1000) }
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let expected: [Int] = order.prefix(25).map { $0 + 1000 }
        #expect(selector.sorted().map(\.index) == expected)
    }

    @Test func fewerValuesThanCapacityAndNaNAndZeroCapacity() {
        var selector = SmallestValues<Float>(capacity: 5)
        selector.insert(.nan, index: 0)
        selector.insert(2, index: 1)
        selector.insert(-1, index: 2)
        #expect(selector.sorted().map(\.index) == [2, 1])
        #expect(selector.threshold == .infinity)
        var none = SmallestValues<Float>(capacity: 0)
        none.insert(1, index: 0)
        #expect(none.count == 0)
    }
}
