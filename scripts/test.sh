#!/usr/bin/env bash
# Install what the tests need and run every test, the real-engine ones included:
# LibreOffice (formula engine and VBA reader), Debian's python3-uno to drive it,
# poppler-utils (PDF text and pictures), and the package with its test extras.
# Tests run in parallel (pytest-xdist, one worker per core) with the hypothesis
# profile "ci" (1,000 generated examples); HYPOTHESIS_PROFILE=dev runs about 50.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
if ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1; then
  need+=(python3-uno libreoffice-script-provider-python)
fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# Chinese glyphs (else every character renders as a box) and Arial's metrics.
fc-list :lang=zh-tw | grep -q . || need+=(fonts-noto-cjk)
fc-list | grep -q LiberationSans || need+=(fonts-liberation2)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    libreoffice-calc-nogui python3-uno libreoffice-script-provider-python poppler-utils \
    fonts-noto-cjk fonts-liberation2
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
status=0
python3 -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests (exit 5): that is a failure" >&2
fi
exit "$status"
