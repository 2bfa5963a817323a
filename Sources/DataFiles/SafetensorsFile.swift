import Foundation
import LinearAlgebra

/// `.safetensors`: an 8-byte little-endian header length N, N bytes of JSON mapping tensor names to
/// `{dtype, shape, data_offsets: [begin, end]}` (offsets from the end of the header), then the data.
/// Spec: https://github.com/huggingface/safetensors#format. Tensors are little-endian and C-ordered.
enum SafetensorsFile {
    /// The safetensors library refuses headers over 100 MB; so do we, before reading it.
    static let maximumHeaderLength = 100_000_000
    static let metadataKey = "__metadata__"

    struct Tensor {
        var name: String
        var elementType: NpyElementType
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    static func read(_ path: String, key: String?, reading: ReadingReport? = nil) throws(DataFileError) -> Dataset {
        let file = try ReadableFile(path: path)
        let (tensor, header) = try selected(in: file, key: key)
        try NpyReader.checkHasRows(tensor.shape, in: file)
        let values: Matrix<Float> = try NpyReader.readNumbers(header, from: file, reading: reading)
        return Dataset(
            values: values, rowShape: NpyReader.matrixShape(of: tensor.shape).rowShape,
            sourceType: tensor.elementType.descr)
    }

    /// The tensor `key` names (or the only one), with an npy-style header locating its data in `file`.
    static func selected(in file: ReadableFile, key: String?) throws(DataFileError) -> (Tensor, NpyHeader) {
        let (tensors, dataStart) = try header(of: file)
        let tensor: Tensor
        if let key {
            guard let found = tensors.first(where: { $0.name == key }) else {
                throw file.error("has no tensor '\(key)'; tensors: \(tensors.map(\.name).joined(separator: ", "))")
            }
            tensor = found
        } else {
            guard tensors.count == 1 else {
                throw file.error(
                    tensors.isEmpty
                        ? "holds no tensors"
                        : "holds several tensors (\(tensors.map(\.name).joined(separator: ", "))); pick one with key=NAME"
                )
            }
            tensor = tensors[0]
        }
        let header = NpyHeader(
            elementType: tensor.elementType, fortranOrder: false, shape: tensor.shape,
            dataOffset: dataStart + tensor.begin, elementCount: tensor.shape.reduce(1, *))
        return (tensor, header)
    }

    static func tensorNames(_ path: String) throws(DataFileError) -> [String] {
        try header(of: ReadableFile(path: path)).tensors.map(\.name)
    }

    /// The tensors in file order, validated against the file size, and where their data starts.
    static func header(of file: ReadableFile) throws(DataFileError) -> (tensors: [Tensor], dataStart: Int) {
        guard file.byteCount >= 8 else { throw file.error("truncated header: the file has \(file.byteCount) bytes") }
        let lengthBytes = try file.bytes(at: 0, count: 8)
        let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maximumHeaderLength) else {
            throw file.error(
                "header claims \(length) bytes, over the \(maximumHeaderLength)-byte limit; the file is corrupt")
        }
        let dataStart = 8 + Int(length)
        guard dataStart <= file.byteCount else {
            throw file.error(
                "file is shorter than the header says: expected \(dataStart) bytes, found \(file.byteCount)")
        }
        let json = try file.bytes(at: 8, count: Int(length))
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)), let entries = object as? [String: Any]
        else { throw file.error("malformed JSON header") }
        let dataLength = file.byteCount - dataStart
        var tensors: [Tensor] = []
        for (name, value) in entries where name != metadataKey {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int],
                offsets.count == 2
            else { throw file.error("malformed entry for tensor '\(name)'") }
            guard let elementType = elementType(dtype) else {
                throw file.error(
                    "tensor '\(name)' has unsupported dtype \(dtype); supported: F16, BF16, F32, F64, I8–I64, U8–U64, BOOL"
                )
            }
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw file.error("tensor '\(name)' has a negative dimension or reversed offsets")
            }
            guard offsets[1] <= dataLength else {
                throw file.error(
                    "tensor '\(name)' ends at byte \(offsets[1]) of the data, past the end of the file (\(dataLength) data bytes)"
                )
            }
            guard let count = NpyHeader.elementCount(of: shape) else {
                throw file.error("tensor '\(name)' claims too many elements")
            }
            if let rows = shape.first, rows > 0, shape.count > 1, count == 0 {
                throw file.error("tensor '\(name)' of shape \(shape) has \(rows) rows but no values in them")
            }
            let needed = count.multipliedReportingOverflow(by: elementType.size)
            guard !needed.overflow, needed.partialValue == offsets[1] - offsets[0] else {
                throw file.error(
                    "tensor '\(name)' of shape \(shape) and dtype \(dtype) needs \(needed.partialValue) bytes, "
                        + "its offsets span \(offsets[1] - offsets[0])")
            }
            tensors.append(
                Tensor(name: name, elementType: elementType, shape: shape, begin: offsets[0], end: offsets[1]))
        }
        tensors.sort { ($0.begin, $0.name) < ($1.begin, $1.name) }
        // The reference library refuses overlapping tensors: one byte read as two values means a corrupt file.
        for (first, second) in zip(tensors, tensors.dropFirst()) where second.begin < first.end {
            throw file.error(
                "tensors '\(first.name)' (bytes \(first.begin)..<\(first.end)) and '\(second.name)' "
                    + "(bytes \(second.begin)..<\(second.end)) overlap; the file is corrupt")
        }
        // The reference library (`safetensors.load_file`) also refuses bytes no tensor covers: tensors must
        // tile the data from its first byte to the end of the file.
        var covered = 0
        for tensor in tensors where tensor.begin < tensor.end {
            guard tensor.begin == covered else {
                throw file.error(
                    "has \(tensor.begin - covered) bytes before tensor '\(tensor.name)' that no tensor covers; "
                        + "the file is corrupt or not written by safetensors")
            }
            covered = tensor.end
        }
        guard covered == dataLength else {
            throw file.error(
                "has \(dataLength - covered) bytes after the last tensor; the file is corrupt or not written by safetensors")
        }
        return (tensors, dataStart)
    }

    static func elementType(_ dtype: String) -> NpyElementType? {
        let kind: NpyElementType.Kind
        let size: Int
        switch dtype {
        case "F16": (kind, size) = (.float, 2)
        case "BF16": (kind, size) = (.brainFloat, 2)
        case "F32": (kind, size) = (.float, 4)
        case "F64": (kind, size) = (.float, 8)
        case "I8": (kind, size) = (.signed, 1)
        case "I16": (kind, size) = (.signed, 2)
        case "I32": (kind, size) = (.signed, 4)
        case "I64": (kind, size) = (.signed, 8)
        case "U8": (kind, size) = (.unsigned, 1)
        case "U16": (kind, size) = (.unsigned, 2)
        case "U32": (kind, size) = (.unsigned, 4)
        case "U64": (kind, size) = (.unsigned, 8)
        case "BOOL": (kind, size) = (.boolean, 1)
        default: return nil
        }
        return NpyElementType(kind: kind, size: size, bigEndian: false, descr: dtype)
    }
}
