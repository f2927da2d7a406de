"""Trial 10d item 6: a Head-year whose Chinese titles are keyed for some lines and
blank for others has D06 errors (the book gives Chinese elsewhere), and Export
refused it: "Export would lose or change what it holds", though a blank title
loses nothing. A blank title, error or warning, is exported as blank and built
back blank; a blank required number is still refused (it would come back 0)."""

from __future__ import annotations

import dataclasses

from estimates.source import load_source, write_source
from workbook.cli import run
from workbook.populate import table_rows
from workbook.refresh import build_file, check_file

from .conftest import head_from_published, published_heads


def test_a_half_translated_head_year_exports_and_builds_back(tmp_path, capsys):
    real = published_heads()
    head = head_from_published(real[sorted(real)[len(real) // 3]])
    first = dataclasses.replace(head.programmes[0], title_zh="測試綱領")
    head.programmes[0] = first
    folder = tmp_path / "src"
    write_source(head, folder)
    book = tmp_path / "half.xlsx"
    build_file(folder, book)
    found = check_file(book).findings
    blank = [f for f in found if f.rule == "D06" and f.severity.value == "error"]
    assert blank, "a Chinese title left blank beside a keyed one is an error"
    assert run(["export", str(book), "-o", str(tmp_path / "out")]) == 0
    assert "Export would lose" not in capsys.readouterr().err
    again = tmp_path / "again.xlsx"
    build_file(tmp_path / "out", again)
    assert table_rows(check_file(again).head) == table_rows(check_file(book).head)
    assert load_source(tmp_path / "out").programmes[0].title_zh == "測試綱領"
