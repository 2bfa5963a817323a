// LinearAlgebra — the numerics foundation every other module builds on: a row-major matrix with cheap
// row slicing, thin safe wrappers over OpenBLAS/LAPACKE, blocked pairwise distances, a seeded random
// generator, bounded top-k selection, PCA, the cancellation token that Ctrl-C trips, the progress
// reporter, and the thread-count setting shared by BLAS and our own parallel loops.
// C types never leave this module: OpenBLAS is imported `internal`.

/// The element types a `Matrix` can hold: the two IEEE types BLAS works in.
public protocol MatrixScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {}

extension Float: MatrixScalar {}
extension Double: MatrixScalar {}

/// A dense row-major matrix of `rows × columns` values.
///
/// Storage is a Swift array shared copy-on-write, plus a first-row offset, so `rows(_:)` slices rows
/// without copying (a slice of a 400 MB dataset costs nothing until one side is written to).
public struct Matrix<Scalar: MatrixScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    @usableFromInline var storage: [Scalar]
    /// Index into `storage` of element (0, 0).
    @usableFromInline var offset: Int

    /// A matrix filled with `value`.
    ///
    /// Zeros are written as raw bytes: from code not specialised for `Scalar` (any generic caller in another
    /// module), `Array(repeating:count:)` copies element by element through value witnesses, which made
    /// 60 % of KID's time at d = 2.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        let isPositiveZero = value == 0 && value.sign == .plus
        self.storage = Array(unsafeUninitializedCapacity: rows * columns) { buffer, count in
            if isPositiveZero {
                UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
            } else {
                buffer.initialize(repeating: value)
            }
            count = rows * columns
        }
        self.offset = 0
    }

    /// Wraps row-major `values`; `values.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, values: [Scalar]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.storage = values
        self.offset = 0
    }

    /// Builds a matrix from equal-length rows.
    public init(rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows must have equal length")
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    /// Fills the storage in place through a pointer, avoiding a zero-fill pass for large loads.
    @inlinable
    public init(
        rows: Int, columns: Int,
        initializingWith body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> Void
    ) rethrows {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = try Array(unsafeUninitializedCapacity: rows * columns) { buffer, count in
            try body(&buffer)
            count = rows * columns
        }
        self.offset = 0
    }

    @inlinable
    public var count: Int { rows * columns }
    public var isEmpty: Bool { rows == 0 || columns == 0 }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            return storage[offset + row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
            storage[offset + row * columns + column] = newValue
        }
    }

    /// One row as an array slice (no copy).
    @inlinable
    public func row(_ index: Int) -> ArraySlice<Scalar> {
        precondition(index >= 0 && index < rows, "row \(index) out of range 0..<\(rows)")
        let start = offset + index * columns
        return storage[start..<(start + columns)]
    }

    /// Rows `range` as a matrix sharing this one's storage.
    @inlinable
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
        return Matrix(sharing: storage, offset: offset + range.lowerBound * columns, rows: range.count, columns: columns)
    }

    /// Rows at arbitrary `indices`, in that order (a copy).
    @inlinable
    public func rows<Indices: Collection>(at indices: Indices) -> Matrix where Indices.Element == Int {
        Matrix(rows: indices.count, columns: columns) { buffer in
            var destination = 0
            storage.withUnsafeBufferPointer { source in
                for index in indices {
                    precondition(index >= 0 && index < rows, "row \(index) out of range 0..<\(rows)")
                    let start = offset + index * columns
                    for column in 0..<columns { buffer[destination + column] = source[start + column] }
                    destination += columns
                }
            }
        }
    }

    @usableFromInline init(sharing storage: [Scalar], offset: Int, rows: Int, columns: Int) {
        self.storage = storage
        self.offset = offset
        self.rows = rows
        self.columns = columns
    }

    /// The values in row-major order (a copy only when this matrix is a slice).
    @inlinable
    public var values: [Scalar] {
        if offset == 0 && storage.count == count { return storage }
        return Array(storage[offset..<(offset + count)])
    }

    /// Read access to the row-major values; the pointer must not escape `body`.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offset..<(offset + rows * columns)]))
        }
    }

    /// Write access to the row-major values; the pointer must not escape `body`.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        let (start, length) = (offset, rows * columns)
        return try storage.withUnsafeMutableBufferPointer { all in
            try body(UnsafeMutableBufferPointer(rebasing: all[start..<(start + length)]))
        }
    }

    /// The transpose (a copy).
    @inlinable
    public func transposed() -> Matrix {
        Matrix(rows: columns, columns: rows) { destination in
            withUnsafeBufferPointer { source in
                for r in 0..<rows {
                    for c in 0..<columns { destination[c * rows + r] = source[r * columns + c] }
                }
            }
        }
    }

    /// Element-wise conversion to another scalar type.
    @inlinable
    public func converted<Other: MatrixScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns) { destination in
            withUnsafeBufferPointer { source in
                for index in 0..<source.count { destination[index] = Other(source[index]) }
            }
        }
    }

    /// Stacks `self` on top of `other` (equal column counts).
    public func appendingRows(of other: Matrix) -> Matrix {
        precondition(columns == other.columns, "column counts differ: \(columns) vs \(other.columns)")
        return Matrix(rows: rows + other.rows, columns: columns, values: values + other.values)
    }

    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}
