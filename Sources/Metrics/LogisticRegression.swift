import Foundation
public import LinearAlgebra

/// Multinomial logistic regression with an L2 penalty, scikit-learn's `LogisticRegression()` objective
/// (C = 1, intercept unpenalised): minimise mean cross-entropy + ‖W‖²/(2·C·n), solved in Double by L-BFGS
/// (10 correction pairs, Armijo backtracking) from zero weights, so results are deterministic; it stops
/// when the largest gradient entry falls below `gradientTolerance` or after `maximumIterations`.
///
/// - Accuracy: the objective is strictly convex, so the solution matches scikit-learn's (lbfgs run to
///   convergence, tol=1e-10) up to the solvers' stopping rules; tests compare test-set accuracy within
///   `LogisticRegression.referenceAccuracyTolerance` (a few rows that sit on a decision boundary).
/// - Complexity: two `n×d×classes` Double GEMMs per objective evaluation; memory O(n·classes + d·classes).
public struct LogisticRegression: Sendable {
    public struct Options: Sendable {
        /// scikit-learn's inverse regularisation strength `C`.
        public var inverseRegularization = 1.0
        /// sklearn's default is 100; more lets unscaled features (digits' 0…16) converge.
        public var maximumIterations = 1000
        /// sklearn's `tol` (1e-4) applies to its scaled loss; 1e-5 on the mean loss is at least as tight.
        public var gradientTolerance = 1e-5
        public init() {}
    }

    /// Agreement with scikit-learn's accuracy on the reference cases: 0.01 (under 1 % of test rows).
    public static let referenceAccuracyTolerance = 0.01
    static let historySize = 10
    static let armijoConstant = 1e-4

    /// `(d + 1) × classes` row-major: d rows of weights, then the intercepts.
    public let parameters: [Double]
    public let dimension: Int
    public let classCount: Int
    public let iterations: Int

    /// - Parameters: `training` is `n×d`, `labels` n class indices in `0..<classCount`.
    /// - Throws: `MetricsError` for a label count mismatch, no rows or NaN/∞; `CancellationError`.
    public init(training: Matrix<Float>, labels: [Int], classCount: Int, options: Options = .init(), token: CancellationToken) throws {
        let metric = "logistic regression"
        guard labels.count == training.rows, training.rows >= 1 else {
            throw MetricsError(metric, "\(labels.count) labels for \(training.rows) training rows; need one label per row")
        }
        guard classCount >= 1 else { throw MetricsError(metric, "needs at least one class") }
        try requireFinite(training, metric: metric, name: "the training set")
        let objective = Objective(
            data: training.converted(to: Double.self), labels: labels, classCount: classCount,
            penalty: 1 / (options.inverseRegularization * Double(training.rows)))
        var x = Array(repeating: 0.0, count: (training.columns + 1) * classCount)
        var (value, gradient) = try objective.evaluate(x)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var iteration = 0
        while iteration < options.maximumIterations, gradient.map(abs).max() ?? 0 > options.gradientTolerance {
            try token.checkCancellation()
            var direction = Self.twoLoop(gradient, steps: steps, changes: changes).map { -$0 }
            var slope = Self.dot(direction, gradient)
            if slope >= 0 {  // Not a descent direction (curvature lost): restart from steepest descent.
                steps.removeAll()
                changes.removeAll()
                direction = gradient.map { -$0 }
                slope = -Self.dot(gradient, gradient)
            }
            var step = steps.isEmpty ? 1 / max(1, gradient.map(abs).max() ?? 1) : 1
            var candidate = x
            var candidateValue = value
            var candidateGradient = gradient
            var accepted = false
            for _ in 0..<60 {
                candidate = x
                Self.addScaled(&candidate, direction, step)
                (candidateValue, candidateGradient) = try objective.evaluate(candidate)
                if candidateValue <= value + Self.armijoConstant * step * slope { accepted = true; break }
                step /= 2
            }
            guard accepted else { break }  // No decrease possible at Double precision: converged.
            var s = candidate
            Self.addScaled(&s, x, -1)
            var y = candidateGradient
            Self.addScaled(&y, gradient, -1)
            if Self.dot(s, y) > 1e-12 {
                steps.append(s)
                changes.append(y)
                if steps.count > Self.historySize { steps.removeFirst(); changes.removeFirst() }
            }
            (x, value, gradient) = (candidate, candidateValue, candidateGradient)
            iteration += 1
        }
        parameters = x
        dimension = training.columns
        self.classCount = classCount
        iterations = iteration
    }

