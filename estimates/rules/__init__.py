"""Declarative rules over a Head and its computed results.

Each family module lists its rule ids in its docstring; ``catalogue.RULES`` holds
them all. ``run_rules`` collects every finding; no rule stops another.
"""

from __future__ import annotations

from ..findings import Finding, sort_key
from ..model import Head
from ..results import Results
from . import codes, entries, establishment, narrative, shown, totals, yearly


def run_rules(head: Head, results: Results) -> list[Finding]:
    """All findings for the Head, worst first."""
    findings: list[Finding] = []
    for family in (totals, shown, establishment, entries, codes, narrative, yearly):
        findings.extend(family.check(head, results))
    return sorted(findings, key=sort_key)
