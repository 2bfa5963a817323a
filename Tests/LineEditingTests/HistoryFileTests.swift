import Foundation
import Testing

@testable import LineEditing

/// History through `LineEditor` without a terminal: libedit's history functions need none.
@Suite final class HistoryFileTests {
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lineediting-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func editor(_ path: String?, maxHistory: Int = 2000) -> LineEditor {
        LineEditor(programName: "modescope-test", historyPath: path, maxHistory: maxHistory) { _ in nil }
    }

    private func mode(of path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func roundTripsThroughTheFileWithMode0600AndCreatesDirectories() throws {
        let path = directory.appendingPathComponent("state/modescope/history").path
        let first = editor(path)
        let typed = [
            "load real a b.npy", "metrics real fake", "", "  ", "metrics real fake", "back\\slash", "naïve é",
        ]
        for line in typed { first.addHistory(line) }
        first.close()
        #expect(first.warnings.isEmpty)
        #expect(try mode(of: path) == 0o600)
        let text = try contents(path)
        #expect(text.hasPrefix("_HiStOrY_V2_\n"))
        #expect(text.contains("load\\040real\\040a\\040b.npy\n"))

        let second = editor(path)
        #expect(second.historyEntries == ["load real a b.npy", "metrics real fake", "back\\slash", "naïve é"])
        #expect(second.warnings.isEmpty)
        second.close()
    }

    @Test func linesAreOnDiskBeforeClose() throws {
        let path = directory.appendingPathComponent("history").path
        let session = editor(path)
        session.addHistory("first")
        session.addHistory("second one")
        #expect(try contents(path) == "_HiStOrY_V2_\nfirst\nsecond\\040one\n")
        #expect(try mode(of: path) == 0o600)
        session.close()
    }

    @Test func multiLineEntriesRoundTrip() throws {
        let path = directory.appendingPathComponent("history").path
        let first = editor(path)
        first.addHistory("tsne real \\\n  perplexity=30")
        first.close()
        #expect(editor(path).historyEntries == ["tsne real \\\n  perplexity=30"])
    }

    @Test func closeTrimsToMaxHistory() throws {
        let path = directory.appendingPathComponent("history").path
        let session = editor(path, maxHistory: 3)
        for index in 1...5 { session.addHistory("command \(index)") }
        #expect(session.historyEntries == ["command 3", "command 4", "command 5"])
        session.close()
        #expect(editor(path, maxHistory: 100).historyEntries == ["command 3", "command 4", "command 5"])
    }

    @Test func concurrentSessionsKeepEachOthersLines() throws {
        let path = directory.appendingPathComponent("history").path
        let a = editor(path)
        let b = editor(path)
        a.addHistory("from a 1")
        b.addHistory("from b")
        a.addHistory("from a 2")
        a.close()
        b.close()
        #expect(editor(path).historyEntries == ["from a 1", "from b", "from a 2"])
    }

    @Test func existingFileWithWiderModeIsTightenedTo0600() throws {
        let path = directory.appendingPathComponent("history").path
        try "_HiStOrY_V2_\nold\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let session = editor(path)
        #expect(session.historyEntries == ["old"])
        session.addHistory("new")
        session.close()
        #expect(try mode(of: path) == 0o600)
        #expect(editor(path).historyEntries == ["old", "new"])
    }

    @Test func foreignFileIsReportedAndNeverOverwritten() throws {
        let path = directory.appendingPathComponent("history").path
        let foreign = "this is not a libedit history\nsecond line\n"
        try foreign.write(toFile: path, atomically: false, encoding: .utf8)
        let session = editor(path)
        #expect(session.historyEntries.isEmpty)
        #expect(session.warnings.count == 1)
        #expect(session.warnings.first?.contains(path) == true)
        #expect(session.warnings.first?.contains("_HiStOrY_V2_") == true)
        session.addHistory("kept in memory")
        session.close()
        #expect(session.historyEntries == ["kept in memory"])
        #expect(try contents(path) == foreign)
    }

    @Test func emptyFileLeftByAKilledSessionIsAccepted() throws {
        let path = directory.appendingPathComponent("history").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let session = editor(path)
        #expect(session.warnings.isEmpty)
        session.addHistory("x")
        session.close()
        #expect(editor(path).historyEntries == ["x"])
    }

    @Test func unwritableLocationWarnsOnceAndKeepsWorking() throws {
        let blocker = directory.appendingPathComponent("not-a-directory")
        #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
        let path = blocker.appendingPathComponent("modescope/history").path
        let session = editor(path)
        session.addHistory("one")
        session.addHistory("two")
        session.close()
        #expect(session.historyEntries == ["one", "two"])
        #expect(session.warnings.count == 1)
        #expect(session.warnings.first?.contains(blocker.path) == true)
    }

    @Test(arguments: [nil, "/dev/null"] as [String?])
    func noHistoryFile(path: String?) {
        let session = editor(path)
        session.addHistory("only in memory")
        session.close()
        #expect(session.historyEntries == ["only in memory"])
        #expect(session.warnings.isEmpty)
    }

    @Test func relativePathIsAnchoredAtTheDirectoryCurrentAtStart() {
        // Tested on the pure function: changing the process's directory would disturb parallel tests.
        let current = FileManager.default.currentDirectoryPath
        #expect(HistoryStore.absolute("history") == current + "/history")
        #expect(HistoryStore.absolute("/abs/history") == "/abs/history")
        #expect(HistoryStore.absolute("") == nil)
        #expect(HistoryStore.absolute("/dev/null") == nil)
    }

    @Test func maxHistoryBelowOneKeepsTheLatestLine() {
        let session = editor(nil, maxHistory: 0)
        session.addHistory("a")
        session.addHistory("b")
        #expect(session.historyEntries == ["b"])
    }

    @Test func closedEditorReportsEndOfInputAndIgnoresHistory() {
        let session = editor(nil)
        session.close()
        session.close()
        session.addHistory("late")
        #expect(session.historyEntries.isEmpty)
        #expect(session.readLine(prompt: "> ") == .endOfInput)
    }
}

/// Paths that can never hold the history are reported once, when the editor starts, not at the first line.
@Suite final class HistoryStartupWarningTests {
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lineediting-warn-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @Test func aDirectoryIsReportedAtStartAndHistoryStaysInMemory() {
        let session = LineEditor(programName: "modescope-test", historyPath: directory.path) { _ in nil }
        #expect(session.warnings == ["could not save history to '\(directory.path)': it is a directory; history of this session will not persist"])
        session.addHistory("kept in memory")
        session.close()
        #expect(session.historyEntries == ["kept in memory"])
        #expect(session.warnings.count == 1)
    }

    @Test func anUncreatableDirectoryIsReportedAtStart() {
        let session = LineEditor(programName: "modescope-test", historyPath: "/proc/modescope-nonexistent/history") { _ in nil }
        #expect(session.warnings.count == 1)
        #expect(session.warnings.first?.hasPrefix("could not create history directory '/proc/modescope-nonexistent'") == true)
        session.close()
    }

    @Test func aWritableNewLocationGivesNoWarning() {
        let session = LineEditor(programName: "modescope-test", historyPath: directory.appendingPathComponent("a/b/history").path) { _ in nil }
        #expect(session.warnings.isEmpty)
        session.close()
    }
}
