// Metrics — fidelity, diversity and memorization measures agreeing with their reference implementations:
// the Fréchet distance (pytorch-fid) from data or from mergeable Gaussian statistics, KID (torch-fidelity),
// MMD, improved precision/recall (Kynkäänniemi et al., torch-fidelity), density/coverage (Naeem et al.,
// prdc), NDB/JSD (Richardson & Weiss, on Neighbors' K-means), exact and entropic (log-domain Sinkhorn)
// earth mover's distances (POT's emd2 and sinkhorn2), sliced Wasserstein distances, the Vendi score, the
// Inception Score, distance distributions (nearest-neighbour and pairwise), train-synthetic-test-real (k-NN
// and logistic-regression classifiers, as scikit-learn's) and authenticity (Alaa et al.). Every k-NN ball
// count is exact: float32 GEMM screens the pairs and the ones near a ball's boundary are recomputed in Double,
// so counts equal the references' on the same data.
// It knows nothing of files or the shell; callers pass matrices and a `CancellationToken`.
