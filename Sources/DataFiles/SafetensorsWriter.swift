import Foundation

/// Writes a dataset as one F32 tensor `data` of shape `(n, d)` or `(n, rowShape…)`, readable by
/// `safetensors.numpy.load_file`. Labels are not written: safetensors holds numbers only.
enum SafetensorsWriter {
    static let tensorName = "data"
    /// The format pads the JSON header with spaces to a multiple of 8 bytes so tensors stay aligned.
    static let headerAlignment = 8

    static func write(_ dataset: Dataset, to file: WritableFile) throws(DataFileError) {
        let shape = NpyWriter.shape(of: dataset).map(String.init).joined(separator: ",")
        let byteCount = dataset.rowCount * dataset.columnCount * MemoryLayout<Float>.size
        var header = Array(
            #"{"\#(tensorName)":{"dtype":"F32","shape":[\#(shape)],"data_offsets":[0,\#(byteCount)]}}"#.utf8)
        header += [UInt8](
            repeating: UInt8(ascii: " "), count: (headerAlignment - header.count % headerAlignment) % headerAlignment)
        try file.write(withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header)
        var failure: DataFileError?
        dataset.values.withUnsafeBufferPointer { values in
            do throws(DataFileError) {
                try file.write(UnsafeRawBufferPointer(values))
            } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
