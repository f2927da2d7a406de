"""Trial 11 item 20, the charts: the establishment chart kept three empty year
slots before the two years the Head sheet gives (the earlier years' rows G5:H7
are the clerk's, mostly left empty); it now starts at the first earlier year the
clerk keyed, else at the Head's two years, on both hosts (the CLI rewrites the
chart part; the ribbon's macro sets the chart's source data), for Head 135, a
generated Head and a published Head-year; a second refresh sends nothing. And
a long title in the data block is no longer cut by the figure beside it."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.chart_data import CHARTS, FIRST, HISTORY_INPUT_ROWS, SLOTS
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook

from .generated_heads import synthetic_head, three_heads
from .hosts import HOSTS, refresh_on, refresh_remote
from .printed_pages import sheet_pdfs
from .test_charts_follow_the_tables import _chart_refs
from .test_every_sheet_prints_on_a4_at_70_percent import long_titles
from .test_report_prints_whole import _squeeze, printed_columns

pytestmark = pytest.mark.engine
END = FIRST + HISTORY_INPUT_ROWS + 1  # the Head's second year


def _years(book) -> list[str]:
    """The establishment chart's (categories, values) references."""
    return _chart_refs(book)[CHARTS.index("establishment")][2]


def _plotted(first: int) -> list[str]:
    return [f"'{L.CHARTS}'!${c}${first}:${c}${END}" for c in "GH"]


@pytest.mark.parametrize("host", HOSTS)
def test_the_chart_starts_at_the_first_year_keyed(host, libreoffice, tmp_path):
    for name, head in three_heads(tmp_path, 12, 5).items():
        book = tmp_path / f"{name}.xlsx"
        wb, _ = build_workbook(head)
        save_book(wb, book)
        assert _years(book) == _plotted(END - 1), name  # no empty slot
        wb = load_book(book)
        wb[L.CHARTS].cell(FIRST + 1, 7, "2022")  # the clerk keys one earlier year
        wb[L.CHARTS].cell(FIRST + 1, 8, 77)
        wb.save(book)
        refresh_on(host, book, libreoffice, tmp_path / name)
        assert _years(book) == _plotted(FIRST + 1), (name, host)


def test_a_second_remote_refresh_sends_no_chart_action(libreoffice, tmp_path):
    head = three_heads(tmp_path, 12, 5)["head135"]
    book = tmp_path / "book.xlsx"
    wb, _ = build_workbook(head)
    wb[L.CHARTS].cell(FIRST, 7, "2021")
    wb[L.CHARTS].cell(FIRST, 8, 70)
    save_book(wb, book)
    charted = ("setChartSourceData", "setChartXAxisValues")
    _, first = refresh_remote(book, libreoffice, tmp_path / "1")
    _, second = refresh_remote(book, libreoffice, tmp_path / "2")
    index = CHARTS.index("establishment")
    assert [a["args"][0] for a in first if a["func"] in charted] == [index, index]
    assert [a for a in second if a["func"] in charted] == []
    assert _years(book) == _plotted(FIRST)


def test_long_programme_labels_print_whole_in_the_data_block(libreoffice, tmp_path):
    """Trial 11 item 20: a long title in the Charts data block ("(1) 環境保護、
    自然保育…") was cut by the Estimate beside it; it wraps now, its row as tall
    as it, printed by LibreOffice for eleven long titles, Head 135 and a
    published Head-year."""
    heads = three_heads(tmp_path, 12, 5)
    heads["long"] = long_titles(synthetic_head(199, 11, 24, 90, seed=3))
    pdfs = sheet_pdfs(heads, tmp_path, L.CHARTS, libreoffice)
    cut = []
    for (name, head), pdf in zip(heads.items(), pdfs, strict=True):
        blocks = printed_columns(pdf)
        shown = head.programmes[: SLOTS - 1 if len(head.programmes) > SLOTS else SLOTS]
        labels = [f"({p.number}) {p.title_zh}" for p in shown if p.title_zh]
        cut += [(name, t) for t in labels if not any(_squeeze(t) in b for b in blocks)]
    assert cut == []
