#!/usr/bin/env bash
# Exports the Darfur worked example as a DOCX annex, converts it to PDF with
# LibreOffice and to PNG pages with pdftoppm, so the annex can be looked at
# as a reader will see it. Installs libreoffice-writer and poppler-utils
# when they are missing (Debian/Ubuntu).
#   scripts/annex-pdf.sh [LEVEL]   (default: un-partners) → out/annex/
set -euo pipefail
cd "$(dirname "$0")/.."
level="${1:-un-partners}"
if ! command -v libreoffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends libreoffice-writer poppler-utils >/dev/null
fi
cargo build --release --quiet
out=out/annex
rm -rf "$out" && mkdir -p "$out"
# Work on a copy: the export is recorded in the assessment.
cp sample-data/darfur-transition.ron sample-data/ucdp-ged-sudan.csv "$out/"
./target/release/poc-workbench export --assessment "$out/darfur-transition.ron" \
  --format docx --sharing "$level" --out "$out/darfur-annex-$level.docx"
(cd "$out" && libreoffice --headless --convert-to pdf "darfur-annex-$level.docx" >/dev/null 2>&1)
pdftoppm -r 100 -png "$out/darfur-annex-$level.pdf" "$out/page"
ls "$out"/page-*.png
