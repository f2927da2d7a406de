#!/usr/bin/env bash
# Render the README's pictures of the Head 135 Report again (docs/head135-report-
# {en,zh}.png: page 1 of `estimates pdf --lang`, 90 dpi), after a change to what
# the Report prints. Needs the set-up of scripts/setup.sh plus LibreOffice and
# poppler-utils (scripts/test.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
.venv/bin/estimates demo -o "$tmp" --force > /dev/null || true  # exit 1: findings
for lang in en zh; do
  .venv/bin/estimates pdf "$tmp/head135_2025-26.xlsx" --lang "$lang" -o "$tmp/$lang.pdf"
  pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$tmp/$lang.pdf" "docs/head135-report-$lang"
done
echo "wrote docs/head135-report-en.png and docs/head135-report-zh.png"
