#!/usr/bin/env bash
# Install what the tests need (LibreOffice from Debian, the package with its test
# extras) and run every test, the real-engine ones included.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    libreoffice-calc-nogui
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
python3 -m pytest "$@"
