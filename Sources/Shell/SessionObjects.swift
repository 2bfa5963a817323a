public import DataFiles
import LinearAlgebra

/// A value stored under a name in a session. New kinds (maps, neighbour results, generators) are
/// added as cases; the save format records the kind by its `kindName`, so old saves keep opening.
public enum SessionObject: Sendable, Equatable {
    case dataset(Dataset)
    case statistics(FeatureStatistics)
    case table(ResultTable)
    /// An `nn` result (n×k neighbour lists).
    case neighbors(NeighborResult)

    /// The word users see in `ls` and in the save manifest.
    public var kindName: String {
        switch self {
        case .dataset: "dataset"
        case .statistics: "statistics"
        case .table: "table"
        case .neighbors: "neighbors"
        }
    }

    /// A short shape description for listings, e.g. `1797×64` or `d=2048`.
    public var shapeDescription: String {
        switch self {
        case .dataset(let dataset): "\(dataset.rowCount)×\(dataset.columnCount)"
        case .statistics(let statistics): "d=\(statistics.dimension)" + (statistics.count.map { ", n=\($0)" } ?? "")
        case .table(let table): "\(table.rows.count) rows"
        case .neighbors(let result): "\(result.list.queryCount)×\(result.list.k)"
        }
    }
}

/// Where an object came from, shown by `show` and kept in saves.
public struct Provenance: Sendable, Equatable, Codable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A named workspace of objects. Names are unique; insertion order is kept for listings.
public struct Session: Sendable {
    public var name: String
    public private(set) var names: [String] = []
    private var objects: [String: SessionObject] = [:]
    private var provenances: [String: Provenance] = [:]
    /// True when the session changed since it was last saved or opened.
    public var hasUnsavedChanges = false
    /// Where the session was last saved or opened from.
    public var savedPath: String?

    public init(name: String) { self.name = name }

    public subscript(name: String) -> SessionObject? { objects[name] }

    public func provenance(of name: String) -> Provenance? { provenances[name] }

    public mutating func store(_ object: SessionObject, as name: String, provenance: Provenance) {
        if objects[name] == nil { names.append(name) }
        objects[name] = object
        provenances[name] = provenance
        hasUnsavedChanges = true
    }

    @discardableResult
    public mutating func remove(_ name: String) -> SessionObject? {
        guard let object = objects.removeValue(forKey: name) else { return nil }
        provenances.removeValue(forKey: name)
        names.removeAll { $0 == name }
        hasUnsavedChanges = true
        return object
    }

    /// Renames `old` to `new` in place, keeping its position in listings; an object already named
    /// `new` is replaced (the command refuses that case before calling).
    public mutating func rename(_ old: String, to new: String) {
        guard old != new, let object = objects.removeValue(forKey: old) else { return }
        if objects.removeValue(forKey: new) != nil { names.removeAll { $0 == new } }
        if let position = names.firstIndex(of: old) { names[position] = new }
        objects[new] = object
        provenances[new] = provenances.removeValue(forKey: old)
        hasUnsavedChanges = true
    }

    /// Every object, in insertion order.
    public var entries: [(name: String, object: SessionObject, provenance: Provenance?)] {
        names.map { ($0, objects[$0]!, provenances[$0]) }
    }
}
