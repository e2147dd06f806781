#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs tests/browser/browser_test.mjs: installs playwright-core (npm ci, from package-lock.json) into WORK_DIR
# once, then drives Debian's chromium. Exits 77 (ctest: skipped) when node, npm or chromium is missing.
# Usage: run_browser_test.sh SERVER_EXE SAMPLE_FILE WORK_DIR REVIEW_SAMPLE
set -euo pipefail
server=$(realpath "$1") sample=$(realpath "$2") work=$3 review_sample=$(realpath "$4")
here=$(cd "$(dirname "$0")" && pwd)

skip() { echo "SKIP: $1 (install with scripts/install-deps.sh --browser)"; exit 77; }
command -v node >/dev/null || skip "node not found"
command -v npm >/dev/null || skip "npm not found"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "chromium not found at $chromium"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || skip "node $major is older than 18"

mkdir -p "$work"
cp "$here/browser/browser_test.mjs" "$work/"
if ! cmp -s "$here/browser/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules/playwright-core" ]; then
    cp "$here/browser/package.json" "$here/browser/package-lock.json" "$work/"
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$work"
CHROMIUM=$chromium exec node browser_test.mjs "$server" "$sample" "$work" "$review_sample"
