#!/usr/bin/env python3
"""Times modescope's .npy loader against numpy.load on the same 50,000 x 2048 float32 file (400 MB).

Usage (from the repository root):  python3 scripts/bench_load.py [--binary .build/release/modescope]
Build the binary first with:  swift build -c release --product modescope
Both sides are timed best of 3 with a warm page cache, two ways: inside a running process (numpy.load in
this Python; modescope's own `timer on` figure for the `load` command, which includes the NaN/Inf scan
that numpy does not do) and as a whole process (`python3 -c 'import numpy; numpy.load(FILE)'` against
`modescope -X -c 'load x FILE'`), which is what a user waits for in a script.
"""
import argparse
import os
import re
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
        command = [arguments.binary, "-X", "-c", "timer on", "-c", f"load x {path}"]
        inside_times = []

        def run_modescope():
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
            reported = re.findall(r"Run Time: ([0-9.]+) s", result.stderr)
            if not reported:
                raise SystemExit(f"no 'Run Time' line in modescope's stderr: {result.stderr.strip()}")
            inside_times.append(float(reported[-1]))

        def run_numpy_process():
            subprocess.run([sys.executable, "-c", f"import numpy; numpy.load({path!r})"], check=True)

        modescope_process = best_of(REPEATS, run_modescope)
        numpy_process = best_of(REPEATS, run_numpy_process)
    modescope_inside = min(inside_times)
    print(f"file: {ROWS} x {COLUMNS} float32 ({ROWS * COLUMNS * 4 / 1e6:.0f} MB), best of {REPEATS}, warm cache")
    print(f"in process:    numpy.load {numpy_time:.3f} s   modescope load {modescope_inside:.3f} s   "
          f"ratio numpy/modescope {numpy_time / modescope_inside:.2f}")
    print(f"whole process: python3 + numpy.load {numpy_process:.3f} s   modescope -c 'load' {modescope_process:.3f} s   "
          f"ratio {numpy_process / modescope_process:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
