"""Run a clerk's case on both hosts, with LibreOffice calls batched across cases.

A case is a book (the Head 135 sample, built by the CLI) and a list of rounds:
each round is a clerk's edit through the cells, then a Refresh. The CLI host runs
``estimates refresh``; the remote host runs the ribbon's macro on xlwings' remote
engine, fed the values LibreOffice computed for the book (what Excel would send),
and applies the actions it returns to the file. After the last round LibreOffice
recalculates the refreshed books of the cases registered with ``values=True``, so
a test reads the values the clerk would see (the others' values are not computed:
a case's test that reads them fails, naming the case).

Cases register at import (``@case``); the session fixture ``host_outcomes`` runs
all registered cases at once, so LibreOffice starts a few times, not per test.
"""

from __future__ import annotations

import io
import json
import shutil
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from estimates.source import SAMPLE_HEAD_135
from workbook import cli

from .libreoffice import Grid, LibreOffice, once
from .oracle import SHEETS

HOSTS = ("cli", "remote")

Edit = Callable[[object], None]


@dataclass
class Case:
    name: str
    rounds: list[Edit]
    suffix: str = ".xlsx"
    values: bool = False  # LibreOffice's values of the refreshed books wanted


@dataclass
class Outcome:
    """What one host did with one case."""

    host: str
    case: str = ""
    book: Path | None = None
    before: Path | None = None  # the book as edited, before the last Refresh
    findings: list[dict] = field(default_factory=list)  # of the last refresh
    exit_code: int | None = None
    actions: list[list[dict]] = field(default_factory=list)  # remote, per round
    grids: dict[str, Grid] | None = None  # for a case registered with values=True
    error: str = ""

    @property
    def values(self) -> dict[str, Grid]:
        """LibreOffice's values of the refreshed book, sheet by sheet."""
        assert self.grids is not None, (
            f"case {self.case!r} was registered without values=True: its books'"
            " values were not computed"
        )
        return self.grids

    def check(self) -> Outcome:
        assert not self.error, f"{self.host} failed:\n{self.error}"
        return self

    def at(self, rule: str, sheet: str | None = None, cell: str | None = None):
        return [
            f
            for f in self.findings
            if f["rule"] == rule
            and (sheet is None or f["sheet"] == sheet)
            and (cell is None or f["cell"] == cell)
        ]


CASES: dict[str, Case] = {}


def case(name: str, *rounds: Edit, suffix: str = ".xlsx", values=False) -> None:
    """Register a case: the sample book, then per round an edit and a Refresh;
    ``values``: its tests read the refreshed books' values (``Outcome.values``)."""
    assert name not in CASES, name
    CASES[name] = Case(name, list(rounds), suffix, values)


case("unedited", lambda wb: None)  # the baseline several cases compare with


def _edit(path: Path, edit: Edit) -> None:
    from workbook.io import load_book

    wb = load_book(path)
    edit(wb)
    wb.save(path)


def _edit_both(edit: Edit, books: list[tuple[Path, Outcome]], first: bool) -> None:
    """The round's edit on each host's book. In the first round both books are
    the same copy of the sample, so the edit is made once and its result copied:
    each host starts from the book a separate edit would leave (an edit is a
    function of the book alone), but for the time saved in its properties."""
    (path, out), *others = books
    _guarded(out, lambda: _edit(path, edit))
    for other, other_out in others:
        if not first:
            _guarded(other_out, lambda p=other: _edit(p, edit))
        elif out.error:
            other_out.error = out.error
        else:
            _guarded(other_out, lambda p=other: shutil.copy(path, p))


def _cli_refresh(path: Path, out: Outcome) -> None:
    text = io.StringIO()
    out.exit_code = cli.run(["refresh", str(path)], out=text)
    listing = io.StringIO()
    cli.run(["check", str(path), "--json"], out=listing)
    out.findings = json.loads(listing.getvalue())


def _remote_refresh(path: Path, values: Path, out: Outcome) -> None:
    import xlwings as xw

    from addin import macros
    from addin.remote import payload

    from .remote_actions import apply_actions

    formulas = load_workbook(path, keep_vba=path.suffix == ".xlsm", rich_text=False)
    book = xw.Book(
        json=payload(formulas, load_workbook(values, data_only=True), path.name)
    )
    found = macros.refresh(book) or []
    out.findings = [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "sheet": f.sheet,
            "cell": f.cell,
            "message": f.message_en,
        }
        for f in found
    ]
    actions = book.json()["actions"]
    out.actions.append(actions)
    wb = load_workbook(path, keep_vba=path.suffix == ".xlsm")
    apply_actions(wb, actions)
    wb.save(path)


def _guarded(out: Outcome, job: Callable[[], None]) -> None:
    if out.error:
        return
    try:
        job()
    except Exception:  # one case's failure is reported by its own test
        out.error = traceback.format_exc()


def run_cases(cases: list[Case], engine: LibreOffice, work: Path) -> dict:
    """(case name, host) -> Outcome, for every case on both hosts."""
    sample = work / "sample.xlsx"
    cli.run(["build", str(SAMPLE_HEAD_135), "-o", str(sample)], out=io.StringIO())
    outcomes, paths = {}, {}
    for c in cases:
        for host in HOSTS:
            path = work / host / f"{c.name}-{host}{c.suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(sample, path)
            outcomes[c.name, host] = Outcome(host, c.name, path)
            paths[c.name, host] = path
    for k in range(max(len(c.rounds) for c in cases)):
        live = [c for c in cases if k < len(c.rounds)]
        for c in live:
            _edit_both(
                c.rounds[k],
                [(paths[c.name, h], outcomes[c.name, h]) for h in HOSTS],
                first=k == 0,
            )
        for c in live:
            for host in HOSTS:
                path, out = paths[c.name, host], outcomes[c.name, host]
                out.before = path.with_name(f"before-{path.name}")
                _guarded(out, lambda p=path, o=out: shutil.copy(p, o.before))
        for c in live:
            out = outcomes[c.name, "cli"]
            _guarded(out, lambda c=c, out=out: _cli_refresh(paths[c.name, "cli"], out))
        remote = [c for c in live if not outcomes[c.name, "remote"].error]
        books = [paths[c.name, "remote"] for c in remote]
        seen = engine.recalculate_many(books, work / f"payload{k}") if books else []
        for c, values in zip(remote, seen, strict=True):
            out = outcomes[c.name, "remote"]
            _guarded(
                out,
                lambda c=c, v=values, out=out: _remote_refresh(
                    paths[c.name, "remote"], v, out
                ),
            )
    wanted = {c.name for c in cases if c.values}
    done = [k for k, out in outcomes.items() if not out.error and k[0] in wanted]
    grids = engine.values_many([paths[k] for k in done], SHEETS)
    for key, grid in zip(done, grids, strict=True):
        outcomes[key].grids = grid
    return outcomes


def all_outcomes(tmp_path_factory, libreoffice) -> dict:
    """Every registered case on both hosts (conftest's ``host_outcomes``)."""

    def make():
        work = tmp_path_factory.mktemp("hosts")
        return run_cases(list(CASES.values()), libreoffice, work)

    return once(tmp_path_factory, "host_outcomes", make)


def outcome(host_outcomes: dict, name: str, host: str) -> Outcome:
    return host_outcomes[name, host].check()
