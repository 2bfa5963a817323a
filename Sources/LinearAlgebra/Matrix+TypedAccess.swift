extension Matrix {
    // Typed-throws twins of the public `withUnsafe…BufferPointer`, so BLAS errors keep their type.

    func withElements<R, E: Error>(_ body: (UnsafeBufferPointer<Scalar>) throws(E) -> R) throws(E) -> R {
        let (start, length) = (offset, rows * columns)
        return try storage.withUnsafeBufferPointer { (all) throws(E) -> R in
            try body(UnsafeBufferPointer(rebasing: all[start..<(start + length)]))
        }
    }

    mutating func withMutableElements<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        let (start, length) = (offset, rows * columns)
        return try storage.withUnsafeMutableBufferPointer { (all) throws(E) -> R in
            try body(UnsafeMutableBufferPointer(rebasing: all[start..<(start + length)]))
        }
    }
}
