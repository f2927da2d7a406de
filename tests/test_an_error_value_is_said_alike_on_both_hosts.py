"""Trial 9d item 9 (note6 Issue 9 Left 4): for one cell the command line said
"found #NAME?" (the value the file stores, from LibreOffice's last calculation)
and the ribbon "found #VALUE!" (what the spreadsheet computes now, sent to the
macro). Now D02 says the same on both hosts: the cell holds an error value
(which one the cell itself shows). On Head 135, a generated Head and a real
Head-year, one book edited in LibreOffice and refreshed on each host."""

from __future__ import annotations

import shutil

import pytest

from workbook import layout as L

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

# LibreOffice stores #NAME? for the first (it reads "Head!C10" as a name) and
# computes #VALUE! for it when the book is opened again; the second is #DIV/0!
FORMULAS = {"estimate": "=Head!C10", "original": "=1/0"}


def _d02(findings) -> set[tuple]:
    return {
        (f.cell, f.message_en, f.message_zh, f.expected, f.found)
        for f in findings
        if f.rule == "D02"
    }


def test_an_error_value_is_one_finding_on_both_hosts(libreoffice, tmp_path):
    spec = L.TABLES["tblSubheads"]
    for name, _, book in built_books(tmp_path, "both", seed=59, real_at=4):
        edited = tmp_path / f"err-{book.name}"
        cells = [
            (spec.sheet, spec.first_row, spec.col(field), formula)
            for field, formula in FORMULAS.items()
        ]
        libreoffice.edit(book, edited, cells=cells)
        said = {}
        for host in HOSTS:
            copy = tmp_path / f"{host}-{edited.name}"
            shutil.copy(edited, copy)
            said[host] = _d02(refresh_on(host, copy, libreoffice, tmp_path))
        assert said["openpyxl"] == said["remote"], name
        assert len(said["openpyxl"]) == len(FORMULAS), (name, said)
