// Neighbors — exact blocked k-nearest-neighbour search, the HNSW approximate index, and K-means.
