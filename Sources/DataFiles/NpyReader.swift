import Foundation
import LinearAlgebra

/// Decodes the data of an `.npy` array whose header has been read, in one pass over the bytes.
///
/// Layout: shape `()` → 1×1, `(n,)` → n×1, `(n, d)` → n×d, `(n, a, b, …)` → n×(a·b·…) with the row
/// shape `[a, b, …]` reported separately. Little-endian `f4` into Float (and `f8` into Double) is read
/// straight into the matrix storage; other types convert in blocks of `blockBytes`; Fortran order costs
/// one extra copy to reorder.
enum NpyReader {
    /// Bytes converted per block: large enough that the per-read cost vanishes, small enough to stay in cache.
    static let blockBytes = 1 << 20

    static func matrixShape(of shape: [Int]) -> (rows: Int, columns: Int, rowShape: [Int]?) {
        switch shape.count {
        case 0: return (1, 1, nil)
        case 1: return (shape[0], 1, nil)
        case 2: return (shape[0], shape[1], nil)
        default: return (shape[0], shape.dropFirst().reduce(1, *), Array(shape.dropFirst()))
        }
    }

    static func readNumbers<Scalar: MatrixScalar>(
        _ header: NpyHeader, from source: some ByteSource, at base: Int = 0, as _: Scalar.Type = Scalar.self,
        cancellation: CancellationToken? = nil
    ) throws(DataFileError) -> Matrix<Scalar> {
        let type = header.elementType
        guard !type.isText else {
            throw source.error("holds text (dtype \(type.descr)), not numbers; use it as labels= for a numeric file")
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
        var failure: DataFileError?
        let fileOrder = Matrix<Scalar>(rows: rows, columns: columns) { destination in
            do throws(DataFileError) {
                guard let start = destination.baseAddress, destination.count > 0 else { return }
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
        guard header.fortranOrder, header.shape.count > 1 else { return fileOrder }
        return reorderedFromFortran(fileOrder, shape: header.shape)
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
            let order = fortranToCOrder(shape: header.shape)
            texts = order.map { texts[$0] }
        }
        return texts
    }

    /// `values` hold a Fortran-ordered array of `shape` flattened; returns it in C order.
    private static func reorderedFromFortran<Scalar: MatrixScalar>(_ values: Matrix<Scalar>, shape: [Int])
        -> Matrix<Scalar>
    {
        let order = fortranToCOrder(shape: shape)
        return Matrix(rows: values.rows, columns: values.columns) { destination in
            values.withUnsafeBufferPointer { source in
                for (cIndex, fortranIndex) in order.enumerated() { destination[cIndex] = source[fortranIndex] }
            }
        }
    }

    /// For each C-order position, the Fortran-order position of the same element.
    private static func fortranToCOrder(shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)  // Fortran strides: first axis fastest
        for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        let total = shape.reduce(1, *)
        var order = [Int](repeating: 0, count: total)
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for position in 0..<total {
            order[position] = offset
            var axis = shape.count - 1  // C order: last axis fastest
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return order
    }
}
