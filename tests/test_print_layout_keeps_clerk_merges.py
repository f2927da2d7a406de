"""Issue 9 item 6, "anything outside owned regions is never touched", for the print
layout: a clerk's merged cells and text beside the Report and in Narrative column
E (the clerk's, layout.OWNED_COLUMNS) are exactly as the clerk left them after
refreshes that rebuild both sheets, and no title Refresh merges covers them."""

from openpyxl.utils import get_column_letter

from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import refresh_file

from .clerk import Table

NOTE = "Ask FSTB 問庫務科"
CLERK_MERGES = {
    "Report": ("N5:P6", "R20:S20"),
    "Narrative": ("E3:E4",),
}
CLERK_TEXT = {
    "Report": ("N5", "R20", "N12"),
    "Narrative": ("E3", "E8", "E2"),
}


def _clerk_edits(wb) -> None:
    for sheet, ranges in CLERK_MERGES.items():
        for rng in ranges:
            wb[sheet].merge_cells(rng)
    for sheet, cells in CLERK_TEXT.items():
        for cell in cells:
            wb[sheet][cell] = f"{NOTE} {cell}"


def _change_estimate(path, delta: int) -> None:
    """An input edit that changes Report figures and Narrative sentences, so the
    refresh rebuilds (and lays out) both sheets."""
    wb = load_book(path)
    subheads = Table(wb, "tblSubheads")
    cell = subheads.ws.cell(subheads.first, subheads.col("estimate"))
    cell.value = (cell.value or 0) + delta
    wb.save(path)


def _clerk_state(wb) -> dict:
    state = {}
    for sheet, cells in CLERK_TEXT.items():
        ws = wb[sheet]
        merges = {str(r) for r in ws.merged_cells.ranges}
        state[sheet, "merges"] = merges & set(CLERK_MERGES[sheet])
        for cell in cells:
            c = ws[cell]
            look = (c.alignment.wrap_text, c.alignment.vertical) if c.alignment else ()
            state[sheet, cell] = (c.value, look)
        state[sheet, "widths"] = {
            col: ws.column_dimensions[get_column_letter(col)].width
            for col in range(1, 20)
            if not L.owns(sheet, col)
        }
    return state


def _owned_values(wb) -> dict:
    return {
        sheet: [
            [c.value for c in row if L.owns(sheet, c.column)]
            for row in wb[sheet].iter_rows()
        ]
        for sheet in CLERK_MERGES
    }


def _merges_off_the_clerk(wb) -> None:
    for sheet, ranges in CLERK_MERGES.items():
        for rng in wb[sheet].merged_cells.ranges:
            if str(rng) in ranges:
                continue
            columns = range(rng.min_col, rng.max_col + 1)
            assert all(L.owns(sheet, c) for c in columns), f"{sheet}!{rng}"


def test_clerk_merges_and_text_survive_two_refreshes(sample_book):
    wb = load_book(sample_book)
    _clerk_edits(wb)
    wb.save(sample_book)
    before = _clerk_state(load_book(sample_book))
    assert before["Report", "merges"] == set(CLERK_MERGES["Report"])
    seen = _owned_values(load_book(sample_book))
    for delta in (7, -3):
        _change_estimate(sample_book, delta)
        outcome = refresh_file(sample_book)
        assert not outcome.refused
        after = load_book(sample_book)
        assert _clerk_state(after) == before
        _merges_off_the_clerk(after)
        shown = _owned_values(after)
        assert shown != seen, "the edit did not make Refresh rebuild the sheets"
        seen = shown


def test_the_narrative_title_never_spans_the_clerks_column(sample_book):
    wb = load_book(sample_book)
    wb["Narrative"]["E9"] = NOTE  # content in E once made the title reach it
    wb.save(sample_book)
    _change_estimate(sample_book, 11)
    refresh_file(sample_book)
    ws = load_book(sample_book)["Narrative"]
    title = [r for r in ws.merged_cells.ranges if r.min_row == 1]
    assert title and all(r.max_col < 5 for r in title), title
    assert ws["E9"].value == NOTE
