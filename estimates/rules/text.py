"""Formatting figures for findings' messages, by the kind of figure a key holds."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding
from ..model import Ref
from ..money import format_percent, round_half_up
from .catalogue import rule

PERCENT_KEYS = ("programme_pct", "programme_total_pct", "report_programme_total_pct")
MILLION_KEYS = ("programme_total", "report_programme", "report_programme_total")
COUNT_KEYS = ("posts_end", "non_directorate", "establishment_")
DOLLAR_KEYS = ("nams_end", "head_nams_end", "ceiling_headroom", "rank_")


def kind_of(key: str) -> str:
    family = key.split(":", 1)[0]
    if family in PERCENT_KEYS:
        return "percent"
    if family in MILLION_KEYS or family == "head_estimate":
        return "millions"
    if family.startswith(COUNT_KEYS):
        return "count"
    if family.startswith(DOLLAR_KEYS):
        return "dollars"
    return "thousands"


def show(value: object, kind: str) -> str:
    """A figure as a clerk reads it in a message."""
    if value is None:
        return "nil (—)" if kind != "percent" else "not a number"
    if isinstance(value, str):
        return repr(value)
    if not isinstance(value, int | Decimal):
        return repr(value)
    if kind == "percent":
        return format_percent(Decimal(value)) or "—"
    if kind == "millions":
        return f"${round_half_up(Decimal(value), 1):,}m"
    if kind == "thousands":
        return f"${value:,}'000"
    if kind == "dollars":
        whole = Decimal(value)
        return f"${whole:,.0f}" if whole == whole.to_integral() else f"${whole:,}"
    return f"{value:,}"


def finding(
    rule_id: str,
    ref: Ref | None,
    en: str,
    zh: str,
    expected: str = "",
    found: str = "",
    used: tuple[Ref, ...] = (),
    severity=None,
) -> Finding:
    """A finding with the rule's own severity unless one is given."""
    return Finding(
        rule=rule_id,
        severity=severity or rule(rule_id).severity,
        ref=ref,
        message_en=en,
        message_zh=zh,
        expected=expected,
        found=found,
        used=tuple(u for u in used if u is not None),
    )
