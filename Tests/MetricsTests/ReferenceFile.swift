import Foundation
import TestSupport

/// The committed datasets/reference/metrics/reference.json, decoded into whatever part a suite declares.
enum ReferenceFile {
    static func decode<T: Decodable>(_: T.Type) -> T {
        let url = RepositoryPaths.datasets.appendingPathComponent("reference/metrics/reference.json")
        // A missing or malformed committed file is a broken checkout; failing loudly is right in tests.
        return try! JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}
