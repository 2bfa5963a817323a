import DataFiles

/// NaN and Inf values would silently poison every number computed from them, so analysis commands
/// refuse datasets holding any (`load` reports them). `allow_nonfinite=yes` has one meaning everywhere:
/// drop the rows that hold a NaN/Inf (labels go with them) and say how many were dropped in a note.
/// Statistics (mu/sigma) cannot drop rows, so non-finite statistics are always refused.
enum NonFiniteGuard {
    /// The option every analysis command takes.
    static let option = ArgumentSpec.option(
        "allow_nonfinite", .boolean, default: "no",
        help: "Drop the rows holding NaN/Inf (a note says how many) instead of refusing.")

    /// How many dropped row numbers a note lists before it only counts them.
    static let listedRowLimit = 5

    static func allows(_ arguments: BoundArguments) -> Bool { arguments.boolean("allow_nonfinite") ?? false }

    static func refusal(_ report: NonFiniteReport, name: String) -> ShellError {
        ShellError(
            "'\(name)' has \(report.count) NaN/Inf values (first in row \(report.firstRow)); "
                + "pass allow_nonfinite=yes to drop the rows holding them, or select finite rows")
    }

    /// Checks the dataset (or statistics) arguments `names` of one invocation. Without `allow_nonfinite=yes`
    /// a dataset holding NaN/Inf is refused; with it, the bound dataset is replaced by its finite rows and
    /// the returned notes (one per distinct argument text) say how many rows went. One pass over each
    /// dataset, plus one copy of the kept rows when any are dropped.
    static func screen(_ arguments: inout BoundArguments, _ names: [String]) throws(ShellError) -> [String] {
        let allowed = allows(arguments)
        var notes: [String] = []
        var screened: [String: SessionObject] = [:]
        for name in names {
            guard var reference = arguments.reference(name) else { continue }
            if let done = screened[reference.text] {
                reference.object = done
                arguments.values[name] = .object(reference)
                continue
            }
            switch reference.object {
            case .dataset(let dataset):
                guard let report = dataset.nonFiniteReport() else { continue }
                guard allowed else { throw refusal(report, name: reference.text) }
                let kept = finiteRows(of: dataset)
                guard !kept.rows.isEmpty else {
                    throw ShellError("every row of '\(reference.text)' holds NaN/Inf: nothing is left after dropping them")
                }
                reference.object = .dataset(dataset.rows(at: kept.rows))
                notes.append(droppedNote(kept.dropped, of: dataset.rowCount, name: reference.text))
            case .statistics(let statistics):
                try requireFinite(statistics, name: reference.text)
            default:
                continue
            }
            screened[reference.text] = reference.object
            arguments.values[name] = .object(reference)
        }
        return notes
    }

    /// Runs `body` on the screened arguments and adds the notes of dropped rows to its result.
    static func screened(
        _ names: [String], in arguments: BoundArguments, run body: (BoundArguments) throws -> CommandResult
    ) throws -> CommandResult {
        var arguments = arguments
        let notes = try screen(&arguments, names)
        var result = try body(arguments)
        result.notes.insert(contentsOf: notes, at: 0)
        return result
    }

    /// Refuses statistics whose mean or covariance holds NaN/Inf: no metric is defined on them.
    static func requireFinite(_ statistics: FeatureStatistics, name: String) throws(ShellError) {
        let count = statistics.nonFiniteCount
        guard count > 0 else { return }
        throw ShellError(
            "statistics '\(name)' hold \(count) NaN/Inf values in mu/sigma; recompute them from finite features")
    }

    /// Indices of the rows whose values are all finite, and the indices of the others.
    static func finiteRows(of dataset: Dataset) -> (rows: [Int], dropped: [Int]) {
        var kept: [Int] = []
        var dropped: [Int] = []
        kept.reserveCapacity(dataset.rowCount)
        for row in 0..<dataset.rowCount {
            if dataset.values.row(row).allSatisfy(\.isFinite) { kept.append(row) } else { dropped.append(row) }
        }
        return (kept, dropped)
    }

    static func droppedNote(_ dropped: [Int], of total: Int, name: String) -> String {
        let listed = dropped.prefix(listedRowLimit).map(String.init).joined(separator: ", ")
        let more = dropped.count > listedRowLimit ? ", …" : ""
        return "allow_nonfinite: dropped \(dropped.count) of \(total) rows of '\(name)' holding NaN/Inf "
            + "(rows \(listed)\(more)); row numbers in the result count the \(total - dropped.count) rows kept"
    }
}
