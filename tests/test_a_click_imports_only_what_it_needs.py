"""A ribbon click imports addin.macros in Python (a fresh process on a Mac, the
first click in xlwings' COM server on Windows): it must not pull in the file
side (openpyxl saving, template build, charts, printing, package keeping)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILE_SIDE = (
    "workbook.refresh",
    "workbook.io",
    "workbook.build",
    "workbook.charts",
    "workbook.printing",
    "workbook.package",
    "addin.build",
    "addin.ovba",
)


def test_the_macros_module_leaves_the_file_side_unimported():
    code = (
        "import sys, addin.macros; "
        f"print(','.join(m for m in {FILE_SIDE!r} if m in sys.modules))"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), XLWINGS_LICENSE_KEY="noncommercial")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.strip() == ""
