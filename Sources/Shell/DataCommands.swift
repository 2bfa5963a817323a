import DataFiles
import Foundation
import LinearAlgebra

/// Data in and out: `load`, `export`, `describe`, `head`.
enum DataCommands {
    static let specs: [CommandSpec] = [load, export, describe, head]

    static let readableExtensions = ["npy", "npz", "csv", "tsv", "txt", "safetensors"]

    static let load = CommandSpec(
        name: "load", aliases: [".import"], group: .data,
        abstract: "Load a dataset or FID statistics file under a name.",
        discussion: """
            Reads .npy (v1–3, every numeric dtype, either byte order, C or Fortran order; N-D arrays become rows \
            with their row shape kept for image plots), .npz (key= picks a member; files with mu/sigma load as \
            statistics), CSV/TSV (header detected; labels= names a column by header name or index), the \
            TensorBoard projector pair (a directory holding tensors.tsv and metadata.tsv) and .safetensors. \
            labels= may also be a file with one label per row (a first line `label` above one label per row is a \
            header), a CSV whose `label` column (or label_column=NAME) holds them, an .npz whose `labels` member \
            (or only member, or label_key=NAME) holds them, or, for an .npz/.safetensors data file, the name of \
            another member of the same file (load d xy.npz key=x labels=y). Values are kept as float32. NaN or Inf values \
            are reported; analysis commands refuse them unless given allow_nonfinite=yes (which drops the rows \
            holding them). Values beyond float32's range (|x| > 3.4e38, from f8 or text) refuse the load; values too \
            small for float32 become 0 with a note. A pandas index column (unnamed, 0…n−1) is dropped with a note. \
            Statistics holding NaN/Inf are reported and refused by metrics and merge; a non-symmetric sigma is refused. Loading over an \
            existing name replaces it.
            """,
        arguments: [
            .positional("name", .newName, help: "Name for the loaded object."),
            .positional("path", .inputPath(extensions: readableExtensions), help: "The file (or projector directory) to read."),
            .option("labels", .text, help: "Label column (header name or 0-based index) or a label file.").completing(.paths),
            .option("label_column", .text, help: "With labels=FILE: the header name of the column holding the labels."),
            .option("label_key", .text, help: "With labels=FILE.npz or .safetensors: the member holding the labels."),
            .option("key", .text, help: "Member of an .npz or .safetensors file."),
            .option("format", .choice(DataFormat.allCases.map(\.rawValue)), help: "Override the format inferred from the extension."),
            .option("header", .choice(HeaderMode.allCases.map(\.rawValue)), default: "auto", help: "Whether a CSV/TSV has a header row."),
        ],
        examples: ["load digits2 digits.npy labels=digits_labels.npy", "load ring2 ring_real.csv labels=label"],
        handler: { state, arguments in
            let name = arguments.text("name")!
            let path = arguments.path("path")!
            var options = LoadOptions()
            options.format = arguments.text("format").flatMap(DataFormat.init(rawValue:))
            options.key = arguments.text("key")
            options.labelColumn = arguments.text("label_column")
            options.labelKey = arguments.text("label_key")
            options.header = arguments.text("header").flatMap(HeaderMode.init(rawValue:)) ?? .auto
            if let labels = arguments.text("labels") {
                // A label file is resolved like any path; a column name is passed through untouched.
                let candidate = state.resolvePath(labels)
                options.labels = FileManager.default.fileExists(atPath: candidate) ? candidate : labels
            }
            let loaded: LoadedFile
            var loadNotes: [String] = []
            do { loaded = try DataFileReader.load(path, options: options, notes: &loadNotes) } catch let error as DataFileError {
                // Both files are named as the user typed them.
                var message = error.description.replacingOccurrences(of: path, with: arguments.text("path")!)
                if let typed = arguments.text("labels"), let resolved = options.labels, typed != resolved {
                    message = message.replacingOccurrences(of: resolved, with: typed)
                }
                throw ShellError(message)
            }
            // The provenance repeats every option that shaped the load, so `show` says where labels came from.
            let given = ["key", "labels", "label_column", "label_key", "format", "header"].compactMap { option in
                arguments.text(option).flatMap { option == "header" && $0 == "auto" ? nil : "\(option)=\($0)" }
            }
            let source = Provenance((["load", arguments.text("path")!] + given).joined(separator: " "))
            var result = CommandResult()
            result.notes += loadNotes.map { $0.replacingOccurrences(of: path, with: arguments.text("path")!) }
            let replaced = state.session[name] != nil
            switch loaded {
            case .dataset(let dataset):
                state.session.store(.dataset(dataset), as: name, provenance: source)
                result.fields = [
                    ("name", .text(name)), ("rows", .integer(dataset.rowCount)), ("columns", .integer(dataset.columnCount)),
                    ("labels", dataset.labels.map { .integer($0.names.count) } ?? .missing),
                ]
                if let shape = dataset.rowShape { result.fields.append(("row_shape", .text(shape.map(String.init).joined(separator: "x")))) }
                if let report = dataset.nonFiniteReport() {
                    result.warnings.append(
                        "\(arguments.text("path")!): \(report.count) NaN/Inf values (first in row \(report.firstRow)); analysis commands refuse '\(name)' unless given allow_nonfinite=yes (drops those rows)")
                }
            case .statistics(let statistics):
                state.session.store(.statistics(statistics), as: name, provenance: source)
                result.fields = [("name", .text(name)), ("kind", .text("statistics")), ("dimension", .integer(statistics.dimension))]
                if let count = statistics.count { result.fields.append(("n", .integer(count))) }
                let nonFinite = statistics.nonFiniteCount
                if nonFinite > 0 {
                    result.warnings.append(
                        "\(arguments.text("path")!): \(nonFinite) NaN/Inf values in mu/sigma; metrics refuse '\(name)'")
                }
            }
            result.notes += SessionCommands.skippedMembersNotes(path, typed: arguments.text("path")!)
            if replaced { result.notes.append("replaced '\(name)'") }
            return result
        })

