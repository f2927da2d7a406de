"""Trial 10d item 4: a book rolled forward and keyed, exported and built again,
lost the Charts sheet's establishment history (the row New year adds: 2025 / 79)
and turned the clerk's formula =24.3+1 in an Estimate cell into 25.3 without a
word. Now head.toml [establishment] history carries the earlier years (build puts
them back in their rows), and Export names each input cell whose formula it
writes as its value (a source folder holds no formula; the book keeps it). Head
135, a generated Head and a real Head-year on the CLI; the ribbon's Export on the
remote engine carries the history too (it sees values only: no formula to name)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from estimates.source import SourceError, load_source
from workbook import layout as L
from workbook.chart_data import FIRST, HISTORY_INPUT_ROWS
from workbook.io import load_book, snapshot_of
from workbook.reader import read_book

from .generated_heads import built_books
from .hosts import cli_printed

HISTORY = f"G{FIRST}:H{FIRST + HISTORY_INPUT_ROWS - 1}"


def _history(book: Path) -> list[list[object]]:
    return [[c.value for c in row] for row in load_book(book)[L.CHARTS][HISTORY]]


def _rolled_and_keyed(book: Path, tmp: Path) -> tuple[Path, str]:
    """Last year's book rolled forward; its first Estimate keyed as a formula,
    an earlier year keyed on the Charts sheet; the cell of the formula."""
    rolled = tmp / f"{book.stem} next.xlsx"
    assert cli_printed("rollforward", book, "-o", rolled)[0] in (0, 1)
    wb = load_book(rolled)
    spec = L.TABLES["tblProgrammes"]
    cell = f"{chr(64 + spec.col('estimate'))}{spec.first_row}"
    wb[L.PROGRAMMES][cell] = "=24.3+1"
    wb[L.CHARTS][f"G{FIRST + 1}"], wb[L.CHARTS][f"H{FIRST + 1}"] = 2019, 81
    wb.save(rolled)
    return rolled, f"{L.PROGRAMMES}!{cell}"


def test_export_then_build_keeps_the_history_and_names_the_formula(tmp_path):
    for name, head, book in built_books(tmp_path, "cli", seed=17, real_at=6):
        rolled, cell = _rolled_and_keyed(book, tmp_path)
        kept = _history(rolled)
        staffed = head.establishment.posts_start.value is not None  # else no year
        assert (kept[-1][0] not in (None, "")) == staffed, name  # (trial 10e 9)
        assert kept[1] == [2019, 81], name
        folder = tmp_path / f"{name} 匯出"
        code, said = cli_printed("export", rolled, "-o", folder)
        assert code == 0, said
        assert "Exported as their values" in said and f"{cell} =24.3+1" in said
        again = tmp_path / f"{name} again.xlsx"
        assert cli_printed("build", folder, "-o", again)[0] in (0, 1)
        assert _history(again) == kept, name
        first = read_book(snapshot_of(load_book(again), str(again))).head
        assert first.programmes[0].value("estimate") == Decimal("25.3")


def test_a_history_head_toml_cannot_hold_is_refused_naming_the_file(tmp_path):
    folder = next(built_books(tmp_path, "cli", seed=1, real_at=3))[2]
    src = tmp_path / "src"
    assert cli_printed("export", folder, "-o", src)[0] == 0
    toml = src / "head.toml"
    text = toml.read_text(encoding="utf-8").replace(
        "[establishment]\n", '[establishment]\nhistory = [["2019", 7.5]]\n'
    )
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"head\.toml: \[establishment\] history"):
        load_source(src)


@pytest.mark.engine
def test_the_ribbons_export_carries_the_history(libreoffice, tmp_path):
    from addin import macros

    from .hosts import remote_book

    for name, _head, book in built_books(tmp_path, "cli", seed=17, real_at=6):
        rolled, _cell = _rolled_and_keyed(book, tmp_path)
        xw_book = remote_book(rolled, libreoffice, tmp_path / name)
        folder = tmp_path / f"{name} ribbon"
        macros.export_data(str(folder), xw_book)
        again = tmp_path / f"{name} ribbon.xlsx"
        assert cli_printed("build", folder, "-o", again)[0] in (0, 1)
        assert _history(again) == _history(rolled), name
