import Testing

@testable import LineEditing

@Suite struct HistoryLocationTests {
    @Test func explicitPathWinsOverEverything() {
        let environment = ["MODESCOPE_HISTORY": "/tmp/h", "XDG_STATE_HOME": "/state", "HOME": "/home/u"]
        #expect(HistoryLocation.resolve(environment: environment) == "/tmp/h")
    }

    @Test(arguments: ["/dev/null", ""])
    func explicitDisabledMeansNoFile(value: String) {
        let environment = ["MODESCOPE_HISTORY": value, "XDG_STATE_HOME": "/state", "HOME": "/home/u"]
        #expect(HistoryLocation.resolve(environment: environment) == nil)
    }

    @Test func xdgStateHomeIsUsedWhenNoExplicitPath() {
        #expect(
            HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/u"])
                == "/state/modescope/history")
        #expect(HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "/state/"]) == "/state/modescope/history")
    }

    @Test(arguments: ["", "relative/state"])
    func emptyOrRelativeXDGStateHomeFallsBackToHome(value: String) {
        #expect(
            HistoryLocation.resolve(environment: ["XDG_STATE_HOME": value, "HOME": "/home/u"])
                == "/home/u/.local/state/modescope/history")
    }

    @Test func homeFallback() {
        #expect(HistoryLocation.resolve(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/modescope/history")
        #expect(HistoryLocation.resolve(environment: ["HOME": "/"]) == "/.local/state/modescope/history")
    }

    @Test func nothingUsableMeansNoFile() {
        #expect(HistoryLocation.resolve(environment: [:]) == nil)
        #expect(HistoryLocation.resolve(environment: ["HOME": ""]) == nil)
        #expect(HistoryLocation.resolve(environment: ["XDG_STATE_HOME": "relative"]) == nil)
    }
}
