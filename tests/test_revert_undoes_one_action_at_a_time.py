"""Revert went back one action only: after two imports (or an import, then a
refresh) the clerk could not get the book from before the first. Now the revert
record keeps the last actions as steps (bounded: ``STEPS``): each Revert puts
the book back as it was before the newest one left, and the next Revert the one
before. On Head 135, a real Head-year and a generated Head through the file
host (CLI), and the ribbon's Import and Revert on xlwings' remote engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbook.changelog import STEPS
from workbook.io import apply_plan, load_book, save_book, snapshot_of
from workbook.populate import head_values, import_plan, source_head, table_rows
from workbook.reader import read_book
from workbook.refresh import refresh_file, revert_file

from .generated_heads import source_folder


def _inputs(book: Path):
    head = read_book(snapshot_of(load_book(book), str(book))).head
    return table_rows(head), head_values(head)


def _import(book: Path, folder: Path) -> None:
    wb = load_book(book)
    snap = snapshot_of(wb, str(book))
    head, tables, _ = source_head([folder], snap)
    apply_plan(wb, import_plan(snap, head, tables, "clerk").plan)
    save_book(wb, book, original=book)


def _edited(folder: Path, tmp_path: Path, by: int) -> Path:
    """The folder again, its first programme's Estimate ``by`` $m higher."""
    other = tmp_path / f"edited {by}"
    shutil.copytree(folder, other)
    path = other / "programmes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[6] = f"{float(cells[6]) + by:.1f}"  # programme,title_en,title_zh,4 figures
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n",
                    encoding="utf-8")  # fmt: skip
    return other


def _blank_head(book: Path) -> None:
    """Head!C3 and C8 cleared: the book takes any Head's data (as a new book)."""
    wb = load_book(book)
    wb["Head"]["C3"] = wb["Head"]["C8"] = None
    save_book(wb, book, original=book)


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_two_imports_are_reverted_one_at_a_time(kind, sample_book, tmp_path):
    _blank_head(sample_book)
    folder = source_folder(kind, tmp_path, "2012-112", 41)
    states = [_inputs(sample_book)]
    for step in (folder, _edited(folder, tmp_path, 7)):
        _import(sample_book, step)
        states.append(_inputs(sample_book))
    assert states[2] != states[1] != states[0]
    assert revert_file(sample_book) > 0
    assert _inputs(sample_book) == states[1]  # the second import undone
    assert revert_file(sample_book) > 0
    assert _inputs(sample_book) == states[0]  # and then the first
    assert revert_file(sample_book) == 0  # nothing more: the file is left as it is


def test_an_import_then_a_refresh_are_reverted_one_at_a_time(sample_book, tmp_path):
    _blank_head(sample_book)
    before = _inputs(sample_book)
    _import(sample_book, source_folder("generated", tmp_path, "", 17))
    wb = load_book(sample_book)
    wb["Programmes"]["G8"] = 1.0  # the clerk keys an Estimate, then refreshes
    save_book(wb, sample_book, original=sample_book)
    keyed = load_book(sample_book)
    refresh_file(sample_book)
    assert revert_file(sample_book) > 0  # the refresh's writes undone
    wb = load_book(sample_book)
    assert wb["Programmes"]["G8"].value == 1.0  # the clerk's key stays
    assert wb["Programmes"]["G4"].value == keyed["Programmes"]["G4"].value
    assert revert_file(sample_book) > 0
    assert _inputs(sample_book) == before  # and the import, before it


def test_the_record_keeps_the_last_steps_only(sample_book, tmp_path):
    _blank_head(sample_book)
    folder = source_folder("generated", tmp_path, "", 5)
    states = [_inputs(sample_book)]
    for by in range(1, STEPS + 2):  # one import more than the record keeps
        _import(sample_book, _edited(folder, tmp_path, by))
        states.append(_inputs(sample_book))
    for back in range(STEPS):
        assert revert_file(sample_book) > 0
        assert _inputs(sample_book) == states[-2 - back]
    assert revert_file(sample_book) == 0  # the oldest import is beyond the bound
    assert _inputs(sample_book) == states[1]


@pytest.mark.engine
def test_the_ribbons_revert_undoes_two_imports_in_turn(sample_xlsm, libreoffice,
                                                       tmp_path):  # fmt: skip
    """The ribbon: Import twice, then Revert twice, each on a payload of the book
    as the last step left it (the actions applied to the file)."""
    from addin import macros

    from .remote_actions import apply_actions
    from .test_macros_on_remote_engine import remote_book

    def ribbon(n: int, run) -> None:
        book = remote_book(sample_xlsm, libreoffice, tmp_path / f"step{n}")
        run(book)
        wb = load_book(sample_xlsm)
        apply_actions(wb, book.json()["actions"])
        save_book(wb, sample_xlsm, original=sample_xlsm)

    _blank_head(sample_xlsm)
    folder = source_folder("real", tmp_path, "2010-80", 0)
    states = [_inputs(sample_xlsm)]
    for n, step in enumerate((folder, _edited(folder, tmp_path, 3))):
        ribbon(n, lambda book, step=step: macros.import_data([str(step)], book))
        states.append(_inputs(sample_xlsm))
    assert states[2] != states[1] != states[0]
    ribbon(2, macros.revert)
    assert _inputs(sample_xlsm) == states[1]
    ribbon(3, macros.revert)
    assert _inputs(sample_xlsm) == states[0]
