"""Render: the COR sheets (and `estimates pdf --lang`) of Head 135, a generated
Head, an eleven-programme Head with long titles, a Head whose subhead table runs
over pages, one with a change of thousands of per cent, and a published
Head-year, printed by LibreOffice in both languages and read page by page:

- a page never starts with a total, a % line or an "or" line (a total row alone
  at the top of page 2, the trial's item 12);
- each programme's provision block prints on one page: its title, figures, %
  line and "or" line;
- a table continued on a new page starts it with its header row again;
- Chinese headings print whole ("(實際)", "(原來預算)", not "(實/際)");
- the page header and footer are in the sheet's language, naming no sheet;
- a large % prints with its thousands separator, clear of its neighbour.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from estimates.model import amounts
from estimates.source import SAMPLE_HEAD_135, load_source

from .conftest import head_from_published, published_heads
from .generated_heads import synthetic_head, write_head
from .printed_pages import printed_pages
from .test_every_sheet_prints_on_a4_at_70_percent import long_titles

LANGS = ("en", "zh")
TOTALS = re.compile(
    r"^\s*(Total\b|總計|開支總額|.*總額\s|\(\+|\(-|\(0\.0%|\(or |\(或較)"
)
HEADERS = {
    "en": re.compile(r"^\s*Subhead\s+Title"),
    "zh": re.compile(r"^\s*分目\s+名稱"),
}
LINE = {"en": re.compile(r"^\s*\d{3}\s"), "zh": re.compile(r"^\s*\d{3}\s")}
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def huge_change(head):
    """Programme (1)'s Estimate fifty-seven times its Revised: (+5,560.0%)."""
    first = dataclasses.replace(
        head.programmes[0],
        amounts=amounts(tuple(Decimal(v) for v in ("10.0", "1.0", "1.0", "56.6"))),
    )
    return dataclasses.replace(head, programmes=[first, *head.programmes[1:]])


@pytest.fixture(scope="module")
def pages(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("corpages")
    heads = {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated": load_source(write_head(folder / "g5", 5)),
        "long": long_titles(synthetic_head(199, 11, 24, 90, seed=3)),
        "subheads": synthetic_head(198, 4, 70, 60, seed=2),
        "huge": huge_change(synthetic_head(197, 3, 8, 30, seed=1)),
        "published": head_from_published(published_heads()["2006-156"]),
    }
    out = {
        key: [_lines(p) for p in pages if p.strip()]
        for key, pages in printed_pages(heads, folder, LANGS).items()
    }
    return heads, out


def _lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def _cor(printed: list[list[str]]) -> list[list[str]]:
    """The COR sheet's pages (the Narrative's follow them in the PDF)."""
    narrative = [  # its title, in the PDF's language (trial 11b D17)
        n
        for n, p in enumerate(printed)
        if any(x.strip() in ("Narrative", "說明") or "Narrative" in x for x in p)
    ]
    return printed[: narrative[0]] if narrative else printed


def _body(page: list[str]) -> list[str]:
    """A page's lines less its header (first) and footer (last)."""
    return page[1:-1]


@pytest.mark.slow
def test_no_page_starts_with_a_total_or_a_percent_line(pages):
    _, out = pages
    bad = [
        (name, lang, n, body[0].strip()[:40])
        for (name, lang), printed in out.items()
        for n, page in enumerate(printed, 1)
        if (body := _body(page)) and TOTALS.match(body[0])
    ]
    assert bad == []


def _block_pages(printed: list[list[str]], first: str, last: str) -> list[tuple]:
    """(page of each provision block's title, page of its 'or' line)."""
    found, start = [], None
    for n, page in enumerate(printed, 1):
        for line in page:
            if first in line and start is None:
                start = n
            elif start is not None and last in line:
                found.append((start, n))
                start = None
    return found


@pytest.mark.slow
def test_each_provision_block_prints_on_one_page(pages):
    heads, out = pages
    split = []
    for (name, lang), printed in out.items():
        words = (
            ("Financial provision", "(or ")
            if lang == "en"
            else ("財政撥款(百萬元)", "(或較")
        )
        blocks = _block_pages(printed, *words)
        # each programme's block and the analysis' Total each end with an "or" line
        assert len(blocks) >= len(heads[name].programmes), (name, lang)
        split += [(name, lang, b) for b in blocks if b[0] != b[1]]
    assert split == []


@pytest.mark.slow
def test_a_table_continued_on_a_page_starts_it_with_its_header(pages):
    _, out = pages
    continued, headless = 0, []
    for (name, lang), printed in out.items():
        for n, page in enumerate(_cor(printed)[1:], 2):
            body = _body(page)
            rows = [i for i, line in enumerate(body) if LINE[lang].match(line)]
            if not rows or any(HEADERS[lang].match(line) for line in body):
                continue
            headless.append((name, lang, n, body[0].strip()[:40]))
        continued += sum(
            1
            for page in printed[1:]
            if any(HEADERS[lang].match(x) for x in _body(page)[:3])
        )
    assert headless == []
    assert continued >= 2  # the long subhead table, in each language


@pytest.mark.slow
def test_chinese_headings_print_whole(pages):
    _, out = pages
    words = (
        "(實際)",
        "(原來預算)",
        "(修訂)",
        "(預算)",
        "(實際開支)",
        "(核准預算)",
        "(修訂預算)",
    )
    for name in ("head135", "generated", "long"):
        text = "\n".join("\n".join(p) for p in out[(name, "zh")])
        assert [w for w in words if w not in text] == [], name
        assert not re.search(r"\((實|原來|修|核准)\s*$", text, re.M), name


@pytest.mark.slow
def test_page_furniture_is_in_the_sheets_language(pages):
    _, out = pages
    wrong = []
    for (name, lang), printed in out.items():
        cor_pages = _cor(printed)
        for n, page in enumerate(cor_pages, 1):
            furniture = page[0] + " " + page[-1]
            other = LATIN if lang == "zh" else CJK
            if other.search(furniture) or "COR" in furniture:
                wrong.append((name, lang, n, furniture.strip()[:60]))
        assert cor_pages, (name, lang)
    assert wrong == []
    first = out[("head135", "zh")][0]
    assert "總目 135" in first[0] and "2025-26 年度預算" in first[0]
    assert "第 1 頁,共" in first[-1]


@pytest.mark.slow
def test_a_large_percentage_prints_with_its_separator(pages):
    _, out = pages
    for lang in LANGS:
        text = "\n".join("\n".join(p) for p in out[("huge", lang)])
        assert re.search(r"\s\(—\)\s+\(\+5,560\.0%\)", text), lang  # no change: (—)
