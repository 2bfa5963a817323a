import Testing

@testable import LineEditing

@Suite struct UTF8ByteDecoderTests {
    /// Feeds `bytes` the way the character reader does (re-feeding a byte that cut a sequence short).
    func decode(_ bytes: [UInt8]) -> [UTF8ByteDecoder.Step] {
        var decoder = UTF8ByteDecoder()
        var steps: [UTF8ByteDecoder.Step] = []
        var index = 0
        while index < bytes.count {
            let (step, reprocess) = decoder.feed(bytes[index])
            if step != .needMore { steps.append(step) }
            if !reprocess { index += 1 }
        }
        if decoder.isInsideSequence { steps.append(.invalid) }
        return steps
    }

    @Test func validTextDecodesToItsScalars() {
        let text = "aé€😀"
        #expect(decode(Array(text.utf8)) == text.unicodeScalars.map { .scalar($0.value) })
    }

    @Test func invalidBytesAreReportedAndTheRestSurvives() {
        #expect(decode([0xFF, 0xFE, 0x9C]) == [.invalid, .invalid, .invalid], "the audit's ff fe 9c")
        #expect(decode([0xC3, 0x41]) == [.invalid, .scalar(0x41)], "a cut sequence keeps the byte that cut it")
        #expect(decode([0xC0, 0xAF]) == [.invalid, .invalid], "overlong '/'")
        #expect(decode([0xE0, 0x80, 0xAF]) == [.invalid], "overlong three-byte form")
        #expect(decode([0xED, 0xA0, 0x80]) == [.invalid], "a surrogate")
        #expect(decode([0xF4, 0x90, 0x80, 0x80]) == [.invalid], "past U+10FFFF")
        #expect(decode([0xE2, 0x82]) == [.invalid], "input ending inside a sequence")
    }

    @Test func agreesWithTheStandardLibraryOnEveryTwoByteInput() {
        for first in 0x80...0xFF {
            for second in [0x00, 0x41, 0x80, 0xBF, 0xC0, 0xFF] {
                let bytes = [UInt8(first), UInt8(second)]
                let valid = String(validating: bytes, as: UTF8.self) != nil
                #expect(decode(bytes).contains(.invalid) == !valid, "\(bytes)")
            }
        }
    }
}
