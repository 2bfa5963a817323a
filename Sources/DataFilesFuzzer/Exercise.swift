import DataFiles

extension Harness {
    /// What the shell does with a file that loaded: the non-finite report, label counts, and an export
    /// in every format. A loader that accepts a shape no writer can handle (a hang, a trap) is a bug too.
    /// The npz export is read back and must reproduce values bit for bit, labels and row shape: a
    /// round trip that changes data is reported as a crash, so libFuzzer keeps the input.
    static func exercise(_ loaded: LoadedFile?, in scratch: ScratchDirectory) {
        switch loaded {
        case .dataset(let dataset)?: exercise(dataset, in: scratch)
        case .statistics(let statistics)?:
            let path = scratch.path + "/statistics.npz"
            try? DataFileWriter.write(statistics, to: path)
        case nil: return
        }
    }

    private static func exercise(_ dataset: Dataset, in scratch: ScratchDirectory) {
        _ = dataset.nonFiniteReport()
        _ = dataset.labels?.counts()
        for format in [DataFormat.npy, .csv, .safetensors] {
            try? DataFileWriter.write(dataset, to: scratch.path + "/export." + format.rawValue, format: format)
        }
        let archive = scratch.path + "/export.npz"
        // A refused write (disk, or a label npz cannot hold) says so clearly; a refused read-back is a bug.
        guard (try? DataFileWriter.write(dataset, to: archive)) != nil else { return }
        let reloaded: LoadedFile
        do { reloaded = try DataFileReader.load(archive) } catch { fatalError("npz round trip refused: \(error)") }
        guard case .dataset(let copy) = reloaded else { fatalError("npz round trip read back as statistics") }
        guard sameBits(copy, dataset) else { fatalError("npz round trip changed the values") }
        guard copy.labels == dataset.labels else {
            fatalError("npz round trip changed the labels: \(String(describing: dataset.labels?.names))")
        }
        guard copy.rowShape == dataset.rowShape else { fatalError("npz round trip changed the row shape") }
    }

    private static func sameBits(_ left: Dataset, _ right: Dataset) -> Bool {
        guard left.rowCount == right.rowCount, left.columnCount == right.columnCount else { return false }
        return left.values.withUnsafeBufferPointer { a in
            right.values.withUnsafeBufferPointer { b in
                a.elementsEqual(b) { $0.bitPattern == $1.bitPattern }
            }
        }
    }
}
