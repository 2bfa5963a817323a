#!/usr/bin/env bash
# Ctrl-C latency: time from SIGINT to exit (130) of a batch `sleep 30`, 10 runs, release build.
# The promise is well under 200 ms; tests only bound it generously.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product modescope >/dev/null 2>&1
worst=0; total=0
for run in $(seq 1 10); do
  .build/release/modescope -X -c 'sleep 30' 2>/dev/null & pid=$!
  sleep 0.5
  start=$(date +%s%N); kill -INT "$pid"; status=0; wait "$pid" || status=$?; end=$(date +%s%N)
  [ "$status" -eq 130 ] || { echo "run $run: exit status $status, expected 130" >&2; exit 1; }
  ms=$(( (end - start) / 1000000 )); total=$((total + ms)); [ "$ms" -gt "$worst" ] && worst=$ms
done
echo "Ctrl-C to exit: mean $((total / 10)) ms, worst $worst ms over 10 runs"
