/// Settings of an HNSW index (Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search
/// using Hierarchical Navigable Small World graphs", IEEE TPAMI 2020). Defaults are hnswlib's.
public struct HNSWOptions: Sendable, Equatable {
    /// Links per node on the upper layers; layer 0 keeps `2·M` (the paper's M_max0).
    public var maxConnections: Int = 16
    /// Candidate list size while inserting (`ef_construction`); larger builds slower and finds better links.
    public var constructionBreadth: Int = 200
    /// Default candidate list size while searching (`ef`, raised to k when smaller).
    public var searchBreadth: Int = 50
    /// Seeds the layer of each node; with the sequential build the index is then reproducible.
    public var seed: UInt64

    public init(seed: UInt64, maxConnections: Int = 16, constructionBreadth: Int = 200, searchBreadth: Int = 50) {
        self.seed = seed
        self.maxConnections = maxConnections
        self.constructionBreadth = constructionBreadth
        self.searchBreadth = searchBreadth
    }

    func validate() throws(NeighborsError) {
        guard (2...256).contains(maxConnections) else {
            throw .invalidArgument(name: "M", value: "\(maxConnections)", requirement: "in 2...256")
        }
        guard (1...100_000).contains(constructionBreadth) else {
            throw .invalidArgument(name: "ef_construction", value: "\(constructionBreadth)", requirement: "in 1...100000")
        }
        guard (1...100_000).contains(searchBreadth) else {
            throw .invalidArgument(name: "ef", value: "\(searchBreadth)", requirement: "in 1...100000")
        }
    }
}
