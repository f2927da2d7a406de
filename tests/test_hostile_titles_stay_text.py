"""Property: a title, item or rank name that starts with = + - @ (a programme
titled =HYPERLINK("http://evil","x") in an imported CSV) is written as text on
every sheet the tool builds or refreshes, never as a live formula: not on the
input tables, nor where the Report, the COR sheets or the Charts repeat it."""

from dataclasses import replace

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.generated_heads import synthetic_head
from tests.hosts import refresh_on
from workbook.refresh import build_workbook, refresh_workbook

PAYLOAD = "EVIL"
HOSTILE = st.builds(
    lambda start, rest: f"{start}{rest}",
    st.sampled_from(["=", "+", "-", "@", '=HYPERLINK("http://x","y")&']),
    st.sampled_from(
        [f"{PAYLOAD}()", f'HYPERLINK("http://{PAYLOAD}","x")', f"1+{PAYLOAD}!A1"]
    ),
)


def _hostile_head(seed: int, titles: list[str]):
    head = synthetic_head(135, 3, 4, 3, seed=seed)
    pick = iter(titles * 20)
    head.programmes = [
        replace(p, title_en=next(pick), title_zh=next(pick)) for p in head.programmes
    ]
    head.subheads = [
        replace(s, title_en=next(pick), title_zh=next(pick)) for s in head.subheads
    ]
    head.posts = [
        replace(p, rank_en=next(pick), rank_zh=next(pick)) for p in head.posts
    ]
    return head


def _formulas_quoting_the_payload(wb) -> list[str]:
    return [
        f"{ws.title}!{cell.coordinate}: {cell.value}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f" and PAYLOAD.lower() in str(cell.value).lower()
    ]


def _texts(wb) -> set[str]:
    return {
        cell.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.data_type == "s"
    }


@settings(
    max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
@given(st.integers(0, 50), st.lists(HOSTILE, min_size=1, max_size=4))
def test_hostile_titles_are_text_after_build_and_refresh(seed, titles):
    head = _hostile_head(seed, titles)
    wb, _ = build_workbook(head)
    assert _formulas_quoting_the_payload(wb) == []
    assert {p.title_en for p in head.programmes} <= _texts(wb)
    refresh_workbook(wb, "hostile")
    assert _formulas_quoting_the_payload(wb) == []
    report = [c.value for row in wb["Report"].iter_rows() for c in row]
    assert {p.title_en for p in head.programmes} <= set(report)


def test_a_hostile_title_stays_text_when_the_ribbon_refreshes(libreoffice, tmp_path):
    """The values-only host (xlwings' remote engine, as Excel's ribbon): the
    refresh's writes of the Report, COR sheets and tables keep the titles text."""
    head = _hostile_head(7, ['=HYPERLINK("http://EVIL","x")', "+EVIL()", "@EVIL()"])
    wb, _ = build_workbook(head)
    for row in wb["Programmes"].iter_rows(min_row=8, max_row=8, max_col=2):
        row[1].value = '=HYPERLINK("http://EVIL","y")'  # the clerk retitles it
        row[1].data_type, row[1].quotePrefix = "s", True
    path = tmp_path / "hostile.xlsx"
    wb.save(path)
    refresh_on("remote", path, libreoffice, tmp_path)
    wb = load_workbook(path)
    assert _formulas_quoting_the_payload(wb) == []
    assert '=HYPERLINK("http://EVIL","y")' in _texts(wb)
