"""Issue 10 Left 2 (trial 10f items 9, 10): the Chinese half of several ribbon
refusals said only "未能處理:原因見英文說明" (see the English): New year given the
wrong year's actual file, Import of a file that is no Estimates CSV; an Import
of another Head's files named no file; New year given another Head's file of
another year complained about the year first. Now each refusal of Import and
New year over a wrong file says why in Chinese too, naming the file; a file of
another Head is said to be another Head's first. Head 135, a generated Head and
a real Head-year, as the ribbon's Import and New year read them (the refusal
comes before any host writes: the remote engine's message box is checked for
one case in test_the_ribbons_message_box_says_it_in_both_languages)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from addin import macros
from addin.refusals import in_chinese
from estimates.source import SourceError
from workbook.io import load_book, snapshot_of
from workbook.populate import actual_expenditure, source_head

from .generated_heads import built_books
from .hosts import remote_book
from .test_import_of_one_file_replaces_only_its_tables import published

FALLBACK = "原因見英文"
YEAR = "Subhead,Subhead Name,Actual expenditure 1999-00"
NONE = "Subhead,Subhead Name,Actual"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _import_cases(head, other, folder: Path) -> dict[str, list[Path]]:
    prog, subs = published(head, folder / "mine")
    theirs = published(other, folder / "theirs")
    heading = prog.read_text("utf-8").splitlines()[0]
    wrong = prog.read_text("utf-8").replace(heading, heading.replace(
        f"Estimate {head.year_labels()[3]}", "Estimate 1999-00"))  # fmt: skip
    loose = folder / "loose"
    loose.mkdir(exist_ok=True)
    shutil.copy(prog, loose / "prog.csv")
    return {
        "not an Estimates CSV": [_write(folder / "acc.csv", "Date,Amount\nx,5\n")],
        "another Head's files": list(theirs),
        "another year's heading": [_write(folder / "year.csv", wrong)],
        "two files of one table": [prog, shutil.copy(prog, folder / "p2.csv")],
        "a folder of CSV files": [loose],
        "a folder and a file": [loose, subs],
    }


def _actual_cases(head, other, folder: Path) -> dict[str, list[Path]]:
    code = head.subheads[0].code
    theirs = published(other, folder / "theirs")[1]
    return {
        "another year's Actual": [_write(folder / "a1.csv", f"{YEAR}\n{code},x,5\n")],
        "another Head's file": [theirs],
        "no Actual column": [_write(folder / "a2.csv", f"Subhead,Name\n{code},x\n")],
        "no line column": [_write(folder / "a3.csv", "Date,Amount\nx,5\n")],
        "no line of the book": [_write(folder / "a4.csv", f"{NONE}\n999Z,No,5\n")],
        "a folder": [folder / "theirs"],
    }


def _refusal(call) -> SourceError:
    with pytest.raises(SourceError) as caught:
        call()
    return caught.value


def test_import_and_new_year_refusals_say_why_in_chinese(tmp_path):
    books = list(built_books(tmp_path, "cli", seed=47, real_at=7))
    for i, (name, head, book) in enumerate(books):
        other = books[(i + 1) % len(books)][1]
        assert other.head != head.head
        snap = snapshot_of(load_book(book), str(book))
        folder = tmp_path / f"files {name}"
        folder.mkdir()
        cases = {
            **{f"Import: {k}": (lambda p=p, s=snap: source_head(p, s), p)
               for k, p in _import_cases(head, other, folder).items()},
            **{f"New year: {k}": (lambda p=p, s=snap: actual_expenditure(s, "", p), p)
               for k, p in _actual_cases(head, other, folder).items()},
        }  # fmt: skip
        for case, (call, paths) in cases.items():
            exc = _refusal(call)
            zh = in_chinese(exc)
            assert FALLBACK not in zh, (name, case, str(exc), zh)
            assert any(str(p) in zh for p in paths), (name, case, zh)
            assert any(str(p) in str(exc).splitlines()[0] for p in paths), (
                name, case, str(exc))  # fmt: skip
            if "another Head" in case:
                said = str(exc).split(":", 1)[1]
                assert f"Head {other.head}" in said, (name, case, str(exc))
                assert "year" not in said.split("Head")[0], (name, case, str(exc))


def test_the_ribbons_message_box_says_it_in_both_languages(libreoffice, tmp_path):
    book = next(built_books(tmp_path, "remote", seed=47, real_at=7))[2]
    wrong = _write(tmp_path / "acc.csv", "Date,Amount\nx,5\n")
    remote = remote_book(book, libreoffice, tmp_path / "v")
    macros.import_data([str(wrong)], remote)
    [alert] = [a for a in remote.json()["actions"] if a["func"] == "alert"]
    said = alert["args"][0]
    assert f"{wrong}: 不是預算 CSV 檔案" in said, said
    assert FALLBACK not in said, said
