/// Accuracy, macro-F1 and per-class accuracy of predicted class indices against the truth, as
/// scikit-learn's `accuracy_score`, `f1_score(average="macro")` (over the classes present in the truth or
/// the predictions; a class with no true positive scores F1 = 0) and `recall_score(average=None)`.
///
/// - Accuracy: exact (ratios of counts). Complexity O(n + classes).
public struct ClassificationScores: Sendable, Equatable {
    public let accuracy: Double
    public let macroF1: Double
    /// Per class index, the share of its test rows predicted correctly; nil when no test row has it.
    public let perClassAccuracy: [Double?]

    /// - Precondition: both arrays have the same count and hold indices in `0..<classCount` (callers
    ///   build them from validated labels).
    public init(predicted: [Int], truth: [Int], classCount: Int) {
        var truePositives = Array(repeating: 0, count: classCount)
        var truthCounts = Array(repeating: 0, count: classCount)
        var predictedCounts = Array(repeating: 0, count: classCount)
        for (guess, actual) in zip(predicted, truth) {
            truthCounts[actual] += 1
            predictedCounts[guess] += 1
            if guess == actual { truePositives[actual] += 1 }
        }
        accuracy = truth.isEmpty ? .nan : Double(truePositives.reduce(0, +)) / Double(truth.count)
        let present = (0..<classCount).filter { truthCounts[$0] + predictedCounts[$0] > 0 }
        let f1 = present.map { label -> Double in
            let denominator = truthCounts[label] + predictedCounts[label]
            return Double(2 * truePositives[label]) / Double(denominator)
        }
        macroF1 = f1.isEmpty ? .nan : f1.reduce(0, +) / Double(f1.count)
        perClassAccuracy = (0..<classCount).map { truthCounts[$0] > 0 ? Double(truePositives[$0]) / Double(truthCounts[$0]) : nil }
    }
}
