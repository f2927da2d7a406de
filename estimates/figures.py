"""Every computed figure, declared once: its family, its kind and the rule that
compares a shown value with it, and how its key is made.

A figure's key is ``family:identity...:column``: the family says what it is,
the identity which row of a table it belongs to (a programme's number, a subhead
line's code, a deduction line apart from its subhead, a total line's label, a
rank), and the column which of the four years (or which percentage). Keys are
made here and nowhere else: the core computes a value for each, the workbook
layout places each in one cell, and the rules judge each by its family.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .model import COLUMNS, Post, Programme, Ref, Subhead
from .totals import TotalLine


class Kind(StrEnum):
    """What a figure measures, which fixes how it is compared and shown."""

    THOUSANDS = "thousands"  # an amount in $'000
    MILLIONS = "millions"  # an amount in $ million, one decimal
    PERCENT = "percent"  # a percentage change, one decimal
    COUNT = "count"  # posts
    DOLLARS = "dollars"  # HK$ (salaries, NAMS)
    TEXT = "text"


@dataclass(frozen=True)
class Family:
    """A kind of figure: every key of the family shares its kind and its rule."""

    name: str
    kind: Kind
    rule: str  # the rule a shown value that disagrees raises
    about: str


_K = Kind
FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family("programme_pct", _K.PERCENT, "P01", "a programme's % change"),
        Family("programme_total", _K.MILLIONS, "T02", "the programme total"),
        Family("programme_total_pct", _K.PERCENT, "P01", "the total's % change"),
        Family("report_programme", _K.MILLIONS, "R01", "a programme on the Report"),
        Family("report_programme_total", _K.MILLIONS, "T02", "Report programme total"),
        Family("report_programme_total_pct", _K.PERCENT, "P01", "its % change"),
        Family("report_provision", _K.MILLIONS, "R01", "a programme's provision block"),
        Family("report_provision_pct", _K.PERCENT, "P01", "its % change"),
        Family("head_estimate", _K.MILLIONS, "T04", "Head summary's Estimate"),
        Family("subhead_line", _K.THOUSANDS, "R01", "a subhead line on the Report"),
        Family("subhead_total", _K.THOUSANDS, "T01", "a total line of the Report"),
        Family("breakdown_total", _K.THOUSANDS, "T01", "the breakdown's total"),
        Family("breakdown_subhead000", _K.THOUSANDS, "R01", "subhead 000 beside it"),
        Family("breakdown_difference", _K.THOUSANDS, "R01", "their difference"),
        Family("posts_end", _K.COUNT, "S01", "posts at end"),
        Family("non_directorate_start", _K.COUNT, "R01", "non-directorate at start"),
        Family("non_directorate_end", _K.COUNT, "R01", "non-directorate at end"),
        Family("establishment_posts_start", _K.COUNT, "T01", "table's posts at start"),
        Family("establishment_posts_end", _K.COUNT, "T01", "table's posts at end"),
        Family("establishment_directorate_start", _K.COUNT, "T01", "directorate"),
        Family("establishment_directorate_end", _K.COUNT, "T01", "directorate"),
        Family("nams_end", _K.DOLLARS, "T01", "NAMS at end (Establishment)"),
        Family("head_nams_end", _K.DOLLARS, "R01", "NAMS at end (Head)"),
        Family("ceiling_headroom", _K.DOLLARS, "R01", "headroom under the ceiling"),
        Family("rank_mid_salary", _K.DOLLARS, "S05", "a rank's mid-point salary"),
        Family("rank_nams", _K.DOLLARS, "S05", "a rank's NAMS per post"),
        Family("rank_nams_end", _K.DOLLARS, "S05", "a rank's NAMS at end"),
    )
}


def key(family: str, *parts: str) -> str:
    """The key of one figure: ``key("subhead_line", "000", "estimate")``."""
    if family not in FAMILIES:
        raise KeyError(f"no figure family {family!r}")
    return ":".join((family, *parts))


def family_of(figure_key: str) -> Family:
    return FAMILIES[figure_key.split(":", 1)[0]]


def kind_of(figure_key: str) -> Kind:
    return family_of(figure_key).kind


def rule_of(figure_key: str) -> str:
    return family_of(figure_key).rule


def unique(names: Iterable[str]) -> list[str]:
    """Names made unique in order: a repeat gets ``#2``, ``#3`` ..."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out


def programme_ids(programmes: list[Programme]) -> list[str]:
    """Each programme's identity: its number (a repeated number is told apart)."""
    return unique(p.number or "?" for p in programmes)


def subhead_ids(subheads: list[Subhead]) -> list[str]:
    """Each line's identity: its code; a deduction line is ``CODE-deduct``."""
    return unique(
        f"{s.code or '?'}-deduct" if s.is_deduction else s.code or "?" for s in subheads
    )


def total_ids(lines: list[TotalLine]) -> list[str]:
    """Each total line's identity: its English label (told apart if repeated)."""
    return unique(t.label_en for t in lines)


def total_line_ids(lines: list[TotalLine]) -> dict[tuple[str, str], str]:
    """Each total line's identity by (account, section); an account's total has
    section "", Total Expenditure has both ""."""
    return {
        (t.account, t.section): ident
        for t, ident in zip(lines, total_ids(lines), strict=True)
    }


def rank_ids(posts: list[Post]) -> list[str]:
    """Each rank line's identity: its English rank (told apart if repeated)."""
    return unique(p.rank_en or "?" for p in posts)


def sources(head) -> dict[str, Ref | None]:
    """Where each repeated figure comes from: the input cell a Report line or
    the breakdown's subhead 000 repeats, by the figure's key."""
    out: dict[str, Ref | None] = {}
    for p, ident in zip(head.programmes, programme_ids(head.programmes), strict=True):
        for k, c in enumerate(COLUMNS):
            out[key("report_programme", ident, c)] = p.amounts[k].ref
            out[key("report_provision", ident, c)] = p.amounts[k].ref
    for s, ident in zip(head.subheads, subhead_ids(head.subheads), strict=True):
        for k, c in enumerate(COLUMNS):
            out[key("subhead_line", ident, c)] = s.amounts[k].ref
    line = next((s for s in head.subheads if s.code == "000"), None)
    if line is not None:
        for k, c in enumerate(COLUMNS):
            out[key("breakdown_subhead000", c)] = line.amounts[k].ref
    return out
