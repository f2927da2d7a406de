"""Trial 11b item 8: after a programme was added and the book refreshed, the
printed sheets kept the old layout's looks in the rows that moved (a block band
over the label columns, a bold "or" line, a row of the analysis drawn as a
header band, subhead lines bold like totals), and a second refresh did not mend
it: a look was laid over the cell's old style. Now a book built with one more
(or one fewer) programme and a book refreshed after the clerk added (or
removed) it print alike: Report, COR 中文, COR English and Checks, cell by cell,
font, fill, number format and alignment; Head 135 and generated Heads."""

from __future__ import annotations

import dataclasses

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook, refresh_file

from .clerk import Table, delete
from .generated_heads import write_head

SHEETS = (L.REPORT, L.REPORT_ZH, L.REPORT_EN)


FLAGGED = {f"FF{c[-6:]}".upper() for c in L.FILLS.values()}


def _look(cell) -> tuple:
    """A cell's look; a flag's fill is the finding's, not the layout's (the two
    books' T03 gaps differ: the footnotes' gap is recorded when each is built)."""
    font, fill, align = cell.font, cell.fill, cell.alignment
    colour = fill.fgColor.rgb if fill.fill_type == "solid" else None
    return (
        bool(font.b),
        bool(font.i),
        font.color.rgb if font.color is not None else None,
        None if str(colour).upper() in FLAGGED else colour,
        cell.number_format,
        align.horizontal,
        bool(align.wrap_text),
    )


def _looks(path) -> dict:
    wb = load_book(path)
    out = {}
    for sheet in SHEETS:
        ws = wb[sheet]
        for row in ws.iter_rows():
            for cell in row:
                if L.owns(sheet, cell.column) and cell.value not in (None, ""):
                    out[(sheet, cell.coordinate)] = _look(cell)
    return out


def _heads(tmp_path):
    return {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated": load_source(write_head(tmp_path / "g4", 4)),
    }


@pytest.mark.parametrize("change", ["added", "removed"])
def test_a_refreshed_book_prints_as_one_built_so(change, tmp_path):
    for name, head in _heads(tmp_path).items():
        more = dataclasses.replace(
            head.programmes[-1],
            number=str(int(head.programmes[-1].number) + 1),
            title_en="Added by the clerk",
            title_zh="文員新增",
            ref=None,
        )
        bigger = dataclasses.replace(head, programmes=[*head.programmes, more])
        start, goal = (head, bigger) if change == "added" else (bigger, head)
        built, edited = tmp_path / f"{name}-goal.xlsx", tmp_path / f"{name}-ed.xlsx"
        save_book(build_workbook(goal)[0], built)
        save_book(build_workbook(start)[0], edited)
        wb = load_book(edited)
        if change == "added":
            row = [more.number, more.title_en, more.title_zh]
            row += [float(a.value or 0) for a in more.amounts] + [more.policy_area]
            Table(wb, "tblProgrammes").append_below(row)
        else:
            delete(wb, "tblProgrammes", len(goal.programmes))
        wb.save(edited)
        refresh_file(edited)
        refresh_file(edited)  # a second refresh changes nothing more
        want, got = _looks(built), _looks(edited)
        wrong = {k: (want.get(k), got.get(k)) for k in want if want[k] != got.get(k)}
        assert wrong == {}, (name, change, sorted(wrong)[:5])
