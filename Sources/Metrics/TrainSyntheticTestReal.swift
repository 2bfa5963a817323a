public import LinearAlgebra

/// Train-synthetic-test-real: a k-NN classifier (k = 5) and a multinomial logistic regression, each trained
/// once on the labelled fakes and once on the labelled real set, all four tested on held-out real rows.
/// The gap between the two trainings is the synthetic-to-real gap; per-class accuracy shows which classes
/// the generator fails (a dropped class scores 0 when trained on fakes).
///
/// - Accuracy: k-NN predictions equal scikit-learn's `KNeighborsClassifier(5)`; logistic regression's test
///   accuracy within `LogisticRegression.referenceAccuracyTolerance` of a converged `LogisticRegression()` (tol=1e-10).
/// - Complexity: two k-NN searches of the test set and two logistic fits (see each).
public struct TrainSyntheticTestReal: Sendable, Equatable {
    /// One labelled set; `labels` are class indices in `0..<classCount` shared by all three sets.
    public struct LabelledSet: Sendable {
        public var values: Matrix<Float>
        public var labels: [Int]
        public init(values: Matrix<Float>, labels: [Int]) {
            self.values = values
            self.labels = labels
        }
    }

    public let nearestNeighbourOnFake: ClassificationScores
    public let nearestNeighbourOnReal: ClassificationScores
    public let logisticOnFake: ClassificationScores
    public let logisticOnReal: ClassificationScores

    /// - Throws: `MetricsError` for mismatched dimensions, label counts, labels outside `0..<classCount`,
    ///   training sets with fewer than 5 rows or NaN/∞; `CancellationError`.
    public init(fake: LabelledSet, real: LabelledSet, test: LabelledSet, classCount: Int, token: CancellationToken) throws {
        let metric = "tstr"
        let k = NearestNeighbourClassifier.defaultNeighbourCount
        for (name, set) in [("the fake set", fake), ("the real set", real), ("the test set", test)] {
            guard set.values.columns == test.values.columns else {
                throw MetricsError.dimensionMismatch(metric, set.values.columns, test.values.columns)
            }
            guard set.labels.count == set.values.rows else {
                throw MetricsError(metric, "\(name) has \(set.values.rows) rows but \(set.labels.count) labels")
            }
            guard set.labels.allSatisfy({ (0..<classCount).contains($0) }) else {
                throw MetricsError(metric, "\(name) has a label outside 0..<\(classCount)")
            }
            guard set.values.rows >= k else {
                throw MetricsError(metric, "\(name) has \(set.values.rows) rows; the k-NN classifier needs at least \(k)")
            }
            try requireFinite(set.values, metric: metric, name: name)
        }
        func knn(_ training: LabelledSet) throws -> ClassificationScores {
            let predicted = try NearestNeighbourClassifier.predict(
                test.values, training: training.values, labels: training.labels, classCount: classCount, k: k, token: token)
            return ClassificationScores(predicted: predicted, truth: test.labels, classCount: classCount)
        }
        func logistic(_ training: LabelledSet) throws -> ClassificationScores {
            let model = try LogisticRegression(training: training.values, labels: training.labels, classCount: classCount, token: token)
            return ClassificationScores(predicted: try model.predict(test.values), truth: test.labels, classCount: classCount)
        }
        nearestNeighbourOnFake = try knn(fake)
        nearestNeighbourOnReal = try knn(real)
        logisticOnFake = try logistic(fake)
        logisticOnReal = try logistic(real)
    }
}
