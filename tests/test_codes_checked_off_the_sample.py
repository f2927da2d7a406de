"""Codes a clerk keys are checked: an account or section that is not a known value
is an error on that cell listing the allowed values (the template offers them as
drop-down lists); a programme number entered twice is an error; a breakdown with
no subhead 000 line is T05. On the sample and on generated Heads."""

from __future__ import annotations

import pytest

from estimates.results import compute
from estimates.rules import run_rules
from estimates.source import load_source
from tests.generated_heads import write_head
from workbook import layout as L
from workbook.build import new_template, populate
from workbook.io import load_book, snapshot_of
from workbook.refresh import check_file


def _findings(head, edit=None):
    wb = new_template()
    populate(wb, head)
    if edit:
        edit(wb)
    from workbook.reader import read_book

    reading = read_book(snapshot_of(wb, "x.xlsx"))
    return reading.findings + run_rules(reading.head, compute(reading.head))


def _set(sheet, cell, value):
    def edit(wb):
        wb[sheet][cell] = value

    return edit


@pytest.mark.parametrize(
    ("cell", "typed", "allowed"),
    [
        ("B6", "Non Recurrent", "Recurrent, Non-Recurrent"),
        ("A6", "Capitol", "Operating, Capital"),
        ("B5", "Subventions", "Recurrent, Non-Recurrent"),  # not under Operating
    ],
)
def test_an_unknown_account_or_section_is_an_error_on_its_cell(
    sample_head, cell, typed, allowed
):
    found = [f for f in _findings(sample_head, _set("Subheads", cell, typed))]
    d13 = [f for f in found if f.rule == "D13"]
    assert [(f.severity, f.sheet, f.cell) for f in d13] == [("error", "Subheads", cell)]
    assert allowed in d13[0].message_en and repr(typed) in d13[0].message_en


def test_unknown_codes_on_generated_heads_land_on_the_right_row(tmp_path):
    for seed in (3, 11, 42):
        head = load_source(write_head(tmp_path / f"h{seed}", seed))
        row = L.TABLES["tblSubheads"].first_row + len(head.subheads) - 1
        found = _findings(head, _set("Subheads", f"A{row}", "Capitol"))
        assert [(f.rule, f.cell) for f in found if f.rule == "D13"] == [
            ("D13", f"A{row}")
        ]


def test_a_duplicated_programme_number_is_an_error(sample_head):
    found = _findings(sample_head, _set("Programmes", "A9", "1"))
    d14 = [(f.rule, f.severity, f.cell) for f in found if f.rule == "D14"]
    assert d14 == [("D14", "error", "A9")]


def test_a_breakdown_without_subhead_000_is_t05(sample_head):
    sample_head.subheads = [s for s in sample_head.subheads if s.code != "000"]
    found = _findings(sample_head)
    t05 = [f for f in found if f.rule == "T05"]
    assert len(t05) == 1 and "no subhead 000 line" in t05[0].message_en


def test_the_sample_and_generated_heads_raise_no_code_findings(sample_head, tmp_path):
    heads = [sample_head] + [
        load_source(write_head(tmp_path / f"g{s}", s)) for s in (5, 9)
    ]
    for head in heads:
        assert [f for f in _findings(head) if f.rule in ("D13", "D14")] == []


def test_the_template_offers_drop_down_lists(sample_book):
    wb = load_book(sample_book)
    lists = wb[L.LISTS]
    assert lists.sheet_state == "hidden"
    shown = {}
    for spec, column, name, ref in L.drop_downs():
        ws = wb[spec.sheet]
        (check,) = [
            dv for dv in ws.data_validations.dataValidation if dv.formula1 == f"={name}"
        ]
        assert check.type == "list"
        letter = "ABCDEFGHI"[spec.col(column.key) - 1]
        last = spec.first_row + L.DROP_DOWN_ROWS
        assert str(check.sqref) == f"{letter}{spec.first_row}:{letter}{last}"
        assert wb.defined_names[name].attr_text == ref
        col = ref.split("$")[1]
        values = [c.value for c in lists[col][1:] if c.value is not None]
        shown[column.key] = values
    assert shown == {
        "account": ["Operating", "Capital"],
        "section": [
            "Recurrent",
            "Non-Recurrent",
            "Plant, Equipment and Works",
            "Subventions",
        ],
        "directorate": ["Y", "N"],
    }
    assert not [f for f in check_file(sample_book).findings if f.rule == "D13"]
