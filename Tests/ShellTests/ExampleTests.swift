import Foundation
@testable import Shell
import Testing

/// Every command documents at least one example, and every example runs against the fixture session
/// (each in a fresh one) with an effect a user could see: output, a note, or a change to the session,
/// the settings or the files.
@Suite struct ExampleTests {
    /// `source`'s example runs this script, written into each fixture's directory.
    static let setupScript = (name: "setup.scope", text: "echo setup done\n")

    /// Examples that succeed and, in a fresh fixture session, change nothing a snapshot can see: they
    /// restore a default (`timer off`, `mode table`), pick what is already current (`session use main`), or
    /// may equal this machine's default (`set threads=2` on two cores). `sleep` is checked by its duration.
    static let changesNothingInAFreshSession: Set<String> = ["timer off", "mode table", "session use main", "set threads=2"]

    @Test func everyCommandHasAnExample() {
        for spec in CommandRegistry.standard.commands {
            #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
        }
    }

    /// What a user could observe of the shell besides its output.
    func snapshot(_ fixture: ShellFixture) -> String {
        let state = fixture.state
        let sessions = state.sessionOrder.map { name in
            let session = state.sessions[name]!
            return "\(name):" + session.names.map { "\($0)=\(String(describing: session[$0]!).hashValue)" }.joined(separator: ",")
        }
        let files = (FileManager.default.enumerator(atPath: fixture.directory.path)?.allObjects as? [String] ?? []).sorted()
        return [sessions.joined(separator: ";"), state.currentSessionName, String(describing: state.settings),
                files.joined(separator: ",")].joined(separator: "|")
    }

    @Test(arguments: CommandRegistry.standard.commands.flatMap { spec in spec.examples.map { (spec.name, $0) } })
    func examplesRunAndShowAnEffect(command: String, example: String) throws {
        let fixture = ShellFixture()
        try Self.setupScript.text.write(
            to: fixture.directory.appendingPathComponent(Self.setupScript.name), atomically: true, encoding: .utf8)
        let before = snapshot(fixture)
        let started = Date()
        let result = fixture.output(of: example)
        let elapsed = Date().timeIntervalSince(started)
        if command == "quit" {
            #expect(result.outcome == .quit)
            return
        }
        #expect(result.outcome == .succeeded, "\(command): '\(example)' failed: \(result.errors)")
        #expect(!result.errors.contains("error:"), "\(example): \(result.errors)")
        let visible = !result.output.isEmpty || !result.errors.isEmpty || snapshot(fixture) != before
        if command == "sleep" {
            #expect(elapsed >= 0.01, "'\(example)' waited \(elapsed) s")
        } else {
            #expect(visible || Self.changesNothingInAFreshSession.contains(example), "\(command): '\(example)' had no visible effect")
        }
        if command == "source" { #expect(result.output == "setup done\n") }
    }
}
