"""Import, New year and Export as a careless clerk uses them, on real Head-years,
generated Heads and the sample, with Chinese and spaces in every path: a book
rolled twice in a row, an export over another year's folder or a folder of other
files, another Head's folder imported into a book, a workbook picked as a CSV
file, the same import twice, clerk text outside the tables. Each mistake is one
line naming the file and cell or folder; nothing is written; what works loses
nothing."""

import contextlib
import io
from pathlib import Path

import pytest

from estimates.source import SAMPLE_HEAD_135, SourceError, load_source, write_source
from workbook.io import load_book
from workbook.populate import table_rows
from workbook.refresh import build_file, check_file

from .conftest import head_from_published, published_heads
from .generated_heads import write_head
from .hosts import import_on_file
from .remote_actions import cells_of

REAL = ("2013-112", "2010-21", "2009-25")


def _cli(*argv) -> tuple[int, str]:
    from workbook.cli import run

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run([str(a) for a in argv])
    return code, err.getvalue().strip()


def _source(kind: str, tmp_path: Path) -> Path:
    """A source folder: a real Head-year, or a generated Head."""
    folder = tmp_path / f"資料 {kind}"
    if kind in REAL:
        write_source(head_from_published(published_heads()[kind]), folder)
        return folder
    return write_head(folder, int(kind))


@pytest.mark.parametrize("kind", [*REAL, "5", "31"])
def test_a_book_rolled_twice_in_a_row_is_refused(kind, tmp_path):
    book = tmp_path / "預算 本年.xlsx"
    build_file(_source(kind, tmp_path), book)
    nxt = tmp_path / "下年 資料" / "next year.xlsx"
    nxt.parent.mkdir()
    assert _cli("rollforward", book, "-o", nxt)[0] == 0
    again = tmp_path / "again.xlsx"
    code, said = _cli("rollforward", nxt, "-o", again)
    assert code == 2 and not again.exists()
    assert said == (
        f"estimates rollforward: {nxt}: Programmes!G8: no Estimate is keyed in this"
        f" book (it was rolled forward from {check_file(book).head.estimate_year}),"
        " so New year would leave every Original empty. Key this year's Estimates"
        " first."
    )


def test_new_year_needs_a_workbook_name(sample_book, tmp_path):
    code, said = _cli("rollforward", sample_book, "-o", tmp_path / "next.txt")
    assert code == 2 and said.endswith(  # the CLI's output policy (workbook/outputs)
        "next.txt: the file type comes from its extension: give .xlsx (a plain book)"
    )


