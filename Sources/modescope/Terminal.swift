import Foundation
import Shell

/// Writes the shell's output to the process's stdout and stderr, unbuffered, so prompts, progress and
/// results interleave in the right order even when stdout is a pipe.
final class StandardStreams: OutputSink {
    func writeOutput(_ text: String) { Self.write(text, to: 1) }
    func writeError(_ text: String) { Self.write(text, to: 2) }

    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBufferPointer { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }
}

/// Reads raw lines from a file descriptor without decoding them (the shell reports non-UTF-8 input with
/// its line number) and without blocking Ctrl-C: it polls so a SIGINT while waiting for piped input ends
/// the run promptly even though the handler uses SA_RESTART.
final class DescriptorLineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var reachedEnd = false
    private let isInterrupted: () -> Bool

    init(descriptor: Int32, isInterrupted: @escaping () -> Bool) {
        self.descriptor = descriptor
        self.isInterrupted = isInterrupted
    }

    func nextLine() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                compact()
                return line
            }
            if reachedEnd {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            if isInterrupted() { return nil }
            var descriptorPoll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptorPoll, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                reachedEnd = true
            } else if count == 0 {
                reachedEnd = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }

    private func compact() {
        if start > 1 << 20 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}

/// The XDG locations modescope uses, with their documented fallbacks.
enum UserDirectories {
    static func base(_ variable: String, fallback: String, environment: [String: String]) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(fallback)
    }

    static func startupFile(environment: [String: String]) -> String {
        (base("XDG_CONFIG_HOME", fallback: ".config", environment: environment) as NSString)
            .appendingPathComponent("modescope/rc")
    }

    static func sessionStore(environment: [String: String]) -> String {
        (base("XDG_DATA_HOME", fallback: ".local/share", environment: environment) as NSString)
            .appendingPathComponent("modescope/sessions")
    }
}
