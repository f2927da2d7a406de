"""The generated-book oracle (issue 9): Hypothesis draws Heads and a clerk's edits
on the built book; each book is built, edited through its cells, refreshed by the
CLI, then recalculated by LibreOffice (all books in a few ``soffice`` calls), and
every computed cell equals the core's figure for the edited data, computed from the
edited data alone. A constant typed over a computed cell is kept and flagged (C01).

Two sets: books as built (today's code must pass them) and books a clerk edited
(insert, delete, sort, blank rows, append below, reclassify, formulas in input
cells, constants over computed cells).
"""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from workbook import cli

from .engine.batch import BatchEngine
from .generated import Clerk, cases
from .oracle import SHEETS, figure_cells, mismatches

pytestmark = pytest.mark.engine

AS_BUILT = int(os.environ.get("ORACLE_AS_BUILT", "50"))
EDITED = int(os.environ.get("ORACLE_EDITED", "150"))


def _make(clerk: Clerk, path) -> dict:
    """Build, edit through the cells, refresh with the CLI; what the oracle needs."""
    from workbook.io import save_book
    from workbook.refresh import build_workbook

    wb, _ = build_workbook(clerk.head)
    clerk.edit_book(wb)
    save_book(wb, path)
    code = cli.run(["refresh", str(path)], out=io.StringIO())
    typed = {(e.sheet, e.cell): e.value for e in clerk.edits if e.kind == "constant"}
    places, findings = figure_cells(path)
    return {
        "clerk": clerk,
        "path": path,
        "exit": code,
        "typed": typed,
        "findings": findings,
        "places": places,
    }


def _generate(n: int, folder, strategy) -> list[dict]:
    made: list[dict] = []

    @settings(
        max_examples=n,
        phases=[Phase.generate],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(clerk):
        made.append(_make(clerk, folder / f"book{len(made):04d}.xlsx"))

    draw()
    return made


def _judge(made: list[dict], engine: BatchEngine, out) -> list:
    grids = engine.values_many([m["path"] for m in made], out, SHEETS)
    wrong = []
    for m, values in zip(made, grids, strict=True):
        clerk = m["clerk"]
        bad = mismatches(clerk.edited, m["places"], values, m["typed"])
        for sheet, cell in m["typed"]:
            if not [
                f
                for f in m["findings"]
                if (f["rule"], f["sheet"], f["cell"]) == ("C01", sheet, cell)
            ]:
                bad.append(("no C01", f"{sheet}!{cell}"))
        if bad or m["exit"] not in (0, 1):
            wrong.append((repr(clerk), m["path"].name, m["exit"], bad[:6]))
    return wrong


def _assert_none_wrong(wrong: list, books: int) -> None:
    """One line per wrong book: the Head and edits, the file, exit code, and its
    first disagreements (figure key, cell, the core's figure, the engine's)."""
    lines = [f"{len(wrong)} of {books} books disagree with the core:"]
    lines += [f"  {w[0]} {w[1]} exit {w[2]}: {w[3]}" for w in wrong]
    assert not wrong, "\n".join(lines)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, libreoffice) -> BatchEngine:
    return BatchEngine(libreoffice.soffice, tmp_path_factory.mktemp("oracle-lo"))


@pytest.mark.slow
def test_generated_books_as_built_equal_the_core(engine, tmp_path):
    made = _generate(AS_BUILT, tmp_path, cases(max_edits=0, constants=False))
    assert len(made) == AS_BUILT
    _assert_none_wrong(_judge(made, engine, tmp_path / "lo"), len(made))


@pytest.mark.slow
def test_generated_books_a_clerk_edited_equal_the_core(engine, tmp_path):
    made = _generate(EDITED, tmp_path, cases())
    assert len(made) == EDITED
    _assert_none_wrong(_judge(made, engine, tmp_path / "lo"), len(made))
