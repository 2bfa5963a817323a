import Foundation
import LinearAlgebra

/// Decodes the data of an `.npy` array whose header has been read, in one pass over the bytes.
///
/// Layout: shape `()` → 1×1, `(n,)` → n×1, `(n, d)` → n×d, `(n, a, b, …)` → n×(a·b·…) with the row
/// shape `[a, b, …]` reported separately. Little-endian `f4` into Float (and `f8` into Double) is read
/// straight into the matrix storage; other types convert in blocks of `blockBytes`; Fortran order is
/// transposed tile by tile into the storage, so it costs one tile (`fortranTileBytes`) beyond the matrix.
/// `f8` read as float32 is range-checked block by block: values beyond ±3.4028235e38 refuse the read
/// rather than become ±Inf, and values that become 0 are counted in the `ReadingReport`.
enum NpyReader {
    /// Bytes converted per block: large enough that the per-read cost vanishes, small enough to stay in cache.
    static let blockBytes = 1 << 20
    /// Bytes of one Fortran-order tile (`fortranTileColumns` file rows of equal length): 64 columns of 4 MB
    /// keep each read at 64 KB for float32, and the transposing writes touch whole cache lines.
    static let fortranTileBytes = 1 << 22
    static let fortranTileColumns = 64

    static func matrixShape(of shape: [Int]) -> (rows: Int, columns: Int, rowShape: [Int]?) {
        switch shape.count {
        case 0: return (1, 1, nil)
        case 1: return (shape[0], 1, nil)
        case 2: return (shape[0], shape[1], nil)
        default: return (shape[0], shape.dropFirst().reduce(1, *), Array(shape.dropFirst()))
        }
    }

    /// Refuses a dataset array without rows, as CSV files without data rows are: there is nothing to
    /// analyse, and a row width no data bounds (shape `(0, 10¹⁷)` costs no bytes) would be allocated by
    /// every later step, from `describe` to the CSV export. Checked before any data is read.
    static func checkHasRows(_ shape: [Int], in source: some ByteSource) throws(DataFileError) {
        guard shape.first != 0 else {
            throw source.error("holds no rows (shape \(shape)); there is nothing to analyse")
        }
    }

    static func readNumbers<Scalar: MatrixScalar>(
        _ header: NpyHeader, from source: some ByteSource, at base: Int = 0, as _: Scalar.Type = Scalar.self,
        cancellation: CancellationToken? = nil, reading: ReadingReport? = nil
    ) throws(DataFileError) -> Matrix<Scalar> {
        let type = header.elementType
        guard !type.isText else {
            throw source.error("holds text (dtype \(type.descr)), not numbers; use it as labels: labels=MEMBER with key=DATA in the same .npz, or labels=FILE")
        }
        let (rows, columns, _) = matrixShape(of: header.shape)
        // The file size was checked against the header; widening (u1 → Float is ×4) still needs a memory check.
        let needed = header.elementCount.multipliedReportingOverflow(by: MemoryLayout<Scalar>.size)
        guard !needed.overflow, UInt64(needed.partialValue) <= ProcessInfo.processInfo.physicalMemory else {
            throw source.error(
                "needs \(needed.overflow ? "more than \(Int.max)" : String(needed.partialValue)) bytes as "
                    + "\(Scalar.self), more than this machine's memory")
        }
        let dataStart = base + header.dataOffset
        let direct =
            !type.bigEndian
            && ((Scalar.self == Float.self && type.kind == .float && type.size == 4)
                || (Scalar.self == Double.self && type.kind == .float && type.size == 8))
        let fortran = header.fortranOrder && header.shape.count > 1
        // f8 into float32 is the one narrowing that can turn finite values into ±Inf or 0.
        let tally = Scalar.self == Float.self && type.kind == .float && type.size == 8
            ? (reading ?? ReadingReport()) : nil
        var failure: DataFileError?
        let matrix = Matrix<Scalar>(rows: rows, columns: columns) { destination in
            do throws(DataFileError) {
                guard let start = destination.baseAddress, destination.count > 0 else { return }
                if fortran {
                    HugePages.advise(UnsafeMutableRawBufferPointer(destination))
                    try readFortran(
                        type, from: source, at: dataStart, shape: header.shape, into: start, cancellation: cancellation,
                        reading: tally)
                    return
                }
                if direct {
                    HugePages.advise(UnsafeMutableRawBufferPointer(destination))
                    try source.read(into: UnsafeMutableRawBufferPointer(destination), at: dataStart)
                    return
                }
                HugePages.advise(UnsafeMutableRawBufferPointer(destination))
                let perBlock = max(1, blockBytes / type.size)
                let block = UnsafeMutableRawBufferPointer.allocate(byteCount: perBlock * type.size, alignment: 16)
                defer { block.deallocate() }
                var done = 0
                while done < destination.count {
                    let count = min(perBlock, destination.count - done)
                    let slice = UnsafeMutableRawBufferPointer(rebasing: block[0..<(count * type.size)])
                    if cancellation?.isCancelled == true { throw source.error("interrupted") }
                    try source.read(into: slice, at: dataStart + done * type.size)
                    let offset = done
                    tally?.scanDoubles(block.baseAddress!, count: count, bigEndian: type.bigEndian) { offset + $0 }
                    type.convert(UnsafeRawPointer(block.baseAddress!), count: count, into: start + done)
                    done += count
                }
            } catch {
                // Leave the storage defined so the discarded matrix deinitialises cleanly.
                destination.initialize(repeating: 0)
                failure = error
            }
        }
        if let failure { throw failure }
        if let overflow = tally?.overflowError(path: source.path, columns: columns) { throw overflow }
        return matrix
    }

