"""Trial 10f item 1: the ribbon's Import of a source folder dropped the folder's
Narrative sentences ([narrative]), its notes ([notes]) and its rolled-forward
mark (rolled_from: the Change log's "new year" row) without a word, while build
of the same folder keeps all three. Now Import puts each back (a sentence on its
key's row, a note in its cell, the mark as a Change log row) and its summary says
so; exporting the imported book gives the folder back. Head 135, a generated Head
and a real Head-year on the file host; the ribbon's Import on the remote engine."""

from __future__ import annotations

import tomllib
from pathlib import Path

from addin import macros
from workbook import layout as L
from workbook.build import new_template
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import cli_printed, import_on_file, macro_on_file


def _exported(book: Path, tmp: Path, name: str) -> Path:
    """A rolled-forward book with a clerk's sentence and a note, exported."""
    rolled = tmp / f"{name} rolled.xlsx"
    assert cli_printed("rollforward", book, "-o", rolled)[0] in (0, 1)
    wb = load_book(rolled)
    ws = wb[L.NARRATIVE]
    key = L.NARRATIVE_KEY_COLUMN
    row = next(r for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
               if ws.cell(r, key).value == "programme:1")  # fmt: skip
    ws.cell(row, L.NARRATIVE_CLERK_COLUMN).value = "Mainly due to more meetings."
    ws[f"E{ws.max_row + 3}"] = "Checked with the Treasury 已與庫務科核對"
    wb.save(rolled)
    folder = tmp / f"{name} 匯出"
    code, said = cli_printed("export", rolled, "-o", folder)
    assert code == 0, said
    return folder


def _toml(folder: Path) -> dict:
    return tomllib.loads((folder / "head.toml").read_text(encoding="utf-8"))


def _blank(path: Path) -> Path:
    save_book(new_template(), path)
    return path


def _same(first: Path, again: Path, name: str) -> None:
    old, new = _toml(first), _toml(again)
    assert new.get("narrative") == old["narrative"], name
    assert new.get("notes") == old["notes"], name
    assert new.get("rolled_from") == old["rolled_from"], name


def test_import_of_a_folder_keeps_its_sentences_notes_and_mark(tmp_path):
    for name, _, book in built_books(tmp_path, "cli", seed=23, real_at=5):
        folder = _exported(book, tmp_path, name)
        assert _toml(folder)["narrative"] and _toml(folder)["notes"]
        target = _blank(tmp_path / f"{name} blank.xlsm")
        done, _ = import_on_file(target, [folder])
        said = "\n".join(done.summary())
        assert "1 clerk's sentence(s)" in said and "1 note(s)" in said, said
        assert f"Rolled forward from {_toml(folder)['rolled_from']}" in said
        again = tmp_path / f"{name} again"
        assert cli_printed("export", target, "-o", again)[0] == 0
        _same(folder, again, name)


def test_the_ribbons_import_keeps_them_too(sample_book, libreoffice, tmp_path):
    folder = _exported(sample_book, tmp_path, "135")
    target = _blank(tmp_path / "blank.xlsm")
    done = macro_on_file(target, libreoffice, tmp_path / "v",
                         lambda b: macros.import_data([str(folder)], b))  # fmt: skip
    assert "1 clerk's sentence(s)" in "\n".join(done.summary())
    again = tmp_path / "again"
    assert cli_printed("export", target, "-o", again)[0] == 0
    _same(folder, again, "135 ribbon")
