"""Trial 10e item 4: posts at start keyed (Head!C12 = 2,345) with the net change
left blank raised no finding in this year's book, and New year gave a book with
posts at start blank and no word: the 2,345 posts were lost. Now the blank net
change is F01 at its cell in this year's book, and New year (CLI and ribbon)
refuses in one line naming the blank cell and the keyed one (it makes next
year's posts at start from both, as estimates.rollforward.CARRIED declares);
once the net change is keyed (0 for none) it carries the posts. On Head 135, a
generated Head and a real Head-year (English only, no establishment until the
clerk keys posts at start, as in the trial)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder

KINDS = ("sample", "real", "generated")
CELL = {f.attr: f"{f.sheet}!{f.cell}" for f in L.HEAD_INPUTS}
START, NET = CELL["establishment.posts_start"], CELL["establishment.net_change"]


def _set(book: Path, values: dict[str, object]) -> None:
    wb = load_book(book)
    for at, value in values.items():
        sheet, cell = at.split("!")
        wb[sheet][cell] = value
    wb.save(book)


def _careless(kind: str, tmp_path: Path) -> Path:
    """This year's book with 2,345 posts at start keyed and the net change blank."""
    book = tmp_path / "本年 careless.xlsx"
    build_file(source_folder(kind, tmp_path / "src", "2013-22", 41), book)
    _set(book, {START: 2345, NET: None})
    return book


def _rollforward(book: Path, out: Path) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run(["rollforward", str(book), "-o", str(out)])
    return code, err.getvalue().splitlines()


def _said(book: Path) -> str:
    return (
        f"{book}: {NET}: net change in posts in the year is blank, while posts at"
        f" 31 March before the year is 2,345 ({START}); New year makes next year's"
        " posts at 31 March before the year from both. Key the net change in posts"
        " in the year (0 for none), then try again."
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_net_change_is_flagged_and_new_year_refuses_naming_it(kind, tmp_path):
    book = _careless(kind, tmp_path)
    f01 = [f for f in check_file(book).findings if f.rule == "F01"]
    assert [str(f.ref) for f in f01 if str(f.ref) == NET] == [NET]
    at_net = next(f for f in f01 if str(f.ref) == NET)
    assert "2,345" in at_net.message_en and "2,345" in at_net.message_zh
    out = tmp_path / "下年 next.xlsx"
    assert _rollforward(book, out) == (2, [f"estimates rollforward: {_said(book)}"])
    assert not out.exists()
    _set(book, {NET: 0})
    assert NET not in {str(f.ref) for f in check_file(book).findings}
    code, _ = _rollforward(book, out)
    assert code in (0, 1)
    new = check_file(out).head.establishment
    assert new.posts_start.value == 2345  # carried: nothing keyed is lost


def test_the_ribbons_new_year_refuses_the_same(sample_xlsm, libreoffice, tmp_path):
    from addin import macros

    from .hosts import remote_book

    _set(sample_xlsm, {START: 2345, NET: None})
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    target = tmp_path / "next.xlsm"
    assert macros.new_year_check(str(target), book=book) is False
    text = book.json()["actions"][0]["args"][0].splitlines()
    assert text[0] == f"New year 新年度: {_said(Path(book.fullname))}"
    assert "職位淨變動" in text[1] or "年內職位淨變動" in text[1]
    assert not target.exists()
