import LinearAlgebra

/// One `.npy` dtype descr (`<f4`, `>i8`, `|u1`, `<U12`, …) that we can read, and how to convert it.
struct NpyElementType: Equatable {
    /// `brainFloat` (bfloat16) only comes from safetensors; numpy has no such dtype.
    enum Kind: Equatable { case float, brainFloat, signed, unsigned, boolean, unicode, bytes }

    var kind: Kind
    /// Bytes per element (a `<U12` element is 48 bytes: UTF-32 code units).
    var size: Int
    var bigEndian: Bool
    /// The descr as written in the file, kept for `Dataset.sourceType`.
    var descr: String

    var isText: Bool { kind == .unicode || kind == .bytes }

    /// Parses a simple descr; the failure message says what to do instead for refused types.
    static func parse(_ descr: String) -> Result<NpyElementType, DescrFailure> {
        var scalars = Substring(descr)
        var bigEndian = false
        if let first = scalars.first, "<>|=".contains(first) {
            bigEndian = first == ">"
            scalars = scalars.dropFirst()
        }
        guard let code = scalars.first else { return .failure(DescrFailure(message: "empty dtype descr")) }
        let digits = scalars.dropFirst()
        let count = digits.isEmpty ? nil : Int(digits)
        switch code {
        case "O":
            return .failure(
                DescrFailure(
                    message:
                        "object arrays (dtype \(descr)) hold pickled Python objects, which are never unpickled here; "
                        + "save numbers instead: np.save(path, np.asarray(x, dtype=np.float32))"))
        case "c":
            return .failure(
                DescrFailure(
                    message:
                        "complex values (dtype \(descr)) are not supported; save real and imaginary parts as columns: "
                        + "np.save(path, np.concatenate([x.real, x.imag], axis=-1))"))
        default: break
        }
        let kind: Kind
        var size = count ?? 0
        switch (code, count) {
        case ("f", 2), ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1), ("?", nil), ("?", 1):
            kind = .boolean
            size = 1
        case ("U", .some(let characters)) where characters > 0:
            kind = .unicode
            (size, bigEndian) = (characters * 4, bigEndian)
        case ("S", .some(let characters)) where characters > 0, ("a", .some(let characters)) where characters > 0:
            kind = .bytes
            size = characters
        default:
            return .failure(
                DescrFailure(
                    message:
                        "unsupported dtype \(descr); supported: f2/f4/f8, i1–i8, u1–u8, b1, and U/S text for labels; "
                        + "convert with x.astype(np.float32)"))
        }
        return .success(NpyElementType(kind: kind, size: size, bigEndian: bigEndian, descr: descr))
    }

    struct DescrFailure: Error { var message: String }

    /// The descr the writer uses for a type, in numpy's own spelling.
    static func descr(kind: Kind, size: Int) -> String {
        switch kind {
        case .float: return "<f\(size)"
        case .brainFloat: return "bf16"
        case .signed: return "<i\(size)"
        case .unsigned: return size == 1 ? "|u1" : "<u\(size)"
        case .boolean: return "|b1"
        case .unicode: return "<U\(size / 4)"
        case .bytes: return "|S\(size)"
        }
    }
}

extension NpyElementType {
    /// Converts `count` packed elements at `source` into `destination`, honouring byte order.
    /// Integers and booleans become their exact value (rounded to the destination precision); `f2` widens exactly.
    func convert<Scalar: MatrixScalar>(
        _ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Scalar>
    ) {
        switch (kind, size) {
        case (.float, 2):
            for i in 0..<count {
                destination[i] = Scalar(Float(Float16(bitPattern: load(source, i, UInt16.self))))
            }
        case (.float, 4):
            for i in 0..<count { destination[i] = Scalar(Float(bitPattern: load(source, i, UInt32.self))) }
        case (.float, 8):
            for i in 0..<count { destination[i] = Scalar(Double(bitPattern: load(source, i, UInt64.self))) }
        case (.brainFloat, _):
            // bfloat16 is the upper half of a float32.
            for i in 0..<count {
                destination[i] = Scalar(Float(bitPattern: UInt32(load(source, i, UInt16.self)) << 16))
            }
        case (.signed, 1): for i in 0..<count { destination[i] = Scalar(Int8(bitPattern: load(source, i, UInt8.self))) }
        case (.signed, 2):
            for i in 0..<count { destination[i] = Scalar(Int16(bitPattern: load(source, i, UInt16.self))) }
        case (.signed, 4):
            for i in 0..<count { destination[i] = Scalar(Int32(bitPattern: load(source, i, UInt32.self))) }
        case (.signed, 8):
            for i in 0..<count { destination[i] = Scalar(Int64(bitPattern: load(source, i, UInt64.self))) }
        case (.unsigned, 1): for i in 0..<count { destination[i] = Scalar(load(source, i, UInt8.self)) }
        case (.unsigned, 2): for i in 0..<count { destination[i] = Scalar(load(source, i, UInt16.self)) }
        case (.unsigned, 4): for i in 0..<count { destination[i] = Scalar(load(source, i, UInt32.self)) }
        case (.unsigned, 8): for i in 0..<count { destination[i] = Scalar(load(source, i, UInt64.self)) }
        case (.boolean, _): for i in 0..<count { destination[i] = load(source, i, UInt8.self) == 0 ? 0 : 1 }
        default: for i in 0..<count { destination[i] = .nan }  // text never reaches here: callers check isText
        }
    }

    @inline(__always)
    private func load<Integer: FixedWidthInteger>(_ source: UnsafeRawPointer, _ index: Int, _: Integer.Type) -> Integer
    {
        let raw = source.loadUnaligned(fromByteOffset: index * MemoryLayout<Integer>.size, as: Integer.self)
        return bigEndian ? Integer(bigEndian: raw) : Integer(littleEndian: raw)
    }

    /// Decodes one text element (NUL-padded UTF-32 for `U`, bytes for `S`).
    func text(_ element: UnsafeRawBufferPointer) -> String {
        switch kind {
        case .unicode:
            var scalars = String.UnicodeScalarView()
            for i in 0..<(size / 4) {
                let raw = element.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                let value = bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
                if value == 0 { break }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
            return String(scalars)
        default:
            let bytes = element.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
