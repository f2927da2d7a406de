"""Input tables are read by reference, never by counting: on generated Heads, a
blank row inside a table is skipped and shifts nothing; rows inserted, deleted,
sorted or appended just below a table all read right; and every row keeps its real
sheet row, so a finding lands in the right cell."""

from __future__ import annotations

import random

import pytest

from estimates.source import load_source
from tests.generated_heads import write_head
from workbook import layout as L
from workbook.build import new_template, populate
from workbook.io import snapshot_of
from workbook.reader import read_book

SPEC = L.TABLES["tblSubheads"]


def _book(tmp_path, seed):
    head = load_source(write_head(tmp_path / f"h{seed}", seed))
    wb = new_template()
    populate(wb, head)
    return wb, head


def _rows(ws):
    """The table's data rows as the clerk sees them: (sheet row, values)."""
    ref = ws.tables[SPEC.name].ref
    last = int(ref.split(":")[1].lstrip("ABCDEFGHI"))
    width = len(SPEC.columns)
    out = []
    for r in range(SPEC.first_row, last + 3):
        values = [ws.cell(r, c).value for c in range(1, width + 1)]
        if any(v not in (None, "") for v in values):
            out.append((r, values))
    return out


def _resize(ws, last):
    letter = "ABCDEFGHI"[len(SPEC.columns) - 1]
    ws.tables[SPEC.name].ref = f"A{SPEC.header_row}:{letter}{last}"


def _last(ws):
    return int(ws.tables[SPEC.name].ref.split(":")[1][1:])


def _blank_row(ws, rng):
    at = rng.randint(SPEC.first_row + 1, max(SPEC.first_row + 1, _last(ws)))
    ws.insert_rows(at)
    _resize(ws, _last(ws) + 1)


def _insert(ws, rng):
    at = rng.randint(SPEC.first_row + 1, max(SPEC.first_row + 1, _last(ws)))
    ws.insert_rows(at)
    for c, v in enumerate(["Capital", "Subventions", "89Z", "Inserted", "插入"], 1):
        ws.cell(at, c, v)
    ws.cell(at, 9, 1234)
    _resize(ws, _last(ws) + 1)


def _delete(ws, rng):
    if _last(ws) == SPEC.first_row:
        return  # the table keeps one row
    at = rng.randint(SPEC.first_row, _last(ws))
    ws.delete_rows(at)
    _resize(ws, _last(ws) - 1)


def _sort(ws, rng):
    rows = [r for _, r in _rows(ws)]
    rng.shuffle(rows)
    for i, values in enumerate(rows):
        for c, v in enumerate(values, 1):
            ws.cell(SPEC.first_row + i, c, v)


def _append_below(ws, rng):
    at = _last(ws) + 1  # typed just below: the table's ref is not grown
    for c, v in enumerate(["Capital", "Subventions", "881", "Appended", "新增"], 1):
        ws.cell(at, c, v)
    ws.cell(at, 9, rng.randint(1, 9999))


EDITS = [_blank_row, _insert, _delete, _sort, _append_below]


@pytest.mark.parametrize("seed", range(12))
def test_edited_tables_read_every_row_at_its_own_sheet_row(tmp_path, seed):
    rng = random.Random(seed)
    wb, _ = _book(tmp_path, seed)
    ws = wb[SPEC.sheet]
    for edit in rng.sample(EDITS, rng.randint(1, len(EDITS))):
        edit(ws, rng)
    expected = _rows(ws)
    reading = read_book(snapshot_of(wb, "edited.xlsx"))
    got = reading.head.subheads
    assert [s.code for s in got] == [str(v[2]) for _, v in expected]
    for s, (row, values) in zip(got, expected, strict=True):
        assert s.ref.cell == f"C{row}"
        assert s.refs["account"].cell == f"A{row}"
        assert s.amounts[3].ref.cell == f"I{row}"
        assert s.value("estimate") == values[8]
    # a finding on an edited row lands on that row
    row, _ = expected[-1]
    ws.cell(row, 1, "Capitol")
    from estimates.results import compute
    from estimates.rules import run_rules

    again = read_book(snapshot_of(wb, "edited.xlsx"))
    d13 = [
        f.cell for f in run_rules(again.head, compute(again.head)) if f.rule == "D13"
    ]
    assert d13 == [f"A{row}"]
