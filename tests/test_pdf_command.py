"""`estimates pdf BOOK`: the Report and Narrative through LibreOffice headless, in
one language or both; with no LibreOffice, exit 2 and one line saying what to
install."""

import subprocess
import sys
from pathlib import Path

import pytest


def _run(args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_no_libreoffice_is_one_line_and_exit_2(sample_book: Path, tmp_path):
    import os

    env = dict(os.environ, PATH=str(tmp_path))  # no soffice on this PATH
    result = _run(["pdf", str(sample_book), "-o", str(tmp_path / "r.pdf")], env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "soffice" in lines[0] and "Traceback" not in lines[0]
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.engine
def test_the_pdf_holds_the_report_and_narrative(
    sample_book: Path, tmp_path, libreoffice
):
    out = tmp_path / "head135.pdf"
    result = _run(["pdf", str(sample_book), "-o", str(out), "--lang", "en"])
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "Total Expenditure" in text and "Provision for 2025-26 is $1.4" in text
    assert "開支總額" not in text  # English only: the Chinese columns are hidden
