/// Text widths estimated without a font engine, and text fitted to a width by wrapping or ellipsis.
/// Widths err on the wide side so reserved room (legends, titles, tick labels) is never too small.
enum TextMetrics {
    /// Advance widths as fractions of the font size, rounded up from DejaVu Sans (the widest of the
    /// fonts `font-family` names; Helvetica/Arial are narrower): i/l ≈ 0.28, space 0.32, digits 0.64,
    /// lower case ≈ 0.62, capitals ≈ 0.70–0.77, M 0.86, m/W ≈ 0.98. East Asian wide characters take a
    /// full em.
    static func advance(of character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if character.isWhitespace { return 0.33 }
        if isEastAsianWide(scalar.value) { return 1.0 }
        if "iljI.,:;'|!`".contains(character) { return 0.34 }
        if "ftr()[]{}\"-/\\".contains(character) { return 0.42 }
        if "mwMW@%…—".contains(character) { return 1.0 }
        if character.isUppercase { return 0.78 }
        if character.isNumber { return 0.64 }
        return 0.64
    }

    /// Bold type is about 10 % wider in DejaVu Sans Bold.
    static let boldFactor = 1.1

    /// CJK, Hangul, full-width forms: the blocks East Asian Width calls "W"/"F" that labels realistically use.
    static func isEastAsianWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
            || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
            || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    /// Estimated width in pixels of `text` at `size`.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.reduce(0) { $0 + advance(of: $1) } * size * (bold ? boldFactor : 1)
    }

    /// `text` shortened with "…" so that it fits `available` pixels (at least one character is kept).
    static func truncated(_ text: String, toWidth available: Double, size: Double, bold: Bool = false) -> String {
        guard width(text, size: size, bold: bold) > available else { return text }
        let budget = available - width("…", size: size, bold: bold)
        var kept = ""
        var used = 0.0
        for character in text {
            let advance = width(String(character), size: size, bold: bold)
            if used + advance > budget { break }
            kept.append(character)
            used += advance
        }
        while kept.count > 1, kept.last?.isWhitespace == true { kept.removeLast() }
        if kept.isEmpty, let first = text.first { kept.append(first) }
        return kept + "…"
    }

    /// `text` broken at spaces into at most `maximumLines` lines of at most `available` pixels; the last
    /// line is ellipsized when the text does not fit. Words longer than a line are ellipsized on their own.
    static func wrapped(
        _ text: String, toWidth available: Double, size: Double, bold: Bool = false, maximumLines: Int
    ) -> [String] {
        guard !text.isEmpty else { return [] }
        if width(text, size: size, bold: bold) <= available { return [text] }
        var lines: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            if let last = lines.last, width(last + " " + word, size: size, bold: bold) <= available {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(word)
            }
        }
        let maximumLines = max(maximumLines, 1)
        if lines.count > maximumLines {
            let rest = lines[(maximumLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maximumLines - 1)) + [rest]
        }
        return lines.map { truncated($0, toWidth: available, size: size, bold: bold) }
    }
}