@pytest.mark.parametrize("kind", [REAL[0], "17"])
def test_export_keeps_other_folders_whole(kind, tmp_path):
    book = tmp_path / "預算 本年.xlsx"
    build_file(_source(kind, tmp_path), book)
    head = check_file(book).head
    folder = tmp_path / "匯出 資料"
    assert _cli("export", book, "-o", folder) == (0, "")
    code, said = _cli("export", book, "-o", folder)  # an existing output: --force
    assert code == 2 and said.endswith("(only an earlier export of the same Head and"
                                       " year)")  # fmt: skip
    assert _cli("export", book, "-o", folder, "--force") == (0, "")  # same Head, year
    rebuilt = tmp_path / "重建 book.xlsx"
    assert _cli("build", folder, "-o", rebuilt)[0] == 0
    assert table_rows(check_file(rebuilt).head) == table_rows(head)

    nxt = tmp_path / "next.xlsx"
    assert _cli("rollforward", book, "-o", nxt)[0] == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, said = _cli("export", nxt, "-o", folder, "--force")  # refused all the same
    assert code == 2 and said == (
        f"estimates export: {folder}: holds the data of Head {head.head}"
        f" {head.estimate_year}, not of this book's Head {head.head}"
        f" {check_file(nxt).head.estimate_year}; export to a new folder"
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    mixed = tmp_path / "我的 文件"
    mixed.mkdir()
    (mixed / "memo.docx").write_bytes(b"clerk's memo")
    code, said = _cli("export", book, "-o", mixed, "--force")
    assert code == 2 and said.endswith("holds other files (memo.docx); export to a"
                                       " new or empty folder")  # fmt: skip
    assert [p.name for p in mixed.iterdir()] == ["memo.docx"]


def test_another_heads_folder_is_refused_unless_blank(sample_book, tmp_path):
    other = _source(REAL[0], tmp_path)
    before = sample_book.read_bytes()
    with pytest.raises(SourceError) as raised:
        import_on_file(sample_book, [other])
    assert str(raised.value) == (
        f"{other}: holds Head 112 2013-14, but this book is Head 135 2025-26"
        " (Head!C3 and Head!C8); import this Head's own data, or clear those cells"
        " first"
    )
    assert sample_book.read_bytes() == before
    wb = load_book(sample_book)
    wb["Head"]["C3"] = wb["Head"]["C8"] = None
    wb.save(sample_book)
    import_on_file(sample_book, [other])
    head = check_file(sample_book).head
    assert (head.head, head.estimate_year) == ("112", "2013-14")
    assert (
        table_rows(head)["tblProgrammes"]
        == (table_rows(load_source(other))["tblProgrammes"])
    )


def test_a_workbook_or_a_missing_file_is_no_csv(sample_book, tmp_path):
    with pytest.raises(SourceError) as raised:
        import_on_file(sample_book, [sample_book])
    assert str(raised.value) == (  # trial 10c item 18: say it is a workbook
        f"{sample_book}: a workbook, not a CSV file; give this Head's published CSV"
        " files (or a source data folder)"
    )
    with pytest.raises(SourceError) as raised:
        import_on_file(sample_book, [tmp_path / "nope.csv"])
    assert str(raised.value) == f"{tmp_path / 'nope.csv'}: file not found"


def test_the_same_import_twice_changes_nothing_and_keeps_clerk_text(sample_book):
    wb = load_book(sample_book)
    wb["Programmes"]["M2"] = "clerk note"
    wb["Head"]["H3"] = "see memo"
    wb["Narrative"]["D6"] = "my own words"
    wb.save(sample_book)
    import_on_file(sample_book, [SAMPLE_HEAD_135])
    first = cells_of(load_book(sample_book))
    done = import_on_file(sample_book, [SAMPLE_HEAD_135])[0]
    second = cells_of(load_book(sample_book))
    changed = {k for k in first.keys() | second.keys() if first.get(k) != second.get(k)}
    assert {k for k in changed if k[0] != "ChangeLog"} == set()
    log = [[c.value for c in r] for r in load_book(sample_book)["ChangeLog"]
           .iter_rows(min_row=4) if r[0].value]  # fmt: skip
    assert [(r[2], r[5]) for r in log][-2:] == [("import", 0), ("import", 0)]
    assert done.replaced["tblProgrammes"] == (2, 2)
    for sheet, cell, text in (("Programmes", "M2", "clerk note"),
                              ("Head", "H3", "see memo"),
                              ("Narrative", "D6", "my own words")):  # fmt: skip
        assert second[(sheet, cell)][0] == text


def test_new_year_keeps_clerk_text_outside_the_tables(sample_book, tmp_path):
    wb = load_book(sample_book)
    wb["Programmes"]["M2"] = "clerk note"
    wb["Subheads"]["L5"] = "ask Finance"
    wb["Head"]["H3"] = "see memo"
    wb.save(sample_book)
    nxt = tmp_path / "下年 預算.xlsx"
    assert _cli("rollforward", sample_book, "-o", nxt)[0] == 0
    new = load_book(nxt)
    kept = [new[s][c].value for s, c in (("Programmes", "M2"), ("Subheads", "L5"),
                                         ("Head", "H3"))]  # fmt: skip
    assert kept == ["clerk note", "ask Finance", "see memo"]
