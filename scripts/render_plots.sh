#!/usr/bin/env bash
# Renders every SVGPlot example to PNG with rsvg-convert and fails if any SVG is malformed or fails to
# render. Usage: scripts/render_plots.sh [OUT_DIR]   (default: .build-plots/; add --large for a
# 100,000-point map). Copy the PNGs worth showing to docs/images/ by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

out=".build-plots"
large=""
for argument in "$@"; do
    case "$argument" in
        --large) large=1 ;;
        *) out="$argument" ;;
    esac
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/*.svg "$out"/*.png

for tool in rsvg-convert xmllint; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install librsvg2-bin libxml2-utils)" >&2; exit 1; }
done

SVGPLOT_EXAMPLES_DIR="$out" SVGPLOT_LARGE_EXAMPLE="$large" \
    swift test --scratch-path .build-plots-swift --filter "SVGPlotTests.ExampleTests" >"$out/test.log" 2>&1 ||
    { cat "$out/test.log" >&2; echo "error: writing the examples failed" >&2; exit 1; }

shopt -s nullglob
svgs=("$out"/*.svg)
[ "${#svgs[@]}" -gt 0 ] || { echo "error: no SVG was written to $out" >&2; exit 1; }
status=0
for svg in "${svgs[@]}"; do
    png="${svg%.svg}.png"
    if ! xmllint --noout "$svg"; then
        echo "FAIL (xml)    $svg" >&2; status=1; continue
    fi
    if ! rsvg-convert --format png --zoom 1.5 --output "$png" "$svg"; then
        echo "FAIL (render) $svg" >&2; status=1; continue
    fi
    printf 'ok  %8d B svg  %8d B png  %s\n' "$(stat -c %s "$svg")" "$(stat -c %s "$png")" "$png"
done
exit "$status"
