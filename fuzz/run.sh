#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one fuzz target for a while with its dictionary and seed corpus (docs/fuzzing.md).
#   fuzz/run.sh BUILD_DIR TARGET [SECONDS] [extra libFuzzer flags...]
# TARGET is one of document, pdf_text, einvoice_xml, fields_text, upload. New inputs go to
# BUILD_DIR/fuzz/found/TARGET, crashes, leaks and timeouts to BUILD_DIR/fuzz/artifacts/TARGET-*, the log to
# BUILD_DIR/fuzz/TARGET.log. The seeds are assembled first (`--target fuzz_corpora`) when they are missing.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: fuzz/run.sh BUILD_DIR TARGET [SECONDS] [libFuzzer flags...]" >&2
    exit 2
fi
build=$1
target=$2
seconds=${3:-600}
shift $(($# < 3 ? $# : 3))
here=$(cd "$(dirname "$0")" && pwd)
fuzz_dir=$build/fuzz
program=$fuzz_dir/fuzz_$target
if [ ! -x "$program" ]; then
    echo "run.sh: $program is not built (configure with -DDOCEXTRACT_BUILD_FUZZERS=ON, clang)" >&2
    exit 2
fi
if [ ! -d "$fuzz_dir/corpus/$target" ]; then
    cmake --build "$build" --target fuzz_corpora
fi
mkdir -p "$fuzz_dir/found/$target" "$fuzz_dir/artifacts"
# -timeout: an input that takes longer than 10 s is reported (a hang); -rss_limit_mb: one input may not take more
# than 2 GB (ASan included); -max_len: large enough for the biggest seed (the scanned PDF, 89 KB).
"$program" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=131072 -print_final_stats=1 \
    -dict="$here/dictionaries/$target.dict" -artifact_prefix="$fuzz_dir/artifacts/$target-" "$@" \
    "$fuzz_dir/found/$target" "$fuzz_dir/corpus/$target" 2>&1 | tee "$fuzz_dir/$target.log" | grep -E "^#[0-9]+.*(INITED|DONE)|ERROR|SUMMARY|stat::" || true