    /// The most probable class of each row (ties to the smaller index), n values.
    public func predict(_ queries: Matrix<Float>) throws -> [Int] {
        guard queries.columns == dimension else {
            throw MetricsError.dimensionMismatch("logistic regression", dimension, queries.columns)
        }
        let scores = try Objective.scores(queries.converted(to: Double.self), parameters, classCount: classCount)
        return (0..<queries.rows).map { row in
            let values = scores.row(row)
            let best = values.max() ?? 0
            return (values.firstIndex(of: best) ?? values.startIndex) - values.startIndex
        }
    }

    /// L-BFGS two-loop recursion (Nocedal & Wright, Algorithm 7.4): H·gradient for the stored pairs.
    static func twoLoop(_ gradient: [Double], steps: [[Double]], changes: [[Double]]) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for pair in steps.indices.reversed() {
            let alpha = dot(steps[pair], q) / dot(changes[pair], steps[pair])
            alphas[pair] = alpha
            addScaled(&q, changes[pair], -alpha)
        }
        if let s = steps.last, let y = changes.last {
            let scale = dot(s, y) / dot(y, y)
            for index in q.indices { q[index] *= scale }
        }
        for pair in steps.indices {
            let beta = dot(changes[pair], q) / dot(changes[pair], steps[pair])
            addScaled(&q, steps[pair], alphas[pair] - beta)
        }
        return q
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var total = 0.0
                for index in 0..<a.count { total += a[index] * b[index] }
                return total
            }
        }
    }

    /// `target += scale · other`.
    static func addScaled(_ target: inout [Double], _ other: [Double], _ scale: Double) {
        target.withUnsafeMutableBufferPointer { target in
            other.withUnsafeBufferPointer { other in
                for index in 0..<target.count { target[index] += scale * other[index] }
            }
        }
    }
}

/// Mean cross-entropy of softmax scores plus `penalty/2·‖W‖²`, and its gradient.
private struct Objective {
    let data: Matrix<Double>
    let transposed: Matrix<Double>
    let labels: [Int]
    let classCount: Int
    let penalty: Double

    init(data: Matrix<Double>, labels: [Int], classCount: Int, penalty: Double) {
        self.data = data
        let values = data.values
        let (n, d) = (data.rows, data.columns)
        transposed = Matrix(rows: d, columns: n, values: (0..<(d * n)).map { values[($0 % n) * d + $0 / n] })
        self.labels = labels
        self.classCount = classCount
        self.penalty = penalty
    }

    /// `n × classes` scores X·W + b.
    static func scores(_ data: Matrix<Double>, _ parameters: [Double], classCount: Int) throws -> Matrix<Double> {
        let d = data.columns
        let weights = Matrix(rows: d, columns: classCount, values: Array(parameters[0..<(d * classCount)]))
        var scores = try data.multiplied(by: weights)
        let intercepts = parameters[(d * classCount)...]
        scores.withUnsafeMutableBufferPointer { values in
            for index in values.indices { values[index] += intercepts[intercepts.startIndex + index % classCount] }
        }
        return scores
    }

    func evaluate(_ parameters: [Double]) throws -> (value: Double, gradient: [Double]) {
        let n = data.rows
        let d = data.columns
        let classes = classCount
        var residuals = try Self.scores(data, parameters, classCount: classes)
        var loss = 0.0
        var interceptGradient = [Double](repeating: 0, count: classes)
        residuals.withUnsafeMutableBufferPointer { values in
            let scale = 1 / Double(n)
            for row in 0..<n {
                let start = row * classes
                var largest = -Double.infinity
                for column in 0..<classes { largest = max(largest, values[start + column]) }
                let label = labels[row]
                // Cross-entropy from the scores, not from exp'd values that may underflow to 0.
                loss += largest - values[start + label]
                var total = 0.0
                for column in 0..<classes {
                    let shifted = exp(values[start + column] - largest)
                    values[start + column] = shifted
                    total += shifted
                }
                loss += log(total)
                for column in 0..<classes {
                    let residual = (values[start + column] / total - (column == label ? 1 : 0)) * scale
                    values[start + column] = residual
                    interceptGradient[column] += residual
                }
            }
        }
        var gradient = try transposed.multiplied(by: residuals).values
        var squaredWeights = 0.0
        for index in 0..<(d * classes) {
            squaredWeights += parameters[index] * parameters[index]
            gradient[index] += penalty * parameters[index]
        }
        gradient += interceptGradient
        return (loss / Double(n) + penalty / 2 * squaredWeights, gradient)
    }
}
