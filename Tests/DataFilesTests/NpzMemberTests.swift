import Foundation
import LinearAlgebra
import Testing

@testable import DataFiles

/// The `.npz` writer encodes a matrix member block by block from the matrix (no whole-member copy):
/// every byte range, including ones straddling the header's end, must equal the whole encoding.
@Suite struct NpzMemberTests {
    @Test func rangesMatchTheWholeEncoding() {
        let values = Matrix<Float>(rows: 5, columns: 3) { buffer in
            for index in buffer.indices { buffer[index] = Float(index) * 0.5 - 2 }
        }
        let member = NpzMember.matrix("data", values, shape: [5, 3])
        let header = NpyWriter.header(descr: "<f4", shape: [5, 3])
        let whole = header + values.values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        #expect(member.byteCount == whole.count && whole.count == header.count + 60)
        for size in [1, 7, 16, 64] {
            var rebuilt: [UInt8] = []
            var start = 0
            while start < member.byteCount {
                let end = min(start + size, member.byteCount)
                rebuilt += member.bytes(start..<end)
                start = end
            }
            #expect(rebuilt == whole, "block size \(size)")
        }
        #expect(Array(member.bytes((header.count - 2)..<(header.count + 5))) == Array(whole[(header.count - 2)..<(header.count + 5)]))
    }

    @Test func rowSlicesAreWrittenFromTheirOwnRows() throws {
        let values = Matrix<Float>(rows: 4, columns: 2) { buffer in
            for index in buffer.indices { buffer[index] = Float(index) }
        }
        let directory = TestFiles.scratchDirectory()
        let path = directory + "/slice.npz"
        try DataFileWriter.write(Dataset(values: values).rows(1..<3), to: path)
        #expect(try TestFiles.loadDataset(path).values == Matrix(rowArrays: [[2, 3], [4, 5]]))
    }
}
