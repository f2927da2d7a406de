"""Every rule the catalogue declares says what is wrong as "expected X, found Y"
in English and "應為 X,現為 Y" in Chinese: each is made to fire by a clerk's edit
on the built Head 135 book and on a generated Head (edits found through the layout
and the figures' cells, never the sample's addresses); every finding of Heads and
edits Hypothesis draws, and of the 556 real Head-years, has the same shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from estimates.findings import Finding
from estimates.results import compute
from estimates.rollforward import DRAFT
from estimates.rules import run_rules
from estimates.rules.catalogue import RULES
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.cycle import ACTION_COL, NEW_YEAR
from workbook.io import load_book, save_book, snapshot_of
from workbook.refresh import build_workbook, check_file, evaluate, refresh_file

from .conftest import head_from_published, published_heads
from .generated import cases
from .generated_heads import write_head

EN = re.compile(r"\S: expected \S.*, found \S.*\.")
ZH = re.compile(r"\S:應為 \S.*,現為 \S.*。")


def says_expected_and_found(f: Finding) -> bool:
    return bool(EN.search(f.message_en) and ZH.search(f.message_zh))


def _shown(wb, key: str):
    """The cell that shows figure ``key`` in this book."""
    head = evaluate(snapshot_of(wb, "book.xlsx")).reading.head
    ref = head.shown[key].ref
    return wb[ref.sheet][ref.cell]


def _first(wb, key_prefix: str):
    head = evaluate(snapshot_of(wb, "book.xlsx")).reading.head
    key = next(k for k in head.shown if k.startswith(key_prefix))
    ref = head.shown[key].ref
    return wb[ref.sheet][ref.cell]


def _cell(wb, table: str, field: str, row: int = 0):
    spec = L.TABLES[table]
    return wb[spec.sheet].cell(spec.first_row + row, spec.col(field))


def _set(table: str, field: str, value, row: int = 0):
    def edit(wb):
        _cell(wb, table, field, row).value = value

    return edit


def _add(table: str, field: str, more, row: int = 0):
    def edit(wb):
        cell = _cell(wb, table, field, row)
        cell.value = (cell.value or 0) + more

    return edit


def _typed(key: str, value):
    def edit(wb):
        cell = _first(wb, key)
        cell.value = value(cell) if callable(value) else value

    return edit


def _copy_row(table: str, fields: tuple[str, ...]):
    def edit(wb):
        for f in fields:
            _cell(wb, table, f, 1).value = _cell(wb, table, f, 0).value

    return edit


def _total_below(wb):
    """A clerk's "Total" line with its sum, typed just below the subhead table."""
    spec = L.TABLES["tblSubheads"]
    ws = wb[spec.sheet]
    last = ws.tables[spec.name].ref.split(":")[1]
    row = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 1
    ws.cell(row, spec.col("title_en"), "Total")
    ws.cell(row, spec.col("estimate"), 1000)


def _summary(field: str, value):
    def edit(wb):
        head = evaluate(snapshot_of(wb, "book.xlsx")).reading.head
        ref = getattr(head.establishment, field).ref
        wb[ref.sheet][ref.cell].value = value

    return edit


def _narrative(text: str):
    def edit(wb):
        ws = wb[L.NARRATIVE]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value)
        ws.cell(row, 4).value = text

    return edit


def _percent(revised, estimate, typed):
    """Programme 1's revised and estimate, and its % change typed over."""

    def edit(wb):
        _cell(wb, "tblProgrammes", "revised").value = revised
        _cell(wb, "tblProgrammes", "estimate").value = estimate
        _first(wb, "programme_pct:1:estimate_vs_revised").value = typed

    return edit


def _pay_range(wb):
    """A non-directorate rank's range beyond the pay scale (S06)."""
    spec = L.TABLES["tblEstablishment"]
    ws = wb[spec.sheet]
    row = next(
        r
        for r in range(spec.first_row, ws.max_row + 1)
        if ws.cell(r, spec.col("directorate")).value == "N"
    )
    ws.cell(row, spec.col("max_point")).value = 99


def _nil_base(wb):
    _cell(wb, "tblProgrammes", "revised").value = None
    _first(wb, "programme_pct:1:estimate_vs_revised").value = 5.0


def _rolled(wb):
    ws = wb[L.CHANGE_LOG]
    ws.cell(ws.max_row + 1, ACTION_COL).value = f"{NEW_YEAR}2024-25"
    _cell(wb, "tblSubheads", "estimate").value = None


def _merge(wb):
    spec = L.TABLES["tblSubheads"]
    row = spec.first_row
    wb[spec.sheet].merge_cells(
        start_row=row,
        start_column=spec.col("actual"),
        end_row=row,
        end_column=spec.col("original"),
    )


def _header(wb):
    spec = L.TABLES["tblProgrammes"]
    wb[spec.sheet].cell(spec.header_row, 2).value = "Renamed"


def _moved(wb):
    spec = L.TABLES["tblBreakdown"]
    table = wb[spec.sheet].tables[spec.name]
    first, last = table.ref.split(":")
    table.ref = f"B{first[1:]}:{chr(ord(last[0]) + 1)}{last[1:]}"


