"""Note5 Issue 10 Left 6 (trial 10e): after New year the Head total, subhead 000,
ceiling and directorate sentences quoted figures still to key as if keyed: "is
$0. This represents no change", "Provision of $0 under Subhead 000", "$0.0m",
"none as at 31 March 2027" (and 0 元, 相同, 不設首長級職位). Now a Head-wide
sentence whose figures are still to key says so and quotes none, as the
programme sentences already did ("to be stated once ... keyed"); a book with
its figures keyed reads as before. On Head 135, a generated Head and a real
Head-year (no establishment: no ceiling line); the CLI and the ribbon's New year
on the remote engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbook import layout as L
from workbook.io import load_book
from workbook.populate import rollforward_file
from workbook.refresh import build_file, refresh_file

from .generated_heads import source_folder

KINDS = ("sample", "real", "generated")
HEAD_WIDE = ("Establishment ceiling", "Directorate posts", "Details of expenditure",
             "Subhead 000")  # the labels of those lines  # fmt: skip
LINES_OF_BLANKS = ("Details of expenditure 開支詳情", "Subhead 000 分目 000")
UNKEYED = ("$0", "$0.0m", "none as at", "no change", " 0 元", "0 萬元", "相同",
           "不設首長級職位")  # fmt: skip


def _lines(book: Path) -> dict[str, tuple[str, str]]:
    """The Head-wide Narrative lines: label -> (English, Chinese)."""
    ws = load_book(book)[L.NARRATIVE]
    out = {}
    for row in ws.iter_rows(min_row=1, max_col=3, values_only=True):
        label = str(row[0] or "")
        if label.startswith(HEAD_WIDE):
            out[label] = (str(row[1]), str(row[2]))
    return out


def _to_key(lines: dict[str, tuple[str, str]]) -> None:
    assert lines
    for label, (en, zh) in lines.items():
        assert "to be stated" in en and "列明" in zh, label
        assert not any(word in en or word in zh for word in UNKEYED), (label, en, zh)


@pytest.mark.parametrize("kind", KINDS)
def test_a_rolled_books_head_wide_sentences_wait_for_their_figures(kind, tmp_path):
    book, nxt = tmp_path / "本年.xlsx", tmp_path / "下年.xlsx"
    build_file(source_folder(kind, tmp_path / "src", "2013-22", 61), book)
    keyed = _lines(book)
    waiting = {label for label, (en, _) in keyed.items() if "to be stated" in en}
    # the generated Head leaves some Revised/Estimate figures blank (to key):
    # its Head total and subhead 000 lines wait already, as any book's do
    assert keyed and waiting <= (set(LINES_OF_BLANKS) if kind == "generated" else set())
    rollforward_file(book, nxt)
    rolled = _lines(nxt)
    assert set(rolled) == set(keyed)
    _to_key(rolled)
    has_posts = any(label.startswith("Establishment") for label in keyed)
    assert has_posts == (kind != "real")  # a published Head-year has no posts


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_estimate_keeps_the_head_total_unstated_in_any_book(kind, tmp_path):
    """Trial 11e item 1: one subhead's Estimate cleared in a book never rolled
    forward; the Details line stated the total short of it as fact ("$175,587,000
    ... a decrease of $153,918,000"). It waits for the figure as a rolled book's
    does; keyed again, the line is as built."""
    book = tmp_path / "本年.xlsx"
    build_file(source_folder(kind, tmp_path / "src", "2013-22", 61), book)
    built = _lines(book)
    wb = load_book(book)
    spec = L.TABLES["tblSubheads"]
    cell = wb[spec.sheet].cell(spec.first_row, spec.col("estimate"))
    typed, cell.value = cell.value, None
    wb.save(book)
    refresh_file(book)
    details = {k: v for k, v in _lines(book).items() if k.startswith("Details")}
    _to_key(details)
    wb = load_book(book)
    wb[spec.sheet].cell(spec.first_row, spec.col("estimate")).value = typed
    wb.save(book)
    refresh_file(book)
    assert _lines(book) == built


def test_the_ribbons_new_year_writes_the_same(sample_xlsm, libreoffice, tmp_path):
    from addin import macros

    from .hosts import remote_book
    from .remote_actions import apply_actions

    copy = tmp_path / "Head135 2026-27.xlsm"  # what the ribbon's SaveCopyAs makes
    shutil.copy(sample_xlsm, copy)
    book = remote_book(copy, libreoffice, tmp_path)
    macros.new_year(book=book)
    wb = load_book(copy)
    apply_actions(wb, book.json()["actions"])
    wb.save(copy)
    lines = _lines(copy)
    assert len(lines) == 4
    _to_key(lines)
