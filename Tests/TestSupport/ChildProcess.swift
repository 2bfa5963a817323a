public import Foundation
import Glibc

/// A child process started with `posix_spawn` and reaped with `waitpid`, for tests.
///
/// Foundation's `Process` is not used because on Linux its `waitUntilExit` can wait forever for a child
/// that has already exited (seen in CI: a `tmux new-session` client left as a zombie, never reaped, the
/// test run hung until the 90-minute limit). Here every wait has a deadline, output pipes are
/// close-on-exec so concurrently spawned children never inherit each other's pipes, and output reading
/// gives up shortly after the deadline even when a grandchild keeps a pipe open.
public final class ChildProcess: @unchecked Sendable {
    /// What to connect a standard stream of the child to.
    public enum Stream: Sendable {
        case null
        case pipe
    }

    public let pid: pid_t
    private var stdinWriter: Int32 = -1
    private var readers: [Int32: OutputReader] = [:]
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`; `environment` replaces the child's environment when given.
    public init(
        executable: String, arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null
    ) throws {
        // A child that exits before reading all its input must not kill the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        // Pipes are made close-on-exec only after `pipe` returns: holding one lock over creating them and
        // spawning keeps a concurrent spawn from inheriting another child's pipe (which would keep it open).
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        var readerDescriptors: [Int32: Int32] = [:]
        var inputWriter: Int32 = -1
        func connect(_ stream: Stream, to target: Int32, childReads: Bool) throws {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", childReads ? O_RDONLY : O_WRONLY, 0)
            case .pipe:
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else { throw ChildProcessError.pipe(errno) }
                ends.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
                let (childEnd, parentEnd) = childReads ? (ends[0], ends[1]) : (ends[1], ends[0])
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                childEnds.append(childEnd)
                parentEnds.append(parentEnd)
                if childReads { inputWriter = parentEnd } else { readerDescriptors[target] = parentEnd }
            }
        }
        try connect(stdin, to: 0, childReads: true)
        try connect(stdout, to: 1, childReads: false)
        try connect(stderr, to: 2, childReads: false)
        // posix_spawn_file_actions_addchdir_np is not visible from Swift: a shell changes directory and execs.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, executable] } ?? [executable]
        let argv = (command + arguments).map { strdup($0) }
        let environmentPairs = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp = environmentPairs.map { strdup($0) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var spawned: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                posix_spawn(&spawned, command[0], &actions, nil,
                            UnsafeMutablePointer(mutating: argvBuffer.baseAddress!),
                            UnsafeMutablePointer(mutating: envpBuffer.baseAddress!))
            }
        }
        childEnds.forEach { close($0) }
        guard result == 0 else {
            parentEnds.forEach { close($0) }
            throw ChildProcessError.spawn(executable, result)
        }
        pid = spawned
        stdinWriter = inputWriter
        for (target, descriptor) in readerDescriptors { readers[target] = OutputReader(descriptor: descriptor) }
    }

    /// Writes `data` to the child's stdin (when it is a pipe); a child that stopped reading is not an error.
    public func write(_ data: Data) {
        guard stdinWriter >= 0 else { return }
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(stdinWriter, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Closes the child's stdin so it sees end of input.
    public func closeInput() {
        if stdinWriter >= 0 { close(stdinWriter) }
        stdinWriter = -1
    }

    public func send(_ signal: Int32) {
        if exitStatus == nil { kill(pid, signal) }
    }

    /// Waits up to `timeout` seconds; kills the child (SIGKILL) if it is still running then. Returns the exit
    /// code, or 128 + the signal number when a signal ended it (as a shell reports it).
    @discardableResult
    public func wait(timeout: TimeInterval) -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { status = 0x7f; break }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(5_000)
        }
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        exitStatus = code
        closeInput()
        return code
    }

    /// Everything the child wrote to `descriptor` (1 or 2) when it was a pipe; call after `wait`.
    /// Gives up `grace` seconds after being asked if something else still holds the pipe open.
    public func output(of descriptor: Int32, grace: TimeInterval = 5) -> Data {
        readers[descriptor]?.finish(within: grace) ?? Data()
    }
}

private let spawnLock = NSLock()

public enum ChildProcessError: Error, CustomStringConvertible {
    case pipe(Int32)
    case spawn(String, Int32)

    public var description: String {
        switch self {
        case .pipe(let code): "cannot create a pipe: \(String(cString: strerror(code)))"
        case .spawn(let path, let code): "cannot start \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// Drains one pipe on its own thread so a chatty child never blocks on a full pipe.
private final class OutputReader: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSCondition()
    private var data = Data()
    private var done = false
    private var abandon = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
        let thread = Thread { [self] in drain() }
        thread.start()
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            lock.lock()
            let stop = abandon
            lock.unlock()
            if stop { break }
            let ready = poll(&poller, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            lock.lock()
            data.append(contentsOf: buffer[0..<count])
            lock.unlock()
        }
        close(descriptor)
        lock.lock()
        done = true
        lock.broadcast()
        lock.unlock()
    }

    func finish(within grace: TimeInterval) -> Data {
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date().addingTimeInterval(grace)
        while !done && lock.wait(until: deadline) {}
        if !done {
            abandon = true
            while !done { lock.wait() }
        }
        return data
    }
}
