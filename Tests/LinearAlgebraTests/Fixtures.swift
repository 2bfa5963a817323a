import Foundation
import TestSupport

/// The matrices `scripts/reference/linear_algebra.py` wrote, by name.
enum Reference {
    static let matrices: [String: FixtureMatrix] = {
        do {
            return try loadJSONFixture("linear_algebra.json", in: .module)
        } catch {
            fatalError("cannot load linear_algebra.json: \(error)")
        }
    }()

    static func matrix(_ name: String) throws -> FixtureMatrix {
        guard let matrix = matrices[name] else { throw FixtureError.missing("linear_algebra.json: \(name)") }
        return matrix
    }
}
