"""Off the sample (issue 9, "Nothing a clerk types is lost"): on generated Heads,
text a clerk types over any cell of the Report or the Narrative that holds the
tool's own text is raised (C02) at exactly that cell and kept on the revert
record; a line deleted from the Subheads table after a refresh raises no C02
(the tool's text that moves with it is its own, by each row's hidden record)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.generated import read_record
from workbook.refresh import build_workbook, refresh_workbook

from .clerk import delete
from .generated import heads

TEXT = "clerk's own words 文員自擬"
SHEETS = {"Report": (12, 13), "Narrative": (6, 7)}  # key and record columns


def _text_cells(wb) -> list[tuple[str, str]]:
    """Cells holding the tool's constant text on a keyed row."""
    out = []
    for sheet, (key_col, record_col) in SHEETS.items():
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=1):
            key, record = row[key_col - 1].value, read_record(row[record_col - 1].value)
            if not key or not record[1]:
                continue
            for c in row[: key_col - 1]:
                v = c.value
                clerks = sheet == "Narrative" and c.column == 4  # the clerk's column
                if isinstance(v, str) and v and not v.startswith("=") and not clerks:
                    out.append((sheet, c.coordinate))
    return out


def _c02(outcome) -> list[tuple[str, str]]:
    return sorted((f.sheet, f.cell) for f in outcome.findings if f.rule == "C02")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(heads(), st.data())
def test_text_over_the_tools_own_is_raised_there_and_nowhere_else(head, data):
    wb, _ = build_workbook(head)
    cells = _text_cells(wb)
    sheet, cell = data.draw(st.sampled_from(cells))
    wb[sheet][cell] = TEXT
    done = refresh_workbook(wb, "generated")
    assert _c02(done) == [(sheet, cell)]
    assert wb[sheet][cell].value != TEXT
    revert = [[c.value for c in r][:5] for r in wb["_Revert"].iter_rows(min_row=2)]
    assert [sheet, cell, "text", TEXT, "C02"] in revert
    again = refresh_workbook(wb, "generated")
    assert _c02(again) == [(sheet, cell)]  # kept while the record lasts
    assert again.plan.writes == [] and again.plan.clears == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(heads(), st.data())
def test_a_deleted_line_leaves_no_c02(head, data):
    wb, _ = build_workbook(head)
    index = data.draw(st.integers(0, len(head.subheads) - 1))
    delete(wb, "tblSubheads", index)
    assert _c02(refresh_workbook(wb, "generated")) == []
