@testable import Shell
import Testing

/// Numbers the language does not have (hexadecimal), whole numbers beyond Int, and reals that underflow
/// are refused with the allowed range, like any other out-of-range value.
@Suite struct NumberParsingTests {
    @Test func wholeNumbersBeyondIntNameTheRange() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "head digits n=99999999999999999999999").errors
            == "error: n=99999999999999999999999 is out of range 0…100000\n")
        #expect(fixture.output(of: "head digits n=-99999999999999999999999").errors
            == "error: n=-99999999999999999999999 is out of range 0…100000\n")
        #expect(fixture.output(of: "head digits n=1e30").errors == "error: n=1e30 is out of range 0…100000\n")
        #expect(fixture.output(of: "set seed=18446744073709551615").errors
            == "error: seed=18446744073709551615 is out of range 0…9223372036854775807\n")
        #expect(fixture.output(of: "head digits n=abc").errors.contains("n=abc: expected a whole number"))
    }

    @Test func hexadecimalIsRefusedWithAReason() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "head digits n=0x3").errors
            == "error: n=0x3: hexadecimal is not a number in modescope; write it in decimal\n")
        #expect(fixture.output(of: "sleep 0x1").errors
            == "error: '0x1' (SECONDS): hexadecimal is not a number in modescope; write it in decimal\n")
        #expect(fixture.output(of: "sleep -0X1p3").errors.contains("hexadecimal"))
    }

    @Test func underflowAndInfinityAreOutOfRange() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "sleep 1e-400").errors == "error: '1e-400' (SECONDS) is out of range 0…86400\n")
        #expect(fixture.output(of: "sleep 1e400").errors == "error: '1e400' (SECONDS) is out of range 0…86400\n")
        #expect(fixture.output(of: "sleep nan").errors == "error: 'nan' (SECONDS): expected a number\n")
        #expect(fixture.output(of: "sleep 0e5").outcome == .succeeded, "a written zero is zero")
        #expect(Binder.underflowsToZero("1e-400", 0))
        #expect(!Binder.underflowsToZero("0.000e-400", 0))
    }
}
