"""Footnote marks print on the figure they explain, as the COR does ("198.8¶
273.8¶ 233.6¶ 269.7", "243,500Φ", "564,524Δ"): through the figure's number
format, so the cell keeps its number (the oracle reads it). No Notes column, and
no English on the Chinese COR sheet. On Head 135, generated Heads and real
Head-years given footnotes on every kind of target."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from estimates.model import COLUMNS, Footnote
from estimates.results import compute
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.refresh import build_workbook

from .conftest import head_from_published, published_heads
from .generated_heads import write_head

SHEETS = (L.REPORT, L.REPORT_ZH, L.REPORT_EN)
_QUOTED = re.compile(r'"([^"]*)"')
_PLAIN = set(L.NUMBER_FORMATS.values())


def _shown(value: Decimal | int, number_format: str) -> str:
    """The text Excel shows for a positive figure under a format's first section."""
    section = number_format.split(";")[0]
    places = len(section.split(".")[1].split('"')[0]) if "." in section else 0
    figure = f"{value:,.{places}f}"
    return figure + "".join(_QUOTED.findall(section))


def _marked_cells(wb) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for sheet in SHEETS:
        out[sheet] = [
            (c.coordinate, c.number_format)
            for row in wb[sheet].iter_rows()
            for c in row
            if "#,##0" in c.number_format
            and c.number_format not in _PLAIN
            and "%" not in c.number_format  # a % or "or" line carries no mark
        ]
    return out


def _expected_count(head) -> int:
    """Cells a mark sits on in the Report: a programme's figures print twice (the
    analysis and its own block), every other target once."""
    twice = sum(len(f.columns) for f in head.footnotes if f.target.startswith("prog"))
    twice -= sum(
        len(f.columns) for f in head.footnotes if f.target == "programme_total"
    )
    return sum(len(f.columns) for f in head.footnotes) + twice


def _check(head) -> None:
    wb, _ = build_workbook(head)
    marked = _marked_cells(wb)
    for sheet in SHEETS:
        assert len(marked[sheet]) == _expected_count(head), (head.head, sheet)
    for sheet in SHEETS:
        for row in wb[sheet].iter_rows():
            for c in row:
                assert c.value not in ("Notes", "註", "Notes 註"), (sheet, c.coordinate)
    texts = [
        c.value
        for row in wb[L.REPORT_ZH].iter_rows()
        for c in row
        if isinstance(c.value, str) and not c.value.startswith("=")
    ]
    own = " ".join(
        [p.title_zh for p in head.programmes]
        + [s.title_zh for s in head.subheads]
        + [f.text_zh for f in head.footnotes]
    )
    lent = [  # a title with no Chinese prints in English (trial 11d item 12)
        x.title_en
        for x in (*head.programmes, *head.subheads)
        if not x.title_zh.strip() and x.title_en.strip()
    ]
    english = [
        t
        for t in texts
        if re.search(r"[A-Za-z]{3,}", t)
        and t not in own
        and not any(title in t for title in lent)
    ]
    assert english == [], head.head


def _with_marks(head):
    """A Head with a footnote on each kind of target a COR marks."""
    first, sub = head.programmes[0].number, head.subheads[0].code
    marks = [
        Footnote(
            "¶", "programme_total", ("actual", "original"), "Restated.", "經調整。"
        ),
        Footnote("Δ", "total_expenditure", ("actual",), "Before.", "重組前。"),
        Footnote("Φ", f"subhead:{sub}", ("revised",), "Incl.", "包括。"),
        Footnote("#", f"programme:{first}", ("estimate",), "New.", "新。"),
    ]
    return replace(head, footnotes=marks)


def test_head_135_prints_its_marks_as_the_seed_does():
    head = load_source(SAMPLE_HEAD_135)
    wb, _ = build_workbook(head)
    results = compute(head)
    ws = wb[L.REPORT_ZH]
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    total = rows["總計"]
    shown = [
        _shown(results.programme_total[c], ws.cell(total, 3 + i).number_format)
        for i, c in enumerate(COLUMNS)
    ]
    assert shown == ["198.8¶", "273.8¶", "233.6¶", "269.7"]
    te = rows["開支總額"]
    shown = [
        _shown(results.total("Total Expenditure")[i], ws.cell(te, 3 + i).number_format)
        for i in range(4)
    ]
    assert shown == ["564,524Δ", "660,263Δ", "329,505", "269,731"]
    _check(head)


def test_generated_heads_print_every_mark_on_its_figures(tmp_path: Path):
    for seed in range(4):
        head = load_source(write_head(tmp_path / f"g{seed}", seed))
        _check(head)
        _check(_with_marks(head))


def test_real_head_years_print_every_mark_on_its_figures():
    heads = published_heads()
    for key in sorted(heads)[::60]:
        head = head_from_published(heads[key])
        if head.programmes and head.subheads:
            _check(_with_marks(head))


def test_a_book_with_the_old_notes_column_loses_it_on_refresh(sample_book):
    from workbook.io import load_book
    from workbook.refresh import refresh_file

    wb = load_book(sample_book)
    ws = wb[L.REPORT]
    keyed = [
        r for r in range(1, ws.max_row + 1) if ws.cell(r, L.REPORT_KEY_COLUMN).value
    ]
    for r in keyed:  # a book an earlier version laid out: no row records, notes in H
        ws.cell(r, L.REPORT_SIGNATURE_COLUMN).value = None
    for r in keyed[:6]:
        ws.cell(r, 8).value = "¶ (actual, original, revised)"
    wb.save(sample_book)
    refresh_file(sample_book)
    ws = load_book(sample_book)[L.REPORT]
    assert [ws.cell(r, 8).value for r in keyed] == [None] * len(keyed)
    assert refresh_file(sample_book).plan.writes == []
