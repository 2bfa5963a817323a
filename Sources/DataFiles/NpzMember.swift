import Foundation
import LinearAlgebra

/// One `.npy` member to write into an `.npz`, produced range by range as the zip writer asks for it, so
/// a large matrix is encoded straight from its storage: the export of an n × d dataset needs the dataset
/// plus one zip block (ZIPFoundation's 16 KB), never a second whole copy of the member.
struct NpzMember {
    /// The member name without `.npy`.
    var name: String
    /// Length of the member's complete `.npy` encoding.
    var byteCount: Int
    /// Bytes `range` of the encoding; `range` lies within `0..<byteCount`.
    var bytes: (Range<Int>) -> Data

    /// A member whose encoding is already in memory (small arrays: labels, shapes, counts).
    init(name: String, npy: [UInt8]) {
        self.name = name
        self.byteCount = npy.count
        self.bytes = { range in Data(npy[range]) }
    }

    /// `header` followed by the matrix's values as little-endian bytes, read from the matrix on demand.
    init<Scalar: MatrixScalar>(name: String, header: [UInt8], values: Matrix<Scalar>) {
        #if _endian(big)
            #error("NpzMember writes the host's bytes as little-endian; add a byte swap for big-endian hosts")
        #endif
        self.name = name
        self.byteCount = header.count + values.count * MemoryLayout<Scalar>.size
        self.bytes = { range in
            var data = Data(capacity: range.count)
            if range.lowerBound < header.count {
                data.append(contentsOf: header[range.lowerBound..<min(range.upperBound, header.count)])
            }
            let start = max(range.lowerBound, header.count) - header.count
            let end = range.upperBound - header.count
            if end > start {
                values.withUnsafeBufferPointer { buffer in
                    let raw = UnsafeRawBufferPointer(buffer)
                    data.append(raw.baseAddress!.advanced(by: start).assumingMemoryBound(to: UInt8.self), count: end - start)
                }
            }
            return data
        }
    }

    /// A float matrix as an `.npy` of `shape` (`<f4` or `<f8` after the scalar type).
    static func matrix<Scalar: MatrixScalar>(_ name: String, _ values: Matrix<Scalar>, shape: [Int]) -> NpzMember {
        NpzMember(name: name, header: NpyWriter.header(descr: "<f\(MemoryLayout<Scalar>.size)", shape: shape), values: values)
    }
}
