"""Issue 9: after programmes are added or removed, each programme chart's series
covers exactly the Head's programmes (at most ten slots), on both hosts: the
CLI rewrites the chart parts; the ribbon's macro on xlwings' remote engine
(and desktop Excel through the same xlwings calls) sets each chart's source
data and category labels. The range each chart was set to is recorded in a
defined name, so a second refresh sends nothing. Off the sample: generated
Heads of 2, 6 and 11 programmes."""

from __future__ import annotations

import pytest

from estimates.source import load_source
from workbook import layout as L
from workbook.chart_data import CHARTS, PIE_NAMES_UP_TO, RECORDS, SLOTS, chart_ranges
from workbook.cli import run
from workbook.io import load_book

from .clerk import Table, delete
from .generated_heads import write_head
from .hosts import HOSTS, refresh_on, refresh_remote
from .test_charts_follow_the_tables import _chart_refs

pytestmark = pytest.mark.engine


def _append(wb, head) -> int:
    number = max(int(p.number) for p in head.programmes) + 1
    row = [number, "Typed below", "表下新增", 1.0, 2.0, 3.0, 4.0, ""]
    Table(wb, "tblProgrammes").append_below(row)
    return len(head.programmes) + 1


def _delete(wb, head) -> int:
    for _ in range(3):
        delete(wb, "tblProgrammes", 0)
    return len(head.programmes) - 3


def _expected(programmes: int) -> list[list[str]]:
    ranges = chart_ranges(programmes)
    return [[f"'{L.CHARTS}'!{r}" for r in ranges[key]] for key in CHARTS]


CASES = [(3, _append), (1, _delete), (2, _delete), (2, _append)]


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize(("seed", "edit"), CASES)
def test_the_programme_charts_cover_exactly_the_programmes(
    host, seed, edit, libreoffice, tmp_path
):
    folder = write_head(tmp_path / "src", seed)
    head = load_source(folder)
    book = tmp_path / "book.xlsx"
    assert run(["build", str(folder), "-o", str(book)]) in (0, 1)
    assert [refs for *_, refs in _chart_refs(book)] == _expected(len(head.programmes))
    wb = load_book(book)
    now = edit(wb, head)
    wb.save(book)
    refresh_on(host, book, libreoffice, tmp_path)
    assert [refs for *_, refs in _chart_refs(book)] == _expected(now)
    names = load_book(book).defined_names
    last = 4 + max(1, min(now, SLOTS))
    labels = "A" if now <= PIE_NAMES_UP_TO else "D"  # past it the pie's "(n)"
    assert names[RECORDS["allocation"]].attr_text.replace("$", "") == (
        f"{L.CHARTS}!{min(labels, 'B')}5:{max(labels, 'B')}{last}"
    )


def test_a_second_remote_refresh_sends_no_chart_action(libreoffice, tmp_path):
    folder = write_head(tmp_path / "src", 1)
    head = load_source(folder)
    book = tmp_path / "book.xlsx"
    assert run(["build", str(folder), "-o", str(book)]) in (0, 1)
    wb = load_book(book)
    now = _delete(wb, head)
    wb.save(book)
    _, first = refresh_remote(book, libreoffice, tmp_path / "1")
    _, second = refresh_remote(book, libreoffice, tmp_path / "2")
    charted = ("setChartSourceData", "setChartXAxisValues")
    assert [a["args"][0] for a in first if a["func"] in charted] == [0, 0, 1, 1]
    assert [a for a in second if a["func"] in charted] == []
    assert [refs for *_, refs in _chart_refs(book)] == _expected(now)
