"""Trial 10b: the ribbon's refusals (Import, New year, Export) were English inside
a bilingual frame. Now each box says the refusal in Chinese too, naming the same
place (file, folder, line or cell) and the reason: the raiser's own Chinese, or
for a source file's line the reason read from its English. Cases a careless
clerk meets, on Head 135, a real Head-year and a generated Head, through the
same function the ribbon's guard uses; and one box on xlwings' remote engine."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from addin import macros
from addin.refusals import in_chinese
from estimates.source import SourceError
from workbook.io import load_book, snapshot_of
from workbook.populate import (
    export_file,
    import_plan,
    refuse_new_name,
    rollforward_file,
    source_head,
)
from workbook.refresh import build_file

from .generated_heads import source_folder

CJK = re.compile(r"[\u4e00-\u9fff]")
KINDS = ("sample", "real", "generated")


def _box(what: str, action) -> tuple[str, str]:
    """The message box the ribbon shows for ``action``'s refusal, and its
    Chinese line."""
    with pytest.raises((SourceError, ValueError)) as raised:
        action()
    zh = in_chinese(raised.value)
    return macros.refusal(what, str(raised.value), zh), zh


NAMES = re.compile(
    r"'[^']*'|\"[^\"]*\"|\S*[/\\]\S*|[\w.-]*\.[A-Za-z]{2,5}\b|"
    r"[A-Za-z0-9]+![A-Z]+\d*|--\w+"
)
"""What a Chinese line quotes as it is: a value, a path, a file, a cell, an option."""
WORDS = re.compile(r"\b[A-Za-z]{3,}\b")
KEPT = {"CSV", "Excel"}


def english_in(zh: str, place: object) -> list[str]:
    """The English words of a Chinese line (trial 10d: "預算年度應為 a year such as
    2025-26"), the place it names and what it quotes left out."""
    text = NAMES.sub(" ", zh.replace(str(place), " "))
    return [w for w in WORDS.findall(text) if w not in KEPT]


def _says(box_zh: tuple[str, str], place: object) -> None:
    box, zh = box_zh
    assert zh in box.splitlines()  # its own line, above "Nothing was changed"
    assert CJK.search(zh) and str(place) in zh, zh
    assert "原因見" not in zh, zh  # a reason, not a pointer to the English
    assert english_in(zh, place) == [], zh  # wholly Chinese


def _book(kind: str, tmp_path: Path) -> Path:
    book = tmp_path / f"預算 {kind}.xlsx"
    build_file(source_folder(kind, tmp_path / kind, "2009-48", 3), book)
    return book


def _import(book: Path, paths: list[Path]) -> None:
    snap = snapshot_of(load_book(book), str(book))
    head, tables, _ = source_head(paths, snap)
    import_plan(snap, head, tables, "clerk")


@pytest.mark.parametrize("kind", KINDS)
def test_export_refusals_in_both_languages(kind, tmp_path):
    book = _book(kind, tmp_path)
    mixed = tmp_path / "我的 文件"
    mixed.mkdir()
    (mixed / "memo.docx").write_bytes(b"memo")
    _says(_box("Export", lambda: export_file(book, mixed)), mixed)
    wb = load_book(book)
    wb["Programmes"]["G8"] = "12.3.4"  # a cell Export cannot carry
    wb.save(book)
    _says(_box("Export", lambda: export_file(book, tmp_path / "out")), "Programmes!G8")


@pytest.mark.parametrize("kind", KINDS)
def test_new_year_refusals_in_both_languages(kind, tmp_path):
    book = _book(kind, tmp_path)
    _says(_box("New year", lambda: refuse_new_name(book, book)), book)
    wrong = book.with_suffix(".xlsm")
    _says(_box("New year", lambda: refuse_new_name(book, wrong)), wrong)
    rolled = tmp_path / "rolled.xlsx"
    rollforward_file(book, rolled)
    again = tmp_path / "again.xlsx"
    _says(_box("New year", lambda: rollforward_file(rolled, again)), "Programmes!")
    _says(_box("New year", lambda: rollforward_file(book, again, "2099")), "2099")
    for year in (None, "2025/26"):  # trial 10d: "預算年度應為 a year such as 2025-26"
        wb = load_book(book)
        wb["Head"]["C8"] = year
        wb.save(book)
        _says(_box("New year", lambda: rollforward_file(book, again)), "Head!C8")
    _says(_box("Export", lambda: export_file(book, tmp_path / "x")), "Head!C8")


@pytest.mark.parametrize("kind", KINDS)
def test_import_refusals_in_both_languages(kind, sample_book, tmp_path):
    folder = source_folder(kind, tmp_path / kind, "2009-48", 3)
    if kind != "sample":  # another Head's folder into Head 135's book
        _says(_box("Import", lambda: _import(sample_book, [folder])), folder)
    missing = tmp_path / "nope.csv"
    _says(_box("Import", lambda: _import(sample_book, [missing])), missing)
    long = tmp_path / "long rows"
    shutil.copytree(folder, long)
    path = long / "subheads.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] += ",1,75,587"  # an unquoted figure with commas: a long row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _says(_box("Import", lambda: _import(sample_book, [long])), "line 2")


@pytest.mark.engine
def test_the_ribbons_new_year_box_is_bilingual(sample_xlsm, libreoffice, tmp_path):
    from .hosts import remote_book
    from .remote_actions import apply_actions

    taken = tmp_path / "taken.xlsm"
    taken.write_bytes(b"")
    book = remote_book(sample_xlsm, libreoffice, tmp_path)
    assert macros.new_year_check(str(taken), book=book) is False
    (box,) = [a["args"][0] for a in apply_actions(load_book(sample_xlsm),
                                                  book.json()["actions"])]  # fmt: skip
    assert f"{taken}: already exists; give a new name" in box
    assert f"{taken}: 已存在;請另定名稱。" in box.splitlines()
