"""What a careless user met at the command line in the second trial: an export
folder named like a workbook, a second export without --force, a revert with
nothing to put back, --head that is not a number, a missing or empty source folder,
a cut title that looked whole, an empty file, and help that did not explain."""

import hashlib
import os
import shutil

from estimates.source import SAMPLE_HEAD_135
from workbook.cli import _parser, report_table, run
from workbook.refresh import refresh_file, report


def _md5(path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def test_export_to_a_name_with_a_workbook_extension_is_refused(
    sample_book, tmp_path, capsys
):
    out = tmp_path / "exp.xlsx"
    assert run(["export", str(sample_book), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "writes a folder, not a .xlsx file" in err
    assert not out.exists()


def test_a_second_export_needs_force(sample_book, tmp_path, capsys):
    out = tmp_path / "src"
    assert run(["export", str(sample_book), "-o", str(out)]) == 0
    before = {p.name: _md5(p) for p in out.iterdir()}
    assert run(["export", str(sample_book), "-o", str(out)]) == 2
    assert "--force to write into it" in capsys.readouterr().err
    assert run(["export", str(sample_book), "-o", str(out), "--force"]) == 0
    assert {p.name: _md5(p) for p in out.iterdir()} == before


def test_revert_with_nothing_to_put_back_leaves_the_file_alone(
    sample_book, tmp_path, capsys
):
    book = tmp_path / "b.xlsx"
    shutil.copy(sample_book, book)
    os.utime(book, (1_000_000_000, 1_000_000_000))
    digest = _md5(book)
    assert run(["revert", str(book)]) == 0
    assert "nothing to put back" in capsys.readouterr().out
    assert (_md5(book), book.stat().st_mtime) == (digest, 1_000_000_000)


def test_head_that_is_not_a_number_names_the_option(tmp_path, capsys):
    csv = tmp_path / "a.csv"
    csv.write_text("x\n", encoding="utf-8")
    code = run(["import", str(csv), "--head", "abc", "--year", "2025-26",
                "-o", str(tmp_path / "o")])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "argument --head" in err and "'abc'" in err


def test_missing_and_empty_source_folders_are_told_apart(tmp_path, capsys):
    assert run(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "a.xlsx")]) == 2
    assert f"{tmp_path / 'nope'}: no such folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert run(["build", str(tmp_path / "empty"), "-o", str(tmp_path / "b.xlsx")]) == 2
    assert "it has no head.toml" in capsys.readouterr().err
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "b.xlsx").exists()


def test_a_long_title_prints_whole_on_wrapped_lines(tmp_path):
    """Was: a cut title ends in an ellipsis; trial 10g: a clerk could not tell
    programmes apart by their cut titles ("Corporate Liaison and ... Vi…")."""
    book = tmp_path / "b.xlsx"
    assert run(["build", str(SAMPLE_HEAD_135), "-o", str(book)]) == 0
    figures = report(refresh_file(book))
    title = figures["programmes"][0]["title_en"]
    assert len(title) > 40  # Head 135's programme (1) has a long title
    table = report_table(figures)
    at = next(i for i, t in enumerate(table) if t.startswith("(1) "))
    first, more = table[at][:44].rstrip(), table[at + 1]
    assert not first.endswith("…") and more.startswith("    ")
    assert f"{first} {more.strip()}" == f"(1) {title}"


def test_an_empty_file_is_called_empty(tmp_path, capsys):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert run(["check", str(empty)]) == 2
    assert "an empty file, 0 bytes" in capsys.readouterr().err


def test_rollforward_help_explains_year_and_actual():
    sub = _parser()._subparsers._group_actions[0].choices["rollforward"]
    text = " ".join(sub.format_help().split())
    assert "the year after the book's" in text
    assert "one Actual column" in text
