"""Trial 11 item 16: the COR sheets printed only the figures; the controlling
officer line, the programmes with their policy areas and the establishment
sentences lived only on the Narrative. Each COR sheet now prints them first, in
its own language, as the seed COR does, each a formula over the cell that holds
it (Head, Narrative, the Programmes row): rendered by LibreOffice for Head 135,
a generated Head and a published Head-year, every line is found whole on the
first page, before "Details" / "詳情", and an edit to a title shows there."""

from __future__ import annotations

import re
import subprocess

import openpyxl
import pytest

from estimates.narrative import plain, sentences
from estimates.results import compute
from workbook.pdf import make_pdfs
from workbook.printed import SHEETS
from workbook.refresh import refresh_file

from .generated_heads import three_heads
from .printed_pages import printed_pages

DETAILS = {"en": "Details", "zh": "詳情"}
SOURCES = re.compile(r"^=.*\b(Head|Narrative|Programmes)!\$[A-Z]+\$\d+")


def _lines(head, lang: str) -> list[str]:
    """What the COR prints before its figures, as the core words it."""
    said = {s.key: s for s in sentences(head, compute(head))}
    officer = (
        head.controlling_officer_en if lang == "en" else head.controlling_officer_zh
    )
    out = []
    if officer:
        out.append(("Controlling officer: " if lang == "en" else "管制人員:") + officer)
    out += [
        plain(getattr(said[k], lang)) for k in ("ceiling", "directorate") if k in said
    ]
    for p in head.programmes:
        if lang == "en":
            out.append(f"Programme ({p.number}) {p.title_en}")
            area = f"This programme contributes to Policy Area {p.policy_area}."
        else:
            out.append(f"綱領({p.number}) {p.title_zh}")
            said = p.policy_area_zh or p.policy_area.split(":")[0]  # its number
            area = f"這綱領納入政策範圍 {said}。"
        out += [area] if p.policy_area else []
    return out


def _flat(text: str, lang: str) -> str:
    text = plain(text)
    return re.sub(r"\s+", "" if lang == "zh" else " ", text).strip()


@pytest.fixture(scope="module")
def printed(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("corintro")
    heads = three_heads(folder, 8, 3)
    return folder, heads, printed_pages(heads, folder, SHEETS)


def test_each_cor_sheet_prints_its_narrative_parts_first(printed):
    _, heads, pages = printed
    missing = []
    for (name, lang), text in pages.items():
        at = next((i for i, page in enumerate(text) if DETAILS[lang] in page), None)
        assert at is not None and at <= 1, (name, lang)  # a long intro: page 2
        first = "\n".join(text[: at + 1])
        before = _flat(first.split(DETAILS[lang])[0], lang)
        lines = _lines(heads[name], lang)
        assert len(lines) >= len(heads[name].programmes) >= 1, (name, lang)
        missing += [(name, lang, x) for x in lines if _flat(x, lang) not in before]
    assert missing == []


def test_the_lines_are_formulas_over_their_cells(printed):
    folder, heads, _ = printed
    for name in heads:
        wb = openpyxl.load_workbook(folder / f"{name}.xlsx")
        for lang, sheet in SHEETS.items():
            ws = wb[sheet]
            first = next(
                r for r in range(1, 60) if ws.cell(r, 1).value == DETAILS[lang]
            )
            cells = [ws.cell(r, 1).value for r in range(3, first)]
            formulas = [c for c in cells if isinstance(c, str) and c.startswith("=")]
            texts = [c for c in cells if c and c not in formulas]
            assert (
                texts
                == (
                    ["Controlling Officer's Report", "Programmes"]
                    if lang == "en"
                    else ["管制人員報告", "綱領"]
                )[: len(texts)]
            ), (name, lang)
            assert formulas and all(SOURCES.match(f) for f in formulas), (name, lang)


def test_a_title_edited_on_programmes_shows_on_the_cor_sheet(printed, tmp_path):
    folder = printed[0]
    book = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(folder / "head135.xlsx")
    wb["Programmes"]["B8"] = "Office of the Secretary (renamed)"
    wb.save(book)
    refresh_file(book)
    out = tmp_path / "edited-en.pdf"
    make_pdfs([(book, "en", out)])
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\f")[0]  # fmt: skip
    assert "Programme (1) Office of the Secretary (renamed)" in _flat(text, "en")
