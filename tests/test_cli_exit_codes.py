"""The CLI's exit codes and one-line messages, as a clerk or CI sees them."""

import json
import subprocess
import sys

from workbook.cli import run
from workbook.io import load_book


def test_demo_builds_and_refreshes_head_135(tmp_path, capsys):
    assert run(["demo", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "564,524 / 660,263 / 329,505 / 269,731" in out
    assert "0 error(s), 0 warning(s), 3 info" in out
    assert (tmp_path / "head135_2025-26.xlsx").exists()


def test_build_check_and_error_exit(sample_dir, tmp_path, capsys):
    book = tmp_path / "b.xlsx"
    assert run(["build", str(sample_dir), "-o", str(book)]) == 0
    wb = load_book(book)
    wb["Head"]["C10"] = 1.0
    wb.save(book)
    before = book.read_bytes()
    assert run(["check", str(book)]) == 1
    assert "error   T04 Head!C10" in capsys.readouterr().out
    assert book.read_bytes() == before  # check writes nothing


def test_check_json_lists_findings(sample_book, capsys):
    wb = load_book(sample_book)
    wb["Head"]["C10"] = 1.0
    wb.save(sample_book)
    assert run(["check", str(sample_book), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {(f["rule"], f["cell"]) for f in findings if f["severity"] == "error"} == {
        ("T04", "C10")
    }


def test_unreadable_input_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a zip", encoding="utf-8")
    assert run(["check", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates check: {bad}: not an Excel workbook (it is not a zip package):"
        " save it as an Excel workbook (.xlsx or .xlsm) and run this again"
    )
    assert "\n" not in err


def test_a_bad_source_value_names_file_line_and_column(sample_dir, tmp_path, capsys):
    csv = sample_dir / "subheads.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("84531", '"84,53x"'), encoding="utf-8"
    )
    assert run(["build", str(sample_dir), "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates build: {csv}: line 4, column 'actual': not a number: '84,53x'"
    )


def test_a_book_not_from_the_template_is_refused(tmp_path, capsys):
    from openpyxl import Workbook

    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    assert run(["refresh", str(other)]) == 2
    assert "not an Estimates workbook" in capsys.readouterr().err


def test_bad_usage_exits_2_without_a_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "frobnicate"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "invalid choice" in done.stderr
