"""Headings wrap between words, never inside one ("Progra/mme"); CJK text may break
between characters, but no wrapped line starts with closing punctuation (。 ) , 、);
text just over a column's cap widens the column instead of wrapping a stub line.
Proved on built books of Head 135, generated Heads and a real Head-year, and on
LibreOffice's own rendering of them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.printing import BOLD, text_width, unbroken_width, wrap_lines
from workbook.refresh import build_workbook

from .conftest import head_from_published, published_heads
from .generated_heads import write_head

CLOSING = "。,、;:!?))」』》"
PIECES = [c + p for c in "綱領預算開支總額分目" for p in ("", "。", ")", ",")]
PIECES += ["(", "「", "Head", "total)", "a,", " "]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)


@given(TEXT, st.floats(8, 40))
def test_no_wrapped_line_starts_with_closing_punctuation(text, width):
    lines = wrap_lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert [line for line in lines[1:] if line[:1] in set(CLOSING)] == []


def test_a_latin_word_is_not_broken_when_the_column_holds_it():
    assert wrap_lines("Programme 綱領", 12) == ["Programme", "綱領"]
    assert wrap_lines("科技統籌(整體撥款)", 12) == ["科技統籌(整", "體撥款)"]


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    heads = {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated3": load_source(write_head(folder / "g3", 3)),
        "generated11": load_source(write_head(folder / "g11", 11)),
    }
    real = published_heads()
    key = sorted(real)[len(real) // 2]
    heads[f"real {key}"] = head_from_published(real[key])
    out = {}
    for name, head in heads.items():
        wb, _ = build_workbook(head)
        out[name] = folder / f"{name.replace(' ', '_')}.xlsx"
        save_book(wb, out[name])
    return out


def _headers(wb):
    """(sheet, column, header text) of every input table and every header
    Refresh writes on the Report, Narrative and Checks."""
    for spec in L.TABLES.values():
        for col, column in enumerate(spec.columns, start=1):
            yield spec.sheet, col, column.header
    for name in (L.REPORT, L.CHECKS):
        for row in wb[name].iter_rows(max_row=60):
            for cell in row:
                solid = cell.fill is not None and cell.fill.fill_type == "solid"
                bold = cell.font is not None and cell.font.b
                text = cell.value if isinstance(cell.value, str) else "="
                if solid and bold and not text.startswith("="):
                    yield name, cell.column, text


def test_every_heading_column_holds_its_widest_word(books):
    for name, book in books.items():
        wb = load_book(book)
        narrow = []
        for sheet, col, text in _headers(wb):
            width = wb[sheet].column_dimensions[get_column_letter(col)].width
            if width < unbroken_width(text) * BOLD:
                narrow.append((sheet, get_column_letter(col), text, width))
        assert narrow == [], name


def test_a_summary_label_too_long_for_its_room_wraps_instead_of_being_cut(books):
    for name, book in books.items():
        ws = load_book(book)[L.ESTABLISHMENT]
        room = sum(ws.column_dimensions[c].width for c in "AB")
        for row, en, zh in L.ESTABLISHMENT_SUMMARY.values():
            text = ws.cell(row, 1).value
            assert text == f"{en} {zh}"
            if text_width(text) + 1.5 > room:
                width = ws.column_dimensions["A"].width / BOLD
                assert ws.cell(row, 1).alignment.wrap_text, (name, row)
                lines = len(wrap_lines(text, width))
                assert ws.row_dimensions[row].height >= 14 * lines, (name, row)


@pytest.mark.engine
def test_libreoffice_prints_whole_words_and_no_stray_punctuation(
    books, libreoffice, tmp_path
):
    pdfs = libreoffice.convert_many(list(books.values()), tmp_path, "pdf")
    words = {
        w
        for spec in L.TABLES.values()
        for c in spec.columns
        for w in re.findall(r"[A-Za-z]{6,}", c.header)
    }
    for name, pdf in zip(books, pdfs, strict=True):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = text.splitlines()
        stray = [s for s in lines if re.fullmatch(r"\s*[。,、;:))]+\s*", s)]
        assert stray == [], name
        found = set(re.findall(r"[A-Za-z]+", text))
        assert words <= found, (name, sorted(words - found))
