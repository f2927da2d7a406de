"""Findings: what a rule found, where, and what it expected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .model import Ref


class Severity(StrEnum):
    """How bad a finding is. ``error`` makes the CLI exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Rule:
    """A rule's stable identity. Ids are never renumbered or reused."""

    id: str
    severity: Severity
    title_en: str
    title_zh: str


@dataclass(frozen=True)
class Finding:
    """One inconsistency, with both languages' messages.

    ``ref`` is where the finding sits; ``compared`` holds the other places it
    compares (the subhead total a programme total disagrees with, a report figure's
    source): every one of ``cells`` is marked, so a clerk sees both sides.
    ``used`` lists the inputs behind the expected value."""

    rule: str
    severity: Severity
    ref: Ref | None
    message_en: str
    message_zh: str
    expected: str = ""
    found: str = ""
    used: tuple[Ref, ...] = ()
    compared: tuple[Ref, ...] = ()

    @property
    def cells(self) -> tuple[Ref, ...]:
        """Every cell the finding compares: its own first, then the others."""
        own = (self.ref,) if self.ref else ()
        return own + tuple(c for c in self.compared if c != self.ref)

    @property
    def sheet(self) -> str:
        return self.ref.sheet if self.ref else ""

    @property
    def cell(self) -> str:
        return self.ref.cell if self.ref else ""

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message_en,
            "message_zh": self.message_zh,
            "expected": self.expected,
            "found": self.found,
            "cells": [str(c) for c in self.cells],
        }


def sort_key(finding: Finding) -> tuple:
    """Worst first, then by rule, sheet and cell in row order (D8 before D10)."""
    return (
        finding.severity.rank,
        finding.rule,
        finding.sheet,
        _cell_order(finding.cell),
    )


def _cell_order(cell: str) -> tuple:
    match = _CELL.fullmatch(cell or "")
    if match is None:
        return (0, 0, "", cell or "")
    column, row = match.groups()
    return (int(row), len(column), column, "")


_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts
