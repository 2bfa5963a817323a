public import Foundation

/// What a run of the `modescope` binary produced.
public struct RunResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
    public var elapsed: TimeInterval
}

/// Runs the built `modescope` binary as a user would, with its own environment and working directory.
public enum BinaryRunner {
    /// Runs `arguments`, feeding `input` on stdin (closed afterwards); `interruptAfter` sends SIGINT after
    /// that many seconds. Gives up (SIGKILL) after `timeout` seconds so a hang fails the test, not CI.
    public static func run(
        _ arguments: [String], input: Data? = nil, directory: URL? = nil, environment: [String: String] = [:],
        interruptAfter: TimeInterval? = nil, timeout: TimeInterval = 120
    ) throws -> RunResult {
        let process = Process()
        process.executableURL = RepositoryPaths.modescopeBinary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var merged = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? RepositoryPaths.temporaryDirectory("modescope-home").path
        merged["HOME"] = home
        for variable in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "MODESCOPE_HISTORY", "NO_COLOR", "COLUMNS"] {
            merged.removeValue(forKey: variable)
        }
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        let started = Date()
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let outputBox = DataBox()
        let errorBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(stdout, outputBox), (stderr, errorBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
        if interruptAfter == nil || input != nil { try? stdin.fileHandleForWriting.close() }
        if let interruptAfter {
            Thread.sleep(forTimeInterval: interruptAfter)
            kill(process.processIdentifier, SIGINT)
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? stdin.fileHandleForWriting.close()
        group.wait()
        return RunResult(
            status: process.terminationStatus, output: String(decoding: outputBox.data, as: UTF8.self),
            errors: String(decoding: errorBox.data, as: UTF8.self), elapsed: Date().timeIntervalSince(started))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
