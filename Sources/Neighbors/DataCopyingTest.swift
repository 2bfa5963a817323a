import Foundation
public import LinearAlgebra

/// The C_T three-sample test for data copying of Meehan, Chaudhuri & Dasgupta (AISTATS 2020, "A
/// Non-Parametric Test to Detect Data-Copying in Generative Models"), as their reference code computes it.
///
/// The space is cut into cells (K-means on the training set; test and generated rows go to the nearest
/// centre). In each cell π, the distances of held-out test rows and of generated rows to their nearest
/// *training row of the same cell* are compared with the Mann–Whitney U statistic of the generated
/// sample, standardised as `Z_U = (U − (n·m/2 − 0.5)) / sqrt(n·m·(n + m + 1) / 12)` (continuity correction,
/// no tie correction). `C_T` is the average of `Z_U(π)` weighted by the test fraction `P_n(π)` over the
/// cells holding at least `τ·m` generated rows (the paper's τ; its code uses 20 rows per cell). C_T well
/// below 0 (the paper flags < −3) means generated rows sit closer to training rows than fresh data does:
/// copying. Well above 0 means underfitting. Tested against a numpy/scipy implementation of the paper's
/// code (scripts/reference/neighbors.py) to 1e-9 relative for given cells.
public enum DataCopyingTest {
    /// The statistic and the per-cell terms it averages.
    public struct Result: Sendable, Equatable {
        /// Weighted mean of `cellZ` over the cells kept; nil when no cell holds enough generated rows.
        public var statistic: Double?
        /// `Z_U` per cell (0 where the cell lacks test, generated or training rows).
        public var cellZ: [Double]
        public var testCounts: [Int]
        public var generatedCounts: [Int]
        /// Cells with at least the minimum number of generated rows, which C_T averages over.
        public var keptCells: [Int]
    }

    /// C_T from cell assignments (values in `0..<cellCount`) of the three sets.
    ///
    /// - Parameters: `minimumGeneratedPerCell` is τ·m, the paper's 20 by default.
    /// - Complexity: one exact 1-NN search per cell of its test and generated rows against its training rows.
    public static func statistic(
        train: Matrix<Float>, trainCells: [Int32], test: Matrix<Float>, testCells: [Int32],
        generated: Matrix<Float>, generatedCells: [Int32], cellCount: Int, minimumGeneratedPerCell: Int = 20,
        token: CancellationToken
    ) throws -> Result {
        func members(_ cells: [Int32], _ cell: Int) -> [Int] { cells.indices.filter { cells[$0] == Int32(cell) } }
        var result = Result(
            statistic: nil, cellZ: Array(repeating: 0, count: cellCount), testCounts: [], generatedCounts: [],
            keptCells: [])
        for cell in 0..<cellCount {
            try token.checkCancellation()
            let trainRows = members(trainCells, cell)
            let testRows = members(testCells, cell)
            let generatedRows = members(generatedCells, cell)
            result.testCounts.append(testRows.count)
            result.generatedCounts.append(generatedRows.count)
            guard !trainRows.isEmpty, !testRows.isEmpty, !generatedRows.isEmpty else { continue }
            let cellTrain = train.rows(at: trainRows)
            let testDistances = try ExactNeighbors.search(test.rows(at: testRows), in: cellTrain, k: 1, token: token)
                .distances
            let generatedDistances = try ExactNeighbors.search(
                generated.rows(at: generatedRows), in: cellTrain, k: 1, token: token
            ).distances
            result.cellZ[cell] = mannWhitneyZ(generatedDistances, testDistances)
        }
        result.keptCells = (0..<cellCount).filter {
            result.generatedCounts[$0] >= minimumGeneratedPerCell && result.testCounts[$0] > 0
        }
        let weight = result.keptCells.reduce(0.0) { $0 + Double(result.testCounts[$1]) }
        if weight > 0 {
            result.statistic = result.keptCells.reduce(0.0) { $0 + result.cellZ[$1] * Double(result.testCounts[$1]) } / weight
        }
        return result
    }

    /// Standardised Mann–Whitney U of `first` against `second`: U is the rank sum of `first` (average
    /// ranks for ties) minus `m(m+1)/2`, as scipy's `mannwhitneyu(first, second).statistic`.
    public static func mannWhitneyZ(_ first: [Float], _ second: [Float]) -> Double {
        let m = Double(first.count)
        let n = Double(second.count)
        let pooled = (first.map { ($0, true) } + second.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count && pooled[end + 1].0 == pooled[start].0 { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for index in start...end where pooled[index].1 { rankSum += averageRank }
            start = end + 1
        }
        let u = rankSum - m * (m + 1) / 2
        let mean = n * m / 2 - 0.5
        let deviation = (n * m * (n + m + 1) / 12).squareRoot()
        return (u - mean) / deviation
    }
}
