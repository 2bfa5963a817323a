import Foundation
import Testing
@testable import Shell

@Suite struct DataCommandTests {
    @Test func showListsTheArraysOfAFileWithoutLoadingIt() {
        let fixture = ShellFixture()
        #expect(fixture.run("export digits[0:4] four.npz") == .succeeded)
        let result = fixture.output(of: "show four.npz")
        #expect(result.output.contains("data       4×64"))
        #expect(result.output.contains("labels     4"))
        #expect(fixture.state.session["four"] == nil)
        #expect(fixture.output(of: "show digits.npy").output.contains("digits  1797×8×8  <f4"))
        #expect(fixture.output(of: "show nothing_here").errors.contains("no object named 'nothing_here'"))
    }

    @Test func exportedFilesLoadBackWithLabelsAndShape() throws {
        let fixture = ShellFixture()
        for file in ["back.npz", "back.csv", "back.tsv"] {
            #expect(fixture.run("export digits[label==5] \(file)") == .succeeded)
            #expect(fixture.run("x = digits[label==5]") == .succeeded)
            #expect(fixture.run("load loaded \(file)" + (file.hasSuffix("npz") ? "" : " labels=label")) == .succeeded)
            let original = try #require(fixture.dataset("x"))
            let loaded = try #require(fixture.dataset("loaded"))
            #expect(loaded.values == original.values, "\(file) keeps the values")
            #expect(loaded.labels?.codes.map { loaded.labels!.names[Int($0)] } == original.labels?.codes.map { original.labels!.names[Int($0)] })
            if file.hasSuffix("npz") { #expect(loaded.rowShape == [8, 8]) }
        }
        #expect(fixture.run("export digits[0:3] projector_dir format=projector") == .succeeded)
        #expect(fixture.run("load p projector_dir") == .succeeded)
        #expect(fixture.dataset("p")?.rowCount == 3)
    }

    @Test func loadErrorsNameTheFileAndLeaveTheSessionAlone() throws {
        let fixture = ShellFixture()
        try Data("\u{93}NUMPY garbage".utf8).write(to: fixture.directory.appendingPathComponent("bad.npy"))
        let result = fixture.output(of: "load digits bad.npy")
        #expect(result.outcome == .failed)
        #expect(result.errors.hasPrefix("error: bad.npy: "))
        #expect(fixture.dataset("digits")?.rowCount == 1797, "a failed load over a name keeps the old object")
        try "a,b\n1,2\n3\n".write(to: fixture.directory.appendingPathComponent("ragged.csv"), atomically: true, encoding: .utf8)
        #expect(fixture.output(of: "load r ragged.csv").errors.contains("ragged.csv"))
        #expect(fixture.state.session["r"] == nil)
    }

    @Test func nonFiniteValuesAreReportedOnLoadAndRefusedByPlots() throws {
        let fixture = ShellFixture()
        try "x,y\n1,2\nnan,3\n4,inf\n".write(to: fixture.directory.appendingPathComponent("nan.csv"), atomically: true, encoding: .utf8)
        let load = fixture.output(of: "load n nan.csv")
        #expect(load.errors.contains("2 NaN/Inf values (first in row 1)"))
        #expect(fixture.output(of: "describe n").output.contains("nonfinite  2"))
        #expect(fixture.output(of: "plot n out=n.svg").errors.contains("has 2 NaN/Inf values"))
        let allowed = fixture.output(of: "plot n out=n.svg allow_nonfinite=yes")
        #expect(allowed.outcome == .succeeded, "the finite points are drawn: \(allowed.errors)")
    }
}
