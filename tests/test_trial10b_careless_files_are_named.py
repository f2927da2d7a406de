"""Trial 10b: files a careless clerk gives are named, never silently cut or
dropped. A row with more cells than headings (an unquoted 1,75,587) is refused
like a short row, in a published CSV file and in a source folder; a 'Total' line
typed into a source folder's programmes.csv is refused; of several published
files, one holding only another Head's rows is refused, naming it; two files of
actual expenditure giving one line two figures are refused; New year marks the
establishment note (it quotes last year's totals) for review. Off the sample: a
real Head-year's folder as well as Head 135's."""

import csv
import shutil
from pathlib import Path

import pytest

from estimates.importer import ActualError, import_files, read_actuals
from estimates.rollforward import DRAFT, roll_forward
from estimates.source import SAMPLE_HEAD_135, SourceError, load_source, write_source

from .conftest import head_from_published, published_heads


def _folder(kind: str, tmp_path: Path) -> Path:
    folder = tmp_path / kind
    if kind == "sample":
        shutil.copytree(SAMPLE_HEAD_135, folder)
    else:
        write_source(head_from_published(published_heads()["2013-112"]), folder)
    return folder


def _rewrite(path: Path, line: int, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = change(lines[line - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("kind", ["sample", "real"])
def test_a_long_row_in_a_source_folder_is_refused(kind, tmp_path):
    folder = _folder(kind, tmp_path)
    path = folder / "subheads.csv"
    _rewrite(path, 2, lambda text: text + ",587")  # an unquoted 1,75,587 at the end
    with pytest.raises(SourceError) as raised:
        load_source(folder)
    width = len(path.read_text(encoding="utf-8").splitlines()[0].split(","))
    assert str(raised.value) == (
        f"{path}: line 2: a long row: {width + 1} cells for {width} headings (a"
        " figure with commas, such as 1,75,587, needs quotes, or key 175587), so"
        " the row is not read"
    )


@pytest.mark.parametrize("kind", ["sample", "real"])
def test_a_total_line_in_a_source_folder_is_refused(kind, tmp_path):
    folder = _folder(kind, tmp_path)
    path = folder / "programmes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    total = "Total," + ",".join(lines[1].split(",")[1:])
    path.write_text("\n".join([*lines, total]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_source(folder)
    assert str(raised.value) == (
        f"{path}: line {len(lines) + 1}, column 'programme': 'Total' is a total"
        " line: totals are computed, so delete this line"
    )


HEADINGS = ["Head", "Account", "Section", "Subhead", "Subhead Name",
            "Actual 2023-24", "Original 2024-25", "Revised 2024-25",
            "Estimate 2025-26"]  # fmt: skip


def _published(path: Path, rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADINGS, *rows])
    return path


def test_a_long_row_in_a_published_file_is_not_read(tmp_path):
    path = tmp_path / "es.csv"
    path.write_text(
        ",".join(HEADINGS) + "\n"
        "135,Operating,Recurrent,000,Operational expenses,1,2,3,1,75,587\n"
        "135,Operating,Non-Recurrent,700,General,1,2,3,4\n",
        encoding="utf-8",
    )
    imported = import_files([path], "135", "2025-26")
    assert [str(i) for i in imported.issues] == [
        f"{path}: line 2: a long row: 11 cells for 9 headings (a figure with"
        " commas, such as 1,75,587, needs quotes, or key 175587), so the row is"
        " not read"
    ]
    assert [row[2] for row in imported.subheads] == ["700"]


def test_of_several_files_one_of_another_head_is_refused(tmp_path):
    mine = _published(
        tmp_path / "es 135.csv",
        [["135", "Operating", "Recurrent", "000", "Op", 1, 2, 3, 4]],
    )
    other = tmp_path / "prog 22.csv"
    other.write_text(
        "Head,Programme No.,Programme,Actual 2023-24,Original 2024-25,"
        "Revised 2024-25,Estimate 2025-26\n22,(1),Other,1.0,2.0,3.0,4.0\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as raised:
        import_files([mine, other], "135", "2025-26")
    assert str(raised.value) == (
        f"{other}: no rows for Head 135; the file holds Head 22: give Head 135's"
        " file, or leave this one out"
    )
    assert import_files([mine], "135", "2025-26").subheads  # alone: imported


def test_two_actual_files_that_disagree_are_refused(tmp_path):
    def actual(name: str, value: int) -> Path:
        path = tmp_path / name
        path.write_text(f"Head,Subhead,Actual 2024-25\n135,000,{value}\n",
                        encoding="utf-8")  # fmt: skip
        return path

    first, second = actual("a.csv", 412880), actual("b.csv", 999999)
    with pytest.raises(ActualError) as raised:
        read_actuals([first, second], "135", "2024-25")
    assert str(raised.value) == (
        f"{second}: line 2: subhead '000' is 999,999 here but 412,880 in {first}:"
        " line 2; give each line's Actual once"
    )
    same = actual("c.csv", 412880)
    got, issues = read_actuals([first, same], "135", "2024-25")
    assert got == {("subhead", "000"): 412880} and issues == []


def test_new_year_marks_the_establishment_note_for_review():
    head = load_source(SAMPLE_HEAD_135)
    assert head.establishment.note_en
    new = roll_forward(head)
    assert new.establishment.note_en == DRAFT + head.establishment.note_en
    assert new.establishment.note_zh == DRAFT + head.establishment.note_zh
