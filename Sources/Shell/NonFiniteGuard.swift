import DataFiles

/// NaN and Inf values would silently poison every number computed from them, so analysis commands
/// refuse datasets holding any (`load` reports them) unless the user passes `allow_nonfinite=yes`.
enum NonFiniteGuard {
    /// The option every analysis command takes.
    static let option = ArgumentSpec.option(
        "allow_nonfinite", .boolean, default: "no", help: "Compute even when the data holds NaN/Inf values.")

    static func allows(_ arguments: BoundArguments) -> Bool { arguments.boolean("allow_nonfinite") ?? false }

    static func require(_ dataset: Dataset, name: String, allowed: Bool) throws(ShellError) {
        guard !allowed, let report = dataset.nonFiniteReport() else { return }
        throw ShellError(
            "'\(name)' has \(report.count) NaN/Inf values (first in row \(report.firstRow)); "
                + "drop those rows (e.g. a row selection) or pass allow_nonfinite=yes")
    }
}
