"""Render: the refreshed Head 135 book and 20 generated Heads, converted to PDF by
LibreOffice (`estimates pdf --lang en` and `--lang zh`), read back with pdftotext:
every narrative sentence, footnote and Report label is there whole (LibreOffice
prints only the visible part of a cut cell), and no page is scaled below 70%
(measured: body text height against the page header's, which is never scaled)."""

import re
import statistics
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from estimates.narrative import plain, sentences
from estimates.results import compute
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook.pdf import make_pdfs
from workbook.refresh import build_file

from .generated_heads import write_head

GENERATED = 20
BODY_POINTS, HEADER_POINTS = 10, 8  # printing.py / styles.py
LEAST_SCALE = 0.70


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", plain(text))


def _expected(head, lang: str) -> list[str]:
    """What must print whole: narrative lines, footnotes, Report labels."""
    results = compute(head)
    out = [getattr(s, lang) for s in sentences(head, results)]
    out += [getattr(f, f"text_{lang}") for f in head.footnotes]
    out += [getattr(p, f"title_{lang}") for p in head.programmes]
    out += [getattr(s, f"title_{lang}") for s in head.subheads]
    out += [getattr(t, f"label_{lang}") for t in results.total_lines]
    out += pct_lines(head, results, lang)
    return [t for t in out if t]


def pct_lines(head, results, lang: str) -> list[str]:
    """Each programme's provision block and the analysis' Total, as the COR prints
    them: its heading, the % line under Revised and Estimate, the "or" line."""
    original = head.year_labels()[1]
    out = []
    rows = [(p, results.programme_variances[p.number]) for p in head.programmes]
    for p, _ in rows:
        if lang == "zh":
            out.append(f"綱領({p.number}):{p.title_zh}")
        else:
            out.append(f"Programme ({p.number}): {p.title_en}")
    for _, pct in [*rows, (None, results.programme_total_variances)]:
        for name in ("revised_vs_original", "estimate_vs_revised"):
            if pct[name] is not None:  # no change: a dash in brackets
                out.append("(—)" if pct[name] == 0 else f"({pct[name]:+,.1f}%)")
        v = pct["estimate_vs_original"]
        if v is None:
            continue
        if lang == "en" and v == 0:
            out.append(f"(or the same as {original} Original)")
        elif lang == "en":
            out.append(f"(or {v:+,.1f}% on {original} Original)")
        else:
            way = "相同" if v == 0 else f"{'增加' if v > 0 else '減少'} {abs(v):,.1f}%"
            out.append(f"(或較 {original} 原來預算{way})")
    return out


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
)


def _segments(line: list, starts: set[float]) -> list[tuple[float, str]]:
    """A printed line cut into cells: where the gap is wider than a character,
    or where a word begins exactly at an x where other cells begin, unless one
    space from the word before it (a wrapped text's word that happens to start
    where a column does)."""
    out, piece, start, end = [], [], None, None
    for x0, y0, x1, y1, text in line:
        gap = end is not None and x0 - end > 1.2 * (y1 - y0)
        spaced = end is not None and x0 - end < 0.3 * (y1 - y0)
        if piece and (gap or (round(x0, 1) in starts and not spaced)):
            out.append((round(start, 1), "".join(piece)))
            piece, start = [], None
        piece.append(text)
        start = x0 if start is None else start
        end = x1
    if piece:
        out.append((round(start, 1), "".join(piece)))
    return out


