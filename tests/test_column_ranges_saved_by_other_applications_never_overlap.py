"""Excel and LibreOffice save neighbouring columns of one width as one
<col min=2 max=3>. A refresh (or a one-language PDF copy) of such a book must
split that range, never add <col min=3 max=3> over it: overlapping column
entries make Excel repair the book, and the wrong column was hidden in print."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook.cli import run
from workbook.io import load_book, save_book
from workbook.pdf import printable_copy
from workbook.printing import LANGUAGE_COLUMNS
from workbook.refresh import build_workbook

from .conftest import head_from_published, published_heads
from .generated_heads import write_head

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, libreoffice) -> dict[str, Path]:
    """Head 135, two generated Heads and a real Head-year, built then re-saved by
    LibreOffice (which groups equal-width columns into one range)."""
    folder = tmp_path_factory.mktemp("resaved")
    heads = {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated5": load_source(write_head(folder / "g5", 5)),
        "generated17": load_source(write_head(folder / "g17", 17)),
    }
    real = published_heads()
    key = sorted(real)[len(real) // 3]
    heads["real"] = head_from_published(real[key])
    built = []
    for name, head in heads.items():
        wb, _ = build_workbook(head)
        built.append(folder / f"{name}.xlsx")
        save_book(wb, built[-1])
    saved = libreoffice.convert_many(built, folder / "lo", "xlsx")
    return dict(zip(heads, saved, strict=True))


def column_ranges(book: Path) -> dict[str, list[tuple[int, int, bool]]]:
    """Each sheet's <col> entries as (min, max, hidden), from the saved XML."""
    wb = load_book(book)  # sheet names in order; the package holds sheetN.xml
    out = {}
    with zipfile.ZipFile(book) as z:
        for n, name in enumerate(wb.sheetnames, start=1):
            root = etree.fromstring(z.read(f"xl/worksheets/sheet{n}.xml"))
            out[name] = [
                (int(c.get("min")), int(c.get("max")), c.get("hidden") in ("1", "true"))
                for c in root.iter(f"{MAIN}col")
            ]
    return out


def overlaps(ranges: list[tuple[int, int, bool]]) -> list[tuple]:
    spans = sorted((lo, hi) for lo, hi, _ in ranges)
    return [(a, b) for a, b in itertools.pairwise(spans) if b[0] <= a[1]]


def hidden_columns(ranges) -> set[int]:
    return {c for lo, hi, hidden in ranges if hidden for c in range(lo, hi + 1)}


def test_libreoffice_groups_columns_so_the_books_are_a_real_case(resaved):
    grouped = [
        (name, sheet)
        for name, book in resaved.items()
        for sheet, ranges in column_ranges(book).items()
        if any(hi > lo for lo, hi, _ in ranges)
    ]
    assert len(grouped) >= len(resaved)


def test_a_refresh_leaves_no_two_column_entries_overlapping(resaved, tmp_path):
    for name, book in resaved.items():
        copy = tmp_path / f"{name}.xlsx"
        copy.write_bytes(book.read_bytes())
        assert run(["refresh", str(copy)]) == 0, name
        for sheet, ranges in column_ranges(copy).items():
            assert overlaps(ranges) == [], (name, sheet, ranges)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_one_language_copy_hides_exactly_the_other_languages_column(
    resaved, tmp_path, lang
):
    for name, book in resaved.items():
        copy = printable_copy(book, tmp_path / f"{name}-{lang}.xlsx", lang)
        ranges = column_ranges(copy)
        for sheet, columns in LANGUAGE_COLUMNS.items():
            if sheet not in ranges:
                continue
            assert overlaps(ranges[sheet]) == [], (name, sheet, ranges[sheet])
            hidden = hidden_columns(ranges[sheet])
            for language, col in columns.items():
                assert (col in hidden) == (language != lang), (name, sheet, col)
