"""Trial 9b item 7: after a refresh that laid the lines out anew (a programme
added), Revert refuses in one line, but the same refresh's C02 for the clerk's
text on the Checks sheet and the Narrative still said "It is on the revert
record (Revert puts it back)": the text could not come back. Now a C02 says
Revert puts it back only when it will; otherwise that it cannot, and to copy
the text from Found (which quotes it), in both languages. After a refresh that
keeps the layout, the same edits say Revert puts it back, and it does. On both
hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.checks import CANNOT_PUT_BACK, PUTS_BACK
from workbook.cli import run
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

TYPED = "I fixed this already"


def _edit(book, add_programme: bool) -> None:
    """Text over the Checks sheet's first message and over the Narrative's head
    total sentence; with ``add_programme`` a programme appended too."""
    wb = load_book(book)
    wb[L.CHECKS]["E6"] = TYPED
    narrative = wb[L.NARRATIVE]
    row = next(
        r
        for r in range(1, narrative.max_row + 1)
        if narrative.cell(r, L.NARRATIVE_KEY_COLUMN).value == "head_total"
    )
    narrative.cell(row, 2).value = TYPED
    if add_programme:
        spec = L.TABLES["tblProgrammes"]
        ws = wb[spec.sheet]
        last = spec.first_row
        while ws.cell(last + 1, 1).value not in (None, ""):
            last += 1
        added = [str(90 + last), "Added", "新增", 1.0, 2.0, 3.0, 4.5, ""]
        for col, value in enumerate(added, start=1):
            ws.cell(last + 1, col).value = value
    save_book(wb, book)


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("add_programme", [True, False])
def test_c02_says_revert_puts_it_back_only_when_it_will(
    host, add_programme, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=7, real_at=8):
        _edit(book, add_programme)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        c02 = {(f.sheet, f.cell): f for f in findings if f.rule == "C02"}
        assert (L.CHECKS, "E6") in c02, (name, host, sorted(c02))
        assert any(s == L.NARRATIVE for s, _ in c02), (name, host, sorted(c02))
        for f in c02.values():
            said = CANNOT_PUT_BACK if add_programme else PUTS_BACK
            assert said[0] in f.message_en and said[1] in f.message_zh, f.message_en
            assert TYPED in f.found or f.sheet != L.CHECKS
        code = run(["revert", str(book)])
        assert code == (2 if add_programme else 0), (name, host)
        if not add_programme:
            wb = load_book(book)
            assert wb[L.CHECKS]["E6"].value == TYPED, (name, host)
