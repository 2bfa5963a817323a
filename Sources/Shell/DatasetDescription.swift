import DataFiles
import LinearAlgebra

/// What `describe` computes for a dataset: per-column moments in Double, non-finite counts, labels.
enum DatasetDescription {
    struct ColumnStatistics {
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var sum = 0.0
        var sumOfSquares = 0.0
        var finiteCount = 0
        var nonFiniteCount = 0

        var mean: Double { finiteCount > 0 ? sum / Double(finiteCount) : .nan }
        /// The extremes over finite values; nan (as mean and std) for a column without any.
        var lowest: Double { finiteCount > 0 ? minimum : .nan }
        var highest: Double { finiteCount > 0 ? maximum : .nan }
        /// Population standard deviation (ddof = 0), as numpy's `std` by default.
        var standardDeviation: Double {
            guard finiteCount > 0 else { return .nan }
            let variance = max(0, sumOfSquares / Double(finiteCount) - mean * mean)
            return variance.squareRoot()
        }
    }

    static func columnStatistics(of values: Matrix<Float>) -> [ColumnStatistics] {
        var statistics = [ColumnStatistics](repeating: ColumnStatistics(), count: values.columns)
        // Two passes (mean, then squared deviations) would be steadier; sums of squares in Double are exact
        // enough for float32 inputs of realistic magnitude and keep this a single read of the data.
        values.withUnsafeBufferPointer { buffer in
            for row in 0..<values.rows {
                let base = row * values.columns
                for column in 0..<values.columns {
                    let value = Double(buffer[base + column])
                    if value.isFinite {
                        statistics[column].minimum = min(statistics[column].minimum, value)
                        statistics[column].maximum = max(statistics[column].maximum, value)
                        statistics[column].sum += value
                        statistics[column].sumOfSquares += value * value
                        statistics[column].finiteCount += 1
                    } else {
                        statistics[column].nonFiniteCount += 1
                    }
                }
            }
        }
        return statistics
    }

    static func describe(_ dataset: Dataset, name: String, allColumns: Bool?) -> CommandResult {
        var result = CommandResult()
        let statistics = columnStatistics(of: dataset.values)
        let nonFinite = statistics.reduce(0) { $0 + $1.nonFiniteCount }
        result.fields = [
            ("name", .text(name)), ("rows", .integer(dataset.rowCount)), ("columns", .integer(dataset.columnCount)),
            ("dtype", .text(dataset.sourceType)),
            ("row_shape", dataset.rowShape.map { .text($0.map(String.init).joined(separator: "x")) } ?? .missing),
            ("nonfinite", .integer(nonFinite)),
            ("classes", dataset.labels.map { .integer(Set($0.codes).count) } ?? .missing),
        ]
        let listsEveryColumn = allColumns ?? (dataset.columnCount <= DataCommands.describeColumnLimit)
        if listsEveryColumn {
            var table = ResultTable(columns: ["column", "min", "mean", "max", "std", "nonfinite"])
            for (index, column) in statistics.enumerated() {
                let label = dataset.columnNames?[index] ?? "x\(index)"
                table.append([.text(label), .number(column.lowest), .number(column.mean), .number(column.highest),
                              .number(column.standardDeviation), .integer(column.nonFiniteCount)])
            }
            result.table = table
        } else if !statistics.isEmpty {
            var table = ResultTable(columns: ["columns", "min", "mean", "max", "mean_std", "constant"])
            let finite = statistics.filter { $0.finiteCount > 0 }
            table.append([
                .integer(statistics.count), .number(finite.map(\.minimum).min() ?? .nan),
                .number(finite.map(\.mean).reduce(0, +) / Double(max(1, finite.count))),
                .number(finite.map(\.maximum).max() ?? .nan),
                .number(finite.map(\.standardDeviation).reduce(0, +) / Double(max(1, finite.count))),
                .integer(finite.filter { $0.minimum == $0.maximum }.count),
            ])
            result.table = table
            result.notes.append("\(statistics.count) columns summarised; 'describe \(name) columns=all' lists each")
        }
        if let labels = dataset.labels {
            var counts = ResultTable(columns: ["label", "count", "share"])
            // Most frequent first when capped, so the rows shown are the classes that matter.
            var present = labels.counts().filter { $0.count > 0 }
            if present.count > labelRowLimit {
                present.sort { ($0.count, $1.name) > ($1.count, $0.name) }
                let rest = present[labelRowLimit...]
                result.notes.append(
                    "\(present.count) classes: the \(labelRowLimit) largest are listed; the other \(rest.count) hold "
                        + "\(rest.reduce(0) { $0 + $1.count }) rows")
                present = Array(present.prefix(labelRowLimit))
            }
            for (label, count) in present {
                counts.append([.text(label), .integer(count), .number(Double(count) / Double(max(1, labels.count)))])
            }
            result.extraTables.append(("labels", counts))
        }
        return result
    }

    /// Label rows `describe` lists before it lists only the largest classes: a screenful.
    static let labelRowLimit = 50

    /// FID statistics: dimension, n, and summaries of the mean and covariance (trace, the diagonal's range,
    /// largest asymmetry) so a file can be checked before it is used for FD.
    static func describe(_ statistics: FeatureStatistics, name: String) -> CommandResult {
        var result = CommandResult()
        let dimension = statistics.dimension
        let finiteMean = statistics.mean.filter(\.isFinite)
        let diagonal = (0..<dimension).map { statistics.covariance[$0, $0] }
        var asymmetry = 0.0
        for row in 0..<dimension {
            for column in (row + 1)..<max(row + 1, dimension) {
                asymmetry = max(asymmetry, abs(statistics.covariance[row, column] - statistics.covariance[column, row]))
            }
        }
        result.fields = [
            ("name", .text(name)), ("kind", .text("statistics")), ("dimension", .integer(dimension)),
            ("n", statistics.count.map { .integer($0) } ?? .missing),
            ("nonfinite", .integer(statistics.nonFiniteCount)),
            ("mean_min", .number(finiteMean.min() ?? .nan)),
            ("mean_mean", .number(finiteMean.reduce(0, +) / Double(max(1, finiteMean.count)))),
            ("mean_max", .number(finiteMean.max() ?? .nan)),
            ("trace", .number(diagonal.reduce(0, +))),
            ("variance_min", .number(diagonal.min() ?? .nan)),
            ("variance_max", .number(diagonal.max() ?? .nan)),
            ("asymmetry", .number(asymmetry)),
        ]
        return result
    }
}

/// Result tables written as CSV or TSV (other formats are for datasets).
enum TableFiles {
    static func write(_ table: ResultTable, to path: String, format: DataFormat?) throws {
        let separator: String
        switch format ?? (path.lowercased().hasSuffix(".tsv") ? .tsv : .csv) {
        case .csv: separator = ","
        case .tsv: separator = "\t"
        default: throw ShellError("\(path): result tables export as csv or tsv")
        }
        var settings = ShellSettings()
        settings.mode = separator == "," ? .csv : .tsv
        let text = Renderer(settings: settings).render(.table(table), command: "export")
        try AtomicFile.write(Array(text.utf8), to: path)
    }
}
