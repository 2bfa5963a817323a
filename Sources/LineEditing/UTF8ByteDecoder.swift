/// Decodes UTF-8 one byte at a time, for the character reader libedit calls: libedit's own reader drops
/// invalid bytes without a word, so the prompt could not report them. Rejects what Swift's
/// `String(validating:)` rejects: stray continuation bytes, overlong forms, surrogates, values past U+10FFFF.
struct UTF8ByteDecoder {
    enum Step: Equatable {
        case scalar(UInt32)
        case invalid
        case needMore
    }

    private var remaining = 0
    private var value: UInt32 = 0
    private var minimum: UInt32 = 0

    /// True while a multi-byte sequence is incomplete.
    var isInsideSequence: Bool { remaining > 0 }

    /// Feeds one byte. `reprocess` is true when `byte` cut a sequence short: that sequence is invalid, and
    /// the byte must be fed again as the start of what follows.
    mutating func feed(_ byte: UInt8) -> (step: Step, reprocess: Bool) {
        if remaining > 0 {
            guard byte & 0xC0 == 0x80 else {
                remaining = 0
                return (.invalid, true)
            }
            value = value << 6 | UInt32(byte & 0x3F)
            remaining -= 1
            guard remaining == 0 else { return (.needMore, false) }
            let isScalar = value >= minimum && value <= 0x10FFFF && !(0xD800...0xDFFF).contains(value)
            return (isScalar ? .scalar(value) : .invalid, false)
        }
        switch byte {
        case 0x00...0x7F: return (.scalar(UInt32(byte)), false)
        case 0xC2...0xDF: start(UInt32(byte & 0x1F), continuationBytes: 1, minimum: 0x80)
        case 0xE0...0xEF: start(UInt32(byte & 0x0F), continuationBytes: 2, minimum: 0x800)
        case 0xF0...0xF4: start(UInt32(byte & 0x07), continuationBytes: 3, minimum: 0x1_0000)
        default: return (.invalid, false)
        }
        return (.needMore, false)
    }

    /// Forgets a partial sequence (the line was discarded or input ended).
    mutating func reset() { remaining = 0 }

    private mutating func start(_ bits: UInt32, continuationBytes: Int, minimum: UInt32) {
        value = bits
        remaining = continuationBytes
        self.minimum = minimum
    }
}
