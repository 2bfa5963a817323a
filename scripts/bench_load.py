#!/usr/bin/env python3
"""Times modescope's .npy loader against numpy.load on the same 50,000 x 2048 float32 file (400 MB).

Usage (from the repository root):  python3 scripts/bench_load.py [--binary .build/release/modescope]
Build the binary first with:  swift build -c release --product modescope
Both sides are timed best of 3 with a warm page cache; the modescope time is a whole process run of
`modescope -X -c 'load x FILE'`, so it includes process start-up (a few ms).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROWS, COLUMNS, REPEATS = 50_000, 2048, 3


def best_of(repeats, action):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/modescope")
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        print(f"{arguments.binary} not found; build it with: swift build -c release --product modescope",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "features.npy")
        values = np.random.default_rng(0).standard_normal((ROWS, COLUMNS), dtype=np.float32)
        np.save(path, values)
        del values
        np.load(path)  # warm the page cache so both sides read from memory
        numpy_time = best_of(REPEATS, lambda: np.load(path))
        command = [arguments.binary, "-X", "-c", f"load x {path}"]

        def run():
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")

        modescope_time = best_of(REPEATS, run)
    print(f"file: {ROWS} x {COLUMNS} float32 ({ROWS * COLUMNS * 4 / 1e6:.0f} MB), best of {REPEATS}")
    print(f"numpy.load:     {numpy_time:.3f} s")
    print(f"modescope load: {modescope_time:.3f} s")
    print(f"ratio modescope/numpy: {modescope_time / numpy_time:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
