import Foundation

/// A committed reference file under datasets/reference/metrics/ (reference.json unless named), decoded into
/// whatever part a suite declares.
public enum ReferenceFile {
    public static func decode<T: Decodable>(_: T.Type, file: String = "reference.json") -> T {
        let url = RepositoryPaths.datasets.appendingPathComponent("reference/metrics/\(file)")
        // A missing or malformed committed file is a broken checkout; failing loudly is right in tests.
        return try! JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}
