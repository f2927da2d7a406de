"""Trial 11d item 17 (and 10g): the narrative's years were "2025–⁠26", an en dash
and a hidden word joiner (U+2060), where the seed and the tables write "2025-26":
Excel's Find "2025-26" missed every sentence, a paste into Word carried the
joiner, and the CLI printed it inside N01's message. Now every text the book holds
(sentences, their formulas, the COR sheets) writes a year as the seed does and
holds no hidden character; messages print no-break spaces as spaces; and a
clerk's own sentence holding a hidden character (pasted from elsewhere) is N03
(info) at its cell, named by code point.

On Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import re

from estimates.narrative import HIDDEN, NO_BREAK
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import refresh_file

from .generated_heads import built_books

EN_DASH_YEAR = re.compile(r"\d{4}\s*[–—]\s*\d{2}")


def _texts(book) -> list[tuple[str, str, str]]:
    wb = load_book(book)
    sheets = (L.NARRATIVE, L.REPORT, L.REPORT_ZH, L.REPORT_EN, L.HEAD)
    return [
        (ws.title, c.coordinate, c.value)
        for ws in (wb[s] for s in sheets)
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]


def _clerk_row(book, text: str) -> str:
    """``text`` as the clerk's sentence of the first narrative line; its cell."""
    wb = load_book(book)
    ws = wb[L.NARRATIVE]
    row = next(
        r for r in range(1, ws.max_row + 1)
        if str(ws.cell(r, L.NARRATIVE_KEY_COLUMN).value or "").startswith("programme:")
    )  # fmt: skip
    ws.cell(row, L.NARRATIVE_CLERK_COLUMN).value = text
    save_book(wb, book)
    return ws.cell(row, L.NARRATIVE_CLERK_COLUMN).coordinate


def test_the_book_writes_years_as_the_seed_and_no_hidden_character(tmp_path):
    for name, head, book in built_books(tmp_path, "openpyxl", seed=5, real_at=4):
        texts = _texts(book)
        assert any(head.estimate_year in t for *_, t in texts), name
        hidden = [(s, c) for s, c, t in texts if HIDDEN.search(t)]
        assert hidden == [], name
        dashed = [(s, c, t[:60]) for s, c, t in texts if EN_DASH_YEAR.search(t)]
        assert dashed == [], name


def test_messages_print_plain_text_and_a_pasted_hidden_character_is_n03(tmp_path):
    for name, head, book in built_books(tmp_path, "openpyxl", seed=6, real_at=6):
        year = head.estimate_year
        cell = _clerk_row(book, f"Provision for {year} is $987.6 million higher.")
        findings = refresh_file(book).findings
        n01 = [f for f in findings if f.rule == "N01" and f.ref.cell == cell]
        assert n01, name  # the wrong figure: its message quotes the computed text
        for f in n01:
            said = f.message_en + f.message_zh
            assert not HIDDEN.search(said) and NO_BREAK not in said, (name, said)
            assert f"Provision for {year}" in f.message_en, name
        pasted = f"Provision for {year[:4]}\u2013\u2060{year[5:]} is\u200b as keyed."
        _clerk_row(book, pasted)
        findings = refresh_file(book).findings
        n03 = [f for f in findings if f.rule == "N03"]
        assert [f.ref.cell for f in n03] == [cell], name
        assert "U+200B" in n03[0].message_en and "U+2060" in n03[0].message_zh
        assert n03[0].severity.value == "info"
        _clerk_row(book, f"Provision for {year} is as keyed.")
        assert not [f for f in refresh_file(book).findings if f.rule == "N03"], name
