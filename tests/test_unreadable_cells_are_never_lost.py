"""Export and New year lose nothing a clerk keyed, off the sample too.

A clerk's cell the reader cannot read as keyed (a figure with a footnote mark
'245.4Δ', a number stored as text '1,234', too many decimals, a formula the engine
cannot evaluate, an error value, a required value left blank) is, on generated
Heads and the Head 135 sample, with generated edits:
- Export: refused in one line naming the book and one of those cells; no folder.
- New year: carried over verbatim where last year's cell is carried as it is
  (an Estimate to the new Original, a title, a code, posts at end to posts at
  start), the new book flagging it again; refused in one line naming the cell when
  it cannot be (a formula or error value); a cell New year does not carry (Actual,
  Original, Revised) changes nothing. Last year's book is never changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.cell import get_column_letter

from estimates import tables as T
from estimates.source import SAMPLE_HEAD_135
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file, check_file

from .generated_heads import write_head

EDITED = ("tblProgrammes", "tblSubheads", "tblBreakdown", "tblEstablishment")
DROPPED = ("actual", "original", "revised", "posts_start")
"""Last year's columns New year does not carry (left for the clerk to key)."""
MOVED = {"estimate": "original", "posts_end": "posts_start"}
"""Last year's column -> the new year's column it is carried to as it is (as well
as to itself, for posts at end)."""
NOT_COPIED = ("formula", "error")


@pytest.fixture(scope="session")
def books(tmp_path_factory) -> list[tuple[Path, dict[str, int]]]:
    """The sample and two generated Heads, built once; each with its row counts."""
    root = tmp_path_factory.mktemp("unread")
    sources = [SAMPLE_HEAD_135] + [write_head(root / f"g{s}", s) for s in (7, 23)]
    out = []
    for i, source in enumerate(sources):
        book = root / f"b{i}.xlsx"
        build_file(source, book)
        head = check_file(book).head
        out.append((book, {n: len(getattr(head, T.HEAD_LISTS[n])) for n in EDITED}))
    return out


def _content(kind: str, column: L.Column, n: int) -> object:
    return {
        "marked": f"{n}.4Δ",
        "text_number": f"{n},{n % 1000:03d}",
        "decimals": float(Decimal(n) + Decimal("0.25")),
        "formula": f'=INDIRECT("Z{n % 90 + 1}")*2',
        "error": "#REF!",
        "blank": None,
    }[kind]


@st.composite
def edits(draw, counts: dict[str, int]) -> dict[tuple[str, int, int], tuple]:
    """1-3 bad cells in the input tables: (sheet, row, col) -> (kind, key, value)."""
    out = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from([n for n in EDITED if counts[n]]))
        spec = L.TABLES[name]
        column = draw(st.sampled_from(spec.columns))
        field = spec.table.field(column.key)
        kinds = ["formula", "error"]
        if column.kind in T.NUMBER_KINDS:
            kinds += ["marked", "text_number", "decimals"]
        if field.required:
            kinds.append("blank")
        kind = draw(st.sampled_from(kinds))
        row = spec.first_row + draw(st.integers(0, counts[name] - 1))
        value = _content(kind, column, draw(st.integers(1, 9999)))
        out[(spec.sheet, row, spec.col(column.key))] = (kind, column.key, value)
    return out


def _targets(sheet: str, row: int, key: str) -> list[tuple[str, int, int]]:
    """Where New year puts last year's cell (sheet, row, key): nowhere if dropped."""
    spec = next(s for s in L.TABLES.values() if s.sheet == sheet)
    keys = [] if key in DROPPED else [MOVED.get(key, key)]
    if key == "posts_end":
        keys.append(key)
    return [(sheet, row, spec.col(k)) for k in keys]


def _run(*argv: str) -> tuple[int, str]:
    """The CLI's exit code and what it said on stderr (stdout is not asked)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(list(argv))
    return code, err.getvalue().strip()


def _named(said: str) -> set[str]:
    """The cells a refusal names: its one cell, or (one line counting several,
    then a line each) every cell listed below the first line."""
    first, *listed = said.splitlines()
    if not listed:
        return {first.split(": ")[2]}
    assert f": {len(listed)} cells: " in first, first
    return {line.split(": ")[0].strip() for line in listed}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@given(data=st.data())
def test_export_and_new_year_lose_nothing_keyed(books, data):
    source, counts = data.draw(st.sampled_from(books))
    edited = data.draw(edits(counts))
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "last year.xlsx"
        shutil.copyfile(source, book)
        wb = load_book(book)
        for (sheet, row, col), (_, _, value) in edited.items():
            wb[sheet].cell(row, col).value = value
        wb.save(book)
        before = _digest(book)
        names = {f"{s}!{get_column_letter(c)}{r}" for s, r, c in edited}
        folder = Path(tmp) / "exported"
        code, said = _run("export", str(book), "-o", str(folder))
        assert code == 2 and not folder.exists()
        assert said.split(": ")[1] == str(book) and _named(said) <= names

        nxt = Path(tmp) / "next year.xlsx"
        code, said = _run("rollforward", str(book), "-o", str(nxt))
        assert _digest(book) == before  # last year's book is never changed
        carried = {
            target: (kind, value, cell)
            for cell, (kind, key, value) in edited.items()
            for target in _targets(cell[0], cell[1], key)
        }
        refused = [c for k, _, c in carried.values() if k in NOT_COPIED]
        if refused:
            assert code == 2 and not nxt.exists()
            assert _named(said) == {
                f"{s}!{get_column_letter(c)}{r}" for s, r, c in refused
            }  # every cell New year cannot carry, at once (issue 10 item 4)
            return
        assert code in (0, 1), said
        new = load_book(nxt)
        for (sheet, row, col), (kind, value, _) in carried.items():
            assert new[sheet].cell(row, col).value == value, (kind, sheet, row, col)
