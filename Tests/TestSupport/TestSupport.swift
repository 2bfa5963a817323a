// TestSupport — helpers shared by the test targets (fixture paths, approximate comparison).
public import Foundation
public import LinearAlgebra
public import Testing

/// A fixture file in a test target's `Fixtures` folder (declared `.copy("Fixtures")`).
///
/// Pass the calling target's `Bundle.module`; every test target has its own bundle.
/// - Throws: `FixtureError.missing` naming the file and where it was looked for.
public func fixtureURL(_ name: String, in bundle: Bundle) throws -> URL {
    let url = (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent("Fixtures").appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError.missing(url.path) }
    return url
}

/// Decodes a JSON fixture from a test target's `Fixtures` folder.
public func loadJSONFixture<T: Decodable>(_ name: String, as type: T.Type = T.self, in bundle: Bundle) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(contentsOf: fixtureURL(name, in: bundle)))
}

public enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    public var description: String {
        switch self {
        case let .missing(path):
            "fixture \(path) not found: is it under the target's Fixtures/ and declared `.copy(\"Fixtures\")`?"
        }
    }
}

/// A matrix as reference scripts write it: `{"rows", "columns", "values"}` with row-major values.
public struct FixtureMatrix: Decodable, Sendable {
    public let rows: Int
    public let columns: Int
    public let values: [Double]

    public var doubleMatrix: Matrix<Double> { Matrix(rows: rows, columns: columns, values: values) }
    /// Exact when the values were float32 widened to float64.
    public var floatMatrix: Matrix<Float> { Matrix(rows: rows, columns: columns, values: values.map { Float($0) }) }
}

/// Whether `|actual − expected| ≤ absolute + relative·|expected|` holds for every pair.
///
/// Like swift-numerics' `isApproximatelyEqual`, this is not transitive; choose `absolute` for entries
/// that should be zero (e.g. `relative · max|expected|` for a norm-wise check).
public func isApproximatelyEqual<A: BinaryFloatingPoint, B: BinaryFloatingPoint>(
    _ actual: some Collection<A>, _ expected: some Collection<B>, relative: Double, absolute: Double = 0
) -> Bool {
    guard actual.count == expected.count else { return false }
    return zip(actual, expected).allSatisfy { a, e in
        abs(Double(a) - Double(e)) <= absolute + relative * abs(Double(e))
    }
}

/// Records an issue (with the worst offending index) unless `actual` ≈ `expected` element-wise;
/// see `isApproximatelyEqual` for the tolerance.
public func expectApproximatelyEqual<A: BinaryFloatingPoint, B: BinaryFloatingPoint>(
    _ actual: some Collection<A>, _ expected: some Collection<B>, relative: Double, absolute: Double = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("count \(actual.count) ≠ expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    let excess = zip(actual, expected).map { a, e in
        abs(Double(a) - Double(e)) - (absolute + relative * abs(Double(e)))
    }
    guard let worst = excess.indices.max(by: { excess[$0] < excess[$1] }), excess[worst] > 0 else { return }
    let a = Array(actual)[worst]
    let e = Array(expected)[worst]
    Issue.record(
        "element \(worst): \(a) vs expected \(e) (tolerance \(absolute) + \(relative)·|expected|)",
        sourceLocation: sourceLocation)
}

/// Matrix form of `expectApproximatelyEqual`: shapes must match, then values element-wise.
public func expectApproximatelyEqual<A: MatrixScalar, B: MatrixScalar>(
    _ actual: Matrix<A>, _ expected: Matrix<B>, relative: Double, absolute: Double = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.rows == expected.rows, actual.columns == expected.columns else {
        Issue.record(
            "shape \(actual.rows)×\(actual.columns) ≠ expected \(expected.rows)×\(expected.columns)",
            sourceLocation: sourceLocation)
        return
    }
    expectApproximatelyEqual(
        actual.values, expected.values, relative: relative, absolute: absolute, sourceLocation: sourceLocation)
}
