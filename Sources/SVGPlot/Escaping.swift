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
    var output = String()
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars where isLegalXMLCharacter(scalar) {
        switch scalar {
        case "&": output += "&amp;"
        case "<": output += "&lt;"
        case ">": output += "&gt;"
        case "\"": output += "&quot;"
        case "'": output += "&apos;"
        default: output.unicodeScalars.append(scalar)
        }
    }
    return output
}

/// Escapes a double-quoted attribute value: as `escapeText`, plus quotes, and whitespace control
/// characters as character references so attribute-value normalisation keeps them.
func escapeAttribute(_ text: String) -> String {
    var output = String()
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars where isLegalXMLCharacter(scalar) {
        switch scalar {
        case "&": output += "&amp;"
        case "<": output += "&lt;"
        case ">": output += "&gt;"
        case "\"": output += "&quot;"
        case "'": output += "&apos;"
        case "\t": output += "&#9;"
        case "\n": output += "&#10;"
        case "\r": output += "&#13;"
        default: output.unicodeScalars.append(scalar)
        }
    }
    return output
}
