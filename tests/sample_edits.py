"""The Head 135 sample as the core sees it after a clerk's edit, computed with no
workbook: the independent side of every Why-case test of issue 9."""

from __future__ import annotations

from dataclasses import replace

from estimates.model import Head, Subhead, amounts
from estimates.results import Results, compute
from estimates.source import SAMPLE_HEAD_135, load_source


def sample() -> Head:
    return load_source(SAMPLE_HEAD_135)


def with_subheads(head: Head, subheads: list[Subhead]) -> Head:
    edited = replace(head)
    edited.subheads = subheads
    return edited


def reclassified(head: Head, code: str, section: str) -> Head:
    return with_subheads(
        head,
        [replace(s, section=section) if s.code == code else s for s in head.subheads],
    )


def appended(head: Head, line: Subhead) -> Head:
    return with_subheads(head, [*head.subheads, line])


def deleted(head: Head, code: str) -> Head:
    return with_subheads(head, [s for s in head.subheads if s.code != code])


def line(account, section, code, title, values) -> Subhead:
    return Subhead(account, section, code, title, title, amounts(tuple(values)))


def report_totals(results: Results) -> dict[str, list[int]]:
    """Every total line the Report must print: English label -> four amounts."""
    return {t.label_en: [v or 0 for v in t.amounts] for t in results.total_lines}


def totals_of(head: Head) -> dict[str, list[int]]:
    return report_totals(compute(head))
