"""Trial 10c item 6: the ribbon's Import on the remote engine into a book that
already has a Report (not a blank template) gave hundreds of false C02s (every
COR figure "typed over": the Report's values were set aside for recalculation,
the COR sheets' were not), put them on the revert record, and Revert then wrote
constants over the COR formulas, blanked the Establishment's J:L formulas and
froze the Narrative's live sentences. Now Import into a built, refreshed book
finds no C02, and Import then Revert leaves the book as it was, cell for cell
(formulas included), on both hosts; Head 135, a generated Head, a real Head-year."""

from __future__ import annotations

import collections
import csv
import io
import shutil
from pathlib import Path

import pytest

from addin.build import build_template
from workbook import layout as L
from workbook.io import apply_plan, load_book, save_book, snapshot_of
from workbook.populate import import_plan, source_head
from workbook.refresh import revert_file

from .generated_heads import source_folder
from .hosts import macro_on_file

LOGS = (L.CHANGE_LOG, L.REVERT, L.CHECKS, "_Flags")


def _cells(path: Path) -> dict:
    wb = load_book(path)
    return {(ws.title, c.coordinate): c.value for ws in wb if ws.title not in LOGS
            for row in ws.iter_rows() for c in row if c.value is not None}  # fmt: skip


def _changed(folder: Path, tmp_path: Path) -> Path:
    """The folder again with its first programme's Estimate 1.0 higher."""
    other = tmp_path / "changed"
    shutil.copytree(folder, other)
    path = other / "programmes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][6] = f"{float(rows[1][6]) + 1:.1f}"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return other


def _book(kind: str, tmp_path: Path) -> tuple[Path, Path]:
    folder = source_folder(kind, tmp_path / "src", "2007-45", 23)
    book = tmp_path / f"built {kind}.xlsm"
    build_template(book, folder)
    return book, folder


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_the_file_hosts_import_then_revert_leaves_the_book(kind, tmp_path):
    book, folder = _book(kind, tmp_path)
    before = _cells(book)
    wb = load_book(book)
    snap = snapshot_of(wb, str(book))
    head, tables, _ = source_head([_changed(folder, tmp_path)], snap)
    done = import_plan(snap, head, tables, "clerk")
    assert not [f for f in done.findings if f.rule == "C02"]
    apply_plan(wb, done.plan)
    save_book(wb, book, original=book)
    assert _cells(book) != before
    assert revert_file(book) > 0
    assert _cells(book) == before


@pytest.mark.engine
@pytest.mark.parametrize("kind", ["sample", "generated"])
def test_the_ribbons_import_then_revert_leaves_the_book(kind, libreoffice, tmp_path):
    from addin import macros

    book, folder = _book(kind, tmp_path)
    before = _cells(book)
    changed = _changed(folder, tmp_path)
    steps = (lambda b: macros.import_data([str(changed)], b), macros.revert)
    for n, step in enumerate(steps):
        done = macro_on_file(book, libreoffice, tmp_path / f"step{n}", step)
        if n == 0:
            rules = collections.Counter(f.rule for f in done.findings)
            assert rules["C02"] == 0, rules  # 126 on Head 135 before
    after = _cells(book)
    assert {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys()
            if before.get(k) != after.get(k)} == {}  # fmt: skip
