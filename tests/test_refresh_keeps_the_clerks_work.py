"""Refresh writes only computed cells and its own flags, keeps what a clerk typed
and noted, clears its last flags, and a second run changes nothing."""

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import refresh_file


def cells_of(path):
    wb = load_book(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.comment is not None:
                    out[(ws.title, c.coordinate)] = (
                        c.value,
                        c.comment.text if c.comment else None,
                        c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None,
                    )
    return out


def test_refreshing_twice_equals_refreshing_once(sample_book, tmp_path):
    wb = load_book(sample_book)
    wb["Programmes"]["G4"] = 300.0  # a typed-over total: flagged, kept
    wb.save(sample_book)
    once, twice = tmp_path / "once.xlsx", tmp_path / "twice.xlsx"
    refresh_file(sample_book, once)
    refresh_file(once, twice)
    assert cells_of(once) == cells_of(twice)


def test_a_typed_over_total_is_kept_flagged_and_explained(sample_book):
    wb = load_book(sample_book)
    wb["Programmes"]["G4"] = 300.0
    wb.save(sample_book)
    refresh_file(sample_book)
    cell = load_book(sample_book)["Programmes"]["G4"]
    assert cell.value == 300.0
    assert cell.fill.fgColor.rgb == "FFFFC7CE"  # error fill
    assert "C01" in cell.comment.text and "T02" in cell.comment.text
    assert "expected $269.7 million, found $300.0 million" in cell.comment.text
    assert "應為 269.7 百萬元,現為 300.0 百萬元(相差 30.3 百萬元)" in cell.comment.text


def test_flags_are_cleared_when_fixed_and_the_clerks_note_comes_back(sample_book):
    wb = load_book(sample_book)
    wb["Programmes"]["G4"] = 300.0
    wb["Programmes"]["G4"].comment = Comment("checked with Treasury", "Clerk")
    wb.save(sample_book)
    refresh_file(sample_book)
    flagged = load_book(sample_book)["Programmes"]["G4"]
    assert flagged.comment.text.startswith("checked with Treasury")
    wb = load_book(sample_book)
    wb["Programmes"]["G4"] = (
        None  # the clerk clears it: Refresh writes the formula back
    )
    wb.save(sample_book)
    refresh_file(sample_book)
    cell = load_book(sample_book)["Programmes"]["G4"]
    assert cell.value == "=SUM(G8:G9)"
    assert cell.comment.text == "checked with Treasury"
    assert cell.comment.author == "Clerk"
    assert cell.fill.fill_type is None


def test_refresh_never_writes_an_input_cell(sample_book, tmp_path):
    wb = load_book(sample_book)
    wb["Subheads"]["F5"] = "419,593"  # number stored as text: flagged, never rewritten
    wb.save(sample_book)
    before = cells_of(sample_book)
    refresh_file(sample_book, tmp_path / "out.xlsx")
    after = cells_of(tmp_path / "out.xlsx")
    inputs = [
        k
        for k in before
        if k[0] in ("Subheads", "Programmes", "Head")
        and k[1][0] in "ABCDEFGHI"
        and int(k[1][1:]) >= 5
    ]
    assert len(inputs) > 40
    for key in inputs:
        if key[0] == "Programmes" and int(key[1][1:]) < 8:
            continue  # year labels and the total row are computed
        assert after[key][0] == before[key][0], key


def test_a_programme_added_below_the_table_joins_it(sample_book):
    wb = load_book(sample_book)
    ws = wb["Programmes"]
    for col, value in enumerate(
        ["3", "New programme", "新綱領", None, None, 1.0, 2.0], 1
    ):
        ws.cell(10, col).value = value
    wb.save(sample_book)
    outcome = refresh_file(sample_book)
    assert [p.number for p in outcome.head.programmes] == ["1", "2", "3"]
    out = load_book(sample_book)
    spec = L.TABLES["tblProgrammes"]
    last = get_column_letter(spec.col("policy_area_zh"))  # the table's last column
    pct = get_column_letter(spec.col("estimate_vs_revised"))
    assert out["Programmes"].tables["tblProgrammes"].ref == f"A7:{last}10"
    assert out["Programmes"]["G4"].value == "=SUM(G8:G10)"
    assert out["Programmes"][f"{pct}10"].value.startswith(
        "=IF(OR(N(F10)=0,COUNT(G10)=0)"
    )


def test_a_clerks_formatting_survives(sample_book):
    from openpyxl.styles import Font, PatternFill

    wb = load_book(sample_book)
    cell = wb["Subheads"]["D5"]
    cell.fill = PatternFill("solid", fgColor="FF00B050")
    cell.font = Font(bold=True, color="FFFF0000")
    wb["Programmes"]["B8"].number_format = "@"
    wb["Subheads"].column_dimensions["D"].width = 55
    wb.save(sample_book)
    refresh_file(sample_book)
    refresh_file(sample_book)
    wb = load_book(sample_book)
    cell = wb["Subheads"]["D5"]
    assert cell.fill.fgColor.rgb == "FF00B050"
    assert cell.font.bold and cell.font.color.rgb == "FFFF0000"
    assert wb["Programmes"]["B8"].number_format == "@"
    assert wb["Subheads"].column_dimensions["D"].width == 55
