"""Import fills the input tables of an open book from a source data folder or the
published CSV files (resizing the tables), keeps the clerk's Narrative text and
everything outside the tables, refreshes, says what it replaced, logs it, and
Revert undoes the whole import. Here through the openpyxl host; the ribbon's
xlwings host applies the same plan (test_data_macros_on_remote_engine)."""

from pathlib import Path

from estimates.source import load_source
from workbook.io import load_book, save_book, snapshot_of
from workbook.populate import head_values, source_head, table_rows
from workbook.reader import read_book
from workbook.refresh import check_file, revert_file

from .generated_heads import write_head
from .hosts import import_on_file

DATA = Path(__file__).parent / "data" / "published"
CSV = [DATA / "fin_provision_en_total.csv", DATA / "es_en_totals.csv",
       DATA / "des_en.csv"]  # fmt: skip


def _inputs(book: Path):
    """Every input table's cells and every Head input, as the book holds them."""
    head = read_book(snapshot_of(load_book(book), str(book))).head
    return table_rows(head), head_values(head)


def test_a_source_folder_replaces_the_tables_and_revert_undoes_it(
    sample_book, tmp_path
):
    wb = load_book(sample_book)
    wb["Narrative"]["D6"] = "The clerk's own words."
    wb["Programmes"]["M2"] = "a clerk's note outside the tables"
    wb["Head"]["C3"] = wb["Head"]["C8"] = None  # another Head: only into a blank book
    wb.save(sample_book)
    before = _inputs(sample_book)
    folder = write_head(tmp_path / "gen", 29)
    done, issues = import_on_file(sample_book, [folder])
    assert issues == []
    new = load_source(folder)
    tables, inputs = _inputs(sample_book)
    assert tables == table_rows(new)
    given = {k: v for k, v in head_values(new).items() if v is not None}
    kept = {k: v for k, v in before[1].items() if k not in given}
    assert inputs == given | kept  # an input the folder leaves empty is kept
    assert done.replaced["tblProgrammes"] == (2, len(new.programmes))
    assert (
        f"綱領 Programmes ($ million 百萬元): {len(new.programmes)} row(s), were 2"
        f" 現有 {len(new.programmes)} 行,原有 2 行"
    ) in done.summary()
    wb = load_book(sample_book)
    assert wb["Narrative"]["D6"].value == "The clerk's own words."
    assert wb["Programmes"]["M2"].value == "a clerk's note outside the tables"
    log = [[c.value for c in r] for r in wb["ChangeLog"].iter_rows(min_row=4)]
    assert [r[2] for r in log if r[0]] == ["build", "import"]
    assert not [f for f in check_file(sample_book).findings if f.rule in ("D04", "D06")]

    revert_file(sample_book)  # the whole import, and its refresh, undone
    assert _inputs(sample_book) == before


def test_published_csv_files_fill_the_tables_they_give(sample_book):
    before = check_file(sample_book).head
    done, issues = import_on_file(sample_book, CSV)
    assert issues == []
    head = check_file(sample_book).head
    assert sorted(done.replaced) == ["tblBreakdown", "tblFootnotes", "tblProgrammes",
                                     "tblSubheads"]  # fmt: skip
    assert [s.code for s in head.subheads] == ["000", "700", "697"]
    rows, old = table_rows(head), table_rows(before)
    assert rows["tblEstablishment"] == old["tblEstablishment"]  # not given: kept
    assert rows["tblPayScale"] == old["tblPayScale"]
    assert head.controlling_officer_en == before.controlling_officer_en
    assert [f.mark for f in head.footnotes] == ["Δ", "¶", "Δ", "Φ", "Δ"]
    errors = {(f.rule, f.sheet, f.cell) for f in done.findings
              if f.severity.value == "error"}  # fmt: skip
    # English files give no Chinese titles: a line of the same code and English
    # title keeps the book's (trial 10f item 2); programme 1's English title is
    # another than the book's, so its Chinese is to key (D06). Their marks come
    # without the footnotes' text (T03 stays an error until the clerk keys it):
    # what the clerk must key next, nothing else.
    assert {(r, s) for r, s, _ in errors} == {("D06", "Programmes"),
                                              ("T03", "Programmes")}  # fmt: skip
    assert {c for r, s, c in errors if r == "D06"} == {"C8"}
    assert head.programmes[1].title_zh == before.programmes[1].title_zh
    assert [s.title_zh for s in head.subheads] == [
        s.title_zh for s in before.subheads if s.code in ("000", "700", "697")
    ][:3]


def test_csv_import_needs_the_books_head_and_year(tmp_path):
    from estimates.source import SourceError
    from workbook.build import new_template

    blank = tmp_path / "blank.xlsx"
    save_book(new_template(), blank)
    snap = snapshot_of(load_book(blank), str(blank))
    try:
        source_head(CSV, snap)
    except SourceError as exc:
        assert "Head number (Head!C3)" in str(exc)
    else:
        raise AssertionError("a blank book has no Head to import for")
