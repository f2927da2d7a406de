"""Issue 9: a book an earlier version refreshed has no row records (what each
Report and Narrative row's cells held when the tool wrote them), so its first
refresh here cannot know whether an owned cell's text is the tool's or a
clerk's. Decided: a text that is what this refresh writes for the row's key
(read as a reader sees it: no-break spaces as spaces), or what a live formula
shows, is the tool's and is replaced silently; any other text is replaced too
(the tool laid the row out) but put on the revert record marked C02 and raised
at its cell, saying it may be the earlier version's wording or a clerk's. On
both hosts, off the sample (a generated Head too)."""

from __future__ import annotations

import pytest

from estimates.narrative import plain
from estimates.source import SAMPLE_HEAD_135
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book

from .generated_heads import write_head
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

TITLE = "Programme (1): the Secretary's own office (clerk wording)"
SENTENCE = "Provision rises mainly for the new data office (clerk wording)."


def _row(ws, col: int, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == key)


def _as_an_earlier_version_left_it(path) -> dict[str, str]:
    """Drop every row record (keep the Report's signatures, as earlier versions
    wrote them); type over a title and a live sentence; give a sentence the
    earlier wording (no no-break characters). The typed cells, by address."""
    wb = load_book(path)
    report, narrative = wb[L.REPORT], wb[L.NARRATIVE]
    for r in range(1, report.max_row + 1):
        cell = report.cell(r, L.REPORT_SIGNATURE_COLUMN)
        if isinstance(cell.value, str):
            cell.value = cell.value.split("|")[0] or None
    for r in range(1, narrative.max_row + 1):
        narrative.cell(r, L.NARRATIVE_RECORD_COLUMN).value = None
    title = _row(report, L.REPORT_KEY_COLUMN, "provision_title:1")
    sentence = _row(narrative, L.NARRATIVE_KEY_COLUMN, "programme:1")
    typed = {f"Report!C{title}": TITLE, f"Narrative!B{sentence}": SENTENCE}
    for ref, text in typed.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell] = text
    # the Chinese: a no-break space before 元 (the English years have no word
    # joiner now, so its English line has no no-break character)
    worded = narrative.cell(_row(narrative, L.NARRATIVE_KEY_COLUMN, "head_total"), 3)
    assert plain(worded.value) != worded.value  # no-break characters in it
    worded.value = plain(worded.value)
    wb.save(path)
    return typed


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("source", ["head135", "generated"])
def test_text_in_rows_without_a_record_is_raised_and_kept(
    host, source, libreoffice, tmp_path
):
    folder = SAMPLE_HEAD_135 if source == "head135" else write_head(tmp_path / "g", 4)
    book = tmp_path / "book.xlsx"
    assert run(["build", str(folder), "-o", str(book)]) in (0, 1)
    typed = _as_an_earlier_version_left_it(book)
    findings = refresh_on(host, book, libreoffice, tmp_path)
    c02 = {f"{f.sheet}!{f.cell}": f for f in findings if f.rule == "C02"}
    assert sorted(c02) == sorted(typed)
    for f in c02.values():
        assert "earlier version" in f.message_en and "舊版" in f.message_zh
    wb = load_book(book)
    revert = [[c.value for c in r][:5] for r in wb["_Revert"].iter_rows(min_row=2)]
    for ref, text in typed.items():
        sheet, cell = ref.split("!")
        assert wb[sheet][cell].value != text  # the tool's own text is back
        assert [sheet, cell, "text", text, "C02"] in revert
