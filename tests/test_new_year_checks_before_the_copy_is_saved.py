"""The ribbon's New year checks everything before Excel saves a copy of last year's
book: EstimatesRibbon.OnNewYear runs Python's new_year_check on last year's book
(the new name, the book, the files of actual expenditure) and saves and opens the
copy only when the check leaves its verdict file. A refused New year (a name typed
as .xlsx, an existing file, a book already rolled, a wrong actual file) says why
and writes nothing: no verdict, no copy, no action on last year's book. The VBA
is read back from the built template; the check runs on xlwings' remote engine
from the JSON of a real book (the desktop steps: tests/excel/CHECKLIST.md D17)."""

import csv
import re
from pathlib import Path

import pytest

from addin import macros
from estimates.source import SourceError
from workbook.cli import run
from workbook.populate import refuse_new_name

from .hosts import remote_book
from .test_built_vba_matches_excel_references import _python_call
from .test_data_ribbon_passes_paths import py_text
from .vba import modules_of


def _on_new_year(template_dir) -> str:
    code = modules_of(template_dir / "Estimates.xltm")["EstimatesRibbon"]
    start = code.index("Public Sub OnNewYear(")
    return code[start : code.index("End Sub", start)]


def test_the_ribbon_saves_the_copy_only_after_python_checked(template_dir):
    body = _on_new_year(template_dir)
    check = body.index('RunEstimates "new_year_check"')
    gate = body.index("If Not files.FileExists(verdict) Then Exit Sub")
    assert check < gate < body.index("SaveCopyAs") < body.index("Workbooks.Open")
    assert body.count("SaveCopyAs") == 1
    # the verdict is removed before the check, so an old one cannot pass it
    assert body.index("files.DeleteFile verdict") < check


def test_the_check_line_compiles_with_every_path(template_dir):
    code = modules_of(template_dir / "Estimates.xltm")["EstimatesRibbon"]
    units = ",".join(map(str, py_text(r"C:\預算\2026-27.xlsm")))
    args = f"target=[{units}], verdict=[{units}], actual_paths=[[{units}]]"
    line = _python_call(code, "new_year_check").replace("()", f"({args})")
    assert '"' not in line
    compile(line, "<RunPython>", "exec")
    assert f"estimates_macros.new_year_check({args})" in line
    # the copy runs New year with the same actual files, without the leading ", "
    assert re.search(r'NewYearHere", Mid\$\(args, 3\)', code)


@pytest.mark.parametrize(
    ("book", "new", "said"),
    [("a/Head135.xlsm", "a/Head135.xlsm", "must not replace last year's"),
     ("a/Head135.xlsm", "a/next.xlsx", "use the suffix of Head135.xlsm (.xlsm):"
      " name it next.xlsm"),
     ("a/Head135.xlsx", "a/next.xlsm", "name it next.xlsx")],
)  # fmt: skip
def test_a_wrong_new_name_is_refused(tmp_path, book, new, said):
    with pytest.raises(SourceError, match=re.escape(said)):
        refuse_new_name(tmp_path / book, tmp_path / new)
    refuse_new_name(tmp_path / "a/Head135.xlsm", tmp_path / "a/Head135 2026-27.xlsm")


def _wrong_actual(tmp_path: Path) -> Path:
    path = tmp_path / "actual 136.csv"
    with path.open("w", newline="") as f:
        csv.writer(f).writerows([["Head", "Subhead", "Actual 2024-25"],
                                 ["136", "000", "5"]])  # fmt: skip
    return path


def _cases(sample_xlsm: Path, tmp_path: Path) -> dict:
    rolled = tmp_path / "rolled.xlsm"
    assert run(["rollforward", str(sample_xlsm), "-o", str(rolled)]) == 0
    taken = tmp_path / "taken.xlsm"
    taken.write_bytes(b"a clerk's other book")
    fine = str(tmp_path / "next.xlsm")
    return {
        "typed as .xlsx": (sample_xlsm, str(tmp_path / "next.xlsx"), (),
                           "name it next.xlsm"),
        "an existing file": (sample_xlsm, str(taken), (), "already exists; give a"),
        "a book already rolled": (rolled, fine, (), "no Estimate is keyed"),
        "another Head's actual": (sample_xlsm, fine, (_wrong_actual(tmp_path),),
                                  "holds Head 136's actual expenditure"),
        "a folder as actual": (sample_xlsm, fine, (tmp_path,), "is a folder"),
    }  # fmt: skip


def test_a_refused_new_year_writes_nothing_on_the_remote_engine(
    sample_xlsm, libreoffice, tmp_path
):
    for case, (book_path, new, actual, said) in _cases(sample_xlsm, tmp_path).items():
        verdict = tmp_path / f"{case}.ok"
        book = remote_book(book_path, libreoffice, tmp_path / case)
        ready = macros.new_year_check(
            py_text(new), actual_paths=[py_text(str(p)) for p in actual],
            verdict=py_text(str(verdict)), book=book,
        )  # fmt: skip
        assert ready is False, case
        assert not verdict.exists(), case
        actions = book.json()["actions"]
        assert [a["func"] for a in actions] == ["alert"], case  # no cell written
        text = actions[0]["args"][0]
        assert said in text, (case, text)
        assert text.startswith("New year 新年度: "), (case, text)
        assert "未有作出任何更改" in text, (case, text)
    assert not (tmp_path / "next.xlsm").exists()
    assert (tmp_path / "taken.xlsm").read_bytes() == b"a clerk's other book"


def test_a_new_year_that_can_go_ahead_leaves_the_verdict_and_writes_nothing(
    sample_xlsm, libreoffice, tmp_path
):
    verdict = tmp_path / "go.ok"
    new = tmp_path / "Head135 2026-27.xlsm"
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.new_year_check(str(new), verdict=str(verdict), book=book) is True
    assert verdict.read_text(encoding="utf-8") == str(new)
    assert book.json()["actions"] == []  # last year's book untouched
    assert not new.exists()  # the ribbon's SaveCopyAs makes it, not the check
