"""Every computed figure has one key, made in the core: the keys the workbook
shows are exactly the keys the core computes, none twice; a deduction line is a
figure of its own, so a constant typed over it is caught."""

from dataclasses import replace

from estimates.figures import FAMILIES, family_of, key, subhead_ids
from estimates.model import amounts
from estimates.results import compute
from workbook.computed import input_sheet_cells, report_rows
from workbook.io import load_book, snapshot_of
from workbook.refresh import build_workbook, evaluate


def _with_deduction(head):
    """The sample with a 'Deduct reimbursements' line under subhead 697."""
    at = next(i for i, s in enumerate(head.subheads) if s.code == "697")
    line = replace(
        head.subheads[at],
        title_en="Deduct reimbursements",
        title_zh="減除發還款額",
        amounts=amounts((-100, -120, -130, -140)),
        ref=None,
    )
    head.subheads.insert(at + 1, line)
    return head


def _shown_keys(reading) -> list[str]:
    cells = input_sheet_cells(reading.head, reading.extents)
    keys = [c.key for c in cells if c.key]
    for row in report_rows(reading.head, reading.extents):
        keys += list(row.figures.values())
    return keys


def test_the_workbook_shows_each_key_the_core_expects_once(sample_head):
    wb, _ = build_workbook(_with_deduction(sample_head))
    reading, results, _ = evaluate(snapshot_of(wb, "keys"))
    shown = _shown_keys(reading)
    assert len(shown) == len(set(shown)), "a figure key is shown twice"
    assert set(shown) == set(results.expected)
    assert {family_of(k).name for k in shown} == set(FAMILIES)


def test_a_deduction_line_is_its_own_figure(sample_head):
    head = _with_deduction(sample_head)
    ids = subhead_ids(head.subheads)
    assert "697" in ids and "697-deduct" in ids
    expected = compute(head).expected
    assert expected[key("subhead_line", "697", "estimate")] == 94144
    assert expected[key("subhead_line", "697-deduct", "estimate")] == -140


def test_a_constant_over_the_deduction_lines_report_figure_is_caught(
    sample_head, tmp_path
):
    wb, _ = build_workbook(_with_deduction(sample_head))
    ws = wb["Report"]
    row = next(
        r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, 12).value == "subhead:697-deduct"
    )
    ws.cell(row, 7).value = 5
    path = tmp_path / "typed.xlsx"
    wb.save(path)
    _, _, findings = evaluate(snapshot_of(load_book(path), str(path)))
    at = {(f.rule, f.cell) for f in findings if f.sheet == "Report"}
    assert {("C01", f"G{row}"), ("R01", f"G{row}")} <= at
