#!/usr/bin/env bash
# Ctrl-C latency of the release build: time from SIGINT to exit status 130 while a long command runs —
# `sleep 30`, an all-points exact 10-NN on 150,000×64, precision/recall/density/coverage on 20,000+20,000
# rows, a CSV export of 800,000×128, printing 100,000 rows with `head` in CSV mode, and a PCA map of
# 20,000×2,048 (one large LAPACK eigen-decomposition) — the data is generated once with numpy.
# 10 runs of `sleep`, 5 of each other command.
# The promise is well under 200 ms (beyond one uninterruptible LAPACK call); tests only bound it generously.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product modescope >/dev/null 2>&1
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
python3 -c "
import numpy as np
rng = np.random.default_rng(0)
np.save('$data/a.npy', rng.standard_normal((150000, 64), dtype=np.float32))
np.save('$data/b.npy', rng.standard_normal((20000, 64), dtype=np.float32))
np.save('$data/c.npy', rng.standard_normal((20000, 64), dtype=np.float32))
np.save('$data/h.npy', rng.standard_normal((800000, 128), dtype=np.float32))
np.save('$data/w.npy', rng.standard_normal((20000, 2048), dtype=np.float32))"

measure() { # label runs delay commands…
  local label=$1 runs=$2 delay=$3; shift 3
  local worst=0 total=0
  for run in $(seq 1 "$runs"); do
    .build/release/modescope -X "$@" >/dev/null 2>&1 & local pid=$!
    sleep "$delay"
    local start end status=0
    start=$(date +%s%N); kill -INT "$pid"; wait "$pid" || status=$?; end=$(date +%s%N)
    [ "$status" -eq 130 ] || { echo "$label run $run: exit status $status, expected 130 (finished before the signal?)" >&2; exit 1; }
    local ms=$(( (end - start) / 1000000 )); total=$((total + ms)); [ "$ms" -gt "$worst" ] && worst=$ms
  done
  echo "$label: Ctrl-C to exit mean $((total / runs)) ms, worst $worst ms over $runs runs"
}
measure "sleep 30" 10 0.5 -c 'sleep 30'
measure "nn a a k=10 (150,000x64)" 5 1.5 -c "load a $data/a.npy" -c 'nn a a k=10'
measure "metrics only=pr,prdc (20,000+20,000)" 5 1.5 -c "load b $data/b.npy" -c "load c $data/c.npy" -c 'metrics b c only=pr,prdc'
measure "export 800,000x128 to CSV" 5 2.5 -c "load h $data/h.npy" -c "export h $data/h.csv"
measure "head h n=100000 (mode csv)" 5 2.5 -c "load h $data/h.npy" -c 'mode csv' -c 'head h n=100000'
measure "plot of 20,000x2,048 (PCA)" 5 2.0 -c "load w $data/w.npy" -c "plot w out=$data/w.svg"
