/// How several completion candidates are printed below the prompt: bash's layout, in columns filled top
/// to bottom then left to right, each column as wide as the longest candidate plus two spaces.
struct CandidateListing {
    /// Gap between columns, as bash and ls use.
    static let columnGap = 2
    /// Width assumed when the terminal does not say (the VT100 default).
    static let fallbackWidth = 80
    /// Above this many candidates bash first asks "Display all N possibilities?" (its
    /// `completion-query-items` default).
    static let confirmationThreshold = 100

    let candidates: [String]
    let terminalWidth: Int

    init(candidates: [String], terminalWidth: Int) {
        self.candidates = candidates
        self.terminalWidth = terminalWidth > 0 ? terminalWidth : Self.fallbackWidth
    }

    var needsConfirmation: Bool { candidates.count > Self.confirmationThreshold }

    /// Lines of text without trailing spaces. Width is measured in Characters, so East Asian wide
    /// characters make a column look narrower than it is.
    var lines: [String] {
        guard !candidates.isEmpty else { return [] }
        let columnWidth = (candidates.map(\.count).max() ?? 0) + Self.columnGap
        let columns = max(1, (terminalWidth + Self.columnGap) / columnWidth)
        let rows = (candidates.count + columns - 1) / columns
        return (0..<rows).map { row in
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < candidates.count else { break }
                let candidate = candidates[index]
                let isLast = index + rows >= candidates.count
                line += isLast ? candidate : candidate.padding(to: columnWidth)
            }
            return line
        }
    }

    /// The listing as printed: a newline to leave the prompt line, then each line.
    var text: String { "\n" + lines.map { $0 + "\n" }.joined() }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
