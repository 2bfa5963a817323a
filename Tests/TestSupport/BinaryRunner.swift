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
    /// `launcher` runs the binary through another program (e.g. `setpriv` to drop root).
    public static func run(
        _ arguments: [String], input: Data? = nil, directory: URL? = nil, environment: [String: String] = [:],
        interruptAfter: TimeInterval? = nil, timeout: TimeInterval = 120, launcher: [String] = []
    ) throws -> RunResult {
        var merged = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? RepositoryPaths.temporaryDirectory("modescope-home").path
        merged["HOME"] = home
        for variable in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "MODESCOPE_HISTORY", "NO_COLOR", "COLUMNS"] {
            merged.removeValue(forKey: variable)
        }
        for (key, value) in environment { merged[key] = value }
        let started = Date()
        let binary = RepositoryPaths.modescopeBinary.path
        let child = try ChildProcess(
            executable: launcher.first ?? binary, arguments: launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [binary] + arguments,
            environment: merged,
            directory: directory?.path, stdin: .pipe, stdout: .pipe, stderr: .pipe)
        if let input { child.write(input) }
        if interruptAfter == nil || input != nil { child.closeInput() }
        if let interruptAfter {
            Thread.sleep(forTimeInterval: interruptAfter)
            child.send(SIGINT)
        }
        let status = child.wait(timeout: timeout)
        return RunResult(
            status: status, output: String(decoding: child.output(of: 1), as: UTF8.self),
            errors: String(decoding: child.output(of: 2), as: UTF8.self), elapsed: Date().timeIntervalSince(started))
    }
}
