"""Trial 10f item 3: a formula typed in the Narrative's clerk column
(D8 =B8&" mainly due to more meetings.") was exported to head.toml as its
formula text, and build put that text back as the sentence; Export named it
nowhere. Now Export writes the value the formula showed when the book was last
calculated (and names the cell under "Exported as their values"); with no value
known (a book never calculated) it leaves the sentence in the book only and
names it. Head 135, a generated Head and a real Head-year on the CLI; values
calculated by LibreOffice (as Excel stores them)."""

from __future__ import annotations

import contextlib
import io
import tomllib
from pathlib import Path

from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book

from .generated_heads import built_books

TAIL = ' mainly due to more meetings."'


def _typed(book: Path) -> tuple[str, str]:
    """programme:1's clerk cell keyed as a formula: (Narrative!Dn, formula)."""
    wb = load_book(book)
    ws = wb[L.NARRATIVE]
    key = L.NARRATIVE_KEY_COLUMN
    row = next(r for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
               if ws.cell(r, key).value == "programme:1")  # fmt: skip
    formula = f'=B{row}&"{TAIL}'
    ws.cell(row, L.NARRATIVE_CLERK_COLUMN).value = formula
    wb.save(book)
    return f"{L.NARRATIVE}!D{row}", formula


def cli_said(*argv) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = run([str(a) for a in argv])
    return code, out.getvalue()


def _narrative(folder: Path) -> dict:
    text = (folder / "head.toml").read_text(encoding="utf-8")
    return tomllib.loads(text).get("narrative", {})


def test_a_formula_sentence_exports_its_value_or_stays(libreoffice, tmp_path):
    for name, _, book in built_books(tmp_path, "cli", seed=41, real_at=7):
        cell, formula = _typed(book)
        bare = tmp_path / f"{name} bare"
        code, said = cli_said("export", book, "-o", bare)
        assert code == 0, said
        assert "programme:1" not in _narrative(bare), name  # no value known
        assert "Left in the book only" in said and cell in said, said
        calculated = libreoffice.recalculate(book, tmp_path / f"calc {name}")
        folder = tmp_path / f"{name} calc"
        code, said = cli_said("export", calculated, "-o", folder)
        assert code == 0, said
        sentence = _narrative(folder)["programme:1"]
        assert sentence.endswith(TAIL[:-1]) and not sentence.startswith("="), name
        assert f"{cell} {formula}" in said, said
        rebuilt = tmp_path / f"{name} rebuilt.xlsx"
        assert cli_said("build", folder, "-o", rebuilt)[0] in (0, 1)
        sheet, at = cell.split("!")
        assert load_book(rebuilt)[sheet][at].value == sentence, name
