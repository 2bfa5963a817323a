import Foundation
import LinearAlgebra

/// Scripts and settings: `source`, `set`, `echo`, `sleep`, `timer`, `mode`, `quit`.
enum ScriptCommands {
    static let specs: [CommandSpec] = [source, set, echo, sleep, timer, mode, quit]

    static let source = CommandSpec(
        name: "source", aliases: [".read"], group: .scripting,
        abstract: "Run the commands in a script file.",
        discussion: """
            A relative path is taken from the directory of the script that runs `source` (or the working \
            directory at the prompt). Errors report the sourced file's own path and line. Scripts may nest \
            \(ShellEngine.maximumSourceDepth) deep; a script that sources itself, directly or through others, \
            is refused.
            """,
        arguments: [.positional("file", .anyPath, help: "The script to run (.scope).")],
        examples: ["source setup.scope"],
        handler: { state, arguments in
            let typed = arguments.text("file")!
            let base = state.currentScriptDirectory ?? state.workingDirectory
            let expanded = (typed as NSString).expandingTildeInPath
            let path = expanded.hasPrefix("/") ? expanded : (base as NSString).appendingPathComponent(expanded)
            let absolute = ShellEngine.canonicalScriptPath(path)
            if state.sourceStack.contains(absolute) {
                let chain = (state.sourceStack + [absolute]).map { ($0 as NSString).lastPathComponent }
                throw ShellError("source cycle: \(chain.joined(separator: " → ")) (a script cannot source itself)")
            }
            guard state.sourceDepth < ShellEngine.maximumSourceDepth else {
                throw ShellError("source nesting deeper than \(ShellEngine.maximumSourceDepth) levels at '\(typed)'")
            }
            _ = try ShellEngine.readScript(at: absolute, displayName: typed)
            guard let engine = state.engine else { throw ShellError("source is not available here") }
            state.sourceDepth += 1
            defer { state.sourceDepth -= 1 }
            let displayName = state.sourceDepth == 1 && !typed.hasPrefix("/") && state.currentScriptDirectory == nil
                ? typed : absolute.relativePath(from: state.workingDirectory)
            let outcome = engine.runScript(at: absolute, displayName: displayName, keepGoing: engine.keepGoing)
            if outcome.interrupted { throw outcome.interruptionReported ? InterruptionAlreadyReported() : CancellationError() }
            if outcome.failures > 0 { throw AlreadyReported() }
            var result = CommandResult()
            result.requestsQuit = outcome.quit
            return result
        })

    static let set = CommandSpec(
        name: "set", group: .scripting,
        abstract: "Change settings: seed, threads, progress; with no options, show them.",
        discussion: """
            `seed` is the default seed of every stochastic command (each also takes its own `seed=`). \
            `threads` is used by BLAS and by modescope's parallel loops; results are reproducible for a given \
            seed and thread count.
            """,
        arguments: [
            .option("seed", .integer(0...Int.max), help: "Default random seed."),
            .option("threads", .integer(1...256), help: "Worker threads for BLAS and parallel loops."),
            .option("progress", .boolean, help: "Progress lines on stderr (only ever on a terminal)."),
        ],
        examples: ["set seed=7", "set threads=2", "set"],
        handler: { state, arguments in
            if let seed = arguments.integer("seed") { state.settings.seed = UInt64(seed) }
            if let threads = arguments.integer("threads") {
                state.settings.threads = threads
                // New OpenBLAS threads must not take terminal signals (WorkerSignals).
                try WorkerSignals.startingThreads { try ComputeThreads.set(threads) }
            }
            if let progress = arguments.boolean("progress") { state.settings.showsProgress = progress }
            guard arguments.values.isEmpty else { return CommandResult() }
            var result = CommandResult()
            result.fields = [
                ("seed", .integer(Int(state.settings.seed))), ("threads", .integer(state.settings.threads)),
                ("mode", .text(state.settings.mode.rawValue)), ("timer", .boolean(state.settings.showsTimer)),
                ("progress", .boolean(state.settings.showsProgress)),
            ]
            return result
        })

    static let echo = CommandSpec(
        name: "echo", aliases: ["print"], group: .scripting,
        abstract: "Print text (useful in scripts).",
        arguments: [.positional("text", .text, optional: true, variadic: true, help: "Words to print, joined by spaces.")],
        examples: ["echo \"digits loaded\""],
        handler: { _, arguments in
            var result = CommandResult()
            result.text = [arguments.words("text").joined(separator: " ")]
            return result
        })

    /// How often `sleep` looks at the cancellation flag: well inside the 200 ms Ctrl-C promise.
    static let sleepPollInterval = 0.02

    static let sleep = CommandSpec(
        name: "sleep", group: .scripting,
        abstract: "Wait a number of seconds; Ctrl-C cancels the wait.",
        arguments: [.positional("seconds", .number(0...86_400), help: "How long to wait, in seconds.")],
        examples: ["sleep 0.01"],
        handler: { state, arguments in
            let deadline = Date().addingTimeInterval(arguments.number("seconds")!)
            while Date() < deadline {
                try state.cancellation.checkCancellation()
                Thread.sleep(forTimeInterval: min(sleepPollInterval, max(0, deadline.timeIntervalSinceNow)))
            }
            try state.cancellation.checkCancellation()
            return CommandResult()
        })

    static let timer = CommandSpec(
        name: "timer", group: .scripting,
        abstract: "Report each command's run time on stderr.",
        arguments: [.positional("state", .choice(["on", "off"]), help: "on or off.")],
        examples: ["timer on", "timer off"],
        handler: { state, arguments in
            state.settings.showsTimer = arguments.text("state") == "on"
            return CommandResult()
        })

    static let mode = CommandSpec(
        name: "mode", group: .scripting,
        abstract: "Choose how results print: table, csv, tsv or json (one JSON object per command).",
        arguments: [.positional("format", .choice(OutputMode.allCases.map(\.rawValue)), optional: true, help: "The output mode.")],
        examples: ["mode csv", "mode table"],
        handler: { state, arguments in
            guard let word = arguments.text("format"), let mode = OutputMode(rawValue: word) else {
                var result = CommandResult()
                result.fields = [("mode", .text(state.settings.mode.rawValue))]
                return result
            }
            state.settings.mode = mode
            return CommandResult()
        })

    static let quit = CommandSpec(
        name: "quit", aliases: ["exit", ".quit", ".exit"], group: .scripting,
        abstract: "Leave modescope (Ctrl-D does the same).",
        discussion: "At the prompt, unsaved changes get one warning; `quit` (or Ctrl-D) again leaves anyway.",
        examples: ["quit"],
        handler: { _, _ in
            var result = CommandResult()
            result.requestsQuit = true
            return result
        })
}

extension String {
    /// This absolute path relative to `base` when it lies below it; otherwise unchanged.
    func relativePath(from base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
