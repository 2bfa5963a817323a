import Foundation
import LinearAlgebra
import Testing
import TestSupport

@testable import Metrics

/// Train-synthetic-test-real against scikit-learn (scripts/reference/metrics.py, `tstr`): k-NN scores
/// exactly equal, logistic-regression accuracy within `LogisticRegression.referenceAccuracyTolerance`.
@Suite struct TrainSyntheticTestRealTests {
    struct Scores: Decodable {
        let accuracy: Double
        let macro_f1: Double
        let per_class: [Double]
    }

    struct Training: Decodable {
        let knn: Scores
        let logistic: Scores
    }

    struct Reference: Decodable {
        struct Cases: Decodable {
            let on_real: Training
            let on_fake_healthy: Training
            let on_fake_collapsed: Training
        }
        let tstr: Cases
    }

    static let reference: Reference.Cases = ReferenceFile.decode(Reference.self).tstr

    static func digitSet(_ rows: Range<Int>, keepingLabelsBelow limit: Int = 10) -> TrainSyntheticTestReal.LabelledSet {
        let kept = rows.filter { MetricFixtures.digitLabels[$0] < limit }
        return .init(values: MetricFixtures.digits.rows(at: kept), labels: kept.map { Int(MetricFixtures.digitLabels[$0]) })
    }

    static func expectEqual(_ scores: ClassificationScores, _ expected: Scores, _ what: String) {
        #expect(abs(scores.accuracy - expected.accuracy) <= 1e-12, "\(what) accuracy")
        #expect(abs(scores.macroF1 - expected.macro_f1) <= 1e-12, "\(what) macro-F1")
        #expect(zip(scores.perClassAccuracy, expected.per_class).allSatisfy { abs(($0 ?? -1) - $1) <= 1e-12 }, "\(what) per class")
    }

    @Test func healthyAndCollapsedFakesAgainstScikitLearn() throws {
        let real = Self.digitSet(0..<600)
        let test = Self.digitSet(1200..<1797)
        let token = CancellationToken()
        let healthy = try TrainSyntheticTestReal(fake: Self.digitSet(600..<1200), real: real, test: test, classCount: 10, token: token)
        let collapsed = try TrainSyntheticTestReal(
            fake: Self.digitSet(600..<1200, keepingLabelsBelow: 3), real: real, test: test, classCount: 10, token: token)
        let tolerance = LogisticRegression.referenceAccuracyTolerance
        for (result, expected, name) in [(healthy, Self.reference.on_fake_healthy, "healthy"), (collapsed, Self.reference.on_fake_collapsed, "collapsed")] {
            Self.expectEqual(result.nearestNeighbourOnFake, expected.knn, "k-NN on \(name) fakes")
            Self.expectEqual(result.nearestNeighbourOnReal, Self.reference.on_real.knn, "k-NN on real")
            #expect(abs(result.logisticOnFake.accuracy - expected.logistic.accuracy) <= tolerance, "\(name): \(result.logisticOnFake.accuracy)")
            #expect(abs(result.logisticOnReal.accuracy - Self.reference.on_real.logistic.accuracy) <= tolerance)
        }
        // Classes the collapsed generator dropped are never predicted.
        #expect(collapsed.logisticOnFake.perClassAccuracy[3...].allSatisfy { $0 == 0 })
    }

    @Test func scoresFollowScikitLearnConventions() {
        // Truth 0,0,1,2; predictions 0,1,1,1: class 2 never predicted (F1 0), accuracy 2/4.
        let scores = ClassificationScores(predicted: [0, 1, 1, 1], truth: [0, 0, 1, 2], classCount: 4)
        #expect(scores.accuracy == 0.5)
        #expect(abs(scores.macroF1 - (2.0 / 3 + 0.5 + 0) / 3) <= 1e-15)
        #expect(scores.perClassAccuracy == [0.5, 1, 0, nil])
    }

    @Test func nearestNeighbourVoteTiesGoToTheSmallerLabel() throws {
        // Query at 0: neighbours at 1 (label 1), 1 (label 0)... a 2-2 vote with k = 4 goes to label 0.
        let training = Matrix<Float>(rows: 4, columns: 1, values: [1, -1, 2, -2])
        let predicted = try NearestNeighbourClassifier.predict(
            Matrix(rows: 1, columns: 1, values: [0]), training: training, labels: [1, 1, 0, 0], classCount: 2, k: 4,
            token: CancellationToken())
        #expect(predicted == [0])
    }

    @Test func badInputThrowsNamedErrors() {
        let test = Self.digitSet(1200..<1300)
        let token = CancellationToken()
        let narrow = TrainSyntheticTestReal.LabelledSet(values: Matrix(rows: 10, columns: 3), labels: Array(repeating: 0, count: 10))
        #expect(throws: MetricsError.self) { try TrainSyntheticTestReal(fake: narrow, real: test, test: test, classCount: 10, token: token) }
        var wrongLabels = test
        wrongLabels.labels[0] = 12
        do {
            _ = try TrainSyntheticTestReal(fake: wrongLabels, real: test, test: test, classCount: 10, token: token)
            Issue.record("label 12 should fail")
        } catch let error as MetricsError {
            #expect(error.description.contains("the fake set has a label outside 0..<10"))
        } catch { Issue.record("unexpected \(error)") }
        let tiny = Self.digitSet(0..<3)
        #expect(throws: MetricsError.self) { try TrainSyntheticTestReal(fake: tiny, real: test, test: test, classCount: 10, token: token) }
    }
}