def printed_columns(pdf: Path) -> list[str]:
    """The text of each printed column, top to bottom, whitespace removed: lines
    cut into cells, and the cells that start at the same x joined in reading
    order, so that a wrapped cell reads as one text and its neighbours' wrapped
    lines do not break in; then each printed line."""
    out = []
    for page in _pages(pdf):
        words = [
            (float(m[1]), float(m[2]), float(m[3]), float(m[4]), unescape(m[5]))
            for m in _WORD.finditer(page)
        ]
        lines: list[list] = []
        for w in sorted(words, key=lambda w: w[1]):  # one line: overlapping heights
            if lines and w[1] - lines[-1][0][1] < 0.5 * (w[3] - w[1]):
                lines[-1].append(w)
            else:
                lines.append([w])
        lines = [sorted(line) for line in lines]
        counts = Counter(x for line in lines for x, _ in _segments(line, set()))
        starts = {x for x, n in counts.items() if n >= 3}
        columns: dict[float, list[str]] = {}
        for line in lines:
            for x, text in _segments(line, starts):
                columns.setdefault(x, []).append(text)
        out += ["".join(parts) for parts in columns.values()]
        # and each printed line whole: a one-line text (a % line) is there whole
        # even where one of its words starts at another column's x
        out += ["".join(w[4] for w in line) for line in lines]
    return [_squeeze(c) for c in out]


def _pages(pdf: Path) -> list[str]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return html.split("<page ")[1:]


def _heights(page: str) -> list[tuple[float, float]]:
    """(top, height) of each Latin word or figure on a page."""
    return [
        (float(m[2]), round(float(m[4]) - float(m[2]), 1))
        for m in _WORD.finditer(page)
        if re.fullmatch(r"[A-Za-z0-9,.]+", unescape(m[5]))
    ]


def page_scales(pdf: Path, full: float) -> list[float]:
    """Each page's print scale: the commonest height of its Latin words and
    figures (the 10 pt body) against ``full``, their height printed at 100%."""
    scales = []
    for page in _pages(pdf):
        words = _heights(page)
        top = min((y for y, _ in words), default=0)
        body = [h for y, h in words if y > top + 20]  # below the page header
        if body:
            scales.append(statistics.mode(body) / full)
    return scales


def calibration_book(path: Path) -> Path:
    """One line of 10 pt body text, printed at 100%."""
    from openpyxl import Workbook

    from workbook.io import save_book
    from workbook.styles import set_default_font

    wb = Workbook()
    set_default_font(wb)
    ws = wb.active
    ws.title = "Report"
    for r in range(1, 30):
        ws.cell(r, 1, "Calibration 12,345.6")
    ws.page_setup.scale = 100
    save_book(wb, path)
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("render")
    sources = [SAMPLE_HEAD_135] + [
        write_head(folder / f"src{i}", i) for i in range(GENERATED)
    ]
    jobs, heads = [], []
    for i, src in enumerate(sources):
        book = folder / f"book{i}.xlsx"
        build_file(src, book)
        heads.append(load_source(src))
        for lang in ("en", "zh"):
            jobs.append((book, lang, folder / f"book{i}-{lang}.pdf"))
    jobs.append((calibration_book(folder / "cal.xlsx"), None, folder / "cal.pdf"))
    make_pdfs(jobs)
    full = statistics.mode(h for _, h in _heights(_pages(folder / "cal.pdf")[0]))
    return folder, heads, full


@pytest.mark.slow
def test_every_sentence_footnote_and_label_prints_whole(rendered):
    folder, heads, _ = rendered
    missing = []
    for i, head in enumerate(heads):
        for lang in ("en", "zh"):
            blocks = printed_columns(folder / f"book{i}-{lang}.pdf")
            for expected in _expected(head, lang):
                if not any(_squeeze(expected) in b for b in blocks):
                    missing.append((head.head, lang, expected[:70]))
    assert missing == []


@pytest.mark.slow
def test_no_page_is_scaled_below_70_percent(rendered):
    folder, heads, full = rendered
    assert 11 < full < 15  # 10 pt text (its glyph box is 1.3 em tall)
    small = []
    for i in range(len(heads)):
        for lang in ("en", "zh"):
            for n, scale in enumerate(
                page_scales(folder / f"book{i}-{lang}.pdf", full), 1
            ):
                if scale < LEAST_SCALE:
                    small.append((heads[i].head, lang, n, round(scale, 2)))
    assert small == []
