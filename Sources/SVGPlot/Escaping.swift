/// XML 1.0 `Char` production: tab, newline, carriage return, and the ranges 0x20–0xD7FF,
/// 0xE000–0xFFFD, 0x10000–0x10FFFF. Everything else cannot appear in a well-formed document, even
/// escaped, so it is dropped.
func isLegalXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: return true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
}

/// Escapes character data: `&`, `<`, `>` and quotes become entities (quotes need not be escaped in
/// text, but then no substring of the file ever looks like an attribute); illegal characters are dropped.
func escapeText(_ text: String) -> String {
    escape(text, forAttribute: false)
}

/// Escapes a double-quoted attribute value: as `escapeText`, plus whitespace control characters as
/// character references so attribute-value normalisation keeps them.
func escapeAttribute(_ text: String) -> String {
    escape(text, forAttribute: true)
}

private func escape(_ text: String, forAttribute: Bool) -> String {
    var output = String()
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars where isLegalXMLCharacter(scalar) {
        switch scalar {
        case "&": output += "&amp;"
        case "<": output += "&lt;"
        case ">": output += "&gt;"
        case "\"": output += "&quot;"
        case "'": output += "&apos;"
        case "\t" where forAttribute: output += "&#9;"
        case "\n" where forAttribute: output += "&#10;"
        case "\r" where forAttribute: output += "&#13;"
        default: output.unicodeScalars.append(scalar)
        }
    }
    return output
}
