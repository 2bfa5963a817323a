/// Arbitrary named numeric arrays written as numpy files, for results that are not datasets (neighbour
/// indices and distances, per-row scores): `.npz` holds every array as a member, `.npy` one array.
///
/// Element types are numpy's `<f4` (Float), `<f8` (Double) and `<i8` (Int64); shapes are given
/// explicitly and must multiply to the value count. Writes are atomic like every other export.
public struct NamedArray: Sendable, Equatable {
    public enum Values: Sendable, Equatable {
        case float32([Float])
        case float64([Double])
        case int64([Int64])

        var count: Int {
            switch self {
            case let .float32(values): values.count
            case let .float64(values): values.count
            case let .int64(values): values.count
            }
        }
    }

    /// The member name inside an `.npz` (without `.npy`).
    public var name: String
    public var shape: [Int]
    public var values: Values

    public init(name: String, shape: [Int], values: Values) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// The complete `.npy` bytes, or an error naming the array when its shape does not fit its values.
    func npyBytes(reportingAs path: String) throws(DataFileError) -> [UInt8] {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw DataFileError(path: path, message:
                "array '\(name)' has shape \(shape) but \(values.count) values; the shape must multiply to the count")
        }
        switch values {
        case let .float32(values):
            var bytes = NpyWriter.header(descr: "<f4", shape: shape)
            values.withUnsafeBufferPointer { bytes += NpyWriter.littleEndianBytes($0) }
            return bytes
        case let .float64(values):
            var bytes = NpyWriter.header(descr: "<f8", shape: shape)
            values.withUnsafeBufferPointer { bytes += NpyWriter.littleEndianBytes($0) }
            return bytes
        case let .int64(values):
            return NpyWriter.encode(integers: values, shape: shape)
        }
    }
}

extension DataFileWriter {
    /// Writes `arrays` as the members of an `.npz` archive at `path` (uncompressed, like `np.savez`).
    /// - Throws: `DataFileError` for an empty list, repeated or unsafe member names, a shape that does not
    ///   fit its values, or I/O failures.
    public static func write(_ arrays: [NamedArray], toArchive path: String) throws(DataFileError) {
        guard !arrays.isEmpty else { throw DataFileError(path: path, message: "no arrays to write") }
        var seen = Set<String>()
        var members: [NpzMember] = []
        for array in arrays {
            guard !array.name.isEmpty, !array.name.contains("/"), !array.name.contains(".."), seen.insert(array.name).inserted
            else {
                throw DataFileError(path: path, message:
                    "member name '\(array.name)' is empty, repeated or contains '/' or '..'; choose another name")
            }
            members.append(NpzMember(name: array.name, npy: try array.npyBytes(reportingAs: path)))
        }
        try writeArchive(members, to: path)
    }

    /// Writes one array as a `.npy` file at `path`.
    public static func write(_ array: NamedArray, toArray path: String) throws(DataFileError) {
        let bytes = try array.npyBytes(reportingAs: path)
        try AtomicFile.write(to: path) { (temporary) throws(DataFileError) in
            try WritableFile(temporaryPath: temporary, reportingAs: path).write(bytes)
        }
    }
}
