"""Trial 10e item 12: with programme 2's row deleted from Head 135, its 15 ranks on
the Establishment sheet kept programme `2` with no finding, and the staff by
programme chart just dropped them. Now each such rank is S07 (warning) at its
programme cell, saying it is left out and what to do. On Head 135, a generated
Head (with a rank list) and a real Head-year (no rank list: none); the CLI's
check and the ribbon's Refresh on the remote engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder
from .hosts import refresh_remote

PROGRAMMES, RANKS = L.TABLES["tblProgrammes"], L.TABLES["tblEstablishment"]


def _delete_last_programme(book: Path) -> tuple[str, list[str]]:
    """The last programme's row deleted: its number and the programme cells of
    the ranks still on it."""
    head = check_file(book).head
    last = head.programmes[-1]
    wb = load_book(book)
    ws = wb[PROGRAMMES.sheet]
    ws.delete_rows(PROGRAMMES.first_row + len(head.programmes) - 1)
    wb.save(book)
    cells = [str(p.refs["programme"]) for p in head.posts if p.programme == last.number]
    return last.number, cells


def _s07(findings) -> list[str]:
    return sorted(str(f.ref) for f in findings if f.rule == "S07")


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_ranks_of_a_deleted_programme_are_s07_at_their_cells(kind, tmp_path):
    book = tmp_path / "book.xlsx"
    build_file(source_folder(kind, tmp_path / "src", "2013-22", 59), book)
    assert _s07(check_file(book).findings) == []  # every rank's programme is there
    number, cells = _delete_last_programme(book)
    findings = check_file(book).findings
    assert _s07(findings) == sorted(cells)
    if kind == "sample":
        assert len(cells) == 15  # the trial's count
    if cells:
        first = next(f for f in findings if f.rule == "S07")
        assert first.severity.value == "warning"
        assert f"found programme {number}" in first.message_en
        assert "left out of the staff by programme" in first.message_en
        assert f"綱領 {number}" in first.message_zh


def test_the_ribbons_refresh_flags_the_same(sample_book, libreoffice, tmp_path):
    _, cells = _delete_last_programme(sample_book)
    findings, _ = refresh_remote(sample_book, libreoffice, tmp_path)
    assert _s07(findings) == sorted(cells) and cells
