"""The subhead table's total lines, in COR order (DOMAIN.md section 1.6)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .model import COLUMNS, SECTIONS, Subhead
from .money import sum_amounts

SECTION_TOTAL_LABELS: dict[str, tuple[str, str]] = {
    "Recurrent": ("Total, Recurrent", "經常開支總額"),
    "Non-Recurrent": ("Total, Non-Recurrent", "非經常開支總額"),
    "Plant, Equipment and Works": (
        "Total, Plant, Equipment and Works",
        "機器、設備及工程開支總額",
    ),
    "Subventions": ("Total, Subventions", "資助金總額"),
}
SECTION_HEADINGS: dict[str, tuple[str, str]] = {
    "Recurrent": ("Recurrent", "經常開支"),
    "Non-Recurrent": ("Non-Recurrent", "非經常開支"),
    "Plant, Equipment and Works": ("Plant, Equipment and Works", "機器、設備及工程"),
    "Subventions": ("Subventions", "資助金"),
}
ACCOUNT_HEADINGS: dict[str, tuple[str, str]] = {
    "Operating": ("Operating Account", "經營帳目"),
    "Capital": ("Capital Account", "非經營帳目"),
}
ACCOUNT_TOTAL_LABELS: dict[str, tuple[str, str]] = {
    "Operating": ("Total, Operating Account", "經營帳目總額"),
    "Capital": ("Total, Capital Account", "非經營帳目總額"),
}
TOTAL_EXPENDITURE = ("Total Expenditure", "開支總額")
UNKNOWN_SECTION = ("Section not recognised (see Checks)", "類別無法辨認(見檢查結果)")
UNKNOWN_ACCOUNT = ("Account not recognised (see Checks)", "帳目無法辨認(見檢查結果)")
"""What the COR shows for a section or account that is not a known value (D13
names the cell): never a heading or total spelt as the mistyped value."""


def row_word(name: str) -> str:
    """An account or section as a row key spells it: a known one as itself, an
    unknown one as ``unknown-`` and a digest, so no cell repeats the typo."""
    if name in SECTION_HEADINGS or name in ACCOUNT_HEADINGS:
        return name
    return "unknown-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def section_heading(section: str) -> tuple[str, str]:
    return SECTION_HEADINGS.get(section, UNKNOWN_SECTION)


def account_heading(account: str) -> tuple[str, str]:
    return ACCOUNT_HEADINGS.get(account, UNKNOWN_ACCOUNT)


@dataclass(frozen=True)
class TotalLine:
    """A computed total line: its COR labels, what it adds up, and its amounts.

    ``parts`` are subhead codes for a section total, section total labels for an
    account total, and account total labels for Total Expenditure.
    """

    label_en: str
    label_zh: str
    level: str  # "section", "account" or "head"
    account: str
    section: str
    parts: tuple[str, ...]
    amounts: tuple[int | None, ...]

    def covers(self, subhead: Subhead) -> bool:
        """Whether ``subhead`` is added into this total (as ``total_lines`` adds)."""
        if self.level == "head":
            return True
        same = subhead.account == self.account
        return same and (self.level == "account" or subhead.section == self.section)


@dataclass(frozen=True)
class SectionBlock:
    """A section of the subhead table: its lines, then its total line."""

    account: str
    section: str
    lines: tuple[Subhead, ...]
    total: TotalLine


def section_order(subheads: list[Subhead]) -> list[tuple[str, str]]:
    """(account, section) pairs present, known ones in COR order, others after."""
    present = list(dict.fromkeys((s.account, s.section) for s in subheads))
    known = [(a, s) for a, secs in SECTIONS.items() for s in secs if (a, s) in present]
    return known + [p for p in present if p not in known]


def account_order(subheads: list[Subhead]) -> list[str]:
    """Accounts present, Operating before Capital."""
    return list(dict.fromkeys(a for a, _ in section_order(subheads)))


def section_total_label(section: str) -> tuple[str, str]:
    en, zh = UNKNOWN_SECTION
    return SECTION_TOTAL_LABELS.get(section, (f"Total, {en}", f"{zh}總額"))


def account_total_label(account: str) -> tuple[str, str]:
    en, zh = UNKNOWN_ACCOUNT
    return ACCOUNT_TOTAL_LABELS.get(account, (f"Total, {en}", f"{zh}總額"))


def _column_sums(rows: list[tuple[int | None, ...]]) -> tuple[int | None, ...]:
    return tuple(sum_amounts([r[i] for r in rows]) for i in range(len(COLUMNS)))


def subhead_blocks(subheads: list[Subhead]) -> list[SectionBlock]:
    """The subhead table's sections in COR order, each with its total line."""
    blocks = []
    for account, section in section_order(subheads):
        lines = tuple(
            s for s in subheads if (s.account, s.section) == (account, section)
        )
        en, zh = section_total_label(section)
        sums = _column_sums([tuple(s.value(c) for c in COLUMNS) for s in lines])
        total = TotalLine(
            en, zh, "section", account, section, tuple(s.code for s in lines), sums
        )
        blocks.append(SectionBlock(account, section, lines, total))
    return blocks


def total_lines(subheads: list[Subhead]) -> list[TotalLine]:
    """Every total line the COR prints for these subheads, in print order."""
    blocks = subhead_blocks(subheads)
    result: list[TotalLine] = []
    account_totals: list[TotalLine] = []
    for account in account_order(subheads):
        sections = [b.total for b in blocks if b.account == account]
        result.extend(sections)
        en, zh = account_total_label(account)
        sums = _column_sums([t.amounts for t in sections])
        line = TotalLine(
            en, zh, "account", account, "", tuple(t.label_en for t in sections), sums
        )
        result.append(line)
        account_totals.append(line)
    en, zh = TOTAL_EXPENDITURE
    sums = _column_sums([t.amounts for t in account_totals])
    result.append(
        TotalLine(
            en, zh, "head", "", "", tuple(t.label_en for t in account_totals), sums
        )
    )
    return result
