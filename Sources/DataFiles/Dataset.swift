// DataFiles — reads and writes every format users bring (npy, npz, FID statistics, CSV/TSV, the
// TensorBoard projector pair, safetensors) into `Dataset` values, with one clear error per bad file.
// It knows nothing of the shell; the shell decides names, sessions and messages around it.
public import LinearAlgebra

/// Class labels of a dataset's rows: `codes[i]` indexes `names` for row `i`.
///
/// Names are the label values as text ("3", "cat"); when every name is an integer they sort
/// numerically, otherwise lexicographically, so codes are stable across loads of the same file.
public struct Labels: Sendable, Equatable, Codable {
    public var names: [String]
    public var codes: [Int32]

    public init(names: [String], codes: [Int32]) {
        self.names = names
        self.codes = codes
    }

    /// Builds labels from one text value per row.
    public init(values: [String]) {
        let distinct = Set(values)
        let sorted: [String]
        if distinct.allSatisfy({ Int($0) != nil }) {
            // Ties ("2", "+2", "02") break on the text: Set order varies between loads, the names must not.
            sorted = distinct.sorted { (Int($0)!, $0) < (Int($1)!, $1) }
        } else {
            sorted = distinct.sorted()
        }
        var index: [String: Int32] = [:]
        for (position, name) in sorted.enumerated() { index[name] = Int32(position) }
        self.names = sorted
        self.codes = values.map { index[$0]! }
    }

    public var count: Int { codes.count }

    /// The label text of row `row`.
    public func name(ofRow row: Int) -> String { names[Int(codes[row])] }

    /// Labels of the rows at `indices`, keeping the full name table so codes stay comparable.
    public func selecting<Indices: Collection>(_ indices: Indices) -> Labels where Indices.Element == Int {
        Labels(names: names, codes: indices.map { codes[$0] })
    }

    /// How many rows carry each name, in name order.
    public func counts() -> [(name: String, count: Int)] {
        var tally = [Int](repeating: 0, count: names.count)
        for code in codes { tally[Int(code)] += 1 }
        return names.indices.map { (names[$0], tally[$0]) }
    }
}

/// A table of `n` rows × `d` features, with optional labels and an image shape for its rows.
public struct Dataset: Sendable, Equatable {
    /// The values, `n × d`, always Float (features are float32 in every peer tool; statistics are
    /// accumulated in Double by the algorithms that need it).
    public var values: Matrix<Float>
    public var labels: Labels?
    /// The shape of one row when rows are images or tensors, e.g. `[28, 28]` or `[32, 32, 3]`.
    public var rowShape: [Int]?
    /// Column names from a CSV header or projector file, when the file had them.
    public var columnNames: [String]?
    /// The element type the values had on disk, in numpy notation (`<f4`, `>f8`, `u1`, `csv`).
    public var sourceType: String

    public init(
        values: Matrix<Float>, labels: Labels? = nil, rowShape: [Int]? = nil,
        columnNames: [String]? = nil, sourceType: String = "<f4"
    ) {
        precondition(labels == nil || labels!.count == values.rows, "one label per row")
        self.values = values
        self.labels = labels
        self.rowShape = rowShape
        self.columnNames = columnNames
        self.sourceType = sourceType
    }

    public var rowCount: Int { values.rows }
    public var columnCount: Int { values.columns }

    /// Rows `range`, labels included, sharing storage.
    public func rows(_ range: Range<Int>) -> Dataset {
        var copy = self
        copy.values = values.rows(range)
        copy.labels = labels?.selecting(range)
        return copy
    }

    /// Rows at `indices` in that order, labels included.
    public func rows(at indices: [Int]) -> Dataset {
        var copy = self
        copy.values = values.rows(at: indices)
        copy.labels = labels?.selecting(indices)
        return copy
    }
}

/// Mean and covariance of a feature set, as in FID statistics files (`mu`, `sigma`) and our own shards.
public struct FeatureStatistics: Sendable, Equatable {
    public var mean: [Double]
    /// `d × d`, normalised by `n − 1` as numpy's `cov` (and pytorch-fid) do.
    public var covariance: Matrix<Double>
    /// The number of rows behind the statistics, when the file records it (our shards do).
    public var count: Int?

    public init(mean: [Double], covariance: Matrix<Double>, count: Int?) {
        precondition(covariance.rows == mean.count && covariance.columns == mean.count, "covariance must be d × d")
        self.mean = mean
        self.covariance = covariance
        self.count = count
    }

    public var dimension: Int { mean.count }
}
