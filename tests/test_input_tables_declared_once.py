"""The input tables are declared once (estimates/tables.py, placed by
workbook/layout.py), and every reader and writer goes through that declaration:
a Head written to a source folder, built into a book and read back is the same
Head, on the sample and on generated Heads; the directorate flag means the same
everywhere."""

from __future__ import annotations

import dataclasses

import pytest

from estimates import tables as T
from estimates.source import SourceError, load_source, write_source
from tests.generated_heads import write_head
from workbook import layout as L
from workbook.build import new_template, populate
from workbook.io import snapshot_of
from workbook.reader import read_book


def _plain(rows):
    """Rows without the cells they came from (a folder has none)."""
    out = []
    for r in rows:
        values = {}
        for f in dataclasses.fields(r):
            v = getattr(r, f.name)
            if f.name in ("ref", "refs"):
                continue
            if f.name == "amounts":
                v = tuple(a.value for a in v)
            values[f.name] = v
        out.append(values)
    return out


def _book_head(head):
    wb = new_template()
    populate(wb, head)
    return read_book(snapshot_of(wb, "generated.xlsx"))


@pytest.mark.parametrize("seed", [0, 1, 7, 23, 61])
def test_folder_book_folder_round_trip_on_generated_heads(tmp_path, seed):
    head = load_source(write_head(tmp_path / "src", seed))
    write_source(head, tmp_path / "again")
    again = load_source(tmp_path / "again")
    reading = _book_head(again)
    for table in T.TABLES.values():
        attr = T.HEAD_LISTS[table.name]
        assert _plain(getattr(again, attr)) == _plain(getattr(head, attr)), attr
        assert _plain(getattr(reading.head, attr)) == _plain(getattr(head, attr)), attr
    est, want = reading.head.establishment, head.establishment
    for key in ("posts_start", "directorate_start", "directorate_end", "ceiling"):
        assert getattr(est, key).value == getattr(want, key).value, key
    assert (est.note_en, est.note_zh) == (want.note_en, want.note_zh)
    assert [f.rule for f in reading.findings if f.rule.startswith("D")] == []


def test_every_table_column_is_a_declared_field_in_sheet_order():
    for spec in L.TABLES.values():
        assert [c.key for c in spec.columns] == list(spec.table.names)
        assert all(c.field is spec.table.field(c.key) for c in spec.columns)


def test_each_row_keeps_its_own_cells(sample_head):
    reading = _book_head(sample_head)
    spec = L.TABLES["tblSubheads"]
    for i, s in enumerate(reading.head.subheads):
        row = spec.first_row + i
        assert s.refs["account"].cell == f"A{row}"
        assert s.refs["section"].cell == f"B{row}"
        assert s.ref.cell == f"C{row}"
        assert [a.ref.cell for a in s.amounts] == [f"{c}{row}" for c in "FGHI"]


@pytest.mark.parametrize("flag", ["YES", "TRUE", "1", "x"])
def test_the_directorate_flag_is_y_or_n_in_a_folder(sample_dir, flag):
    path = sample_dir / "establishment.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",Y,", f",{flag},", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 2, column 'directorate'.*Y or N"):
        load_source(sample_dir)


@pytest.mark.parametrize("flag", ["YES", "1"])
def test_the_directorate_flag_is_y_or_n_in_a_book(sample_head, flag):
    wb = new_template()
    populate(wb, sample_head)
    spec = L.TABLES["tblEstablishment"]
    cell = wb[spec.sheet].cell(spec.first_row, spec.col("directorate"))
    cell.value = flag
    findings = read_book(snapshot_of(wb, "x.xlsx")).findings
    assert [(f.rule, f.cell) for f in findings if f.rule == "D05"] == [
        ("D05", cell.coordinate)
    ]
    assert "Y or N" in findings[-1].message_en or any(
        "Y or N" in f.message_en for f in findings
    )


def test_subhead_codes_and_programme_numbers_parse_alike_everywhere():
    code = T.SUBHEADS.field("code")
    number = T.PROGRAMMES.field("programme")
    assert [code.parse(v) for v in (0, "0", "000", "88B", 3.0)] == [
        "000",
        "000",
        "000",
        "88B",
        "003",
    ]
    assert [number.parse(v) for v in ("(2)", 2, " 2 ")] == ["2", "2", "2"]


def test_every_published_head_year_round_trips_through_folder_and_book(tmp_path):
    """The 556 real Head-years: folder writer, folder reader, populate and the
    workbook reader all agree on every line (one template, refilled)."""
    from tests.conftest import head_from_published, published_heads

    heads = published_heads()
    records = heads if isinstance(heads, list) else list(heads.values())
    assert len(records) == 556
    for i, record in enumerate(records):
        head = head_from_published(record)
        folder = tmp_path / f"h{i}"
        write_source(head, folder)
        again = load_source(folder)
        for attr in ("programmes", "subheads"):
            assert _plain(getattr(again, attr)) == _plain(getattr(head, attr))
        if i % 8 == 0:  # the book side on every eighth (building is the cost)
            reading = _book_head(again)
            assert _plain(reading.head.subheads) == _plain(head.subheads), i
            assert _plain(reading.head.programmes) == _plain(head.programmes), i
