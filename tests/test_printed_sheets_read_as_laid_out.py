"""What a built book's printed sheets carry, read from the file (no engine): the
manual page breaks never split a block, the bilingual headers are stacked so no
Chinese word breaks, the COR sheets' page furniture speaks their language only,
the Checks heading band covers every link column, a grown input row keeps its
figures by its title's first line, and a pie of many programmes names its slices
by number. On Head 135, generated Heads and a published Head-year."""

from __future__ import annotations

import re

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.breaks import links, printed_sheet
from workbook.refresh import build_workbook

from .conftest import head_from_published, published_heads
from .generated_heads import synthetic_head
from .test_every_sheet_prints_on_a4_at_70_percent import long_titles

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
COR = (L.REPORT, L.REPORT_ZH, L.REPORT_EN)


def _heads():
    return {
        "head135": load_source(SAMPLE_HEAD_135),
        "long": long_titles(synthetic_head(199, 11, 24, 90, seed=3)),
        "subheads": synthetic_head(198, 4, 70, 60, seed=2),
        "published": head_from_published(published_heads()["2006-149"]),
    }


@pytest.fixture(scope="module")
def books():
    return {name: build_workbook(head)[0] for name, head in _heads().items()}


def test_no_manual_break_starts_a_page_with_a_row_that_keeps_with_the_one_above(
    books,
):
    bad = []
    for name, wb in books.items():
        for sheet in COR:
            ws = wb[sheet]
            kept = links(ws, ws.max_row)
            for brk in ws.row_breaks.brk:
                first = brk.id + 1
                if kept.get(first) == 2:
                    bad.append((name, sheet, first))
    assert bad == []


def test_long_sheets_have_breaks_and_repeat_the_split_tables_header(books):
    for sheet in COR:
        ws = books["subheads"][sheet]
        assert len(ws.row_breaks.brk) >= 2, sheet
        row = int(ws.print_title_rows.split(":")[0].strip("$"))
        texts = [str(c.value) for c in ws[row] if c.value]
        assert any(t.startswith(("Subhead", "分目")) for t in texts), (sheet, texts)
        heights = printed_sheet(ws).heights
        assert all(h > 0 for h in heights.values())


def test_bilingual_and_year_headers_are_stacked(books):
    wb = books["head135"]
    for sheet in (*COR, L.CHECKS):
        for row in wb[sheet].iter_rows():
            for c in row:
                fill = c.fill is not None and c.fill.fill_type == "solid"
                if not (fill and isinstance(c.value, str) and CJK.search(c.value)):
                    continue
                # a Chinese word never shares a line with the English before it
                assert not re.search(r"[A-Za-z)] +[\u4e00-\u9fff(]", c.value), (
                    sheet, c.coordinate, c.value,
                )  # fmt: skip
                assert not re.search(r"\d \(", c.value), (sheet, c.coordinate)


def test_cor_sheets_page_furniture_is_in_their_language_only(books):
    for name, wb in books.items():
        for sheet, other in ((L.REPORT_ZH, LATIN), (L.REPORT_EN, CJK)):
            ws = wb[sheet]
            parts = [
                ws.oddHeader.left.text, ws.oddHeader.right.text,
                ws.oddFooter.left.text, ws.oddFooter.right.text,
            ]  # fmt: skip
            said = " ".join(p or "" for p in parts).replace("&P", "").replace("&N", "")
            assert not other.search(said), (name, sheet, said)
            assert "&A" not in said, (name, sheet)
            assert said.strip(), (name, sheet)
        assert "&A" in (wb[L.REPORT].oddFooter.left.text or "")  # bilingual sheet


def test_the_checks_heading_band_covers_every_link_column(books):
    ws = books["head135"][L.CHECKS]
    header = L.CHECKS_HEADER_ROW
    linked = {
        c.column
        for row in ws.iter_rows(min_row=header + 1)
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    }
    assert max(linked) > len(L.CHECKS_COLUMNS)  # T03: links beyond the header's own
    bare = [col for col in linked if ws.cell(header, col).fill.fill_type != "solid"]
    assert bare == []


def test_a_grown_programme_row_keeps_its_figures_by_the_title(books):
    ws = books["long"][L.PROGRAMMES]
    spec = L.TABLES["tblProgrammes"]
    estimate = spec.col("estimate")
    for row in range(spec.first_row, spec.first_row + 11):
        assert ws.row_dimensions[row].height, row
        assert ws.cell(row, estimate).alignment.vertical == "top", row


def _pie_labels(wb) -> str:
    from openpyxl.chart import PieChart

    pie = next(c for c in wb[L.CHARTS]._charts if isinstance(c, PieChart))
    return pie.series[0].cat.strRef.f.rpartition("!")[2]


def test_a_pie_of_many_programmes_names_its_slices_by_number(books):
    assert _pie_labels(books["head135"]) == "$A$5:$A$6"  # "(1) 局長辦公室"
    assert _pie_labels(books["published"]) == "$D$5:$D$14"  # "(1)" .. "(10)"
    assert _pie_labels(books["long"]) == "$D$5:$D$14"  # "(1)" .. "Others 其他"
