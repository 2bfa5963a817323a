import LinearAlgebra

/// Whether a point exactly on a k-NN ball's boundary counts as inside.
///
/// prdc (density/coverage) counts `distance < radius` (`strict`), so a duplicated row, whose radius is 0,
/// never contains anything; improved precision/recall (torch-fidelity, kynkaat's code) counts
/// `distance <= radius` (`inclusive`).
public enum BallBoundary: String, Sendable, CaseIterable {
    case strict, inclusive

    @inline(__always) func contains(squaredDistance: Double, squaredRadius: Double) -> Bool {
        self == .strict ? squaredDistance < squaredRadius : squaredDistance <= squaredRadius
    }
}

/// How distances are compared with radii.
///
/// The prdc package computes distances with scikit-learn, which for float32 features works in float64 and
/// returns float32 distances: pairs whose distances round to the same float32 tie there. `float32`
/// reproduces that (`Float(d²).squareRoot()` against `Float(r²).squareRoot()`), so counts equal prdc's on
/// float32 input; `exact` compares the exact squared distances, equal to prdc on float64 input.
public enum DistanceRounding: String, Sendable, CaseIterable {
    case exact, float32

    @inline(__always) func rounded(_ squaredDistance: Double) -> Double {
        self == .exact ? squaredDistance : Double(Float(squaredDistance).squareRoot())
    }
}

/// The k-NN balls around the reference rows of a screen: exact squared radii and the comparison rules.
struct BallSet: Sendable {
    var squaredRadii: [Double]
    var boundary: BallBoundary
    var rounding = DistanceRounding.exact
}

/// For query points against one or more sets of balls around the reference points: which queries fall in
/// at least one ball, how many (query, ball) pairs contain each other, and which balls hold a query.
///
/// Exact: a pair is decided from its GEMM value when that is outside the error band around the radius,
/// and recomputed in Double otherwise (see `DistanceScreen`). One GEMM pass for all ball sets.
struct BallMembership: Sendable {
    /// Per query: inside at least one ball.
    var queryInsideSome: [Bool]
    /// Per ball: holds at least one query.
    var ballHoldsSome: [Bool]
    /// Σ over queries of the number of balls containing it.
    var containmentCount: Int

    /// One result per entry of `ballSets`.
    static func compute(screen: DistanceScreen, ballSets: [BallSet], token: CancellationToken) throws -> [BallMembership] {
        let m = screen.references.rows
        // Per ball: the radius minus / plus its share of the margin, rounded outwards to Float.
        let bands = ballSets.map { set in
            (lower: (0..<m).map { Float(set.squaredRadii[$0]).nextDown - screen.referenceMargins[$0] },
             upper: (0..<m).map { Float(set.squaredRadii[$0]).nextUp + screen.referenceMargins[$0] })
        }
        var results = ballSets.map { _ in
            BallMembership(queryInsideSome: [], ballHoldsSome: [Bool](repeating: false, count: m), containmentCount: 0)
        }
        struct Partial: Sendable {
            var inside: [Bool] = []
            var heldBalls: [Int32] = []
            var count = 0
        }
        try screen.pass(token: token, { rows, products in
            var partials = [Partial](repeating: Partial(), count: ballSets.count)
            var held = [Bool](repeating: false, count: m)
            for (setIndex, set) in ballSets.enumerated() {
                for index in held.indices { held[index] = false }
                let band = bands[setIndex]
                for row in rows {
                    let values = products.row(row)
                    let rowNorm = screen.queryNorms[row]
                    let rowMargin = screen.queryMargins[row]
                    var inside = false
                    for column in 0..<m {
                        let value = values[column] + rowNorm + screen.referenceNorms[column]
                        let contained: Bool
                        if value + rowMargin < band.lower[column] {
                            contained = true
                        } else if value - rowMargin > band.upper[column] {
                            contained = false
                        } else {
                            // Float32 rounding moves a distance by far less than the band is wide, so
                            // only pairs in the band can change sides under `rounding`.
                            contained = set.boundary.contains(
                                squaredDistance: set.rounding.rounded(screen.exact(query: row, reference: column)),
                                squaredRadius: set.rounding.rounded(set.squaredRadii[column]))
                        }
                        if contained {
                            inside = true
                            partials[setIndex].count += 1
                            held[column] = true
                        }
                    }
                    partials[setIndex].inside.append(inside)
                }
                partials[setIndex].heldBalls = held.indices.compactMap { held[$0] ? Int32($0) : nil }
            }
            return partials
        }, combine: { partials in
            for (setIndex, partial) in partials.enumerated() {
                results[setIndex].queryInsideSome.append(contentsOf: partial.inside)
                for ball in partial.heldBalls { results[setIndex].ballHoldsSome[Int(ball)] = true }
                results[setIndex].containmentCount += partial.count
            }
        })
        return results
    }
}
