#!/usr/bin/env bash
# Times a 100,000-point scatter (10 classes with marker shapes) in a release build and prints its size.
# The issue asks for < 5 MB and "well under a second".
set -euo pipefail
cd "$(dirname "$0")/.."
SVGPLOT_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-bench-svgplot \
    --filter "SVGPlotTests.BenchmarkTests" 2>&1 | grep -E "benchmark:|passed|failed|error"
