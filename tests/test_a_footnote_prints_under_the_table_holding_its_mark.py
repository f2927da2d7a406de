"""Render (trial 11b D15): a footnote prints under the table that holds its mark,
on the page of that table. The seed prints the ¶ of the programme total under
the analysis of financial provision by programme, straight after its "或較…"
line, and only Δ Φ under the subhead table; the COR sheets printed every
footnote under the subhead table, and a footnote on ``programme:2`` of a long
Head had its mark on page 3 and its text on page 4.

Head 135 (¶ Δ Φ), a generated thirteen-programme Head with long titles and a
long footnote on programme (2), and a published Head-year given a ¶ and a Φ,
each printed by `estimates pdf --lang en|zh` through LibreOffice."""

from __future__ import annotations

import dataclasses
import re

import pytest

from estimates.model import Footnote
from estimates.source import SAMPLE_HEAD_135, load_source

from .conftest import head_from_published, published_heads
from .generated_heads import synthetic_head
from .printed_pages import printed_pages
from .test_every_sheet_prints_on_a4_at_70_percent import long_titles

LANGS = ("en", "zh")
ANALYSIS_TOTAL = {"en": re.compile(r"^\s*Total\s+\d"), "zh": re.compile(r"總計\s+\d")}
SUBHEADS = {"en": "Subheads ($'000)", "zh": "分目(千元)"}
EXPENDITURE = {"en": "Total Expenditure", "zh": "開支總額"}

LONG_EN = (
    "The figures of programme (2) include the provision transferred from the"
    " former office on its reorganisation, for comparison with the later years."
)
LONG_ZH = "綱領(2)的數字包括前辦公室重組時轉撥的撥款,以便與其後年度比較。" * 2


def _noted(head, notes):
    return dataclasses.replace(head, footnotes=[*head.footnotes, *notes])


def _heads():
    generated = long_titles(synthetic_head(201, 13, 6, 90, seed=4))
    real = head_from_published(published_heads()["2006-149"])
    return {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated": _noted(
            generated, [Footnote("#", "programme:2", ("revised",), LONG_EN, LONG_ZH)]
        ),
        "published": _noted(
            real,
            [
                Footnote("¶", "programme_total", ("actual",), LONG_EN, LONG_ZH),
                Footnote(
                    "Φ",
                    f"subhead:{real.subheads[0].code}",
                    ("revised",),
                    "Includes the provision of the former office.",
                    "包括前辦公室的撥款。",
                ),
            ],
        ),
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("footnotes")
    heads = _heads()
    out = {
        key: [
            (page, line)
            for page, body in enumerate(pages, 1)
            for line in body.splitlines()
            if line.strip()
        ]
        for key, pages in printed_pages(heads, folder, LANGS).items()
    }
    return heads, out


def _at(lines, found) -> int:
    """The index of the first COR line ``found`` accepts."""
    hits = [n for n, (_, line) in enumerate(lines) if found(line)]
    assert hits, "not printed"
    return hits[0]


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["head135", "generated", "published"])
def test_each_footnote_prints_under_its_table_on_its_page(printed, name, lang):
    heads, out = printed
    lines = out[(name, lang)]
    total = _at(lines, ANALYSIS_TOTAL[lang].search)
    subheads = _at(lines, lambda line: SUBHEADS[lang] in line)
    expenditure = _at(lines, lambda line: EXPENDITURE[lang] in line)
    assert total < subheads < expenditure
    for note in heads[name].footnotes:
        text = note.text_en if lang == "en" else note.text_zh
        at = _at(lines, lambda line, t=text[:12]: t in line.replace("  ", " "))
        assert lines[at][1].strip().startswith(note.mark), (note.mark, lines[at])
        programmes = note.target.startswith("programme")
        table = total if programmes else expenditure
        assert table < at, (note.mark, "above its table")
        if programmes:
            assert at < subheads, (note.mark, "under the subheads")
        assert lines[at][0] == lines[table][0], (note.mark, "on another page")
