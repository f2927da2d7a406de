"""The charts show only real programmes: the series cover as many slots as the Head
has programmes (so no empty legend entry), beyond ten the last slot is "Others"
summing the rest; every category is labelled, the establishment axis starts at
zero and every axis is declared visible (<c:delete val="0"/>)."""

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from estimates.source import load_source
from workbook.refresh import build_file

from .generated_heads import write_head


def _charts(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as z:
        names = sorted(
            n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        )
        return [z.read(n).decode() for n in names]


@pytest.fixture
def big_head(tmp_path) -> tuple[Path, object]:
    folder = write_head(tmp_path / "src", 11)  # 14 programmes
    book = tmp_path / "big.xlsx"
    build_file(folder, book)
    return book, load_source(folder)


def test_series_cover_the_programmes_and_axes_are_visible(sample_book, big_head):
    pie, staff, growth = _charts(sample_book)
    assert "'Charts'!$A$5:$A$6" in pie and "'Charts'!$B$5:$B$6" in pie
    assert "<strRef><f>'Charts'!$D$5:$D$6</f>" in staff
    assert (
        staff.count('<delete val="0"/>') == 2 and growth.count('<delete val="0"/>') == 2
    )
    assert '<min val="0"/>' in growth
    assert '<tickLblSkip val="1"/>' in staff
    pie, staff, _ = _charts(big_head[0])
    # past charts.PIE_NAMES_UP_TO programmes a slice is named "(n)", not crowded
    assert "'Charts'!$D$5:$D$14" in pie and "'Charts'!$B$5:$B$14" in pie
    assert "'Charts'!$E$5:$E$14" in staff


@pytest.mark.engine
def test_beyond_ten_the_last_slice_is_others(big_head, libreoffice, tmp_path):
    book, head = big_head
    ws = load_workbook(libreoffice.recalculate(book, tmp_path / "lo"), data_only=True)[
        "Charts"
    ]
    assert ws["A5"].value.startswith("(1) ") and ws["D13"].value == "(9)"
    assert ws["A14"].value == "Others 其他" and ws["D14"].value == "Others 其他"
    rest = sum(p.value("estimate") for p in head.programmes[9:])
    assert Decimal(str(ws["B14"].value)).quantize(Decimal("0.1")) == rest
    posts = {p: 0 for p in range(1, 15)}
    for post in head.posts:
        posts[int(post.programme)] += post.posts_end
    assert ws["E14"].value == sum(posts[p] for p in range(10, 15))
    assert [ws.cell(r, 5).value for r in range(5, 14)] == [
        posts[p] for p in range(1, 10)
    ]
