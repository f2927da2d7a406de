"""Refresh, check, build and report: the headless jobs the CLI and the tests run.

Data flows one way: cells -> snapshot -> core model -> results and findings ->
plan -> cells.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from estimates.figures import programme_ids
from estimates.findings import Finding
from estimates.model import COLUMNS, Head
from estimates.results import Results
from estimates.source import load_source
from estimates.variance import VARIANCES

from . import host as service
from .build import new_template, populate
from .changelog import log_row
from .cycle import NEW_YEAR
from .draft import TO_KEY
from .host import Evaluation, current_user, evaluate
from .io import BookHost, load_book, refuse_in_use, save_book, write_cell
from .printing import set_up_pages
from .writes import Plan

__all__ = ["Evaluation", "evaluate", "refresh_file", "refresh_workbook"]


@dataclass
class Outcome:
    head: Head
    results: Results
    findings: list[Finding]
    plan: Plan | None = None
    refused: str = ""  # the book is of another template version: nothing written


def _outcome(done: service.Outcome) -> Outcome:
    ev = done.evaluation
    return Outcome(ev.reading.head, ev.results, ev.findings, done.plan, done.refused)


def refresh_workbook(wb: Workbook, source: str, record: bool = True) -> Outcome:
    """Refresh an open openpyxl workbook in memory."""
    return _outcome(service.refresh(BookHost(wb, source), current_user(), record))


@contextmanager
def _no_cycle_collection():
    """The cycle collector paused for one job: an open book is millions of small
    objects that it would walk again and again, for nothing (they live until the
    job ends); it runs once after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def refresh_file(path: Path, out: Path | None = None) -> Outcome:
    """What the ribbon's Refresh does, on a file: in place unless ``out`` is given.
    A book of another template version is left as it is (``refused``)."""
    path = Path(path)
    with _no_cycle_collection():
        wb = load_book(path, for_update=True)
        outcome = refresh_workbook(wb, str(path))
        if not outcome.refused:
            save_book(wb, Path(out) if out else path, original=path)
    return outcome


def revert_file(path: Path) -> int:
    """Put back what the last refresh overwrote; the number of cells restored.
    With nothing to put back the file is left as it was, byte for byte."""
    path = Path(path)
    refuse_in_use(path)  # even with nothing to put back: the clerk hears it now
    wb = load_book(path, for_update=True)
    restored = service.revert(BookHost(wb, str(path)), current_user())
    if restored:
        save_book(wb, path, original=path)
    return restored


def check_file(path: Path) -> Outcome:
    """Findings only; nothing is written."""
    with _no_cycle_collection():  # a 100,000-row table: 48 s -> 30 s CPU
        wb = load_book(Path(path))
        ev = evaluate(BookHost(wb, str(path)).snapshot(), checking=True)
    return Outcome(ev.reading.head, ev.results, ev.findings)


def build_workbook(head: Head) -> tuple[Workbook, Outcome]:
    """A new book, populated and refreshed; its Change log's first row says so
    (nothing to revert: a build overwrites no clerk's value)."""
    wb = new_template()
    populate(wb, head)
    source = f"{head.head} (new)"
    if head.rolled_from:  # exported mid-cycle: still a rolled-forward book (F01)
        _log(wb, source, NEW_YEAR + head.rolled_from, [], 0)
    outcome = refresh_workbook(wb, source, record=False)
    set_up_pages(wb)  # the template's pages; later refreshes leave them to the clerk
    written = len(outcome.plan.writes) if outcome.plan else 0
    _log(wb, source, "build", outcome.findings, written)
    return wb, outcome


def _log(wb: Workbook, source: str, action: str, findings: list, written: int):
    snap = BookHost(wb, source).snapshot()
    for w in log_row(snap, action, findings, written, current_user(), ""):
        write_cell(wb[w.sheet], w.row, w.col, w.value, w.style)


def build_file(data_dir: Path, out: Path) -> Outcome:
    """A new workbook from the template, populated from a source folder, refreshed."""
    head = load_source(Path(data_dir))
    with _no_cycle_collection():
        wb, outcome = build_workbook(head)
        save_book(wb, Path(out))
    return outcome


def _number(value: object) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value  # type: ignore[return-value]


def _float(value: Decimal | None) -> float | None:
    """One-decimal figures ($ million, %) as JSON numbers."""
    return None if value is None else float(value)


