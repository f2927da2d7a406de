"""Trial 9d item 5, trial 10f item 7: a clerk's own "Total" line typed just
below a table (its label in the title column, its sums beside) was read as a
line: every total doubled (Total Expenditure 2,250,914 against 1,125,457), a
"Programme ()" block printed, and the findings (D06, D13 "Subhead : the account
...") never said it was a total line. The source-folder reader refused such a
line by name; the book's reader now applies the same test (one
``estimates.source.total_label``): the row is not a line, D16 at its label, and
the totals are those of the lines. On Head 135, a generated Head and a real
Head-year, on both hosts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl.utils import get_column_letter

from workbook import layout as L
from workbook.io import load_book, save_book

from .clerk import Table
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on


def _type_totals(book) -> dict[str, str]:
    """A "Total" row with SUM formulas just below Programmes and Subheads; the
    cell of each label."""
    wb = load_book(book)
    labels = {}
    for name, figure in (("tblProgrammes", "estimate"), ("tblSubheads", "estimate")):
        t = Table(wb, name)
        row, col = t.last + 1, t.col(figure)
        letter = get_column_letter(col)
        t.ws.cell(row, t.col("title_en"), "Total")
        t.ws.cell(row, col, f"=SUM({letter}{t.first}:{letter}{t.last})")
        labels[name] = f"{t.ws.title}!{get_column_letter(t.col('title_en'))}{row}"
    save_book(wb, book)
    return labels


@pytest.mark.parametrize("host", HOSTS)
def test_a_total_line_below_a_table_is_d16_and_counts_nothing(
    host, libreoffice, tmp_path
):
    for name, _, book in built_books(tmp_path, host, seed=31, real_at=11):
        labels = _type_totals(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        d16 = sorted(f"{f.sheet}!{f.cell}" for f in findings if f.rule == "D16")
        assert d16 == sorted(labels.values()), (name, host)
        rows = {ref.rsplit("!", 1)[1] for ref in labels.values()}
        said = [f"{f.rule} {f.cell}" for f in findings
                if f.rule != "D16" and f.cell in rows]  # fmt: skip
        assert said == [], (name, host)
        grid = libreoffice.values(book, ["Programmes"])["Programmes"]
        t = Table(load_book(book), "tblProgrammes")
        col = t.col("estimate")
        keyed = sum(
            Decimal(grid[r - 1][col - 1] or 0)
            for r in range(t.first, t.last + 1)
            if grid[r - 1][t.col("programme") - 1]
        )
        assert Decimal(grid[L.PROGRAMME_TOTAL_ROW - 1][col - 1]) == keyed, name
