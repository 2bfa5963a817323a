// DataFilesFuzzer — libFuzzer harnesses for every DataFiles parser (npy, npz/zip, CSV/TSV and label
// files, safetensors, the projector pair), one executable whose first argument picks the harness.
// A thrown DataFileError is the parser doing its job; only crashes, hangs and sanitizer reports are bugs.
// It is built only by scripts/fuzz.sh (with -DFUZZING and -sanitize=fuzzer,address); a normal build
// yields a stub that explains how to build it. Results and the recipe live in docs/fuzzing.md.
import Foundation

#if FUZZING
import CFuzzerDriver

guard CommandLine.arguments.count >= 2, let harness = Harness(rawValue: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data((Harness.usage + "\n").utf8))
    exit(2)
}
selectedHarness = harness
atexit { ScratchDirectory.shared.remove() }

// libFuzzer parses the remaining arguments (flags and corpus directories); the harness name is ours.
let forwarded = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)
var cArguments: [UnsafeMutablePointer<CChar>?] = forwarded.map { strdup($0) } + [nil]
var argumentCount = Int32(forwarded.count)
let status = cArguments.withUnsafeMutableBufferPointer { buffer in
    var argumentVector = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argumentCount, &argumentVector, fuzzOneInput)
}
exit(status)
#else
FileHandle.standardError.write(
    Data(
        """
        DataFilesFuzzer is a stub in this build. Build and run the fuzzer with scripts/fuzz.sh, or:
          swift build -c release --product DataFilesFuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
        \(Harness.usage)

        """.utf8))
exit(2)
#endif
