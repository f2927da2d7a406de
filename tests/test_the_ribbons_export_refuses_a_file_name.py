"""Trial 10g (smalls): the ribbon's Export… to a name typed as `out.csv` made a
folder named out.csv, while `estimates export BOOK -o out.csv` refuses it: the
two hosts disagreed. Now the ribbon refuses it as the CLI does, in both
languages, and writes nothing. Head 135 and a real Head-year, on xlwings' remote
engine, beside the CLI."""

from __future__ import annotations

import pytest

from addin import macros

from .generated_heads import built_books
from .hosts import cli_said, remote_book

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("name", ["out.csv", "data.xlsx"])
def test_the_ribbons_export_refuses_a_file_name(name, libreoffice, tmp_path):
    books = built_books(tmp_path, "remote", seed=89, real_at=17)
    for head_name, _head, book in (b for b in books if b[0] != "generated89"):
        target = tmp_path / f"{head_name} {name}"
        code, said = cli_said("export", book, "-o", target)
        assert code == 2 and "writes a folder" in said[0], said
        remote = remote_book(book, libreoffice, tmp_path / f"v {head_name}")
        macros.export_data(str(target), remote)
        [alert] = [a for a in remote.json()["actions"] if a["func"] == "alert"]
        text = alert["args"][0]
        assert f"{target}: Export writes a folder, not a" in text, text
        assert "「匯出」會建立資料夾" in text and "Nothing was changed" in text, text
        assert not target.exists(), head_name
