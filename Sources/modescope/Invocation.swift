import ArgumentParser
import Shell

/// The process flags. Parsing only: `ModescopeMain` decides what to run. swift-argument-parser is used
/// for flags alone; everything typed at the prompt or in scripts goes through the shell's command table.
struct Invocation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modescope",
        abstract: "An interactive shell for diagnosing mode collapse in generative models.",
        discussion: """
            With no script and a terminal on stdin, modescope opens the prompt. A FILE (or -f FILE) runs a \
            script and exits; -c runs commands; piped stdin runs as a script. Batch runs stop at the first \
            error (FILE:LINE: error: …) and exit 1; usage errors exit 2; Ctrl-C exits 130.
            """,
        version: ModescopeVersion.current)

    @Argument(help: "A script to run, then exit (see -i).")
    var script: String?

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp(
            "Run a command line (repeatable; ';' separates commands). Errors say -c:N: for the N-th -c, or -c:N:LINE: inside a -c of several lines.",
            valueName: "command"))
    var commands: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run the script FILE ('-' reads stdin).", valueName: "file"))
    var file: String?

    @Flag(
        name: .customShort("i"),
        help: "Stay interactive after the script or commands (the exit status still reports a failed script).")
    var interactive = false

    @Flag(name: .customShort("X"), help: "Skip the startup file ($XDG_CONFIG_HOME/modescope/rc).")
    var skipStartupFile = false

    @Flag(name: .long, help: "In batch runs, go on after errors (the exit status is still 1).")
    var keepGoing = false

    @Option(name: .long, help: "Output mode: table, csv, tsv or json.")
    var format: String?

    @Option(name: .long, help: "Worker threads for BLAS and parallel loops.")
    var threads: Int?

    func validate() throws {
        if script != nil && file != nil { throw ValidationError("give either a script argument or -f, not both") }
        if let format, OutputMode(rawValue: format) == nil {
            throw ValidationError("--format must be one of table, csv, tsv, json (got '\(format)')")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1…256 (got \(threads))") }
    }
}

/// How errors from the N-th `-c` are located: `-c:N:` for a one-line command, `-c:N:LINE:` when the
/// command holds several lines.
struct CommandLineLocation {
    var index: Int
    var isMultiline: Bool

    var origin: String { isMultiline ? "-c:\(index)" : "-c" }
    var firstLine: Int { isMultiline ? 1 : index }
}
