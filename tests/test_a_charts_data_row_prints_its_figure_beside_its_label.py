"""Trial 11d item 15: in the Charts data block of a Head with eleven long
programme titles the "Others 其他" row was 58 pt tall (sized for the tenth
programme's title, which the slot shows only when there are ten or fewer), its
label at the top and its 174.3 at the bottom: they read as two rows. Now the
"Others" row is one line, and in any tall row (a long title, wrapped) the
figures sit at the top beside the label's first line. And the pie's labels of
small slices overlapped ("(1) 4% (2) 4% (3) 5%"): each slice now shows its
percentage alone, placed to fit, the legend naming every slice, and no two of
the pie's labels overlap.

Printed by LibreOffice, measured from the PDF's word positions (pdftotext -bbox):
Head 135, a generated Head and a real Head-year with long titles, and a Head of
eleven long titles."""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
from decimal import Decimal

from workbook import layout as L
from workbook.chart_data import SLOTS
from workbook.io import load_book

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
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
    r"([^<]*)</word>"
)
_PIE_LABEL = re.compile(r"\(\d+\)|Others|其他|\d+%")


def _boxes(pdf) -> list[tuple[float, float, float, float, str]]:
    """(x0, y0, x1, y1, text) of every word on the PDF's first page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [(*map(float, box), html.unescape(t)) for *box, t in _WORD.findall(out)]


def _words(pdf) -> list[tuple[float, float, str]]:
    """(x, y of its top, text) of every word on the PDF's first page."""
    return [(x, y, t) for x, y, _, _, t in _boxes(pdf)]


def _overlapping(pdf, pie_title: str = "Allocation") -> list:
    """Pairs of the pie's labels whose boxes overlap (the pie: right of the data
    block, above the staff chart)."""
    boxes = _boxes(pdf)
    title = next(b for b in boxes if b[4] == pie_title and b[0] > 300)
    staff = min((b[1] for b in boxes if b[4] == "Staff" and b[0] > 300), default=1e9)
    near = [b for b in boxes if b[0] > title[0] - 150 and title[1] < b[1] < staff
            and _PIE_LABEL.fullmatch(b[4])]  # fmt: skip
    return [(a[4], b[4]) for i, a in enumerate(near) for b in near[i + 1 :]
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5
            and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5]  # fmt: skip


def _skewed(head):
    """One programme with most of the provision, the rest small slices."""
    out = []
    for i, p in enumerate(head.programmes):
        amounts = list(p.amounts)
        value = Decimal(900) if i == 4 else Decimal(20 + i)
        amounts[3] = dataclasses.replace(amounts[3], value=value)
        out.append(dataclasses.replace(p, amounts=tuple(amounts)))
    return dataclasses.replace(head, programmes=out)


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
    heads["skewed"] = _skewed(synthetic_head(198, 11, 24, 90, seed=4))
    pdfs = sheet_pdfs(heads, tmp_path, L.CHARTS, libreoffice)
    apart, overlaps = [], []
    for (name, head), pdf in zip(heads.items(), pdfs, strict=True):
        overlaps += [(name, *pair) for pair in _overlapping(pdf)]
        words = _words(pdf)
        for label, figure in _rows(head):
            gap = _gap(words, label, figure)
            if gap > 4:  # a line is 12 pt: one line apart or more
                apart.append((name, label, figure, round(gap, 1)))
    assert apart == []
    assert overlaps == []
    assert len(heads["eleven"].programmes) > SLOTS


def _pages(pdf) -> list[tuple[float, list]]:
    """Each page's height and words: (x, top, bottom, text)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    pages = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = [(float(x0), float(y0), float(y1), html.unescape(t))
                 for x0, y0, _, y1, t in _WORD.findall(page)]  # fmt: skip
        pages.append((height, words))
    return pages


def _staff_chart_whole(pdf, book) -> bool:
    """Whether a page prints the staff chart whole: its title and every category
    label ("(1)" ... right of the data block, below the title) inside the page's
    printable area. A chart run over a page's end has its lower labels past the
    bottom margin, where LibreOffice cuts it (the rest prints on the next page;
    the PDF keeps the cut text)."""
    bottom = load_book(book)[L.CHARTS].page_margins.bottom * 72  # points
    for height, words in _pages(pdf):
        title = next((w for w in words if w[3] == "Staff" and w[0] > 300), None)
        if title is None or not 0 < title[1] < height - bottom:
            continue
        labels = [w for w in words if w[0] > title[0] - 150 and w[1] > title[1]
                  and re.fullmatch(r"\(\d+\)|Others", w[3])]  # fmt: skip
        if labels and all(w[2] < height - bottom + 1 for w in labels):
            return True
    return False


def test_no_chart_is_split_across_pages(libreoffice, tmp_path):
    """Trial 11d item 15: Head 999's 'Staff by programme' chart printed half on
    page 32, half on 33: with twelve long titles the data block's rows grew and
    the chart, placed by rows, ran over the page's end."""
    heads = {name: long_titles(h) for name, h in three_heads(tmp_path, 9, 6).items()}
    heads["twelve"] = long_titles(synthetic_head(999, 12, 24, 90, seed=5))
    pdfs = sheet_pdfs(heads, tmp_path, L.CHARTS, libreoffice)
    split = []
    for (name, head), pdf in zip(heads.items(), pdfs, strict=True):
        if head.posts and not _staff_chart_whole(pdf, tmp_path / f"{name}.xlsx"):
            split.append(name)  # no staff: no bars
    assert split == []
