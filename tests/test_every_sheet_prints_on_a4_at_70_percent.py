"""Render: every sheet a clerk prints from Excel (input sheets too, not only the
Report), of Head 135, generated Heads and a Head with eleven programmes and long
titles, converted to PDF by LibreOffice one sheet at a time: no page is scaled
below 70% (one landscape page wide shrank the Head sheet to about 30%), and the
long titles print whole (wrapped, not cut by the next column)."""

from __future__ import annotations

import dataclasses
import statistics

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import save_book
from workbook.pdf import printable_copy
from workbook.refresh import build_workbook

from .generated_heads import synthetic_head, write_head
from .test_report_prints_whole import (
    LEAST_SCALE,
    _heights,
    _pages,
    _squeeze,
    calibration_book,
    page_scales,
    printed_columns,
)

PRINTED = (
    L.HEAD,
    L.PROGRAMMES,
    L.SUBHEADS,
    L.BREAKDOWN,
    L.ESTABLISHMENT,
    L.REPORT,
    L.REPORT_ZH,
    L.REPORT_EN,
    L.NARRATIVE,
    L.CHECKS,
)
LONG_EN = (
    "Environmental Protection, Nature Conservation, Climate Change and"
    " Carbon Neutrality including Sustainable Development Programme {}"
)
LONG_ZH = "環境保護、自然保育、氣候變化、碳中和及可持續發展綱領{}"


def long_titles(head):
    """Eleven programmes, every title and the Head's long (the trial's 'own')."""
    programmes = [
        dataclasses.replace(p, title_en=LONG_EN.format(p.number),
                            title_zh=LONG_ZH.format(p.number))
        for p in head.programmes
    ]  # fmt: skip
    return dataclasses.replace(
        head,
        programmes=programmes,
        title_en="Government Secretariat: Environment, Ecology, Climate Change,"
        " Carbon Neutrality and Sustainable Development Bureau (Environment Branch)",
        controlling_officer_en="The Permanent Secretary for Innovation, Technology"
        " and Industry will account for expenditure under this Head.",
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("sheets")
    heads = {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated7": load_source(write_head(folder / "g7", 7)),
        "long": long_titles(synthetic_head(199, 11, 24, 90, seed=3)),
    }
    copies, where = [], []
    for name, head in heads.items():
        wb, _ = build_workbook(head)
        book = folder / f"{name}.xlsx"
        save_book(wb, book)
        for sheet in PRINTED:
            copy = folder / f"{name}-{len(copies)}.xlsx"
            copies.append(printable_copy(book, copy, None, sheets=(sheet,)))
            where.append((name, sheet))
    copies.append(calibration_book(folder / "cal.xlsx"))
    pdfs = libreoffice.convert_many(copies, folder / "pdf", "pdf")
    full = statistics.mode(h for _, h in _heights(_pages(pdfs[-1])[0]))
    return dict(zip(where, pdfs, strict=False)), heads, full


@pytest.mark.slow
def test_every_printed_sheet_is_at_least_70_percent(rendered):
    pdfs, _, full = rendered
    assert 11 < full < 15
    small = [
        (name, sheet, n, round(scale, 2))
        for (name, sheet), pdf in pdfs.items()
        for n, scale in enumerate(page_scales(pdf, full), 1)
        if scale < LEAST_SCALE
    ]
    assert small == []


@pytest.mark.slow
def test_long_titles_print_whole_on_the_input_sheets(rendered):
    pdfs, heads, _ = rendered
    head = heads["long"]
    wanted = {
        L.HEAD: [head.title_en, head.controlling_officer_en],
        L.PROGRAMMES: [p.title_en for p in head.programmes],
    }
    cut = []
    for sheet, texts in wanted.items():
        blocks = printed_columns(pdfs[("long", sheet)])
        cut += [
            (sheet, t[:40]) for t in texts if not any(_squeeze(t) in b for b in blocks)
        ]
    assert cut == []
