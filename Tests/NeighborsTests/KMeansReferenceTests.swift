import LinearAlgebra
import Testing
import TestSupport

@testable import Neighbors

/// K-means against scikit-learn (scripts/reference/neighbors.py): the k-means++ rows must be the ones the
/// Python twin of the seeding picks from the same seed, and Lloyd from there must reach sklearn's
/// inertia (1e-4 relative), centres (1e-3 absolute) and labels.
@Suite struct KMeansReferenceTests {
    let token = CancellationToken()

    func check(_ reference: NeighborsReference.KMeansCase, data: Matrix<Float>) throws {
        var generator = SeededGenerator(seed: reference.seed)
        let seedRows = try KMeansSeeding.plusPlus(
            data, clusterCount: reference.clusters, generator: &generator, token: token)
        #expect(seedRows == reference.seedRows)
        let model = try KMeans.fit(
            data, clusterCount: reference.clusters, options: KMeansOptions(seed: reference.seed), token: token)
        #expect(abs(model.inertia - reference.inertia) <= 1e-4 * reference.inertia)
        expectApproximatelyEqual(model.centers.values, reference.centers, relative: 0, absolute: 1e-3)
        #expect(model.assignments.map(Int.init) == reference.labels)
        #expect(model.iterations == reference.iterations)
    }

    @Test func clusteredData() throws {
        let reference = try NeighborsReference.load()
        try check(reference.kmeans[0], data: ReferenceData.clustered(rows: 1500, columns: 8, clusters: 10, seed: 808))
    }

    @Test func digits() throws {
        let reference = try NeighborsReference.load()
        try check(reference.kmeans[1], data: try ReferenceData.digits())
    }
}
