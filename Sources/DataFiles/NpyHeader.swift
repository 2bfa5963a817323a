/// The header of an `.npy` array: magic, version, and the dict with `descr`, `fortran_order` and `shape`.
/// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
struct NpyHeader {
    /// numpy refuses headers longer than this by default (`max_header_size` in `numpy.lib.format`).
    static let maximumHeaderLength = 10_000
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    var elementType: NpyElementType
    var fortranOrder: Bool
    var shape: [Int]
    /// Offset of the first data byte from the start of the array.
    var dataOffset: Int
    var elementCount: Int

    /// Reads and validates the header at `base` of `source`, including that the data fits in the source.
    /// `totalBytes`: the size the whole array source has, when `source` is only its first bytes
    /// (an npz member's header inflated alone); defaults to the source's own size.
    static func read(from source: some ByteSource, at base: Int = 0, totalBytes: Int? = nil) throws(DataFileError)
        -> NpyHeader
    {
        let totalBytes = totalBytes ?? source.byteCount
        let available = source.byteCount - base
        let prefix = try source.bytes(at: base, count: min(available, 12))
        let magicLength = min(prefix.count, magic.count)
        guard Array(prefix.prefix(magicLength)) == Array(magic.prefix(magicLength)) else {
            throw source.error("not an .npy file (wrong magic: expected \\x93NUMPY at the start)")
        }
        guard prefix.count >= 10 else { throw source.error("truncated header: the file ends after \(available) bytes") }
        let major = prefix[6]
        let lengthFieldSize: Int
        switch major {
        case 1: lengthFieldSize = 2
        case 2, 3: lengthFieldSize = 4
        default: throw source.error("unsupported .npy version \(major).\(prefix[7]) (supported: 1.0, 2.0, 3.0)")
        }
        guard prefix.count >= 8 + lengthFieldSize else {
            throw source.error("truncated header: the file ends after \(available) bytes")
        }
        var headerLength = 0
        for i in (0..<lengthFieldSize).reversed() { headerLength = headerLength << 8 | Int(prefix[8 + i]) }
        guard headerLength <= maximumHeaderLength else {
            throw source.error(
                "header is \(headerLength) bytes, over the \(maximumHeaderLength)-byte limit numpy also enforces; "
                    + "the file is probably corrupt")
        }
        let dictStart = 8 + lengthFieldSize
        guard dictStart + headerLength <= available else {
            throw source.error(
                "truncated header: it needs \(dictStart + headerLength) bytes, the file has \(available)")
        }
        let headerBytes = try source.bytes(at: base + dictStart, count: headerLength)
        // Versions 1 and 2 are latin-1; version 3 is UTF-8.
        let text =
            major == 3
            ? String(decoding: headerBytes, as: UTF8.self)
            : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        var header = try parseDictionary(text, source: source)
        header.dataOffset = dictStart + headerLength
        let needed = header.elementCount.multipliedReportingOverflow(by: header.elementType.size)
        let total = needed.partialValue.addingReportingOverflow(base + header.dataOffset)
        guard !needed.overflow, !total.overflow, total.partialValue <= totalBytes else {
            let expected =
                needed.overflow || total.overflow
                ? "more than \(Int.max)" : String(total.partialValue)
            throw source.error(
                "file is shorter than the header says: expected \(expected) bytes, found \(totalBytes)")
        }
        return header
    }

    private static func parseDictionary(_ text: String, source: some ByteSource) throws(DataFileError) -> NpyHeader {
        let literal: PythonLiteral
        switch PythonLiteralParser.parse(text) {
        case .success(let value): literal = value
        case .failure(let failure): throw source.error("malformed header dict: \(failure.message)")
        }
        guard case .dictionary(let entries) = literal else { throw source.error("malformed header: not a dict") }
        let elementType: NpyElementType
        switch entries["descr"] {
        case .string(let descr)?:
            switch NpyElementType.parse(descr) {
            case .success(let type): elementType = type
            case .failure(let failure): throw source.error(failure.message)
            }
        case .sequence?:
            throw source.error("structured dtypes (record arrays) are not supported; save one numeric array per field")
        default: throw source.error("malformed header dict: missing 'descr'")
        }
        guard let fortranValue = entries["fortran_order"] else {
            throw source.error("malformed header dict: missing 'fortran_order'")
        }
        guard case .boolean(let fortranOrder) = fortranValue else {
            throw source.error("malformed header dict: 'fortran_order' must be True or False")
        }
        guard case .sequence(let items)? = entries["shape"] else {
            throw source.error("malformed header dict: missing 'shape'")
        }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let dimension) = item, dimension >= 0 else {
                throw source.error("malformed header dict: shape must hold non-negative integers")
            }
            shape.append(dimension)
        }
        guard let count = elementCount(of: shape) else {
            throw source.error("header claims more elements than can be addressed: shape \(shape)")
        }
        if let rows = shape.first, rows > 0, shape.count > 1, count == 0 {
            throw source.error("array of shape \(shape) has \(rows) rows but no values in them")
        }
        return NpyHeader(
            elementType: elementType, fortranOrder: fortranOrder, shape: shape, dataOffset: 0, elementCount: count)
    }

    /// The product of `shape`, or nil when it — or the product of the row dimensions alone, which sizes
    /// the matrix even when another dimension is 0 — overflows.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        var nonZero = 1
        for dimension in shape {
            let product = count.multipliedReportingOverflow(by: dimension)
            let rowProduct = nonZero.multipliedReportingOverflow(by: max(dimension, 1))
            guard !product.overflow, !rowProduct.overflow else { return nil }
            (count, nonZero) = (product.partialValue, rowProduct.partialValue)
        }
        return count
    }
}
