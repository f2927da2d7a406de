"""A subhead code keyed as '885.0' (text), 885.5 or '-885' is D05 at its cell,
naming the code the clerk meant when there is one, and is kept as keyed (Export
refuses it naming the cell; New year carries it and flags it again); 885.0 typed
as a number is the code 885. A source folder or a published CSV file with such a
code names the file and line. Off the sample: a real Head-year and a generated
Head as well as Head 135; and on the ribbon's Check through xlwings' remote engine."""

import shutil
from pathlib import Path

import pytest

from addin import macros
from estimates.importer import import_files
from estimates.source import SAMPLE_HEAD_135, SourceError, load_source
from workbook.cli import run
from workbook.io import load_book
from workbook.layout import TABLES
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder

SPEC = TABLES["tblSubheads"]


def _book(kind: str, tmp_path: Path) -> Path:
    folder = source_folder(kind, tmp_path, real="2009-48", seed=17)
    book = tmp_path / f"{kind}.xlsx"
    build_file(folder, book)
    return book


def _key_last_code(book: Path, value) -> tuple[str, str]:
    """Key ``value`` (with {code} for the code there) over the last subhead's code."""
    wb = load_book(book)
    ws = wb[SPEC.sheet]
    row = max(r for r in range(SPEC.first_row, ws.max_row + 1)
              if ws.cell(r, SPEC.col("code")).value not in (None, ""))  # fmt: skip
    cell = ws.cell(row, SPEC.col("code"))
    code = str(cell.value)
    cell.value = value.format(code=code) if isinstance(value, str) else value
    wb.save(book)
    return code, f"{SPEC.sheet}!{cell.coordinate}"


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
@pytest.mark.parametrize(
    ("typed", "meant"), [("{code}.0", True), ("{code}.5", False), ("-{code}", False)]
)
def test_a_code_that_is_not_digits_is_d05_at_its_cell(kind, typed, meant, tmp_path,
                                                      capsys):  # fmt: skip
    book = _book(kind, tmp_path)
    code, cell = _key_last_code(book, typed)
    shown = typed.format(code=code)
    found = [f for f in check_file(book).findings if str(f.ref) == cell]
    assert [(f.rule, f.found) for f in found] == [("D05", repr(shown))]
    message = found[0].message_en
    assert message.startswith(
        f"Subhead code ({cell}): expected a subhead code such as 000 or 700, found"
    )
    assert (f"Key it as {code}." in message) is meant
    assert "分目編號" in found[0].message_zh

    capsys.readouterr()
    assert run(["export", str(book), "-o", str(tmp_path / "out")]) == 2
    assert f": {cell}: Export would lose" in capsys.readouterr().err
    rolled = tmp_path / "next.xlsx"
    assert run(["rollforward", str(book), "-o", str(rolled)]) == 1
    again = [f for f in check_file(rolled).findings if str(f.ref) == cell]
    assert [(f.rule, f.found) for f in again] == [("D05", repr(shown))]


@pytest.mark.parametrize("code", ["88B", "5001BX"])
def test_codes_that_do_not_read_as_numbers_are_codes(code, tmp_path):
    """Letters in a Subventions code (capital works heads' 5001BX) are codes,
    not numbers."""
    book = _book("sample", tmp_path)
    wb = load_book(book)  # the last line, 697, moved to Subventions
    row = max(r for r in range(SPEC.first_row, wb[SPEC.sheet].max_row + 1)
              if wb[SPEC.sheet].cell(r, SPEC.col("code")).value)  # fmt: skip
    wb[SPEC.sheet].cell(row, SPEC.col("section")).value = "Subventions"
    wb.save(book)
    _, cell = _key_last_code(book, code)
    assert not [f for f in check_file(book).findings if str(f.ref) == cell]


def test_a_code_typed_as_a_whole_number_is_the_code(tmp_path):
    book = _book("sample", tmp_path)
    code, cell = _key_last_code(book, 697.0)
    outcome = check_file(book)
    assert not [f for f in outcome.findings if str(f.ref) == cell]
    assert code == "697" and "697" in [s.code for s in outcome.head.subheads]


def test_a_source_folder_with_such_a_code_names_file_and_line(tmp_path):
    folder = tmp_path / "src"
    shutil.copytree(SAMPLE_HEAD_135, folder)
    path = folder / "subheads.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",700,", ",700.0,"),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(SourceError) as raised:
        load_source(folder)
    assert str(raised.value) == (
        f"{path}: line 3, column 'code': not a subhead code: '700.0' (a subhead"
        " code such as 000 or 700)"
    )


def test_a_published_file_with_such_a_code_names_its_line(tmp_path):
    path = tmp_path / "es.csv"
    path.write_text(
        "Head,Account,Section,Subhead,Subhead Name,Actual 2023-24,"
        "Original 2024-25,Revised 2024-25,Estimate 2025-26\n"
        "135,Operating,Recurrent,000,Operational expenses,1,2,3,4\n"
        "135,Operating,Non-Recurrent,700.0,General non-recurrent,1,2,3,4\n",
        encoding="utf-8",
    )
    imported = import_files([path], "135", "2025-26")
    assert [str(i) for i in imported.issues] == [
        f"{path}: line 3: not a subhead code: '700.0' (a subhead code such as 000"
        " or 700)"
    ]
    assert [row[2] for row in imported.subheads] == ["000"]


def test_the_ribbons_check_flags_it_on_the_remote_engine(sample_xlsm, libreoffice,
                                                         tmp_path):  # fmt: skip
    from .hosts import remote_book

    code, cell = _key_last_code(sample_xlsm, "{code}.0")
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    found = [f for f in macros.check(book) if str(f.ref) == cell]
    assert [(f.rule, f.found) for f in found] == [("D05", f"'{code}.0'")]
    assert f"Key it as {code}." in found[0].message_en
