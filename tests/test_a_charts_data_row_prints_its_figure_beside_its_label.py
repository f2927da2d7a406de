"""Trial 11d item 15: in the Charts data block of a Head with eleven long
programme titles the "Others 其他" row was 58 pt tall (sized for the tenth
programme's title, which the slot shows only when there are ten or fewer), its
label at the top and its 174.3 at the bottom: they read as two rows. Now the
"Others" row is one line, and in any tall row (a long title, wrapped) the
figures sit at the top beside the label's first line.

Printed by LibreOffice, measured from the PDF's word positions (pdftotext -bbox):
Head 135, a generated Head and a real Head-year with long titles, and a Head of
eleven long titles."""

from __future__ import annotations

import html
import re
import subprocess
from decimal import Decimal

from workbook import layout as L
from workbook.chart_data import SLOTS

from .generated_heads import synthetic_head, three_heads
from .printed_pages import sheet_pdfs
from .test_every_sheet_prints_on_a4_at_70_percent import long_titles


def _figure(value) -> str:
    return f"{Decimal(value or 0):,.1f}"


def _rows(head) -> list[tuple[str, str]]:
    """(label start, figure) of each slot the data block prints."""
    many = len(head.programmes) > SLOTS
    shown = head.programmes[: SLOTS - 1] if many else head.programmes[:SLOTS]
    out = [(f"({p.number})", _figure(p.value("estimate"))) for p in shown]
    if many:
        rest = sum(p.value("estimate") or 0 for p in head.programmes[SLOTS - 1 :])
        out.append(("Others 其他", _figure(rest)))
    return out


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
)


def _words(pdf) -> list[tuple[float, float, str]]:
    """(x, y of its top, text) of every word on the PDF's first page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [(float(x), float(y), html.unescape(t)) for x, y, t in _WORD.findall(out)]


def _gap(words, label: str, figure: str) -> float:
    """Points between the top of the data block's label (its leftmost word) and
    the top of the nearest printed ``figure``."""
    first = label.split()[0]
    x, y, _ = min((w for w in words if w[2] == first), default=(0, 1e9, ""))
    return min((abs(w[1] - y) for w in words if w[2] == figure and w[0] > x),
               default=1e9)  # fmt: skip


def test_each_label_and_its_figure_print_on_one_line(libreoffice, tmp_path):
    heads = {name: long_titles(h) for name, h in three_heads(tmp_path, 2, 5).items()}
    heads["eleven"] = long_titles(synthetic_head(199, 11, 24, 90, seed=3))
    pdfs = sheet_pdfs(heads, tmp_path, L.CHARTS, libreoffice)
    apart = []
    for (name, head), pdf in zip(heads.items(), pdfs, strict=True):
        words = _words(pdf)
        for label, figure in _rows(head):
            gap = _gap(words, label, figure)
            if gap > 4:  # a line is 12 pt: one line apart or more
                apart.append((name, label, figure, round(gap, 1)))
    assert apart == []
    assert len(heads["eleven"].programmes) > SLOTS
