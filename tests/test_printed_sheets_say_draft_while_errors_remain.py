"""Issue 11 trial item 3: the COR sheets and their PDFs carried no sign of errors
(a book with 4 errors printed pages that looked final). Now, while the Checks
sheet lists errors, the Report, COR 中文 and COR English each show "DRAFT - N
errors" / "草稿 - 有 N 項錯誤" (and the figures still to key) in the title band
(the Narrative, printed with them, in its page header: trial 11d item 8) (a
native formula over the Checks sheet, so Excel's recalculation follows it)
and, where the host sets page headers (the CLI's), in the page header; once
the errors are fixed and the book refreshed, the mark is gone (but for figures
to key), and a further refresh writes nothing.

On both hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.draft import count_to_key, mark_text
from workbook.io import load_book

from .clerk import retype_first
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

SHEETS = {L.REPORT: "both", L.REPORT_ZH: "zh", L.REPORT_EN: "en"}


def _marks(libreoffice, book, folder) -> dict[str, str]:
    values = libreoffice.values(book, tuple(SHEETS))
    return {s: (values[s][1][0] if len(values[s]) > 1 else "") for s in SHEETS}


def _log_rows(book) -> int:
    ws = load_book(book)[L.CHANGE_LOG]
    return sum(
        1 for r in ws.iter_rows(min_row=L.CHANGE_LOG_HEADER_ROW + 1) if r[0].value
    )


@pytest.mark.parametrize("host", HOSTS)
def test_the_draft_mark_shows_while_errors_remain_and_goes_when_fixed(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=7, real_at=3):
        title = retype_first(book, "tblProgrammes", "title_en", None)  # D06: an error
        findings = refresh_on(host, book, libreoffice, tmp_path)
        errors = sum(f.severity.value == "error" for f in findings)
        waiting = count_to_key(findings)  # a blank figure keeps it on too
        assert errors >= 1, name
        marks = _marks(libreoffice, book, tmp_path)
        assert marks == {
            s: mark_text(errors, lang, waiting) for s, lang in SHEETS.items()
        }
        assert "DRAFT - " in marks[L.REPORT_EN] and "草稿 - 有 " in marks[L.REPORT_ZH]
        if host == "openpyxl":
            wb = load_book(book)
            for sheet, lang in (SHEETS | {L.NARRATIVE: "both"}).items():
                header = wb[sheet].oddHeader.center.text
                assert header == mark_text(errors, lang, waiting)
        retype_first(book, "tblProgrammes", "title_en", title)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        assert not [f for f in findings if f.severity.value == "error"], name
        waiting = count_to_key(findings)
        marks = _marks(libreoffice, book, tmp_path)
        assert marks == {s: mark_text(0, lang, waiting) for s, lang in SHEETS.items()}
        assert waiting or set(marks.values()) == {""}, name
        wb = load_book(book)
        for sheet, lang in (SHEETS | {L.NARRATIVE: "both"}).items():
            header = wb[sheet].oddHeader.center.text
            assert (header or "") == mark_text(0, lang, waiting), (name, host, sheet)
        rows = _log_rows(book)
        refresh_on(host, book, libreoffice, tmp_path)
        assert _log_rows(book) == rows, (name, host, "a second refresh wrote")
