"""Parametrising a Why-case test of issue 9 over both hosts, with a strict xfail
on each host where today's code fails it (the implementers remove the reason)."""

from __future__ import annotations

import pytest

from .clerk_cases import HOSTS


def hosts(**reasons: str) -> list:
    """``cli``/``remote`` params; a host named with a reason is a strict xfail."""
    return [
        pytest.param(
            h, marks=pytest.mark.xfail(strict=True, reason=f"issue 9: {reasons[h]}")
        )
        if reasons.get(h)
        else h
        for h in HOSTS
    ]


def number(text: str) -> float:
    return float(text) if text not in ("", None) else 0.0
