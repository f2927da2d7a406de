#!/usr/bin/env bash
# Install what the tests need and run every test, the real-engine ones included:
# LibreOffice (formula engine and VBA reader), Debian's python3-uno to drive it,
# poppler-utils (PDF text and pictures), fonts for Chinese and Arial's metrics,
# and the package with its test extras in the virtual environment .venv.
# Tests run in parallel (pytest-xdist, one worker per core) with the hypothesis
# profile "ci" (1,000 generated examples; HYPOTHESIS_PROFILE=dev runs about 50), and
# a missing LibreOffice fails them rather than skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
read -r -a need <<< "$(missing_apt_packages)"
if [ "${#need[@]}" -gt 0 ]; then
  apt_install libreoffice-calc-nogui python3-uno libreoffice-script-provider-python \
    poppler-utils fonts-noto-cjk fonts-liberation2
fi
make_venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
export CI="${CI:-true}"  # every test runs: none is skipped for a missing engine
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests (exit 5): that is a failure" >&2
fi
exit "$status"
