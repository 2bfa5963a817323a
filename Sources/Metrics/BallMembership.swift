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

/// For query points against the k-NN balls around reference points: which queries fall in at least one
/// ball, how many (query, ball) pairs contain each other, and which balls hold at least one query.
///
/// Exact: pairs whose GEMM value is within the screen's error margin of a ball's radius are recomputed in
/// Double (see `DistanceScreen`). One GEMM pass, no `n × m` matrix.
struct BallMembership: Sendable {
    /// Per query: inside at least one ball.
    var queryInsideSome: [Bool]
    /// Per ball: holds at least one query.
    var ballHoldsSome: [Bool]
    /// Σ over queries of the number of balls containing it.
    var containmentCount: Int

    init(screen: DistanceScreen, squaredRadii: [Double], boundary: BallBoundary, token: CancellationToken) throws {
        let m = screen.references.rows
        var insideSome: [Bool] = []
        insideSome.reserveCapacity(screen.queries.rows)
        var holds = [Bool](repeating: false, count: m)
        var total = 0
        struct Partial: Sendable {
            var inside: [Bool]
            var heldBalls: [Int32]
            var count: Int
        }
        try screen.pass(token: token, { rows, approximate in
            var partial = Partial(inside: [], heldBalls: [], count: 0)
            var held = [Bool](repeating: false, count: m)
            for row in rows {
                let values = approximate.row(row)
                var inside = false
                for column in 0..<m {
                    let approximateValue = Double(values[column])
                    let margin = screen.margin(query: row, reference: column)
                    let radius = squaredRadii[column]
                    let contained: Bool
                    if approximateValue + margin < radius {
                        contained = true
                    } else if approximateValue - margin > radius {
                        contained = false
                    } else {
                        contained = boundary.contains(
                            squaredDistance: screen.exact(query: row, reference: column), squaredRadius: radius)
                    }
                    if contained {
                        inside = true
                        partial.count += 1
                        held[column] = true
                    }
                }
                partial.inside.append(inside)
            }
            partial.heldBalls = held.indices.compactMap { held[$0] ? Int32($0) : nil }
            return partial
        }, combine: { partial in
            insideSome.append(contentsOf: partial.inside)
            for ball in partial.heldBalls { holds[Int(ball)] = true }
            total += partial.count
        })
        queryInsideSome = insideSome
        ballHoldsSome = holds
        containmentCount = total
    }
}
