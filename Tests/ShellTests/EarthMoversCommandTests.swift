import Foundation
import Testing
import TestSupport

@testable import Shell

/// `metrics … only=emd`: which solver `emd=auto|exact|sinkhorn` picks, the Sinkhorn values against POT
/// (datasets/reference/metrics/sinkhorn.json, 1e-6 relative) and the option errors.
@Suite struct EarthMoversCommandTests {
    struct CostReference: Decodable {
        let epsilon: Double
        let transport_cost: Double
    }

    struct Case: Decodable {
        let w1: CostReference
        let w2: CostReference
    }

    struct Reference: Decodable { let ring_collapsed: Case }

    static let ring: Case = ReferenceFile.decode(Reference.self, file: "sinkhorn.json").ring_collapsed

    func json(_ fixture: ShellFixture, _ line: String) throws -> [String: Any] {
        fixture.run("mode json")
        let output = fixture.output(of: line)
        #expect(output.outcome == .succeeded, "\(output.errors)")
        return try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as? [String: Any] ?? [:]
    }

    static func relativeError(_ value: Any?, _ expected: Double) -> Double {
        guard let value = value as? Double else { return .infinity }
        return abs(value - expected) / expected
    }

    @Test func unequalSizesRunSinkhornAndAgreeWithPOT() throws {
        let fixture = ShellFixture()
        let object = try json(fixture, "metrics ring[0:400] ring_fake[0:300] only=emd")
        #expect(object["emd_method"] as? String == "sinkhorn")
        #expect(object["emd_eps"] as? Double == 0.01)
        #expect((object["emd_iterations"] as? Int ?? 0) > 0)
        #expect((object["emd_w2_iterations"] as? Int ?? 0) > 0)
        #expect(Self.relativeError(object["emd"], Self.ring.w1.transport_cost) <= 1e-6, "\(object["emd"] ?? "none")")
        #expect(Self.relativeError(object["emd_w2"], Self.ring.w2.transport_cost.squareRoot()) <= 1e-6)
        let notes = (object["notes"] as? [String] ?? []).joined(separator: "\n")
        #expect(notes.contains("emd: entropic Sinkhorn (400 vs 300 rows), ε = 0.01 × mean cost"), "\(notes)")
        #expect(notes.contains("biased up"))
    }

    @Test func autoPicksTheExactSolverForEqualSizes() throws {
        let fixture = ShellFixture()
        let exact = try json(fixture, "metrics ring[0:100] ring_fake[0:100] only=emd")
        #expect(exact["emd_method"] as? String == "exact")
        #expect(exact["emd_eps"] == nil)
        let entropic = try json(fixture, "metrics ring[0:100] ring_fake[0:100] only=emd emd=sinkhorn emd_eps=0.05")
        #expect(entropic["emd_method"] as? String == "sinkhorn")
        #expect(entropic["emd_eps"] as? Double == 0.05)
        // The entropic plan's cost is never below the optimum, and ε = 0.05 keeps it within a few %.
        for key in ["emd", "emd_w2"] {
            guard let value = entropic[key] as? Double, let optimum = exact[key] as? Double else {
                Issue.record("missing \(key)")
                continue
            }
            #expect(value >= optimum && value <= optimum * 1.05, "\(key): \(value) vs exact \(optimum)")
        }
    }

    @Test func optionErrorsAreClear() {
        let fixture = ShellFixture()
        #expect(fixture.output(of: "metrics ring[0:10] ring_fake[0:20] only=emd emd=exact").errors.contains("needs equally many real and fake rows (10 vs 20)"))
        #expect(fixture.output(of: "metrics ring[0:10] ring_fake[0:10] only=emd emd_eps=0.1").errors.contains("add emd=sinkhorn or drop emd_eps="))
        #expect(fixture.output(of: "metrics ring[0:10] ring_fake[0:20] only=emd emd_eps=0").outcome == .failed)
        #expect(fixture.output(of: "metrics ring[0:10] ring_fake[0:20] only=emd emd=fast").outcome == .failed)
    }
}
