"""New year, Import and Export name every cell or value they cannot use, not the
first: one line that counts them and names the first, then each on a line of its
own (the CLI prints them all; the ribbon's message box lists them), so that the
clerk mends them all at once. Off the sample: a generated Head and a real
Head-year as well as Head 135; the ribbon through xlwings' remote engine."""

from pathlib import Path

import pytest

from addin import macros
from estimates.source import SourceError, load_source
from workbook.cli import run
from workbook.io import load_book, snapshot_of
from workbook.layout import TABLES
from workbook.populate import source_head
from workbook.refresh import build_file

from .generated_heads import source_folder


def _folder(kind: str, tmp_path: Path) -> Path:
    return source_folder(kind, tmp_path / "src", "2011-100", 29, editable=True)


def _estimate_cells(book: Path) -> list[str]:
    """Every Estimate cell of the programme and subhead tables (carried to the new
    year's Original, so New year must copy each)."""
    wb = load_book(book)
    cells = []
    for name in ("tblProgrammes", "tblSubheads"):
        spec = TABLES[name]
        ws, col = wb[spec.sheet], spec.col("estimate")
        rows = [r for r in range(spec.first_row, ws.max_row + 1)
                if ws.cell(r, 1).value not in (None, "")]  # fmt: skip
        cells += [f"{spec.sheet}!{ws.cell(r, col).coordinate}" for r in rows]
    return cells


def _break(book: Path, cells: list[str], value="#N/A") -> None:
    wb = load_book(book)
    for cell in cells:
        sheet, at = cell.split("!")
        wb[sheet][at] = value
    wb.save(book)


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_new_year_names_every_cell_it_cannot_carry(kind, tmp_path, capsys):
    book = tmp_path / f"{kind}.xlsx"
    build_file(_folder(kind, tmp_path), book)
    broken = _estimate_cells(book)[::2]  # every other Estimate: at least two
    assert len(broken) >= 2
    _break(book, broken)
    out = tmp_path / "next.xlsx"
    assert run(["rollforward", str(book), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (  # a count, then each cell once (trial 10c item 12)
        f"estimates rollforward: {book}: {len(broken)} cells: New year cannot carry"
        " it over. Correct the cells (see Checks), then try again."
    )
    assert [line.split(": ")[0].strip() for line in err[1:]] == broken
    assert not out.exists()


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_export_names_every_cell_it_would_lose(kind, tmp_path, capsys):
    book = tmp_path / f"{kind}.xlsx"
    build_file(_folder(kind, tmp_path), book)
    broken = _estimate_cells(book)[1::2] + _estimate_cells(book)[:1]
    _break(book, broken, "12,34")
    assert run(["export", str(book), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f": {len(broken)} cells: Export would lose" in err[0]
    listed = [line.split(": ")[0].strip() for line in err[1:]]
    assert sorted(listed) == sorted(broken) and len(listed) == len(broken)


def _bad_values(folder: Path) -> list[str]:
    """Spoil each programme's Estimate and the first subhead's: what is said."""
    said = []
    for name in ("programmes.csv", "subheads.csv"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines()
        col = lines[0].split(",").index("estimate")
        rows = range(1, len(lines)) if name == "programmes.csv" else range(1, 2)
        for i in rows:
            import csv

            cells = next(csv.reader([lines[i]]))
            cells[col] = f"x{cells[col]}"
            lines[i] = ",".join(f'"{c}"' if "," in c else c for c in cells)
            said.append(f"{path}: line {i + 1}, column 'estimate': not a number:"
                        f" {cells[col]!r}")  # fmt: skip
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return said


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
def test_import_and_build_name_every_value_of_a_folder(kind, sample_book, tmp_path,
                                                        capsys):  # fmt: skip
    folder = _folder(kind, tmp_path)
    said = _bad_values(folder)
    assert len(said) >= 3
    with pytest.raises(SourceError) as raised:
        load_source(folder)
    lines = str(raised.value).splitlines()
    assert lines[0] == (
        f"{folder}: {len(said)} values cannot be read; the first, {said[0]}"
    )
    assert [line.strip() for line in lines[1:]] == said
    capsys.readouterr()
    assert run(["build", str(folder), "-o", str(tmp_path / "b.xlsx")]) == 2
    assert capsys.readouterr().err.splitlines() == [f"estimates build: {lines[0]}"] + [
        f"  {s}" for s in said
    ]
    if kind == "sample":  # Import into the sample book reads the same folder
        snap = snapshot_of(load_book(sample_book), str(sample_book))
        with pytest.raises(SourceError, match=f"{len(said)} values cannot be read"):
            source_head([folder], snap)


def test_the_ribbons_import_lists_every_value(sample_xlsm, libreoffice, tmp_path):
    from .hosts import remote_book

    folder = _folder("sample", tmp_path)
    said = _bad_values(folder)
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.import_data([str(folder)], book) is None
    actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["alert"]  # nothing written
    text = actions[0]["args"][0].splitlines()
    assert text[0].startswith(f"Import 匯入: {folder}: {len(said)} values cannot")
    assert [line.strip() for line in text[1:-2]] == said
    assert text[-2].startswith(f"{folder}: ") and "未能處理" in text[-2]  # its Chinese
    assert text[-1].startswith("Nothing was changed. 未有作出任何更改")


def test_the_ribbons_new_year_lists_every_cell(sample_xlsm, libreoffice, tmp_path):
    from .hosts import remote_book

    broken = _estimate_cells(sample_xlsm)[::2]
    _break(sample_xlsm, broken)
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.new_year_check(str(tmp_path / "next.xlsm"), book=book) is False
    text = book.json()["actions"][0]["args"][0].splitlines()
    assert f"{len(broken)} cells: New year cannot carry it over" in text[0]
    assert [line.split(": ")[0].strip() for line in text[1:-2]] == broken
    assert "新年度" in text[-2]  # the same refusal in Chinese, its own line
