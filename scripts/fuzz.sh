#!/usr/bin/env bash
# Builds DataFilesFuzzer (libFuzzer + AddressSanitizer) and runs its harnesses, two at a time, seeded
# from Tests/DataFilesTests/Fixtures. Corpora persist in scratch/fuzz/<harness>/corpus between runs;
# crash/timeout/oom inputs land in scratch/fuzz/<harness>/artifacts. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [-t SECONDS] [-j PARALLEL] [HARNESS ...]
#     HARNESS: npy npz csv safetensors projector (default: all); SECONDS per harness (default 300).
#   scripts/fuzz.sh -r HARNESS FILE...   replays inputs (e.g. an artifact) through one harness.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=300
PARALLEL=2   # the machine has 2 cores; libFuzzer runs one process per harness
REPLAY=""
while getopts "t:j:r:" option; do
    case $option in
        t) SECONDS_EACH=$OPTARG ;;
        j) PARALLEL=$OPTARG ;;
        r) REPLAY=$OPTARG ;;
        *) sed -n '2,9p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
ALL_HARNESSES=(npy npz csv safetensors projector)

SCRATCH_BUILD=.build-fuzz-libfuzzer
echo "building DataFilesFuzzer (release, -sanitize=fuzzer,address) ..." >&2
# gold fails on the sanitizer objects (internal error in dwarf_reader); lld links them.
swift build -c release --scratch-path "$SCRATCH_BUILD" --product DataFilesFuzzer \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | grep -E "error|warning: .*DataFiles|Build" >&2 || true
FUZZER=$ROOT/$SCRATCH_BUILD/release/DataFilesFuzzer
[[ -x $FUZZER ]] || { echo "fuzz.sh: build failed" >&2; exit 1; }

# Leak checks are off: the Swift runtime's metadata caches read as leaks; crashes, hangs and ASan
# memory errors are what we hunt. Timeout: the largest input takes milliseconds, so 10 s is a hang.
# The Swift backtracer's memory server trips ASan on a trap; libFuzzer's deadly-signal report suffices.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
FLAGS=(-timeout=10 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1)

if [[ -n $REPLAY ]]; then
    exec "$FUZZER" "$REPLAY" "${FLAGS[@]}" -runs=1 "$@"
fi
HARNESSES=("${@:-${ALL_HARNESSES[@]}}")

FIXTURES=$ROOT/Tests/DataFilesTests/Fixtures
# Seeds for the harnesses whose first byte selects options (see Harness.swift): bit 0 TSV, bits 1-2
# header mode, bits 3-4 label column for csv; bit 0 a named label column for projector.
seed() { # harness directory
    local harness=$1 dir=$2 file selector
    case $harness in
        npy) cp "$FIXTURES"/*.npy "$FIXTURES"/bad/*.npy "$dir"/ ;;
        npz) cp "$FIXTURES"/*.npz "$FIXTURES"/bad/*.npz "$dir"/ ;;
        safetensors) cp "$FIXTURES"/*.safetensors "$FIXTURES"/bad/*.safetensors "$dir"/ ;;
        csv)
            for file in "$FIXTURES"/*.csv "$FIXTURES"/*.tsv "$FIXTURES"/*.txt "$FIXTURES"/bad/*.csv; do
                for selector in 00 01 04 18; do
                    { printf "\x$selector"; cat "$file"; } > "$dir/$selector-$(basename "$file")"
                done
            done ;;
        projector)
            { printf '\x00'; cat "$FIXTURES/plain.tsv"; } > "$dir/tensors-only"
            printf '\x00%s\x00%s' $'1\t2\n3\t4\n' $'a\nb\n' > "$dir/single-column"
            printf '\x01%s\x00%s' $'1\t2\n3\t4\n' $'label\tx\na\t1\nb\t2\n' > "$dir/named-column" ;;
    esac
}

dictionary() { # harness file
    case $1 in
        npy|npz) printf '%s\n' '"\x93NUMPY"' '"\x01\x00"' '"\x02\x00"' '"\x03\x00"' "\"'descr'\"" \
            "\"'fortran_order'\"" "\"'shape'\"" '"True"' '"False"' '"<f4"' '">f8"' '"<f2"' '"|b1"' '"<U"' \
            '"|S"' '"|O"' '"<i8"' '"L,"' '"PK\x03\x04"' '"PK\x01\x02"' '"PK\x05\x06"' '"PK\x06\x06"' \
            '"PK\x06\x07"' '"\x01\x00"' '"\xff\xff\xff\xff"' '".npy"' '"data.npy"' '"mu.npy"' \
            '"sigma.npy"' '"labels.npy"' '"row_shape.npy"' '"feats.npy"' '"9223372036854775807"' \
            '"4294967296"' '"-1"' ;;
        safetensors) printf '%s\n' '"dtype"' '"shape"' '"data_offsets"' '"__metadata__"' '"F16"' '"BF16"' \
            '"F32"' '"F64"' '"I8"' '"I16"' '"I32"' '"I64"' '"U8"' '"BOOL"' '"{"' '"}"' '"["' '"]"' '":"' ;;
        csv|projector) printf '%s\n' '","' '"\x09"' '"\""' '"#"' '"\x0d\x0a"' '"\xef\xbb\xbf"' '"nan"' '"NaN"' \
            '"-inf"' '"inf"' '"1e+38"' '"label"' '"-1"' ;;
    esac > "$2"
}

run() { # harness
    local harness=$1 dir=$ROOT/scratch/fuzz/$1
    mkdir -p "$dir/corpus" "$dir/seeds" "$dir/artifacts"
    rm -f "$dir/seeds"/*
    seed "$harness" "$dir/seeds"
    dictionary "$harness" "$dir/dict"
    "$FUZZER" "$harness" "${FLAGS[@]}" -max_total_time="$SECONDS_EACH" -dict="$dir/dict" \
        -artifact_prefix="$dir/artifacts/" "$dir/corpus" "$dir/seeds" > "$dir/log.txt" 2>&1 &
    local pid=$!
    wait "$pid" || true
    # A crashed fuzzer skips its exit handler; remove its scratch directory (ScratchDirectory.swift).
    rm -rf "/dev/shm/modescope-fuzz-$pid" "${TMPDIR:-/tmp}/modescope-fuzz-$pid"
}

echo "fuzzing ${HARNESSES[*]} for ${SECONDS_EACH}s each, $PARALLEL at a time ..." >&2
for harness in "${HARNESSES[@]}"; do
    while (( $(jobs -rp | wc -l) >= PARALLEL )); do wait -n || true; done
    run "$harness" &
done
wait

status=0
printf '%-12s %12s %8s %9s  %s\n' harness executions exec/s findings "artifacts / first report"
for harness in "${HARNESSES[@]}"; do
    dir=$ROOT/scratch/fuzz/$harness
    executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$dir/log.txt" | grep -o '[0-9]*$' || echo "?")
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$dir/log.txt" | grep -o '[0-9]*$' || echo "?")
    findings=$(find "$dir/artifacts" -type f | wc -l)
    report=$(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|Fatal error|deadly signal|ALARM' "$dir/log.txt" || true)
    printf '%-12s %12s %8s %9s  %s\n' "$harness" "$executions" "$rate" "$findings" \
        "$( ((findings)) && echo "$dir/artifacts: $report" || echo "-")"
    ((findings == 0)) || status=1
done
exit $status
