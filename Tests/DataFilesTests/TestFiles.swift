import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

/// Paths of committed fixtures and a scratch directory per test.
enum TestFiles {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    /// A fresh empty directory under the system temp directory.
    static func scratchDirectory() -> String {
        let path = NSTemporaryDirectory() + "datafiles-tests-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, named name: String, in directory: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static func dataset(_ loaded: LoadedFile) -> Dataset? {
        if case .dataset(let dataset) = loaded { return dataset }
        return nil
    }

    static func loadDataset(_ path: String, options: LoadOptions = .init()) throws -> Dataset {
        guard let dataset = dataset(try DataFileReader.load(path, options: options)) else {
            throw DataFileError(path: path, message: "expected a dataset")
        }
        return dataset
    }

    /// The error message `load` gives for `path`, or nil when it loads.
    static func loadError(_ path: String, options: LoadOptions = .init()) -> String? {
        do {
            _ = try DataFileReader.load(path, options: options)
            return nil
        } catch {
            return error.description
        }
    }
}
