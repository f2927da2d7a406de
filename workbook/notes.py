"""A clerk's notes outside the tables: the text typed on the Narrative sheet below
or beside its lines (cells Refresh keeps and never writes). Export writes them in
``head.toml`` [notes] by cell, and build puts each back in its cell, so a round
trip loses none; what a source folder cannot hold (a formula) Export names."""

from __future__ import annotations

from openpyxl.workbook import Workbook

from . import layout as L
from .io import write_cell
from .snapshot import Formula, Snapshot, address, cell_position

HIDDEN = (L.NARRATIVE_KEY_COLUMN, L.NARRATIVE_RECORD_COLUMN)
"""The Narrative's hidden columns: the tool's records, never a clerk's note."""


def _tools(cells: dict, row: int, col: int) -> bool:
    """A cell Refresh writes: the heading rows, and the owned columns of a row
    holding a sentence key (the tool's lines)."""
    if row < L.NARRATIVE_FIRST_ROW or col in HIDDEN:
        return True
    keyed = cells.get((row, L.NARRATIVE_KEY_COLUMN)) not in (None, "")
    return keyed and L.owns(L.NARRATIVE, col)


def clerk_notes(snap: Snapshot) -> tuple[dict[str, str], list[str]]:
    """The clerk's notes on the Narrative, by cell ("Narrative!A30"), in row
    order; and the cells left out (a formula: a source folder holds text)."""
    cells = snap.sheets.get(L.NARRATIVE, {})
    notes, left_out = {}, []
    for (row, col), value in sorted(cells.items()):
        if value in (None, "") or _tools(cells, row, col):
            continue
        where = f"{L.NARRATIVE}!{address(row, col)}"
        if isinstance(value, Formula):
            left_out.append(where)
        else:
            notes[where] = str(value)
    return notes, left_out


def left_out_said(left_out: list[str]) -> str:
    """One line naming what Export left in the book only ("" if nothing)."""
    if not left_out:
        return ""
    return (
        f"Left in the book only (a formula; a source folder holds text):"
        f" {', '.join(left_out)} 只保留在活頁簿(公式;來源資料只可保存文字)"
    )


def put_back(wb: Workbook, notes: dict[str, str]) -> None:
    """Build: each note (head.toml [notes]) in its cell of the Narrative, as text."""
    if not notes or L.NARRATIVE not in wb.sheetnames:
        return
    ws = wb[L.NARRATIVE]
    for where, text in notes.items():
        row, col = cell_position(where.split("!", 1)[1])
        write_cell(ws, row, col, text, "wrap")
