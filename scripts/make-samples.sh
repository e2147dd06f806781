#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates the sample documents in tests/golden/ (and their *.expected.json) reproducibly.
#   scripts/make-samples.sh [OUTPUT_DIR]     (default: tests/golden next to this script)
# Needs ImageMagick's `convert` and the DejaVu fonts: scripts/install-deps.sh --samples installs both.
# Every sample carries different field values so that no test can pass on another sample's text.
# Images are written without timestamps and noise is seeded, so a rerun gives the same bytes for the same
# ImageMagick version. PDFs are written by hand here (ImageMagick's PDF writer is disabled by Debian's policy):
# invoice.pdf wraps a JPEG scan of a page (no text layer), invoice_text.pdf holds real text (Helvetica).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../tests/golden}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

font_dir=/usr/share/fonts/truetype/dejavu
font="$font_dir/DejaVuSans.ttf"
bold="$font_dir/DejaVuSans-Bold.ttf"
mono="$font_dir/DejaVuSansMono.ttf"
for f in "$font" "$bold" "$mono"; do
    [ -f "$f" ] || { echo "make-samples: missing font $f (install fonts-dejavu-core)" >&2; exit 1; }
done
command -v convert >/dev/null || { echo "make-samples: ImageMagick 'convert' not found" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Options that keep PNG/JPEG output free of time stamps and tool comments.
strip=(-strip -define png:exclude-chunks=date,time)

# draw_page OUT WIDTH HEIGHT -- ARGS...: a white gray page with the given -font/-pointsize/-annotate arguments.
draw_page() {
    local target="$1" width="$2" height="$3"
    shift 4
    convert -size "${width}x${height}" xc:white -fill black "$@" -colorspace Gray "${strip[@]}" "$target"
}

# ---------------------------------------------------------------------------------------------------------
# invoice.png: a clean A4 page at 150 dpi (1240x1754).
draw_page "$tmp/invoice_clean.png" 1240 1754 -- \
    -font "$bold" -pointsize 34 -annotate +100+150 'ACME SUPPLIES LTD' \
    -font "$font" -pointsize 20 \
    -annotate +100+190 '12 Harbour Road, Bristol BS1 4DJ' \
    -annotate +100+220 'billing@acme.com   +44 117 496 0000' \
    -font "$bold" -pointsize 44 -annotate +840+150 'INVOICE' \
    -font "$font" -pointsize 22 \
    -annotate +100+330 'Invoice No: INV-2024-0042' \
    -annotate +100+370 'Date: 31/01/2024' \
    -annotate +100+410 'Bill to: Harper & Lowe Architects' \
    -font "$bold" -pointsize 22 \
    -annotate +100+520 'Description' -annotate +700+520 'Qty' -annotate +830+520 'Unit' -annotate +1010+520 'Amount' \
    -draw 'line 100,535 1140,535' \
    -font "$font" -pointsize 22 \
    -annotate +100+580 'Steel shelving unit' -annotate +710+580 '2' -annotate +820+580 '120.00' -annotate +1020+580 '240.00' \
    -annotate +100+625 'Packing tape (box)' -annotate +710+625 '5' -annotate +832+625 '18.00' -annotate +1032+625 '90.00' \
    -annotate +100+670 'Delivery' -annotate +710+670 '1' -annotate +820+670 '120.00' -annotate +1020+670 '120.00' \
    -draw 'line 100,700 1140,700' \
    -annotate +760+750 'Subtotal:' -annotate +1020+750 '450.00' \
    -annotate +760+795 'Tax (10%):' -annotate +1032+795 '45.00' \
    -font "$bold" -pointsize 26 -annotate +760+850 'Total: $495.00' \
    -font "$font" -pointsize 18 -annotate +100+1000 'Payment due within 30 days. Thank you for your business.'
convert "$tmp/invoice_clean.png" -colors 16 "${strip[@]}" "$out/invoice.png"

cat >"$out/invoice.expected.json" <<'JSON'
{
  "vendor": "ACME SUPPLIES LTD",
  "invoice_number": "INV-2024-0042",
  "date": "2024-01-31",
  "total": "495.00",
  "email": "billing@acme.com",
  "currency": "USD"
}
JSON

# ---------------------------------------------------------------------------------------------------------
# invoice.jpg: a phone photo of a page: smaller, warm uneven light, rotated by about 3 degrees, noise, JPEG q60.
draw_page "$tmp/photo_page.png" 1000 1300 -- \
    -font "$bold" -pointsize 30 -annotate +70+120 'NORTHWIND TRADING CO' \
    -font "$font" -pointsize 18 \
    -annotate +70+155 '88 Mill Street, Leeds LS1 5AB' \
    -annotate +70+182 'accounts@northwind-trading.com' \
    -font "$bold" -pointsize 36 -annotate +700+120 'INVOICE' \
    -font "$font" -pointsize 20 \
    -annotate +70+270 'Invoice No: NW-7731' \
    -annotate +70+305 'Date: 15/03/2024' \
    -font "$bold" -pointsize 20 \
    -annotate +70+400 'Item' -annotate +560+400 'Qty' -annotate +800+400 'Amount' \
    -draw 'line 70,412 930,412' \
    -font "$font" -pointsize 20 \
    -annotate +70+455 'Oak dining table' -annotate +570+455 '1' -annotate +800+455 '890.00' \
    -annotate +70+495 'Chair, upholstered' -annotate +570+495 '4' -annotate +800+495 '180.00' \
    -draw 'line 70,520 930,520' \
    -annotate +560+565 'Subtotal:' -annotate +800+565 '1,070.00' \
    -annotate +560+605 'VAT 20%:' -annotate +800+605 '214.00' \
    -font "$bold" -pointsize 24 -annotate +560+660 'Total: $1,284.00'
convert "$tmp/photo_page.png" \
    \( -size 1000x1300 gradient:'#f4efe4-#b9b2a4' \) -compose Multiply -composite \
    -background '#8a8478' -rotate 3 -gravity center -crop 1000x1300+0+0 +repage \
    -seed 42 -attenuate 0.6 +noise Gaussian -blur 0x0.6 \
    -colorspace sRGB -sampling-factor 4:2:0 -quality 60 "${strip[@]}" "$out/invoice_photo.jpg"

cat >"$out/invoice_photo.expected.json" <<'JSON'
{
  "vendor": "NORTHWIND TRADING CO",
  "invoice_number": "NW-7731",
  "date": "2024-03-15",
  "total": "1284.00",
  "email": "accounts@northwind-trading.com",
  "currency": "USD"
}
JSON

# ---------------------------------------------------------------------------------------------------------
# A tiny PDF writer: objects are appended to a file and their byte offsets recorded for the xref table.
pdf_offsets=()
pdf_begin() { printf '%%PDF-1.4\n%%\342\343\317\323\n' >"$1"; pdf_offsets=(); }
pdf_object() { # FILE NUMBER DICTIONARY [STREAM_FILE]
    local file="$1" number="$2" dict="$3" stream="${4:-}"
    pdf_offsets[$number]=$(stat -c %s "$file")
    if [ -n "$stream" ]; then
        printf '%d 0 obj\n<< %s /Length %d >>\nstream\n' "$number" "$dict" "$(stat -c %s "$stream")" >>"$file"
        cat "$stream" >>"$file"
        printf '\nendstream\nendobj\n' >>"$file"
    else
        printf '%d 0 obj\n%s\nendobj\n' "$number" "$dict" >>"$file"
    fi
}
pdf_end() { # FILE: writes the xref table and trailer (object 1 is the catalog)
    local file="$1" count=$((${#pdf_offsets[@]} + 1)) start
    start=$(stat -c %s "$file")
    printf 'xref\n0 %d\n0000000000 65535 f \n' "$count" >>"$file"
    for ((n = 1; n < count; n++)); do printf '%010d 00000 n \n' "${pdf_offsets[$n]}" >>"$file"; done
    printf 'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' "$count" "$start" >>"$file"
}

# ---------------------------------------------------------------------------------------------------------
# invoice_scan.pdf: an A5 page scanned at 150 dpi (874x1240), slightly gray and noisy, stored as one JPEG image:
# the PDF has no text layer, so it must be rendered and OCR'd.
draw_page "$tmp/scan_page.png" 874 1240 -- \
    -font "$bold" -pointsize 28 -annotate +60+110 'BLUE RIVER CONSULTING' \
    -font "$font" -pointsize 16 \
    -annotate +60+142 'Kaiserstrasse 21, 60311 Frankfurt' \
    -annotate +60+166 'invoices@blueriverconsulting.eu' \
    -font "$font" -pointsize 18 \
    -annotate +60+250 'Invoice #: BRC-1187' \
    -annotate +60+282 'Invoice date: 14 March 2024' \
    -annotate +60+314 'Customer: Lindqvist Logistics AB' \
    -font "$bold" -pointsize 18 -annotate +60+400 'Service' -annotate +640+400 'Amount' \
    -draw 'line 60,410 814,410' \
    -font "$font" -pointsize 18 \
    -annotate +60+450 'Process review workshop (3 days)' -annotate +640+450 '2,400.00' \
    -annotate +60+485 'Travel and lodging' -annotate +652+485 '250.00' \
    -draw 'line 60,505 814,505' \
    -annotate +430+545 'Net amount' -annotate +640+545 '2,650.00' \
    -annotate +430+578 'VAT' -annotate +652+578 '500.00' \
    -font "$bold" -pointsize 21 -annotate +430+625 'Total: €3,150.00'
convert "$tmp/scan_page.png" -fill '#f0f0ec' -opaque white -seed 7 -attenuate 0.3 +noise Gaussian \
    -colorspace Gray -quality 70 "${strip[@]}" "$tmp/scan.jpg"
read -r scan_w scan_h < <(identify -format '%w %h\n' "$tmp/scan.jpg")
printf 'q 420 0 0 595 0 0 cm /Scan Do Q\n' >"$tmp/scan_content"
pdf_begin "$out/invoice_scan.pdf"
pdf_object "$out/invoice_scan.pdf" 1 '<< /Type /Catalog /Pages 2 0 R >>'
pdf_object "$out/invoice_scan.pdf" 2 '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
pdf_object "$out/invoice_scan.pdf" 3 '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Resources << /XObject << /Scan 4 0 R >> >> /Contents 5 0 R >>'
pdf_object "$out/invoice_scan.pdf" 4 "/Type /XObject /Subtype /Image /Width $scan_w /Height $scan_h /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode" "$tmp/scan.jpg"
pdf_object "$out/invoice_scan.pdf" 5 '' "$tmp/scan_content"
pdf_end "$out/invoice_scan.pdf"

cat >"$out/invoice_scan.expected.json" <<'JSON'
{
  "vendor": "BLUE RIVER CONSULTING",
  "invoice_number": "BRC-1187",
  "date": "2024-03-14",
  "total": "3150.00",
  "email": "invoices@blueriverconsulting.eu",
  "currency": "EUR"
}
JSON

# ---------------------------------------------------------------------------------------------------------
# invoice_text.pdf: a born-digital US Letter invoice with a real text layer (Helvetica, WinAnsi), no images.
text_lines=(
    'F2 20 72 720 GREENLEAF OFFICE SUPPLIES INC'
    'F1 10 72 702 400 Market Street, Suite 12, Portland, OR 97204'
    'F1 10 72 688 ar@greenleaf-supplies.com'
    'F2 24 430 720 INVOICE'
    'F1 11 72 620 Invoice Number: GL-55190'
    'F1 11 72 604 Invoice Date: June 7, 2024'
    'F1 11 72 588 Bill To: Marlow Dental Group'
    'F2 11 72 530 Description'
    'F2 11 400 530 Qty'
    'F2 11 480 530 Amount'
    'F1 11 72 510 Copy paper A4, 80 g (case)'
    'F1 11 400 510 12'
    'F1 11 480 510 1,140.00'
    'F1 11 72 494 Toner cartridge, black'
    'F1 11 400 494 6'
    'F1 11 480 494 990.00'
    'F1 11 400 450 Subtotal:'
    'F1 11 480 450 2,130.00'
    'F1 11 400 434 Sales tax:'
    'F1 11 480 434 180.75'
    'F2 13 400 410 Total Due: $2,310.75'
    'F1 9 72 300 Please pay by bank transfer within 15 days.'
)
{
    for entry in "${text_lines[@]}"; do
        read -r f size x y text <<<"$entry"
        printf 'BT /%s %s Tf %s %s Td (%s) Tj ET\n' "$f" "$size" "$x" "$y" "$text"
    done
    printf '0.5 w 72 522 m 540 522 l S 72 470 m 540 470 l S\n'
} >"$tmp/text_content"
pdf_begin "$out/invoice_text.pdf"
pdf_object "$out/invoice_text.pdf" 1 '<< /Type /Catalog /Pages 2 0 R >>'
pdf_object "$out/invoice_text.pdf" 2 '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
pdf_object "$out/invoice_text.pdf" 3 '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>'
pdf_object "$out/invoice_text.pdf" 4 '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
pdf_object "$out/invoice_text.pdf" 5 '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>'
pdf_object "$out/invoice_text.pdf" 6 '' "$tmp/text_content"
pdf_end "$out/invoice_text.pdf"

cat >"$out/invoice_text.expected.json" <<'JSON'
{
  "vendor": "GREENLEAF OFFICE SUPPLIES INC",
  "invoice_number": "GL-55190",
  "date": "2024-06-07",
  "total": "2310.75",
  "email": "ar@greenleaf-supplies.com",
  "currency": "USD"
}
JSON

# ---------------------------------------------------------------------------------------------------------
# receipt_small.png: a narrow till receipt, 384x860 (under 1000 px high, so the pipeline scales it up).
draw_page "$tmp/receipt.png" 384 860 -- \
    -font "$bold" -pointsize 24 -gravity North -annotate +0+40 'CORNER CAFE' \
    -font "$mono" -pointsize 13 \
    -annotate +0+78 '5 Station Approach, York' \
    -annotate +0+98 'hello@cornercafe.co.uk' \
    -gravity NorthWest \
    -annotate +24+150 'Receipt #: 20417' \
    -annotate +24+172 'Date: 23/04/2024  14:32' \
    -annotate +24+194 'Till 2   Server: Maya' \
    -annotate +24+230 '--------------------------------' \
    -annotate +24+252 'Flat white            3.40' \
    -annotate +24+274 'Oat milk              0.50' \
    -annotate +24+296 'Avocado toast         9.50' \
    -annotate +24+318 'Orange juice          5.00' \
    -annotate +24+340 '--------------------------------' \
    -font "$bold" -pointsize 17 -annotate +24+372 'TOTAL               £18.40' \
    -font "$mono" -pointsize 13 \
    -annotate +24+404 'Card payment         18.40' \
    -annotate +24+450 'Thank you - see you soon!'
convert "$tmp/receipt.png" -colors 16 "${strip[@]}" "$out/receipt_small.png"

cat >"$out/receipt_small.expected.json" <<'JSON'
{
  "vendor": "CORNER CAFE",
  "invoice_number": "20417",
  "date": "2024-04-23",
  "total": "18.40",
  "email": "hello@cornercafe.co.uk",
  "currency": "GBP"
}
JSON

echo "make-samples: wrote $(ls "$out" | wc -l) files to $out"