    static let export = CommandSpec(
        name: "export", group: .data,
        abstract: "Write a dataset or result to a file (npy, npz, csv, tsv, projector, safetensors).",
        discussion: """
            The format comes from the extension unless format= is given. .npy holds the values alone \
            (float32); .npz holds data, labels (when present) and row_shape ([d] for plain rows), deflated as \
            np.savez_compressed does with compressed=yes; CSV/TSV have a header x0…x{d-1} plus a label column \
            when labelled; a label holding a tab or line break is refused for projector files; \
            format=projector writes tensors.tsv and metadata.tsv into the directory PATH (NaN/Inf are written as \
            nan/inf with a warning: the web projector shows them as NaN); .npy and .safetensors (one F32 tensor \
            `data`) hold values only, and a note says when labels were left out. Statistics export as .npz only (mu, sigma, n); result tables as \
            CSV/TSV. Files are written atomically: a failed export leaves any earlier file untouched.
            """,
        arguments: [
            .positional("name", .objectReference(kinds: []), help: "The object to write (row selections allowed)."),
            .positional("path", .anyPath, help: "The output file (or directory for format=projector)."),
            .option("format", .choice(DataFormat.allCases.map(\.rawValue)), help: "Override the format inferred from the extension."),
            .option("compressed", .boolean, default: "no", help: "Deflate the members of an .npz (as np.savez_compressed)."),
        ],
        examples: ["export digits digits_copy.npz", "export digits[label==3] threes.csv", "export digits small.npz compressed=yes"],
        handler: { state, arguments in
            let reference = arguments.reference("name")!
            let path = arguments.path("path")!
            let typed = arguments.text("path")!
            let format = arguments.text("format").flatMap(DataFormat.init(rawValue:))
            let compressed = arguments.boolean("compressed") ?? false
            if compressed, (format ?? DataFormat.inferred(fromPath: path)) != .npz {
                throw ShellError("compressed=yes applies to .npz files only", offset: arguments.offsets["compressed"])
            }
            let parent = (path as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ShellError("\(typed): directory '\((typed as NSString).deletingLastPathComponent)' does not exist")
            }
            do {
                switch reference.object {
                case .dataset(let dataset): try DataFileWriter.write(dataset, to: path, format: format, compressed: compressed)
                case .statistics(let statistics):
                    if let format, format != .npz {
                        throw ShellError("'\(reference.text)' holds statistics, which export as .npz only (mu, sigma, n), not format=\(format.rawValue)")
                    }
                    try DataFileWriter.write(statistics, to: path, compressed: compressed)
                case .table(let table): try TableFiles.write(table, to: path, format: format)
                case .neighbors(let result): try NeighborCommands.export(result, to: path, typed: typed, format: format)
                case .neighborIndex:
                    throw ShellError("'\(reference.text)' is an index; it is kept by `save`, and has nothing to export")
                }
            } catch let error as DataFileError {
                throw ShellError(error.description.replacingOccurrences(of: path, with: typed))
            }
            var result = CommandResult()
            result.notes.append("wrote \(typed)")
            let written = format ?? DataFormat.inferred(fromPath: path)
            // projector.tensorflow.org parses values with parseFloat, which reads our `nan`/`inf` as NaN.
            if case .dataset(let dataset) = reference.object, written == .projector,
                let report = dataset.nonFiniteReport()
            {
                result.warnings.append(
                    "\(typed): \(report.count) NaN/Inf values (first in row \(report.firstRow)) were written as nan/inf; "
                        + "modescope reads them back, but the web projector shows them as NaN")
            }
            if case .dataset(let dataset) = reference.object, dataset.labels != nil, written == .npy || written == .safetensors {
                result.notes.append(
                    "labels not written: \(written!.rawValue) files hold values only; export to .npz or .csv to keep them")
            }
            return result
        })

