"""Render (trial 11b D17): in `estimates pdf --lang`, the Narrative page did not
match the COR pages before it: landscape (the README says portrait), bilingual
item labels ("Programme (1) 綱領(1)"), header ("Head 135 總目 135") and footer
("Narrative … Page 3 of 3 第 3 頁,共 3 頁"), the English working instruction and
an empty "Clerk's text" column. Head 135 and a published Head-year, en and zh."""

from __future__ import annotations

import re
import subprocess

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source

from .conftest import head_from_published, published_heads
from .printed_pages import printed_pages

CJK = re.compile(r"[\u4e00-\u9fff]")
OTHER = {"en": CJK, "zh": re.compile(r"Programme \(|Page \d|Head \d|Estimates ")}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("narr")
    heads = {
        "head135": load_source(SAMPLE_HEAD_135),
        "published": head_from_published(published_heads()["2006-149"]),
    }
    out = {}
    for (name, lang), pages in printed_pages(heads, folder, ("en", "zh")).items():
        pdf = folder / f"{name}-{lang}.pdf"
        info = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "99", str(pdf)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
        out[(name, lang)] = (pages, sizes)
    return out


def _narrative(pages: list[str]) -> list[int]:
    """The Narrative's pages: after the COR's, from its first item label on."""
    marks = ("Establishment ceiling", "編制上限", "Details of expenditure", "開支詳情")
    first = next(n for n, p in enumerate(pages) if any(m in p for m in marks))
    return [n for n in range(first, len(pages)) if pages[n].strip()]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", ["head135", "published"])
def test_the_narrative_prints_portrait_in_one_language(printed, name, lang):
    pages, sizes = printed[(name, lang)]
    narrative = _narrative(pages)
    assert narrative
    for n in narrative:
        width, height = map(float, sizes[n])
        assert width < height, (n, "landscape")
        page = pages[n]
        assert "Columns B and C follow" not in page
        assert "Clerk's text" not in page and "定稿" not in page
        if lang == "en":
            assert not CJK.search(page), page[:300]
        else:
            assert not OTHER["zh"].search(page), page[:300]
            assert "第" in page and "頁" in page
