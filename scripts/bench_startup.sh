#!/usr/bin/env bash
# Start-up time of the release binary (`modescope -X -c quit`) next to sqlite3 and python3 -c pass, the
# tools users compare a shell with. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product modescope >/dev/null 2>&1
command -v hyperfine >/dev/null || { echo "install hyperfine first" >&2; exit 1; }
peers=(".build/release/modescope -X -c quit")
command -v sqlite3 >/dev/null && peers+=("sqlite3 :memory: .quit")
peers+=("python3 -c pass")
hyperfine --warmup 5 --runs 50 -N "${peers[@]}"
