#!/usr/bin/env bash
# Install what the tests need and run every test, the real-engine ones included:
# LibreOffice (formula engine and VBA reader), Debian's python3-uno to drive it,
# and the package with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
if ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1; then
  need+=(python3-uno libreoffice-script-provider-python)
fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    libreoffice-calc-nogui python3-uno libreoffice-script-provider-python poppler-utils
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
python3 -m pytest "$@"
