// Metrics — fidelity, diversity and memorization measures agreeing with their reference implementations:
// the Fréchet distance (pytorch-fid) from data or from mergeable Gaussian statistics, KID (torch-fidelity),
// improved precision/recall (Kynkäänniemi et al., torch-fidelity) and density/coverage (Naeem et al., prdc).
// Every k-NN ball count is exact: float32 GEMM screens the pairs and the ones near a ball's boundary are
// recomputed in Double, so counts equal the references' on the same data. It knows nothing of files or the
// shell; callers pass matrices and a `CancellationToken`.