def _total_label(line, lines) -> str:
    """A total line's label, with its account where two accounts print the same
    one ("Total, Subventions" under each): one key each, none dropped."""
    twice = sum(t.label_en == line.label_en for t in lines) > 1
    return f"{line.label_en} ({line.account} Account)" if twice else line.label_en


def _to_key(amounts, waiting: set) -> list[str]:
    """The columns of a line's figures still to key (F01 at their cells)."""
    return [c for c, a in zip(COLUMNS, amounts, strict=True) if a.ref in waiting]


def _total_to_key(values, lines: list[list[str]]) -> list[str]:
    """The columns a total shows nothing in because a line's figure is to key."""
    return [c for c, v in zip(COLUMNS, values, strict=True)
            if v is None and any(c in line for line in lines)]  # fmt: skip


def report(outcome: Outcome) -> dict:
    """The computed figures as plain JSON-ready data (see README, 'report'): a
    figure still to key (F01) is null and named in its row's ``to_key``; a null
    not named there is a keyed nil (—)."""
    r, head = outcome.results, outcome.head
    waiting = {f.ref for f in outcome.findings if f.rule == TO_KEY}

    def row(values: dict, pcts: dict, to_key: list[str]) -> dict:
        out = {c: _float(values[c]) for c in COLUMNS}
        out.update({name: _float(pcts[name]) for name in VARIANCES})
        return out | {"to_key": to_key}

    programmes, keys = [], []
    for p, ident in zip(head.programmes, programme_ids(head.programmes), strict=True):
        item = {"programme": p.number, "title_en": p.title_en, "title_zh": p.title_zh}
        keys.append(_to_key(p.amounts, waiting))
        values = {c: p.value(c) for c in COLUMNS}
        item.update(row(values, r.programme_variances[ident], keys[-1]))
        programmes.append(item)
    total = r.programme_total
    total_keys = _total_to_key([total[c] for c in COLUMNS], keys)
    return {
        "head": head.head,
        "title_en": head.title_en,
        "estimate_year": head.estimate_year,
        "programmes": programmes,
        "programme_total": row(total, r.programme_total_variances, total_keys),
        "subhead_totals": _subhead_totals(outcome, waiting),
        "subhead_000_breakdown_total": _breakdown_total(outcome, waiting),
        "establishment": _establishment(outcome, waiting),
        "findings": [f.as_dict() for f in outcome.findings],
    }


def _subhead_totals(outcome: Outcome, waiting: set) -> dict:
    r, subheads = outcome.results, outcome.head.subheads
    out = {}
    for line in r.total_lines:
        lines = [_to_key(s.amounts, waiting) for s in subheads if line.covers(s)]
        values = dict(zip(COLUMNS, (_number(a) for a in line.amounts), strict=True))
        out[_total_label(line, r.total_lines)] = values | {
            "to_key": _total_to_key(line.amounts, lines)
        }
    return out


def _breakdown_total(outcome: Outcome, waiting: set) -> dict:
    total = outcome.results.breakdown_total
    lines = [_to_key(b.amounts, waiting) for b in outcome.head.breakdown]
    values = [total[c] for c in COLUMNS]
    return {c: _number(total[c]) for c in COLUMNS} | {
        "to_key": _total_to_key(values, lines)
    }


def _establishment(outcome: Outcome, waiting: set) -> dict:
    r, head = outcome.results, outcome.head
    est = head.establishment
    return {
        "posts_start": est.posts_start.value,
        "net_change": est.net_change.value,
        "posts_end": (
            None
            if est.posts_start.value is None or est.net_change.value is None
            else est.posts_start.value + est.net_change.value
        ),
        "directorate_start": est.directorate_start.value,
        "directorate_end": est.directorate_end.value,
        "ceiling": est.ceiling.value,
        "nams_non_directorate_end": _number(r.nams_end) if head.posts else None,
        "establishment_table_posts_start": r.posts_start_total,
        "establishment_table_posts_end": r.posts_end_total,
        "to_key": _counts_to_key(est, waiting),
    }


def _counts_to_key(est, waiting: set) -> list[str]:
    """The establishment counts still to key, and posts at end when made from one."""
    counts = ("posts_start", "net_change", "directorate_start", "directorate_end",
              "ceiling")  # fmt: skip
    out = [k for k in counts if getattr(est, k).ref in waiting]
    return out + (["posts_end"] if {"posts_start", "net_change"} & set(out) else [])
