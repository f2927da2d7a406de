#!/bin/sh
# Install the Estimates add-in for one user on a Mac (or any POSIX system):
#   1. a virtual environment with the estimates-addin wheel (and its pinned xlwings),
#   2. the user's xlwings.conf naming that environment's Python (INTERPRETER_MAC),
#   3. xlwings' AppleScript for RunPython (macOS only),
#   4. Estimates.xltm built into the workgroup templates folder, unless one of
#      this template version is already there (IT may have signed it: it is left
#      as it is; --force rebuilds it).
#
# Usage: sh install.sh [--force] path/to/estimates_addin-X.Y.Z-py3-none-any.whl
#
# Settings (environment variables; defaults are Excel for Mac's own places):
#   PYTHON              the Python 3.11+ to make the venv with (python3)
#   ESTIMATES_HOME      where the venv goes
#                       ($HOME/Library/Application Support/Estimates)
#   XLWINGS_CONF_DIR    folder of the user's xlwings.conf
#                       ($HOME/Library/Containers/com.microsoft.Excel/Data)
#   WORKGROUP_TEMPLATES the templates folder clerks pick Estimates from
#   VENV_ARGS           extra arguments to 'python -m venv'
#   PIP_ARGS            extra arguments to 'pip install' (e.g. --no-index
#                       --find-links /Volumes/IT/wheels for an offline install)
set -eu

KEEP="--keep-current"
if [ "${1:-}" = "--force" ]; then
    KEEP="--force"
    shift
fi
WHEEL=${1:-}
if [ -z "$WHEEL" ] || [ ! -f "$WHEEL" ]; then
    echo "usage: sh install.sh [--force] path/to/estimates_addin-X.Y.Z-py3-none-any.whl" >&2
    exit 2
fi
PYTHON=${PYTHON:-python3}
ESTIMATES_HOME=${ESTIMATES_HOME:-"$HOME/Library/Application Support/Estimates"}
XLWINGS_CONF_DIR=${XLWINGS_CONF_DIR:-"$HOME/Library/Containers/com.microsoft.Excel/Data"}
WORKGROUP_TEMPLATES=${WORKGROUP_TEMPLATES:-"$HOME/Library/Group Containers/UBF8T346G9.Office/User Content.localized/Templates.localized"}
VENV="$ESTIMATES_HOME/venv"

# The template goes last, but an unwritable templates folder is found first,
# before anything is installed.
PROBE="$WORKGROUP_TEMPLATES/.estimates-write-test.$$"
if ! { mkdir -p "$WORKGROUP_TEMPLATES" && : > "$PROBE"; } 2>/dev/null; then
    echo "Estimates: cannot write to the templates folder $WORKGROUP_TEMPLATES; nothing was installed (set WORKGROUP_TEMPLATES or ask IT for access)" >&2
    exit 1
fi
rm -f "$PROBE"

echo "Estimates: making the environment in $VENV"
# shellcheck disable=SC2086  # VENV_ARGS and PIP_ARGS are word lists
"$PYTHON" -m venv ${VENV_ARGS:-} "$VENV"
"$VENV/bin/python" -m pip install --quiet ${PIP_ARGS:-} "$WHEEL"
INTERPRETER="$VENV/bin/python"

echo "Estimates: writing $XLWINGS_CONF_DIR/xlwings.conf"
mkdir -p "$XLWINGS_CONF_DIR"
CONF="$XLWINGS_CONF_DIR/xlwings.conf"
NEW="$CONF.new.$$"
# xlwings reads "KEY","value" lines; keep every other key IT or the user set.
if [ -f "$CONF" ]; then
    grep -v -i '^"INTERPRETER_MAC"' "$CONF" > "$NEW" || true
else
    : > "$NEW"
fi
printf '"INTERPRETER_MAC","%s"\n' "$INTERPRETER" >> "$NEW"
mv "$NEW" "$CONF"

if [ "$(uname -s)" = "Darwin" ]; then
    echo "Estimates: installing xlwings' RunPython AppleScript"
    "$VENV/bin/xlwings" runpython install
fi

# Prints what it did: built, replaced (another template version, or --force), or
# kept (already this version).
# shellcheck disable=SC2086  # KEEP is one flag: --keep-current or --force
"$VENV/bin/estimates" template -o "$WORKGROUP_TEMPLATES/Estimates.xltm" $KEEP
echo "Estimates: installed. In Excel: File > New from Template > Estimates."
