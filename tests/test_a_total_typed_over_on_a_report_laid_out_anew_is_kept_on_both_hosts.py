"""Trial 9d item 2: a constant typed over the Report's Total Expenditure, with a
subhead line added or reclassified in the same edit (the Report's rows move):
the command line kept the clerk's figure at the line's new row (C01); the ribbon,
which sees values only, wrote the formula back with no finding, the figure left
only on the hidden revert record; then (nine7) it said so (C02) but still
wrote the formula back, while the command line kept the figure. Now both hosts
agree: the row's hidden key says which figure the clerk typed over, so the
figure is kept at the line's new row and judged (C01); a total the older
layout's formula shows (the same edit, nothing typed) is rewritten silently on
both hosts. On Head 135, a generated Head and a real Head-year, edited in
LibreOffice."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book

from .clerk import Table
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

TYPED = 300000
ESTIMATE = 7  # the Report's Estimate column (G)


def _total_row(wb) -> int:
    ws = wb[L.REPORT]
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, L.REPORT_KEY_COLUMN).value == "total:Total Expenditure":
            return row
    raise AssertionError("no Total Expenditure line")


def _edit(book, libreoffice, tmp_path, typed: bool):
    """A subhead line keyed in a row inserted inside Subheads (the Report gains a
    line), and, with ``typed``, 300000 over Total Expenditure's Estimate."""
    wb = load_book(book)
    t = Table(wb, "tblSubheads")
    at = t.first + 1
    line = [("account", t.ws.cell(t.first, t.col("account")).value)]
    line += [("section", t.ws.cell(t.first, t.col("section")).value)]
    line += [("code", "998"), ("title_en", "Inserted line"), ("title_zh", "插入")]
    line += [(f, 7) for f in ("actual", "original", "revised", "estimate")]
    cells = [("Subheads", at, t.col(f), v) for f, v in line]
    row = _total_row(wb)
    if typed:
        cells.append((L.REPORT, row, ESTIMATE, TYPED))
    out = tmp_path / f"{'typed' if typed else 'plain'}-{book.name}"
    return libreoffice.edit(book, out, [("Subheads", at, 1)], cells), row


@pytest.mark.parametrize("host", HOSTS)
def test_a_typed_total_is_kept_alike_when_the_report_moves(host, libreoffice, tmp_path):
    for name, _, book in built_books(tmp_path, host, seed=97, real_at=6):
        edited, old_row = _edit(book, libreoffice, tmp_path, typed=True)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        said = [f for f in findings if f.rule in ("C01", "C02") and "300" in f.found]
        assert said, (name, host, [f"{f.rule} {f.cell}" for f in findings])
        wb = load_book(edited)
        new_row = _total_row(wb)
        assert new_row == old_row + 1, (name, host)
        kept = wb[L.REPORT].cell(new_row, ESTIMATE).value
        assert kept == TYPED, (name, host)  # the clerk's figure, at its line's row
        rules = {(f.rule, f.cell) for f in said}
        assert ("C01", f"G{new_row}") in rules and "C02" not in dict(rules), rules


@pytest.mark.parametrize("host", HOSTS)
def test_totals_an_older_layout_shows_are_rewritten_silently(
    host, libreoffice, tmp_path
):
    for name, _, book in built_books(tmp_path, host, seed=98, real_at=8):
        edited, _ = _edit(book, libreoffice, tmp_path, typed=False)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        on_report = [
            f"{f.rule} {f.cell}"
            for f in findings
            if f.rule in ("C01", "C02")
            and f.ref is not None
            and f.ref.sheet == L.REPORT
        ]
        assert on_report == [], (name, host)


@pytest.mark.parametrize("host", HOSTS)
def test_the_trials_reclassified_subhead_on_head_135(host, libreoffice, tmp_path):
    """The trial's own edit: 300000 over G45 and subhead 700 (Subheads!B6) made
    Recurrent: the Report's Total Expenditure moves up to row 43."""
    name, _, book = next(built_books(tmp_path, host, seed=97, real_at=6))
    assert name == "head135"
    t = Table(load_book(book), "tblSubheads")
    assert t.ws.cell(6, t.col("code")).value == "700"
    cells = [("Subheads", 6, t.col("section"), "Recurrent")]
    cells.append((L.REPORT, 45, ESTIMATE, TYPED))
    edited = libreoffice.edit(book, tmp_path / "r6.xlsx", [], cells)
    findings = refresh_on(host, edited, libreoffice, tmp_path)
    said = {(f.rule, f.cell) for f in findings if "300" in f.found}
    value = load_book(edited)[L.REPORT]["G43"].value
    assert ("C01", "G43") in said and value == TYPED, (host, said)
    assert "C02" not in dict(said), (host, said)
