import LinearAlgebra
import TestSupport
import Testing

/// The shared tolerance helper must reject what it should, or every numeric test is vacuous.
@Suite struct TestSupportTests {
    @Test func approximateEqualityHonoursBothTolerances() {
        #expect(isApproximatelyEqual([1.0, 100.0], [1.0 + 1e-7, 100.0 + 1e-5], relative: 1e-6))
        #expect(!isApproximatelyEqual([1.0, 100.0], [1.0, 100.01], relative: 1e-6))
        #expect(!isApproximatelyEqual([Float(0)], [1e-9], relative: 1e-6))
        #expect(isApproximatelyEqual([Float(0)], [1e-9], relative: 1e-6, absolute: 1e-8))
        #expect(!isApproximatelyEqual([1.0], [1.0, 2.0], relative: 1))
    }

    @Test func fixtureLookupNamesTheMissingFile() {
        do {
            _ = try fixtureURL("no-such-file.json", in: .module)
            Issue.record("expected a missing-fixture error")
        } catch {
            #expect("\(error)".contains("no-such-file.json"))
        }
    }
}
