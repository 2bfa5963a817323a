/// An error a command reports to the user. `offset` points at the offending word when known, so the
/// interactive prompt can underline it; the message always stands on its own.
public struct ShellError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int?

    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}

/// "did you mean" suggestions by edit distance, as swift-argument-parser's UsageGenerator does.
enum Suggestions {
    /// Candidates within this many edits are offered; more than that is a different word, not a typo.
    static let maximumDistance = 2

    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        // A one-character candidate is one edit from every one-letter word: offered only for a longer word
        // (`nn` → `n`), and punctuation aliases (`?`) never.
        let candidates = candidates.filter { $0.count > 1 || (lowered.count > 1 && $0.allSatisfy(\.isLetter)) }
        for candidate in candidates {
            // The distance is at least the length difference: skip the O(n·m) table for a pasted megabyte.
            guard abs(lowered.count - candidate.count) <= maximumDistance else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            let limit = min(maximumDistance, max(1, candidate.count / 3))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        // With no near miss, a word that starts a candidate is taken as its abbreviation (`q` for `quit`);
        // the shortest such candidate wins.
        if best == nil, !lowered.isEmpty,
           let prefixMatch = candidates.filter({ $0.lowercased().hasPrefix(lowered) })
               .min(by: { ($0.count, $0) < ($1.count, $1) }) {
            return prefixMatch
        }
        return best?.candidate
    }

    static func phrase(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " — did you mean '\($0)'?" } ?? ""
    }

    /// Damerau–Levenshtein (optimal string alignment) distance: a swapped pair of letters is one typo.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