    /// Above this many columns `describe` summarises across columns unless `columns=all`.
    static let describeColumnLimit = 16

    static let describe = CommandSpec(
        name: "describe", group: .data,
        abstract: "Shape, type, per-column statistics, NaN/Inf count and label counts of a dataset.",
        discussion: """
            Wide datasets (more than \(describeColumnLimit) columns) get one summary row across all columns \
            (smallest min, mean of means, largest max, mean std, number of constant columns); columns=all \
            lists every column. Statistics are computed in double precision over the finite values of each \
            column (NaN/Inf are counted, not averaged; a column with no finite value shows nan); std is the \
            population std (ddof=0, numpy's default). With more than \(DatasetDescription.labelRowLimit) classes, \
            the largest are listed and a note counts the rest. Statistics show n, NaN/Inf count, the range and mean \
            of mu, the trace and diagonal range of sigma, and its largest asymmetry. Given a file that is not the name of an object, describe \
            lists the arrays an .npz or .safetensors file holds, as `show` does.
            """,
        arguments: [
            .positional("name", .objectOrFile, help: "The dataset (row selections allowed), or a data file."),
            .option("columns", .choice(["summary", "all"]), help: "Per-column rows for every column, or a summary."),
        ],
        examples: ["describe digits", "describe digits[label==3] columns=all", "describe ring"],
        handler: { state, arguments in
            if let path = arguments.path("name") {
                return try SessionCommands.fileMembers(path, typed: arguments.text("name")!)
            }
            let reference = arguments.reference("name")!
            switch reference.object {
            case .dataset(let dataset):
                return DatasetDescription.describe(dataset, name: reference.text, allColumns: arguments.text("columns").map { $0 == "all" })
            case .statistics(let statistics):
                return DatasetDescription.describe(statistics, name: reference.text)
            case .table(let table):
                return .table(table)
            case .neighbors(let result):
                var result = NeighborCommands.summary(of: result)
                result.fields.insert(("name", .text(reference.text)), at: 0)
                return result
            case .neighborIndex(let index):
                var result = CommandResult()
                result.fields = [("name", .text(reference.text))] + NeighborCommands.summary(of: index)
                return result
            }
        })

    static let head = CommandSpec(
        name: "head", group: .data,
        abstract: "Show the first rows of a dataset.",
        arguments: [
            .positional("name", .objectReference(kinds: ["dataset", "table"]), help: "The dataset (row selections allowed)."),
            // Printed rows are held as table cells (≈ 6× the values' memory) until written, so a screenful
            // command stays bounded: 100,000 rows of 128 columns is ≈ 0.3 GB. `export` has no limit.
            .option("n", .integer(0...100_000), default: "5", help: "How many rows (at most 100,000; `export` writes any number)."),
        ],
        examples: ["head digits n=3", "head digits[-2:]"],
        handler: { state, arguments in
            let reference = arguments.reference("name")!
            let count = arguments.integer("n")!
            if case .table(var table) = reference.object {
                table.rows = Array(table.rows.prefix(count))
                return .table(table)
            }
            return .table(try ResultTable.leadingRows(of: try arguments.dataset("name"), count: count, token: state.cancellation))
        })
}
