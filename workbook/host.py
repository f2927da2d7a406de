"""The contract every host adapter keeps (openpyxl on a file, xlwings on an open
book in Excel or on its remote engine), and the one refresh service both use.

An adapter reads a ``Snapshot`` (values; formulas where the host can see them,
``formulas_known`` says so; merged ranges, protected sheets and hidden columns,
``shapes_known`` says whether the host could read them) and applies a ``Plan``.
Everything between, the version policy included, is host-neutral and here.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from typing import Protocol

from estimates.findings import Finding, sort_key
from estimates.results import Results, compute
from estimates.rules import run_rules

from .changelog import revert_plan
from .checks import check_plan
from .flags import clear_plan
from .generated import Generated, judge_stale_formulas, read_generated, rebuild
from .plan import make_plan
from .printed_typed import typed_findings
from .reader import Reading, read_book
from .snapshot import Snapshot
from .writes import Plan


class Host(Protocol):
    """What a host adapter provides."""

    @property
    def source(self) -> str: ...

    def snapshot(self) -> Snapshot:
        """Every sheet's cells, tables, names, merged ranges, protection and
        hidden columns, read in bulk."""
        ...

    def apply(self, plan: Plan, snap: Snapshot) -> None:
        """Make the plan's changes, and no others."""
        ...


@dataclass
class Evaluation:
    """A snapshot read, computed and judged."""

    reading: Reading
    results: Results
    findings: list[Finding]
    gen: Generated = field(default_factory=Generated)

    def __iter__(self):  # reading, results, findings = evaluate(snap)
        return iter((self.reading, self.results, self.findings))


def evaluate(snap: Snapshot, checking: bool = False) -> Evaluation:
    """Read, compute and judge a snapshot. ``checking``: for Check, which writes
    no formula, a total over fewer rows than its table is judged as it shows."""
    reading = read_book(snap)
    results = compute(reading.head)
    gen = read_generated(snap, reading, results.expected)
    if checking:
        judge_stale_formulas(snap, reading, gen)
    findings = reading.findings + rebuild(snap, reading, results, gen)
    findings += typed_findings(snap, gen)  # values typed on a COR sheet (C02)
    findings = sorted(findings + run_rules(reading.head, results), key=sort_key)
    return Evaluation(reading, results, findings, gen)


def version_refusal(findings: list[Finding]) -> str:
    """The V01 message when the book is of another template version: then a
    refresh writes nothing into it (both hosts)."""
    for f in findings:
        if f.rule == "V01":
            return f"{f.message_en}\n{f.message_zh}"
    return ""


@dataclass
class Outcome:
    evaluation: Evaluation
    plan: Plan | None = None
    refused: str = ""  # why nothing was written

    @property
    def findings(self) -> list[Finding]:
        return self.evaluation.findings


def refresh(host: Host, user: str = "", record: bool = True) -> Outcome:
    """What the ribbon's Refresh and ``estimates refresh`` do, on any host."""
    snap = host.snapshot()
    ev = evaluate(snap)
    refused = version_refusal(ev.findings)
    if refused:
        return Outcome(ev, None, refused)
    plan = make_plan(snap, ev.reading, ev.results, ev.findings, ev.gen, user,
                     record_changes=record)  # fmt: skip
    host.apply(plan, snap)
    return Outcome(ev, plan)


def check(host: Host) -> Outcome:
    """Findings on the Checks sheet and as flags; no computed cell written."""
    snap = host.snapshot()
    ev = evaluate(snap, checking=True)
    plan = check_plan(snap, ev.findings)
    host.apply(plan, snap)
    return Outcome(ev, plan)


def revert(host: Host, user: str = "") -> int:
    """Put back what the last refresh overwrote; the number of cells restored."""
    snap = host.snapshot()
    plan = revert_plan(
        snap, lambda after: evaluate(after).findings, user, source=host.source
    )
    host.apply(plan, snap)
    return plan.restored  # the cells put back, not the Checks sheet judged anew


def clear_flags(host: Host) -> None:
    snap = host.snapshot()
    host.apply(clear_plan(snap), snap)


def current_user() -> str:
    """The signed-in user's name for the change log, or "" if none is known."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
