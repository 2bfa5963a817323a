import Foundation
/// One array inside an `.npz` or `.safetensors` file, as `show`/`describe` list them.
public struct ArrayMember: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    /// numpy's descr (`<f4`, `<U5`) for npz members, the safetensors dtype (`F32`) for tensors.
    public var dataType: String

    public init(name: String, shape: [Int], dataType: String) {
        self.name = name
        self.shape = shape
        self.dataType = dataType
    }
}

extension DataFileReader {
    /// Every array of an npz or safetensors file with its shape and type, in file order (an .npy file is
    /// one array, named after the file).
    ///
    /// - Cost: only headers are read (for deflated npz members, the first inflated block), so listing a
    ///   multi-gigabyte archive is instant.
    public static func arrays(in path: String) throws(DataFileError) -> [ArrayMember] {
        switch try resolvedFormat(of: path, requested: nil) {
        case .npz:
            let archive = try NpzArchive(path: path)
            var members: [ArrayMember] = []
            for name in archive.memberNames {
                // Magic, version and length (12 bytes at most) plus the longest header numpy accepts.
                let (bytes, total) = try archive.prefix(of: name, limit: 12 + NpyHeader.maximumHeaderLength)
                let header = try NpyHeader.read(from: bytes, totalBytes: total)
                members.append(ArrayMember(name: name, shape: header.shape, dataType: header.elementType.descr))
            }
            return members
        case .safetensors:
            return try SafetensorsFile.header(of: ReadableFile(path: path)).tensors.map {
                ArrayMember(name: $0.name, shape: $0.shape, dataType: $0.elementType.descr)
            }
        case .npy:
            let file = try ReadableFile(path: path)
            let header = try NpyHeader.read(from: file)
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return [ArrayMember(name: name, shape: header.shape, dataType: header.elementType.descr)]
        default:
            throw DataFileError(path: path, message: "only .npy, .npz and .safetensors files hold arrays to list")
        }
    }

    /// Members of an `.npz` that are not `.npy` arrays, which loading skips (numpy tolerates them too);
    /// empty for other formats.
    public static func skippedMembers(of path: String) throws(DataFileError) -> [String] {
        guard try resolvedFormat(of: path, requested: nil) == .npz else { return [] }
        return try NpzArchive(path: path).skippedMembers
    }
}
