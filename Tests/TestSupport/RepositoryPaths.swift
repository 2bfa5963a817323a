public import Foundation

/// Paths inside the source checkout, for tests that read bundled datasets or run the built binary.
public enum RepositoryPaths {
    /// The package root (the directory holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var datasets: URL { root.appendingPathComponent("datasets") }

    /// The `modescope` binary next to the running test bundle (both are products of the same build),
    /// or `MODESCOPE_BINARY` when set.
    public static var modescopeBinary: URL {
        if let override = ProcessInfo.processInfo.environment["MODESCOPE_BINARY"] { return URL(fileURLWithPath: override) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("modescope")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/modescope")
    }

    /// A fresh empty directory under the system temporary directory.
    public static func temporaryDirectory(_ label: String = "modescope-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
