#!/usr/bin/env bash
# Renders every SVGPlot example to PNG with rsvg-convert and fails if any SVG is malformed or fails to
# render. Usage: scripts/render_plots.sh [OUT_DIR] [--large] [--docs]
#   OUT_DIR  where SVGs and PNGs go (default .build-plots/)
#   --large  also a 100,000-point map (path mode)
#   --docs   refresh exactly the images README.md shows (docs/images/digits-map.png and
#            docs/images/ring-overlay.png), drawn by modescope from the bundled demo data as
#            scripts/demo.scope does (each PNG < 200 KB)
set -euo pipefail
cd "$(dirname "$0")/.."

out=".build-plots"
large=""
docs=""
# README image name → the shell command that draws it (the same lines as scripts/demo.scope).
doc_images=(digits-map ring-overlay)
doc_commands=(
    "plot digits out=OUT"
    "plot ring fake=fake out=OUT title=\"Ring: real (blue) vs collapsed generator (vermillion)\""
)
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
    swift build --scratch-path .build-plots-swift --product modescope >"$out/build.log" 2>&1 ||
        { cat "$out/build.log" >&2; echo "error: building modescope failed" >&2; exit 1; }
    modescope="$(swift build --scratch-path .build-plots-swift --show-bin-path)/modescope"
    load="load digits datasets/digits.npy labels=datasets/digits_labels.npy; load ring datasets/ring_real.npy labels=datasets/ring_real_labels.npy; load fake datasets/ring_fake_collapsed.npy"
    mkdir -p docs/images
    for index in "${!doc_images[@]}"; do
        name="${doc_images[$index]}"
        command="${doc_commands[$index]//OUT/$out/$name.svg}"
        MODESCOPE_HISTORY=/dev/null "$modescope" -X -c "$load; $command" >/dev/null 2>"$out/$name.log" ||
            { cat "$out/$name.log" >&2; echo "error: '$command' failed" >&2; status=1; continue; }
        xmllint --noout "$out/$name.svg" || { echo "FAIL (xml)    $out/$name.svg" >&2; status=1; continue; }
        rsvg-convert --format png --zoom 1.25 --output "docs/images/$name.png" "$out/$name.svg" ||
            { echo "FAIL (render) $out/$name.svg" >&2; status=1; continue; }
        size=$(stat -c %s "docs/images/$name.png")
        [ "$size" -lt 200000 ] || { echo "error: docs/images/$name.png is $size bytes (limit 200 KB)" >&2; status=1; }
        echo "docs  docs/images/$name.png ($size B)"
    done
fi
exit "$status"
