"""A clerk's note typed below (or beside) the Narrative's lines was lost on
export -> build: Export wrote only the tables, the Head inputs and the sentences
tied to a key. Now Export writes every such note in head.toml [notes] by cell,
build puts each back in its cell, and what a source folder cannot hold (a
formula) Export names in one line. On Head 135, a real Head-year and a
generated Head; CLI and the ribbon's Export on the remote engine (which sends
values only, so there a formula's note goes as the value it shows)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import build_file

from .generated_heads import source_folder
from .hosts import cli_printed


def _noted(book: Path) -> dict[str, object]:
    """Three notes and a formula on the Narrative, below and beside its lines."""
    wb = load_book(book)
    ws = wb[L.NARRATIVE]
    below = ws.max_row + 3
    notes = {f"A{below}": "Checked with the Treasury 已與庫務科核對",
             f"D{below + 1}": "=not a formula, a note", "H6": "Ask DoJ 問律政司",
             f"B{below + 4}": "=1+1"}  # fmt: skip
    for cell, value in notes.items():
        ws[cell] = value
    ws[f"D{below + 1}"].data_type = "s"  # typed as text, as Excel keeps it
    wb.save(book)
    return {f"{L.NARRATIVE}!{cell}": value for cell, value in notes.items()}


def _narrative(book: Path) -> dict[str, object]:
    ws = load_book(book)[L.NARRATIVE]
    return {f"{L.NARRATIVE}!{c.coordinate}": c.value for row in ws.iter_rows()
            for c in row if c.value is not None}  # fmt: skip


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_notes_on_the_narrative_survive_export_and_build(kind, tmp_path):
    book = tmp_path / "預算 book.xlsx"
    build_file(source_folder(kind, tmp_path, "2011-100", 13), book)
    notes = _noted(book)
    formula = next(k for k, v in notes.items() if v == "=1+1")
    folder = tmp_path / "匯出 資料"
    code, said = cli_printed("export", book, "-o", folder)
    assert code == 0
    assert f"Left in the book only (a formula; a source folder holds text): {formula}"\
        in said  # fmt: skip
    meta = tomllib.loads((folder / "head.toml").read_text(encoding="utf-8"))
    kept = {k: v for k, v in notes.items() if k != formula}
    assert meta["notes"] == kept
    again = tmp_path / "重建.xlsx"
    build_file(folder, again)
    shown = _narrative(again)
    assert {k: shown.get(k) for k in kept} == kept  # each in its cell, as text
    assert load_book(again)[L.NARRATIVE][kept_cell(kept)].data_type == "s"
    code, _ = cli_printed("export", again, "-o", tmp_path / "twice")
    assert code == 0
    twice = tomllib.loads((tmp_path / "twice" / "head.toml").read_text("utf-8"))
    assert twice["notes"] == kept  # a second round trip changes nothing


def kept_cell(kept: dict) -> str:
    """The note that starts with '=': kept as text, never run as a formula."""
    return next(k for k, v in kept.items() if v.startswith("=")).split("!")[1]


@pytest.mark.engine
def test_the_ribbons_export_keeps_the_notes(sample_xlsm, libreoffice, tmp_path):
    from addin import macros

    from .hosts import remote_book
    from .remote_actions import apply_actions

    notes = _noted(sample_xlsm)
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    folder = tmp_path / "ribbon export"
    macros.export_data(str(folder), book)
    meta = tomllib.loads((folder / "head.toml").read_text(encoding="utf-8"))
    # the remote engine sends values only: the formula's note goes as its value
    assert meta["notes"] == {k: "2" if v == "=1+1" else v for k, v in notes.items()}
    said = apply_actions(load_book(sample_xlsm), book.json()["actions"])[-1]
    assert said["args"][0].startswith("Exported to 已匯出至")
