"""Trial 10e item 2: a `-` (nil) Actual in the published or accounts CSV given to
New year (`rollforward --actual`) was dropped: the new book left that Actual
blank, F01 said it was still to key, and the summary did not count it. A `-` is
a nil keyed on purpose: it is carried as a keyed nil (no F01) and counted in the
summary; a blank in the file stays to key. On Head 135, a generated Head and a
real Head-year; the CLI and the ribbon's New year on the remote engine."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest

from estimates.model import year_labels
from estimates.money import NIL_CELL
from estimates.years import next_year
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder

KINDS = ("sample", "real", "generated")


def _accounts(book: Path, path: Path) -> tuple[str, str]:
    """An accounts file giving the book's first single-code subhead line a `-`
    Actual and its second a figure, for the new year's Actual year: the cells of
    the two lines' Actual (New year keeps each line at its row)."""
    head = check_file(book).head
    counts = Counter(s.code for s in head.subheads)
    nil_line, fig_line = [s for s in head.subheads if counts[s.code] == 1][:2]
    year = year_labels(next_year(head.estimate_year))[0]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["Head", "Subhead", "Subhead Name", f"Actual {year}"],
            [head.head, nil_line.code, nil_line.title_en, "-"],
            [head.head, fig_line.code, fig_line.title_en, "1,234"],
        ])  # fmt: skip
    return str(nil_line.amounts[0].ref), str(fig_line.amounts[0].ref)


def _f01(findings) -> set[str]:
    return {str(f.ref) for f in findings if f.rule == "F01"}


def _value(book: Path, cell: str):
    sheet, at = cell.split("!")
    return load_book(book)[sheet][at].value


@pytest.mark.parametrize("kind", KINDS)
def test_a_dash_actual_is_carried_as_a_keyed_nil_and_counted(kind, tmp_path):
    folder = source_folder(kind, tmp_path / "src", "2010-80", 31)
    book = tmp_path / "上年 book.xlsx"
    build_file(folder, book)
    accounts = tmp_path / "帳目 accounts.csv"
    nil_cell, figure_cell = _accounts(book, accounts)
    nxt = tmp_path / "下年 book.xlsx"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert run(["rollforward", str(book), "-o", str(nxt),
                    "--actual", str(accounts)]) in (0, 1)  # fmt: skip
    assert "2 subhead line(s)" in out.getvalue()
    assert "(1 of them nil, keyed - in the file)" in out.getvalue()
    assert "(其中 1 項為檔案所列的「無」)" in out.getvalue()
    assert _value(nxt, nil_cell) in ("-", NIL_CELL)  # the file's nil, kept
    assert _value(nxt, figure_cell) == 1234
    to_key = _f01(check_file(nxt).findings)
    assert nil_cell not in to_key and figure_cell not in to_key


@pytest.mark.engine
def test_the_ribbons_new_year_keeps_a_dash_actual(sample_xlsm, libreoffice, tmp_path):
    """The remote engine's New year on Head 135's macro-enabled book, given the
    same accounts file: the same keyed nil and the same count in its message."""
    from addin import macros

    from .hosts import remote_book
    from .remote_actions import apply_actions

    accounts = tmp_path / "accounts.csv"
    nil_cell, _ = _accounts(sample_xlsm, accounts)
    copy = tmp_path / "Head135 2026-27.xlsm"  # what the ribbon's SaveCopyAs makes
    shutil.copy(sample_xlsm, copy)
    book = remote_book(copy, libreoffice, tmp_path)
    done = macros.new_year(actual_paths=[str(accounts)], book=book)
    assert nil_cell not in _f01(done.findings)
    wb = load_book(copy)
    said = apply_actions(wb, book.json()["actions"])[-1]["args"][0]
    assert "(1 of them nil, keyed - in the file)" in said
    sheet, at = nil_cell.split("!")
    assert wb[sheet][at].value in ("-", NIL_CELL)
