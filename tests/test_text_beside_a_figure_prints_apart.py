"""Trial 11d item 14 (issue 11's "neighbouring columns run together"): on the
printed Programmes sheet the Estimate, right-aligned, touched the policy area
beside it, whose indent "general" alignment ignores: "24.3" and "27: Intra-
Governmental Services" were 1.5 pt apart and read as "24.327: ...". Text beside a
figure is left-aligned with its indent. Printed by LibreOffice, each Estimate
stands at least 4 pt (about a character) clear of its area, on Head 135, a
generated Head and a published Head-year (given areas)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from estimates.money import round_half_up
from workbook import layout as L

from .generated_heads import three_heads
from .printed_pages import sheet_pdfs

pytestmark = pytest.mark.engine
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<'
)


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(left, top, right, text) of each printed word, in reading order."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return [(float(a), float(b), float(c), w) for a, b, c, w in _WORD.findall(out)]


def _gaps(pdf: Path, figure: str, area: str) -> list[float]:
    """The space between ``figure`` and the ``area`` word printed to its right on
    the same line."""
    words = _words(pdf)
    gaps = []
    for left, top, right, text in words:
        if text == figure:
            after = [
                w[0] - right
                for w in words
                if w[3] == area and abs(w[1] - top) < 2 and w[0] > left
            ]
            gaps += [min(after)] if after else []
    return gaps


def test_each_estimate_prints_apart_from_its_policy_area(libreoffice, tmp_path):
    heads = three_heads(tmp_path, 5, 4)
    real = heads["real"]
    programmes = [
        replace(p, policy_area=f"{40 + i}: Area {i}")
        for i, p in enumerate(real.programmes)
    ]
    heads["real"] = replace(real, programmes=programmes)
    pdfs = sheet_pdfs(heads, tmp_path, L.PROGRAMMES, libreoffice)
    gaps = []
    for (name, head), pdf in zip(heads.items(), pdfs, strict=True):
        for p in head.programmes:
            estimate = p.value("estimate")
            if estimate is None or not p.policy_area:
                continue
            figure = f"{round_half_up(estimate, 1):,}"
            found = _gaps(pdf, figure, p.policy_area.split()[0])
            assert found, (name, p.number, figure)
            gaps += [(name, p.number, round(g, 1)) for g in found]
    assert len(gaps) >= 6
    assert [g for g in gaps if g[2] < 4] == []
