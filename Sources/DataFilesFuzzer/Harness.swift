import DataFiles

/// One parser family under test. Each harness drives the public `DataFileReader` entry points the shell
/// uses (`load`, `members`, `arrays`), because DataFiles parses from files, not from memory.
enum Harness: String, CaseIterable, Sendable {
    case npy, npz, csv, safetensors, projector

    static let usage =
        "usage: DataFilesFuzzer \(allCases.map(\.rawValue).joined(separator: "|")) [libFuzzer flags] [corpus dirs]"

    /// Parses `input` every way this harness knows. Errors are discarded: refusing bad bytes is correct.
    func run(_ input: UnsafeRawBufferPointer, in scratch: ScratchDirectory) {
        switch self {
        case .npy: Self.runNpy(input, in: scratch)
        case .npz: Self.runArchive(input, in: scratch, named: "input.npz")
        case .safetensors: Self.runArchive(input, in: scratch, named: "input.safetensors")
        case .csv: Self.runDelimitedText(input, in: scratch)
        case .projector: Self.runProjector(input, in: scratch)
        }
    }

    /// The array reader, and the same bytes as a `labels=` file (text and integer label arrays).
    private static func runNpy(_ input: UnsafeRawBufferPointer, in scratch: ScratchDirectory) {
        let path = scratch.write(input, named: "input.npy")
        exercise(try? DataFileReader.load(path, options: LoadOptions(format: .npy)), in: scratch)
        _ = try? DataFileReader.load(scratch.labelledDataset, options: LoadOptions(labels: path))
    }

    /// npz and safetensors hold named arrays: list them, load the default, then each member by key.
    private static func runArchive(_ input: UnsafeRawBufferPointer, in scratch: ScratchDirectory, named name: String) {
        let path = scratch.write(input, named: name)
        _ = try? DataFileReader.arrays(in: path)
        exercise(try? DataFileReader.load(path), in: scratch)
        // A handful of members is enough to reach every member parser; more only slows each run.
        for key in ((try? DataFileReader.members(of: path)) ?? []).prefix(maximumMembersLoaded) {
            _ = try? DataFileReader.load(path, options: LoadOptions(key: key))
        }
    }

    /// The first byte picks the separator, header mode and label column, so the fuzzer explores the
    /// options as well as the bytes; the rest is the file. The same bytes are also read as a label file.
    private static func runDelimitedText(_ input: UnsafeRawBufferPointer, in scratch: ScratchDirectory) {
        guard let selector = input.first else { return }
        let body = UnsafeRawBufferPointer(rebasing: input.dropFirst())
        let isTSV = selector & 1 != 0
        let path = scratch.write(body, named: isTSV ? "input.tsv" : "input.csv")
        let headers: [HeaderMode] = [.auto, .yes, .no, .auto]
        let labelColumns: [String?] = [nil, "0", "-1", "label"]
        var options = LoadOptions(format: isTSV ? .tsv : .csv)
        options.header = headers[Int(selector >> 1) & 3]
        options.labels = labelColumns[Int(selector >> 3) & 3]
        exercise(try? DataFileReader.load(path, options: options), in: scratch)
        let labelPath = scratch.write(body, named: "labels.txt")
        _ = try? DataFileReader.load(scratch.labelledDataset, options: LoadOptions(labels: labelPath))
    }

    /// The first byte picks whether labels come from a named column; the rest is `tensors.tsv`, then
    /// after the first NUL byte (if any) `metadata.tsv`.
    private static func runProjector(_ input: UnsafeRawBufferPointer, in scratch: ScratchDirectory) {
        guard let selector = input.first else { return }
        let body = UnsafeRawBufferPointer(rebasing: input.dropFirst())
        let directory = scratch.projectorDirectory
        if let split = body.firstIndex(of: 0) {
            scratch.write(UnsafeRawBufferPointer(rebasing: body[..<split]), to: directory + "/tensors.tsv")
            scratch.write(UnsafeRawBufferPointer(rebasing: body[(split + 1)...]), to: directory + "/metadata.tsv")
        } else {
            scratch.write(body, to: directory + "/tensors.tsv")
            scratch.removeFile(directory + "/metadata.tsv")
        }
        let options = LoadOptions(format: .projector, labels: selector & 1 != 0 ? "label" : nil)
        exercise(try? DataFileReader.load(directory, options: options), in: scratch)
    }

    private static let maximumMembersLoaded = 4
}

/// Set once by main before libFuzzer starts; read by the C callback, which cannot capture.
nonisolated(unsafe) var selectedHarness = Harness.npy

/// libFuzzer's per-input callback.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    selectedHarness.run(input, in: ScratchDirectory.shared)
    return 0
}