def _protect(wb):
    wb[L.TABLES["tblProgrammes"].sheet].protection.sheet = True


def _no_table(wb):
    spec = L.TABLES["tblBreakdown"]
    del wb[spec.sheet].tables[spec.name]


def _narrative_row(wb):
    """A sentence of the clerk's own over a computed one, in a column the
    Narrative's rebuild owns (C02); a row the clerk inserts is theirs."""
    ws = wb[L.NARRATIVE]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value)
    ws.cell(row, 2).value = "A sentence of my own."


def _line_gone(wb):
    """A clerk's sentence under a key the Head no longer has (its line gone)."""
    ws = wb[L.NARRATIVE]
    row = ws.max_row + 1
    ws.cell(row, L.NARRATIVE_KEY_COLUMN).value = "programme_posts:99"
    ws.cell(row, L.NARRATIVE_CLERK_COLUMN).value = "Programme (99) gains 3 posts."


CASES = {
    "T01": _typed("subhead_total:Total Expenditure:estimate", lambda c: 1),
    "T02": _typed("programme_total:estimate", 999999.9),
    "T03": _add("tblProgrammes", "actual", 50),
    "T04": _typed("head_estimate", 1.0),
    "T05": _add("tblBreakdown", "estimate", 100),
    "P01": _percent(100.0, 110.0, 99.9),
    "P02": _percent(100.0, 100.0, "0.0%"),
    "P03": _nil_base,
    "S01": _summary("net_change", 9),
    "S02": _summary("directorate_start", 99),
    "S03": _summary("ceiling", 1),
    "S04": _summary("posts_start", 999),
    "S05": _typed("rank_nams:", 1),
    "S06": _pay_range,
    "S07": _set("tblEstablishment", "programme", "99"),
    "N01": _narrative("The provision is $98,765.4 million."),
    "C01": _typed("subhead_total:Total Expenditure:estimate", 1),
    "C02": _narrative_row,
    "R01": _typed("subhead_line:", 1),
    "D01": _set("tblSubheads", "actual", "84,531"),
    "D02": _set("tblSubheads", "original", "#REF!"),
    "D03": _set("tblSubheads", "revised", -5),
    "D04": _copy_row("tblSubheads", ("account", "section", "code", "title_en")),
    "D05": _set("tblSubheads", "estimate", "ninety"),
    "D06": _set("tblSubheads", "code", None),
    "D07": _no_table,
    "D08": _copy_row("tblSubheads", ("code",)),
    "D09": _merge,
    "D10": _header,
    "D11": _moved,
    "D12": _protect,
    "D13": _set("tblSubheads", "account", "Operatin"),
    "D14": _copy_row("tblProgrammes", ("programme",)),
    "D15": _set("tblSubheads", "estimate", "=ROUND(175587.4,0)"),
    "D16": _total_below,
    "F01": _rolled,
    "N02": _line_gone,
    "N03": _narrative("Provision for 2025\u2013\u206026 is the same as for 2024-25."),
    "F02": _narrative(f"{DRAFT}Last year's sentence."),
    "F03": lambda wb: [
        _set("tblFootnotes", f, None)(wb) for f in ("text_en", "text_zh")
    ],
    "V01": lambda wb: wb[L.HEAD].__setitem__(L.TEMPLATE_VERSION_CELL, "0.0.9"),
}


def test_every_declared_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    """The built Head 135 book and a generated Head's."""
    folder = tmp_path_factory.mktemp("heads")
    out = {}
    for name, source in (
        ("head135", SAMPLE_HEAD_135),
        ("generated", write_head(folder / "g7", 7)),
    ):
        wb, _ = build_workbook(load_source(source))
        out[name] = folder / f"{name}.xlsx"
        save_book(wb, out[name])
    return out


@pytest.mark.parametrize("book", ["head135", "generated"])
@pytest.mark.parametrize("rule", sorted(RULES))
def test_the_rule_says_expected_and_found(rule, book, books, tmp_path):
    wb = load_book(books[book])
    CASES[rule](wb)
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    run = refresh_file if rule == "C02" else check_file
    fired = [f for f in run(path).findings if f.rule == rule]
    assert fired, f"{rule} did not fire on {book}"
    for f in fired:
        assert says_expected_and_found(f), (f.message_en, f.message_zh)


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(cases(max_edits=3))
def test_generated_heads_and_edits_say_expected_and_found(clerk):
    wb, _ = build_workbook(clerk.head)
    clerk.edit_book(wb)
    findings = evaluate(snapshot_of(wb, "generated.xlsx")).findings
    wrong = [(f.rule, f.message_en) for f in findings if not says_expected_and_found(f)]
    assert wrong == []


def test_real_head_years_say_expected_and_found():
    seen, wrong = set(), []
    for key, record in published_heads().items():
        head = head_from_published(record)
        for f in run_rules(head, compute(head)):
            seen.add(f.rule)
            if not says_expected_and_found(f):
                wrong.append((key, f.rule, f.message_en))
    assert "T03" in seen and wrong == []
