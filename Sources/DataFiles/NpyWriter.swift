import LinearAlgebra

/// Encodes arrays in the `.npy` format numpy writes: version 1.0 (2.0 when the header needs more than
/// 65,535 bytes), the header padded with spaces so the data starts at a multiple of 64, little-endian data.
enum NpyWriter {
    /// numpy aligns the data start to this many bytes so memory-mapped arrays are aligned.
    static let alignment = 64

    static func header(descr: String, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }".utf8)
        let version1Length = 10 + dict.count + 1
        let useVersion2 = version1Length + alignment > Int(UInt16.max)
        let prefixLength = useVersion2 ? 12 : 10
        let padding = (alignment - (prefixLength + dict.count + 1) % alignment) % alignment
        dict += [UInt8](repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        var bytes = NpyHeader.magic + [useVersion2 ? 2 : 1, 0]
        let length = dict.count
        bytes +=
            useVersion2
            ? [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
            : [UInt8(length & 0xFF), UInt8(length >> 8)]
        return bytes + dict
    }

    /// The shape a dataset is saved with: `(n, rowShape…)` when the row shape matches, else `(n, d)`.
    static func shape(of dataset: Dataset) -> [Int] {
        if let rowShape = dataset.rowShape, rowShape.reduce(1, *) == dataset.columnCount {
            return [dataset.rowCount] + rowShape
        }
        return [dataset.rowCount, dataset.columnCount]
    }

    static func encode(integers: [Int64], shape: [Int]) -> [UInt8] {
        var bytes = header(descr: "<i8", shape: shape)
        for value in integers { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        return bytes
    }

    /// Text as numpy's fixed-width `<U` type, as wide as the longest string (at least 1).
    static func encode(texts: [String]) -> [UInt8] {
        let width = max(1, texts.map { $0.unicodeScalars.count }.max() ?? 1)
        var bytes = header(descr: "<U\(width)", shape: [texts.count])
        bytes.reserveCapacity(bytes.count + texts.count * width * 4)
        for text in texts {
            var written = 0
            for scalar in text.unicodeScalars {
                withUnsafeBytes(of: scalar.value.littleEndian) { bytes += $0 }
                written += 1
            }
            bytes += [UInt8](repeating: 0, count: (width - written) * 4)
        }
        return bytes
    }

    static func littleEndianBytes<Scalar: MatrixScalar>(_ values: UnsafeBufferPointer<Scalar>) -> [UInt8] {
        #if _endian(big)
            #error("NpyWriter writes the host's bytes as little-endian; add a byte swap for big-endian hosts")
        #endif
        return Array(UnsafeRawBufferPointer(values))
    }

    /// Writes a dataset's values as float32 without building the whole file in memory.
    static func write(_ dataset: Dataset, to file: WritableFile) throws(DataFileError) {
        try file.write(header(descr: "<f4", shape: shape(of: dataset)))
        var failure: DataFileError?
        dataset.values.withUnsafeBufferPointer { values in
            do throws(DataFileError) { try file.write(UnsafeRawBufferPointer(values)) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