    /// Reads a Fortran-ordered array of `shape` (at least 2-D) into C-order storage at `destination`.
    ///
    /// A Fortran array is its C-order transpose with the axes reversed: the file holds `columns` runs of
    /// `rows` values, run `g` being the Fortran index of (i₁…iₖ) over `shape[1...]`. Tiles of
    /// `fortranTileColumns` runs × a few thousand rows are read, converted and written transposed, so no
    /// index table or second copy is needed. Cost: one read of the file, one pass over the destination.
    static func readFortran<Scalar: MatrixScalar>(
        _ type: NpyElementType, from source: some ByteSource, at dataStart: Int, shape: [Int],
        into destination: UnsafeMutablePointer<Scalar>, cancellation: CancellationToken?,
        reading: ReadingReport? = nil, tileColumns maximumTileColumns: Int = fortranTileColumns, tileBytes: Int = fortranTileBytes
    ) throws(DataFileError) {
        let rows = shape[0]
        let trailing = Array(shape.dropFirst())
        let columns = trailing.reduce(1, *)
        let tileColumns = min(maximumTileColumns, columns)
        let tileRows = min(rows, max(1, tileBytes / (tileColumns * max(type.size, MemoryLayout<Scalar>.size))))
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: tileRows * type.size, alignment: 16)
        defer { raw.deallocate() }
        let tile = UnsafeMutablePointer<Scalar>.allocate(capacity: tileColumns * tileRows)
        defer { tile.deallocate() }
        var targets = [Int](repeating: 0, count: tileColumns)
        var firstRun = 0
        while firstRun < columns {
            let runCount = min(tileColumns, columns - firstRun)
            for run in 0..<runCount { targets[run] = cOrderIndex(ofFortranIndex: firstRun + run, shape: trailing) }
            var firstRow = 0
            while firstRow < rows {
                if cancellation?.isCancelled == true { throw source.error("interrupted") }
                let rowCount = min(tileRows, rows - firstRow)
                let slice = UnsafeMutableRawBufferPointer(rebasing: raw[0..<(rowCount * type.size)])
                for run in 0..<runCount {
                    try source.read(into: slice, at: dataStart + ((firstRun + run) * rows + firstRow) * type.size)
                    let (target, startRow) = (targets[run], firstRow)
                    reading?.scanDoubles(raw.baseAddress!, count: rowCount, bigEndian: type.bigEndian) {
                        (startRow + $0) * columns + target
                    }
                    type.convert(UnsafeRawPointer(raw.baseAddress!), count: rowCount, into: tile + run * tileRows)
                }
                for row in 0..<rowCount {
                    let target = destination + (firstRow + row) * columns
                    for run in 0..<runCount { target[targets[run]] = tile[run * tileRows + row] }
                }
                firstRow += rowCount
            }
            firstRun += runCount
        }
    }

    /// The C-order position of the element at Fortran-order position `index` in an array of `shape`.
    static func cOrderIndex(ofFortranIndex index: Int, shape: [Int]) -> Int {
        var remainder = index
        var position = 0
        var stride = 1
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride *= shape[axis]
        }
        for axis in shape.indices {  // Fortran order: the first axis varies fastest
            position += (remainder % shape[axis]) * strides[axis]
            remainder /= shape[axis]
        }
        return position
    }

    /// Text elements (`<U…`, `|S…`) in C order; any shape is flattened.
    static func readTexts(_ header: NpyHeader, from source: some ByteSource, at base: Int = 0) throws(DataFileError)
        -> [String]
    {
        let type = header.elementType
        guard type.isText else { throw source.error("expected a text array, found dtype \(type.descr)") }
        let raw = try source.bytes(at: base + header.dataOffset, count: header.elementCount * type.size)
        var texts = raw.withUnsafeBytes { bytes in
            (0..<header.elementCount).map { index in
                type.text(UnsafeRawBufferPointer(rebasing: bytes[(index * type.size)..<((index + 1) * type.size)]))
            }
        }
        if header.fortranOrder, header.shape.count > 1 {
            var reordered = texts
            for (index, text) in texts.enumerated() {
                reordered[cOrderIndex(ofFortranIndex: index, shape: header.shape)] = text
            }
            texts = reordered
        }
        return texts
    }
}
