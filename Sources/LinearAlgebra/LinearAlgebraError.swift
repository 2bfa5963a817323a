/// Everything that can go wrong in `LinearAlgebra` apart from cancellation (which is `CancellationError`).
///
/// Messages name the operation, the offending sizes or values and, when there is one, the fix.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two operands' shapes do not fit together, e.g. `A·B` with `A.columns != B.rows`.
    case shapeMismatch(operation: String, expected: String, actual: String)
    /// A size exceeds what 32-bit BLAS/LAPACK integers can address.
    case exceedsBLASIntegerRange(operation: String, size: Int)
    /// An argument is outside its valid range, e.g. `k = 0` components.
    case invalidArgument(operation: String, name: String, value: String, requirement: String)
    /// The input holds NaN or infinity where the operation needs finite values.
    case nonFiniteInput(operation: String)
    /// LAPACK reported failure (`info != 0`) for a reason other than the documented ones we handle.
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, expected, actual):
            return "\(operation): shapes do not fit: expected \(expected), got \(actual)"
        case let .exceedsBLASIntegerRange(operation, size):
            return "\(operation): size \(size) exceeds the 32-bit BLAS limit \(Int32.max); "
                + "process the data in smaller blocks"
        case let .invalidArgument(operation, name, value, requirement):
            return "\(operation): \(name) = \(value) is invalid; it must be \(requirement)"
        case let .nonFiniteInput(operation):
            return "\(operation): input contains NaN or infinity; remove or impute those values first"
        case let .lapackFailure(routine, info):
            return "\(routine) failed (LAPACK info = \(info))"
        }
    }
}

extension LinearAlgebraError {
    static func shape(_ operation: String, expected: String, rows: Int, columns: Int) -> LinearAlgebraError {
        .shapeMismatch(operation: operation, expected: expected, actual: "\(rows)×\(columns)")
    }
}
