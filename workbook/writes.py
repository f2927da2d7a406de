"""The changes a refresh asks a host to make, host-neutral: a cell written, a
cell flagged, a flag taken back. Each adapter applies them its own way."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from . import layout as L


@dataclass(frozen=True, slots=True)
class Write:
    """Put ``value`` (a ``Formula`` or a constant) in a cell, with a named style.

    ``force``: write it even where a values-only host shows a value that agrees
    (the formula there is not known to be this one). ``blank_ok``: the formula
    shows nothing (the core's figure is nil), so a values-only host showing an
    empty cell there is taken to show this formula. ``shows``: the text the
    formula shows, where that is known without calculating (a link's name): a
    values-only host showing it has this formula, forced or not."""

    sheet: str
    row: int
    col: int
    value: object
    style: str | None = None
    force: bool = False
    blank_ok: bool = False
    shows: str | None = None  # what the formula shows, where that is known


@dataclass(frozen=True)
class FlagMark:
    """Fill a cell by severity and give it a note."""

    sheet: str
    cell: str
    severity: str
    note: str


@dataclass(frozen=True)
class Unflag:
    """Put back what a cell had before the last refresh flagged it."""

    sheet: str
    cell: str
    prior_fill: str
    prior_note: str
    prior_author: str


@dataclass(frozen=True)
class ChartSeries:
    """Point the series of the Charts sheet's chart at ``index`` (0-based, in
    sheet order) at ``values``, labelled by ``categories`` (Charts ranges)."""

    index: int
    values: str
    categories: str


@dataclass
class Plan:
    """Everything one job changes in a book, and nothing else.

    ``writes`` and ``clears`` are cells; ``sheets`` are sheets to add if missing
    (ours, made hidden when ``layout.HIDDEN_SHEETS`` says so)."""

    unflags: list[Unflag] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    clears: list[tuple[str, int, int]] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    hidden_columns: dict[str, list[int]] = field(default_factory=dict)
    tables: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    charts: list[ChartSeries] = field(default_factory=list)
    flags: list[FlagMark] = field(default_factory=list)
    # the whole content of each sheet the job rebuilds (Report, Narrative,
    # Checks), for laying it out; the cells to change are in writes and clears
    regenerated: dict[str, list[Write]] = field(default_factory=dict)
    # the errors the Checks sheet lists after this job (None: Checks untouched),
    # for the DRAFT mark in the printed sheets' page headers (workbook.draft)
    errors: int | None = None
    to_key: int = 0  # and the figures still to key it lists (F01)
    restored: int = 0  # Revert: the cells it puts back (what the clerk is told)


FLAG_COLUMNS = ("sheet", "cell", "prior_fill", "prior_note", "prior_author")
NOTE_KEPT = "[a note this host could not read, left as it was]"
"""A flag record's prior note where the cell had a note whose text the host
could not read (xlwings' remote engine): the flag left that note alone, and
taking the flag back leaves it too."""
REVERT_COLUMNS = (  # rule: C02 if typed; then that finding, said again until
    "sheet", "cell", "kind", "value", "rule",  # the next change replaces the record
    "expected", "message_en", "message_zh",
)  # fmt: skip


def rebuild_sheet(
    plan: Plan, old: dict, sheet: str, writes: list[Write], blanks: bool = False
) -> None:
    """A sheet wholly ours (Checks, _Revert) rebuilt: every write made, every
    other cell it had cleared. ``old`` is the sheet's cells as read (or None when
    the book has no such sheet: it is added). ``blanks``: cells that show ""
    are cleared too (a values-only host: a formula there may show "")."""
    if old is None:
        plan.sheets.append(sheet)
        old = {}
    if sheet != L.REVERT:
        plan.regenerated[sheet] = writes
    written = {(w.row, w.col) for w in writes}
    plan.writes += [
        Write(w.sheet, w.row, w.col, w.value, w.style, True, shows=_link_name(w.value))
        for w in writes
    ]
    plan.clears += [
        (sheet, r, c)
        for (r, c), v in old.items()
        if (r, c) not in written and (v != "" or blanks)
    ]


_LINK = re.compile(r'=HYPERLINK\("(?:[^"]|"")*","((?:[^"]|"")*)"\)')


def _link_name(value: object) -> str | None:
    """The name a ``=HYPERLINK("target","name")`` formula shows."""
    match = _LINK.fullmatch(value) if isinstance(value, str) else None
    return match.group(1).replace('""', '"') if match else None


def fingerprint(value: object) -> str:
    """A short fingerprint of a cell's text (a whole number as the integer), for
    the records of what a refresh wrote."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{zlib.crc32(str(value).encode()):08x}"


def link_name(value: object) -> str | None:
    """The name a ``=HYPERLINK("target","name")`` formula shows."""
    return _link_name(value)
