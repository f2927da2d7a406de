"""The Report laid out as the COR prints it, in Chinese and in English (issue 11):
on Head 135 and 20 generated Heads (1 to 14 programmes, nil bases, zero changes),
built and recalculated by LibreOffice, each programme's provision block (the four
years, the % line under Revised and Estimate, the "or" line) and the analysis'
Total with its % lines show the core's figures on both COR sheets; and each COR
sheet is the Report in one language: every figure of the Report shown once, by a
formula that refers to it, the other language's text nowhere."""

from __future__ import annotations

import re

import pytest
from openpyxl.utils.cell import get_column_letter

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.draft import mark_formula
from workbook.io import load_book
from workbook.refresh import build_file

from .cor_sheets import SHEETS, provision_mismatches
from .generated_heads import write_head

GENERATED = 20
_CJK = re.compile(r"[\u4e00-\u9fff]")
_REFERENCE = re.compile(r"^=Report!([A-Z]+[0-9]+)$")


_LINE = re.compile(r"^=.*\b(Head|Narrative|Programmes)!\$[A-Z]+\$\d+")


def _other_cells(lang: str) -> list[str]:
    """The cells of the other language a narrative line must not show."""
    other = "zh" if lang == "en" else "en"
    officer = next(f for f in L.HEAD_INPUTS if f.attr == f"controlling_officer_{other}")
    spec = L.TABLES["tblProgrammes"]
    title = get_column_letter(spec.col(f"title_{other}"))
    sentence = "C" if other == "zh" else "B"  # the Narrative's computed columns
    return [
        f"{L.HEAD}!${officer.cell[0]}${officer.cell[1:]}",
        f"{L.NARRATIVE}!${sentence}$",
        f"{spec.sheet}!${title}$",
    ]


def _build(folder, seeds) -> list:
    sources = [SAMPLE_HEAD_135] + [write_head(folder / f"src{i}", i) for i in seeds]
    books = []
    for i, src in enumerate(sources):
        build_file(src, folder / f"book{i}.xlsx")
        books.append((folder / f"book{i}.xlsx", load_source(src)))
    return books


@pytest.mark.engine
@pytest.mark.slow
def test_the_provision_blocks_show_the_cores_figures(tmp_path, libreoffice):
    books = _build(tmp_path, range(GENERATED))
    grids = libreoffice.values_many([b for b, _ in books], list(SHEETS.values()))
    wrong, checked = [], 0
    for (path, head), grid in zip(books, grids, strict=True):
        bad, n = provision_mismatches(head, grid)
        wrong += [(head.head, *b) for b in bad] + one_language_faults(path, head)
        checked += n
    assert wrong == []
    programmes = sum(len(h.programmes) for _, h in books)
    assert checked == 2 * (7 * programmes + 7 * len(books))


def test_each_cor_sheet_is_the_report_in_one_language(tmp_path):
    for path, head in _build(tmp_path, [3]):
        assert one_language_faults(path, head) == []


def _figure_cells(ws) -> set[str]:
    """The cells holding a formula, but the DRAFT mark (workbook.draft: its own
    formula over the Checks sheet, in each sheet's language)."""
    return {
        c.coordinate
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
        and c.value.startswith("=")
        and c.value != mark_formula("both")
    }


def one_language_faults(path, head) -> list:
    """What makes a COR sheet other than the Report in its one language."""
    wb = load_book(path)
    report = _figure_cells(wb["Report"])
    faults: list = []
    for lang, sheet in SHEETS.items():
        refs, texts = [], []
        for row in wb[sheet].iter_rows():
            for c in row:
                if not isinstance(c.value, str):
                    continue
                m = _REFERENCE.match(c.value)
                if m:
                    refs.append(m[1])
                elif _LINE.match(c.value):  # a narrative line (cor_intro)
                    faults += [(sheet, c.coordinate, "other language", c.value)] * any(
                        cell in c.value for cell in _other_cells(lang)
                    )
                elif c.value.startswith("=") and c.value != mark_formula(lang):
                    faults.append((sheet, c.coordinate, "formula", c.value))
                else:
                    texts.append(c.value)
        if len(refs) != len(set(refs)) or not set(refs) <= report:
            faults.append((sheet, "a figure twice, or not the Report's"))
        # every Report figure but the other language's "or" lines
        if len(report - set(refs)) != len(head.programmes) + 1:
            faults.append((sheet, "figures not shown", sorted(report - set(refs))))
        other = "zh" if lang == "en" else "en"
        foreign = [getattr(p, f"title_{other}") for p in head.programmes]
        foreign += [getattr(f, f"text_{other}") for f in head.footnotes]
        faults += [(sheet, t) for t in foreign if t and any(t in x for x in texts)]
        if lang == "en":
            faults += [(sheet, t) for t in texts if _CJK.search(t)]
    return faults
