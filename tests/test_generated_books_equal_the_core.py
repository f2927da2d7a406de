"""The generated-book oracle (issue 9): Hypothesis draws Heads and a clerk's edits
on the built book; each book is built, edited through its cells, refreshed by the
CLI, then recalculated by LibreOffice (all books in a few ``soffice`` calls), and
every computed cell equals the core's figure for the edited data, computed from the
edited data alone. A constant typed over a computed cell is kept and flagged (C01).

Two sets: 50 books as built and 150 books a clerk edited (insert, delete, sort,
blank rows, append below, reclassify, formulas in input cells, constants over
computed cells), each drawn in differently seeded shards of 10 books, one test
each, so that the xdist workers share them.
"""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from workbook import cli

from .generated import Clerk, cases
from .oracle import SHEETS, figure_cells, mismatches

AS_BUILT = int(os.environ.get("ORACLE_AS_BUILT", "50"))
EDITED = int(os.environ.get("ORACLE_EDITED", "150"))
PER_SHARD = 10


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


def _generate(n: int, folder, strategy, shard: int) -> list[dict]:
    made: list[dict] = []

    @settings(
        max_examples=n,
        phases=[Phase.generate],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(9_000 + shard)
    @given(strategy)
    def draw(clerk):
        made.append(_make(clerk, folder / f"book{len(made):04d}.xlsx"))

    draw()
    return made


def _judge(made: list[dict], libreoffice) -> list:
    grids = libreoffice.values_many([m["path"] for m in made], SHEETS)
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


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(AS_BUILT // PER_SHARD))
def test_generated_books_as_built_equal_the_core(shard, libreoffice, tmp_path):
    strategy = cases(max_edits=0, constants=False)
    made = _generate(PER_SHARD, tmp_path, strategy, shard)
    assert len(made) == PER_SHARD
    _assert_none_wrong(_judge(made, libreoffice), len(made))


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(EDITED // PER_SHARD))
def test_generated_books_a_clerk_edited_equal_the_core(shard, libreoffice, tmp_path):
    made = _generate(PER_SHARD, tmp_path, cases(), 100 + shard)
    assert len(made) == PER_SHARD
    _assert_none_wrong(_judge(made, libreoffice), len(made))
