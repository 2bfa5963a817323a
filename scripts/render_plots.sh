#!/usr/bin/env bash
# Renders every SVGPlot example to PNG with rsvg-convert and fails if any SVG is malformed or fails to
# render. Usage: scripts/render_plots.sh [OUT_DIR] [--large] [--docs]
#   OUT_DIR  where SVGs and PNGs go (default .build-plots/)
#   --large  also a 100,000-point map (path mode)
#   --docs   refresh docs/images/ with the examples the README shows (each PNG < 200 KB)
set -euo pipefail
cd "$(dirname "$0")/.."

out=".build-plots"
large=""
docs=""
doc_examples=(digits_tsne digits_images real_vs_generated nn_distance_histogram metric_trend mode_counts)
for argument in "$@"; do
    case "$argument" in
        --large) large=1 ;;
        --docs) docs=1 ;;
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
if [ -n "$docs" ] && [ "$status" -eq 0 ]; then
    mkdir -p docs/images
    for name in "${doc_examples[@]}"; do
        rsvg-convert --format png --zoom 1.25 --output "docs/images/$name.png" "$out/$name.svg"
        size=$(stat -c %s "docs/images/$name.png")
        [ "$size" -lt 200000 ] || { echo "error: docs/images/$name.png is $size bytes (limit 200 KB)" >&2; status=1; }
        echo "docs  docs/images/$name.png ($size B)"
    done
fi
exit "$status"
