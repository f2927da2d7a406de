"""Trial 10c items 2 and 3: in a source folder, an unquoted 60,000 in a row whose
last cells are empty was read with its figures shifted (the empty cells were not
counted), and a Total line with its label in the title column and the code or
number blank (",,,Total, Recurrent,,...", ",Total,,198.8,...") was built as a
line and added into every total. Both are now refused, naming the file and line,
as the README says; on Head 135, a real Head-year and a generated Head, through
`estimates build` (exit 2, one line) and the published-CSV importer."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from estimates.importer import import_files
from workbook.cli import run

from .generated_heads import source_folder

KINDS = ("sample", "real", "generated")
DATA = Path(__file__).parent / "data" / "published"


def _build(folder: Path, tmp_path: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(["build", str(folder), "-o", str(tmp_path / "out.xlsx")])
    return code, err.getvalue().strip()


def _copy(kind: str, tmp_path: Path) -> Path:
    folder = tmp_path / "來源 copy"
    shutil.copytree(source_folder(kind, tmp_path / "src", "2008-60", 19), folder)
    return folder


def _append(path: Path, line: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    return len(lines) + 1


@pytest.mark.parametrize("kind", KINDS)
def test_an_unquoted_thousands_figure_before_empty_cells_is_refused(kind, tmp_path):
    folder = _copy(kind, tmp_path)
    path = folder / "subheads.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")[:5]  # the first line: no comma in its titles
    lines[1] = ",".join([*cells, "60400", "60,000", "", ""])  # Revised, Estimate nil
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _build(folder, tmp_path) == (2, (
        f"estimates build: {path}: line 2: a long row: 10 cells for 9 headings"
        " (a figure"
        " with commas, such as 1,75,587, needs quotes, or key 175587), so the row is"
        " not read"
    ))  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "table, line, label, column",
    [
        ("subheads.csv", ",,,Total,,1,2,3,4", "Total", "title_en"),
        ("subheads.csv", ',,,"Total, Recurrent",,1,2,3,4', "Total, Recurrent",
         "title_en"),
        ("subheads.csv", "Operating,Recurrent,,Total Expenditure,,1,2,3,4",
         "Total Expenditure", "title_en"),
        ("subheads.csv", "Operating,Recurrent,,,經常開支總額,1,2,3,4", "經常開支總額",
         "title_zh"),
        ("programmes.csv", ",Total,,198.8,1,2,3,", "Total", "title_en"),
    ],
)  # fmt: skip
def test_a_total_line_labelled_in_its_title_is_refused(kind, table, line, label,
                                                       column, tmp_path):  # fmt: skip
    folder = _copy(kind, tmp_path)
    at = _append(folder / table, line)
    assert _build(folder, tmp_path) == (2, (
        f"estimates build: {folder / table}: line {at}, column '{column}':"
        f" {label!r} is a"
        " total line: totals are computed, so delete this line"
    ))  # fmt: skip


def test_a_published_row_shifted_before_empty_cells_is_not_read(tmp_path):
    path = tmp_path / "es.csv"
    lines = (DATA / "es_en_totals.csv").read_text(encoding="utf-8").splitlines()
    head, account, section, code, title = lines[1].split(",")[:5]
    lines[1] = ",".join([head, account, section, code, title, "60400", "60,000", "",
                         ""])  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = import_files([path], "135", "2025-26")
    assert str(imported.issues[0]) == (
        f"{path}: line 2: a long row: 10 cells for 9 headings (a figure with commas,"
        " such as 1,75,587, needs quotes, or key 175587), so the row is not read"
    )
    assert "000" not in [s[2] for s in imported.subheads]
