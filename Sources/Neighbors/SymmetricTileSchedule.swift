/// The order in which `SymmetricSearch` visits the tiles of the upper block triangle: rounds in which no
/// two tiles share a block, so the workers of one round update disjoint heaps without locks.
///
/// Round 0 holds the diagonal tiles `(b, b)`; then the circle method of round-robin tournaments (Kirkman,
/// 1847; any "round-robin scheduling" text) pairs every two blocks exactly once over `B − 1` rounds of
/// `B / 2` tiles (a bye when `B` is odd). Every round is nearly as long as the blocks are many halved,
/// so two workers balance within one tile per round.
enum SymmetricTileSchedule {
    /// Tile `(rowBlock, columnBlock)`, `rowBlock ≤ columnBlock`.
    struct Tile: Equatable, Sendable {
        let rowBlock: Int
        let columnBlock: Int
    }

    /// Every tile with `rowBlock ≤ columnBlock < blockCount` exactly once, grouped in block-disjoint rounds.
    static func rounds(blockCount: Int) -> [[Tile]] {
        guard blockCount > 0 else { return [] }
        var rounds = [(0..<blockCount).map { Tile(rowBlock: $0, columnBlock: $0) }]
        // With an odd count, a phantom block `blockCount` sits out one round each (the bye).
        let players = blockCount % 2 == 0 ? blockCount : blockCount + 1
        let rotating = players - 1
        for round in 0..<rotating {
            var tiles: [Tile] = []
            var pairs = [(players - 1, round)]
            for step in 1..<(players / 2) {
                pairs.append(((round + step) % rotating, (round - step + rotating) % rotating))
            }
            for (a, b) in pairs where a < blockCount && b < blockCount {
                tiles.append(Tile(rowBlock: min(a, b), columnBlock: max(a, b)))
            }
            if !tiles.isEmpty { rounds.append(tiles) }
        }
        return rounds
    }
}
