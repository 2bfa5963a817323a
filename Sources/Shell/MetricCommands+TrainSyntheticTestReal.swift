import DataFiles
import LinearAlgebra
import Metrics

/// `metrics … only=tstr test=TEST`: the train-synthetic-test-real rows of the metrics result.
extension MetricCommands {
    /// Adds `tstr_<classifier>_<fake|real>_<accuracy|f1>` fields and table rows, the synthetic-to-real
    /// accuracy gaps, and a per-class accuracy table. Uses every row of the three sets (subset= and ci= do
    /// not apply: they subsample rows without their labels).
    static func addTrainSyntheticTestReal(to result: inout CommandResult, arguments: BoundArguments, token: CancellationToken) throws {
        guard arguments.isPresent("test") else {
            throw ShellError("only=tstr needs test=DATASET: held-out labelled real rows (e.g. test=digits[1200:1797])")
        }
        let names = ["fake", "real", "test"]
        let datasets = try names.map { try arguments.dataset($0) }
        var labelSets: [Labels] = []
        for (name, dataset) in zip(names, datasets) {
            let typed = arguments.text(name)!
            guard let labels = dataset.labels else {
                throw ShellError("only=tstr needs labels on '\(typed)'; load it with labels=FILE")
            }
            labelSets.append(labels)
        }
        let classes = classOrder(labelSets.flatMap(\.names))
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let sets = zip(datasets, labelSets).map { dataset, labels in
            TrainSyntheticTestReal.LabelledSet(
                values: dataset.values, labels: labels.codes.map { index[labels.names[Int($0)]] ?? 0 })
        }
        let report: TrainSyntheticTestReal
        do {
            report = try TrainSyntheticTestReal(fake: sets[0], real: sets[1], test: sets[2], classCount: classes.count, token: token)
        } catch let error as MetricsError {
            throw ShellError(error.description)
        }
        guard case .table(var table) = result.value else { return }
        let counts: [Cell] = [.integer(datasets[1].rowCount), .integer(datasets[0].rowCount)]
        let scored: [(String, ClassificationScores, String)] = [
            ("knn_fake", report.nearestNeighbourOnFake, "sklearn KNeighborsClassifier(5), exact"),
            ("knn_real", report.nearestNeighbourOnReal, "sklearn KNeighborsClassifier(5), exact"),
            ("logistic_fake", report.logisticOnFake, "sklearn LogisticRegression, accuracy ±0.01"),
            ("logistic_real", report.logisticOnReal, "sklearn LogisticRegression, accuracy ±0.01"),
        ]
        for (key, scores, reference) in scored {
            for (suffix, value) in [("accuracy", scores.accuracy), ("f1", scores.macroF1)] {
                result.fields.append(("tstr_\(key)_\(suffix)", .number(value)))
                table.append([.text("tstr_\(key)_\(suffix)"), .number(value), .missing] + counts + [.text(reference)])
            }
        }
        result.fields.append(("tstr_knn_gap", .number(report.nearestNeighbourOnReal.accuracy - report.nearestNeighbourOnFake.accuracy)))
        result.fields.append(("tstr_logistic_gap", .number(report.logisticOnReal.accuracy - report.logisticOnFake.accuracy)))
        result.fields.append(("n_test", .integer(datasets[2].rowCount)))
        result.value = .table(table)
        var perClass = ResultTable(columns: ["class", "test_rows"] + scored.map(\.0))
        let testCounts = sets[2].labels.reduce(into: Array(repeating: 0, count: classes.count)) { $0[$1] += 1 }
        for (position, name) in classes.enumerated() {
            perClass.append([.text(name), .integer(testCounts[position])]
                + scored.map { $0.1.perClassAccuracy[position].map { .number($0) } ?? .missing })
        }
        result.extraTables.append(("tstr per-class accuracy", perClass))
    }

    /// Distinct label names in scikit-learn's order (np.unique): numerically when every name is an integer.
    static func classOrder(_ names: [String]) -> [String] {
        let distinct = Array(Set(names))
        if distinct.allSatisfy({ Int($0) != nil }) { return distinct.sorted { Int($0)! < Int($1)! } }
        return distinct.sorted()
    }
}
