import LinearAlgebra
import Metrics

/// `metrics … train=TRAIN`: authenticity (Alaa et al. 2022) of each fake against the generator's training set.
extension MetricCommands {
    /// Suspected copies listed in the extra table, most suspicious first.
    static let listedCopyCount = 10

    /// Adds `authenticity` (authentic share) and `unauthentic` (count) as fields and table rows, and a table
    /// of the most suspicious fakes. Uses every fake row (subset= and ci= do not apply).
    static func addAuthenticity(to result: inout CommandResult, arguments: BoundArguments, token: CancellationToken) throws {
        guard arguments.isPresent("train") else {
            throw ShellError("only=authenticity needs train=DATASET: the rows the generator was trained on")
        }
        let fake = try arguments.dataset("fake")
        let train = try arguments.dataset("train")
        let report: Authenticity
        do {
            report = try Authenticity(fake: fake.values, training: train.values, token: token)
        } catch let error as MetricsError {
            throw ShellError(error.description)
        }
        let unauthentic = report.isAuthentic.filter { !$0 }.count
        result.fields.append(("authenticity", .number(report.authenticFraction)))
        result.fields.append(("unauthentic", .integer(unauthentic)))
        result.fields.append(("n_train", .integer(train.rowCount)))
        if case .table(var table) = result.value {
            let counts: [Cell] = [.integer(train.rowCount), .integer(fake.rowCount)]
            let reference = "Alaa et al. 2022, exact (n_real column: training rows)"
            table.append([.text("authenticity"), .number(report.authenticFraction), .missing] + counts + [.text(reference)])
            table.append([.text("unauthentic"), .number(Double(unauthentic)), .missing] + counts + [.text(reference)])
            result.value = .table(table)
        }
        let ratios = report.copyRatios
        let ranked = ratios.indices.sorted { (ratios[$0], $0) < (ratios[$1], $1) }.prefix(listedCopyCount)
        var copies = ResultTable(columns: ["fake_row", "train_row", "distance", "train_radius", "ratio", "authentic"])
        for row in ranked {
            copies.append([
                .integer(row), .integer(report.nearestTrainingRow[row]), .number(report.distanceToTraining[row]),
                .number(report.trainingRadius[row]), .number(ratios[row]), .boolean(report.isAuthentic[row]),
            ])
        }
        result.extraTables.append(("suspected copies (distance / train_radius ≤ 1 is unauthentic)", copies))
    }
}
