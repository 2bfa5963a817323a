import LinearAlgebra
import Testing

@testable import Neighbors

@Suite struct KMeansBasicTests {
    @Test func separatesThreeObviousClusters() throws {
        var generator = SeededGenerator(seed: 5)
        let noise = Matrix<Float>.standardNormal(rows: 90, columns: 2, using: &generator)
        let offsets: [[Float]] = [[0, 0], [50, 0], [0, 50]]
        let data = Matrix<Float>(rows: 90, columns: 2) { values in
            for row in 0..<90 {
                for column in 0..<2 { values[row * 2 + column] = offsets[row % 3][column] + noise[row, column] }
            }
        }
        let model = try KMeans.fit(data, clusterCount: 3, options: KMeansOptions(seed: 1), token: CancellationToken())
        for row in 3..<90 { #expect(model.assignments[row] == model.assignments[row % 3]) }
        #expect(Set(model.assignments).count == 3)
        let direct = (0..<90).reduce(0.0) {
            $0 + Double(squaredDistance(data.row($1), model.centers.row(Int(model.assignments[$1]))))
        }
        #expect(abs(model.inertia - direct) <= 1e-9 * direct)
        #expect(try model.assign(data, token: CancellationToken()) == model.assignments)
    }
}
