import DataFiles
import LinearAlgebra
import Foundation
@testable import Shell
import TestSupport

/// A shell with the bundled datasets loaded, writing into a private temporary directory.
final class ShellFixture {
    let directory: URL
    let sink = CapturingSink()
    let state: ShellState
    let engine: ShellEngine

    init(loadDatasets: Bool = true) {
        directory = RepositoryPaths.temporaryDirectory("modescope-shell")
        for file in ["digits.npy", "digits_labels.npy", "ring_real.csv", "ring_real.npy", "ring_real_labels.npy",
                     "ring_fake_collapsed.npy", "ring_centers.npy"] {
            try? FileManager.default.copyItem(
                at: RepositoryPaths.datasets.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        state = ShellState(
            workingDirectory: directory.path, sessionStoreDirectory: directory.appendingPathComponent("store").path,
            cancellation: CancellationToken())
        engine = ShellEngine(state: state, sink: sink)
        if loadDatasets {
            run("load digits digits.npy labels=digits_labels.npy")
            run("load ring ring_real.csv labels=label")
            run("load ring_fake ring_fake_collapsed.npy")
            run("save saved_session")
            sink.clear()
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ line: String, at location: SourceLocation = .interactive) -> LineOutcome {
        engine.execute(line: line, at: location)
    }

    /// Runs `line` and returns what it printed, clearing the sink first.
    func output(of line: String) -> (outcome: LineOutcome, output: String, errors: String) {
        sink.clear()
        let outcome = run(line)
        return (outcome, sink.output, sink.errors)
    }

    func dataset(_ name: String) -> Dataset? {
        if case .dataset(let dataset) = state.session[name] { return dataset }
        return nil
    }
}

