#!/usr/bin/env bash
# Installs the Debian packages modescope builds and tests with, only when something is missing.
# Build: libedit-dev (the prompt), libopenblas-dev + liblapacke-dev (BLAS/LAPACK), zlib1g-dev (.npz), pkg-config.
# Tests: tmux (the pseudo-terminal test), libxml2-utils and librsvg2-bin (SVG checks).
set -euo pipefail
packages=(libedit-dev libopenblas-dev liblapacke-dev zlib1g-dev pkg-config tmux libxml2-utils librsvg2-bin)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
