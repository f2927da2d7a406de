#!/usr/bin/env bash
# Set up from this folder on Linux (Debian 12 or any Python 3.11+): the package in a
# virtual environment, .venv, then `estimates demo`. Afterwards run
# `.venv/bin/estimates ...`, or `source .venv/bin/activate` once and `estimates ...`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
make_venv
.venv/bin/python -m pip install -q --disable-pip-version-check .
.venv/bin/estimates demo --force "$@"  # a second set-up rebuilds the demo book
