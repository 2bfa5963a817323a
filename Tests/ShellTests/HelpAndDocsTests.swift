import Foundation
import Testing
@testable import Shell
import TestSupport

@Suite struct HelpAndDocsTests {
    @Test func theCommandTableIsConsistent() {
        let registry = CommandRegistry.standard
        let names = registry.allNames
        #expect(Set(names).count == names.count, "names and aliases are unique")
        for spec in registry.commands {
            #expect(!spec.abstract.isEmpty, "\(spec.name) has an abstract")
            #expect(spec.abstract.hasSuffix("."), "\(spec.name)'s abstract is a sentence")
            let argumentNames = spec.arguments.map(\.name)
            #expect(Set(argumentNames).count == argumentNames.count, "\(spec.name) argument names are unique")
            for argument in spec.arguments { #expect(!argument.help.isEmpty, "\(spec.name) \(argument.name) is documented") }
            let variadic = spec.positionals.filter(\.isVariadic)
            #expect(variadic.count <= 1 && (variadic.isEmpty || spec.positionals.last!.isVariadic))
        }
    }

    @Test func helpPagesComeFromTheTable() {
        let fixture = ShellFixture(loadDatasets: false)
        let page = fixture.output(of: "help head").output
        #expect(page.hasPrefix("usage: head NAME [n=N]\n\nShow the first rows of a dataset.\n"))
        #expect(page.contains("n=N   How many rows (at most 100,000; `export` writes any number). (default: 5) [0…100000]"))
        #expect(fixture.output(of: "help session").output.contains("usage: session new NAME"))
        #expect(fixture.output(of: "help atomically").output.contains("save"))
        #expect(fixture.output(of: "help lod").errors.contains("did you mean 'load'?"))
        let overview = fixture.output(of: "help").output
        for spec in CommandRegistry.standard.commands { #expect(overview.contains(spec.name)) }
    }

    /// docs/commands.md is generated from the table; regenerate it with
    /// `.build/debug/modescope -X -c 'help format=markdown' > docs/commands.md`.
    @Test func commandsMarkdownIsInStepWithTheTable() throws {
        let onDisk = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("docs/commands.md"), encoding: .utf8)
        #expect(onDisk == HelpText.markdownReference(.standard) + "\n")
    }
}
