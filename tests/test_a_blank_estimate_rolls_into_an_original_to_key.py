"""Trial 10b item 3: a blank Estimate became a blank Original next year with no
finding, because a nil keyed on purpose and a blank cell were read alike. Now a
blank Estimate is F01 at its cell (before New year copies anything), New year
says which were blank and leaves their Original to key (F01 in the new book),
while a nil keyed as "-" (or "—") rolls on as a nil and a keyed 0 as 0, with no
finding. Export writes the two apart ("" and "-"), so build gives them back.
On Head 135, a real Head-year and a generated Head; CLI and the remote engine;
the carried establishment note is F02 at its cells too (trial 10b item 12)."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from estimates.money import NIL_CELL
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder

KINDS = ("sample", "real", "generated")
PROGRAMMES, SUBHEADS = L.TABLES["tblProgrammes"], L.TABLES["tblSubheads"]


def _cell(spec, row: int, field: str) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(spec.col(field))}{spec.first_row + row}"


def _keyed(book: Path) -> dict[str, tuple[str, str]]:
    """Programme (1)'s Estimate left blank, the first subhead's keyed "-", the
    second's keyed 0: each line's Estimate cell and Original cell, by what was
    keyed."""
    wb = load_book(book)
    edits = {"blank": (PROGRAMMES, 0, None), "dash": (SUBHEADS, 0, "-"),
             "zero": (SUBHEADS, 1, 0)}  # fmt: skip
    cells = {}
    for what, (spec, row, value) in edits.items():
        wb[spec.sheet][_cell(spec, row, "estimate")] = value
        cells[what] = (f"{spec.sheet}!{_cell(spec, row, 'estimate')}",
                       f"{spec.sheet}!{_cell(spec, row, 'original')}")  # fmt: skip
    wb.save(book)
    return cells


def _f01(findings) -> set[str]:
    return {str(f.ref) for f in findings if f.rule == "F01"}


def _book(kind: str, tmp_path: Path) -> tuple[Path, dict]:
    folder = source_folder(kind, tmp_path / "src", "2010-80", 29)
    book = tmp_path / "預算 本年.xlsx"
    build_file(folder, book)
    return book, _keyed(book)


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_estimate_is_flagged_and_rolls_into_an_original_to_key(kind, tmp_path):
    book, cells = _book(kind, tmp_path)
    before = _f01(check_file(book).findings)
    assert cells["blank"][0] in before  # flagged where it is, before New year
    assert not {cells["dash"][0], cells["zero"][0]} & before  # a nil, a zero: keyed

    nxt = tmp_path / "下年 book.xlsx"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert run(["rollforward", str(book), "-o", str(nxt)]) in (0, 1)  # 1: T02
    assert f"were blank in last year's book ({cells['blank'][0]}" in out.getvalue()
    after = check_file(nxt)
    to_key = _f01(after.findings)
    assert cells["blank"][1] in to_key  # the Original: to key, not a silent nil
    assert not {cells["dash"][1], cells["zero"][1]} & to_key
    wb = load_book(nxt)
    sheet, cell = cells["dash"][1].split("!")
    assert wb[sheet][cell].value in ("-", NIL_CELL)  # the keyed nil, carried as one
    sheet, cell = cells["zero"][1].split("!")
    assert wb[sheet][cell].value == 0
    notes = sorted(str(f.ref) for f in after.findings
                   if f.rule == "F02" and f.ref.sheet == L.ESTABLISHMENT)  # fmt: skip
    if check_file(book).head.establishment.note_en:
        assert notes == ["Establishment!A2", "Establishment!A3"]


@pytest.mark.parametrize("kind", KINDS)
def test_export_and_build_keep_a_blank_apart_from_a_nil(kind, tmp_path):
    book, cells = _book(kind, tmp_path)
    folder = tmp_path / "匯出"
    with contextlib.redirect_stdout(io.StringIO()):
        assert run(["export", str(book), "-o", str(folder)]) in (0, 1)
    rows = (folder / "subheads.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].split(",")[-1] == "-" and rows[2].split(",")[-1] == "0"
    rebuilt = tmp_path / "重建.xlsx"
    build_file(folder, rebuilt)
    assert _f01(check_file(rebuilt).findings) == _f01(check_file(book).findings)
    wb = load_book(rebuilt)
    sheet, cell = cells["dash"][0].split("!")
    assert wb[sheet][cell].value == NIL_CELL


@pytest.mark.engine
def test_the_ribbons_new_year_flags_the_same_originals(sample_xlsm, libreoffice,
                                                      tmp_path):  # fmt: skip
    """The remote engine's New year on Head 135's macro-enabled book: the same
    F01 at the Original of the blank Estimate, none at the keyed nil, and its
    message says which Estimates were blank."""
    from addin import macros

    from .hosts import remote_book
    from .remote_actions import apply_actions

    cells = _keyed(sample_xlsm)
    copy = tmp_path / "Head135 2026-27.xlsm"  # what the ribbon's SaveCopyAs makes
    shutil.copy(sample_xlsm, copy)
    book = remote_book(copy, libreoffice, tmp_path)
    done = macros.new_year(book=book)
    to_key = _f01(done.findings)
    assert cells["blank"][1] in to_key
    assert not {cells["dash"][1], cells["zero"][1]} & to_key
    notes = {str(f.ref) for f in done.findings if f.rule == "F02"}
    assert {"Establishment!A2", "Establishment!A3"} <= notes
    wb = load_book(copy)
    said = apply_actions(wb, book.json()["actions"])[-1]["args"][0]
    assert f"were blank in last year's book ({cells['blank'][0]})" in said
    assert "上年度有 1 項預算為空白" in said


@pytest.mark.parametrize("kind", KINDS)
def test_an_unreadable_figure_is_its_finding_not_a_blank_and_n_a_is_to_key(
    kind, tmp_path
):
    """Trial 10c item 11: '32.2Δ' got D05 and F01 at one cell. It is not blank:
    D05 only. "n/a" (not available yet) is nil and still to key: F01."""
    book, _ = _book(kind, tmp_path)
    wb = load_book(book)
    marked, later = _cell(PROGRAMMES, 0, "estimate"), _cell(SUBHEADS, 0, "estimate")
    wb[PROGRAMMES.sheet][marked] = "32.2Δ"
    wb[SUBHEADS.sheet][later] = "n/a"
    wb.save(book)
    findings = check_file(book).findings
    at = {(f.rule, str(f.ref)) for f in findings}
    assert ("D05", f"{PROGRAMMES.sheet}!{marked}") in at
    assert ("F01", f"{PROGRAMMES.sheet}!{marked}") not in at
    assert ("F01", f"{SUBHEADS.sheet}!{later}") in at
