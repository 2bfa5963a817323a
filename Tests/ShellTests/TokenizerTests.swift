import Testing
@testable import Shell

@Suite struct TokenizerTests {
    func words(_ line: String) throws -> [[String]] {
        try Tokenizer.statements(in: line).map { $0.map(\.text) }
    }

    @Test func splitsWordsStatementsAndComments() throws {
        #expect(try words("load x a.npy  labels=y ; describe x # comment; not a statement") == [
            ["load", "x", "a.npy", "labels=y"], ["describe", "x"],
        ])
        #expect(try words("   ") == [])
        #expect(try words("; ;echo a;") == [["echo", "a"]])
        #expect(try words("echo a#b") == [["echo", "a#b"]])
    }

    @Test func quotesAndEscapes() throws {
        #expect(try words(#"echo "a b" 'c "d"' e\ f "x\"y\\z\n""#) == [["echo", "a b", #"c "d""#, "e f", "x\"y\\z\n"]])
        #expect(try words(#"echo 'it''s'"#) == [["echo", "its"]])
        #expect(try words(#"echo "semi;colon" '#hash'"#) == [["echo", "semi;colon", "#hash"]])
        let tokens = try Tokenizer.statements(in: #"x "k=v""#)[0]
        #expect(tokens[1].wasQuoted && !tokens[0].wasQuoted)
    }

    @Test func offsetsPointAtWords() throws {
        let tokens = try Tokenizer.statements(in: "load  x 'p q'")[0]
        #expect(tokens.map(\.offset) == [0, 6, 8])
    }

    @Test func reportsUnterminatedQuotesAndControlCharacters() {
        #expect(throws: SyntaxError(message: "unterminated double quote", offset: 5)) { try Tokenizer.statements(in: #"echo "abc"#) }
        #expect(throws: SyntaxError(message: "unterminated single quote", offset: 5)) { try Tokenizer.statements(in: "echo 'abc") }
        #expect(throws: SyntaxError.self) { try Tokenizer.statements(in: "echo \u{07}bell") }
    }

    @Test func continuationDetection() {
        #expect(Tokenizer.needsContinuation("load x \\"))
        #expect(Tokenizer.needsContinuation("echo \"open"))
        #expect(Tokenizer.needsContinuation("echo 'open"))
        #expect(!Tokenizer.needsContinuation("echo 'closed'"))
        #expect(!Tokenizer.needsContinuation("echo # it's a comment"))
        #expect(!Tokenizer.needsContinuation("echo \\\\"))
    }

    @Test func assemblerJoinsContinuedLinesAndKeepsTheFirstLineNumber() {
        var assembler = LineAssembler()
        #expect(assembler.feed("load x \\", lineNumber: 3) == nil)
        #expect(assembler.isContinuing)
        let joined = assembler.feed("  a.npy", lineNumber: 4)
        #expect(joined?.text == "load x   a.npy" && joined?.line == 3)
        #expect(assembler.feed("echo \"a", lineNumber: 5) == nil)
        #expect(assembler.feed("b\"", lineNumber: 6)?.text == "echo \"a\nb\"")
        #expect(assembler.feed("echo 'never closed", lineNumber: 7) == nil)
        #expect(assembler.finish()?.line == 7)
    }
}

@Suite struct OptionWordTests {
    @Test func anOptionMayHaveAQuotedValueButAQuotedWordIsNeverAnOption() throws {
        let tokens = try Tokenizer.statements(in: #"plot title="a = b" "k=v" k\=v x=1"#)[0]
        #expect(Binder.optionParts(tokens[1])?.key == "title")
        #expect(Binder.optionParts(tokens[1])?.value == "a = b")
        #expect(Binder.optionParts(tokens[2]) == nil)
        #expect(Binder.optionParts(tokens[3]) == nil)
        #expect(Binder.optionParts(tokens[4])?.value == "1")
    }
}
