"""Trial 11d items 2 and 18: a figure keyed as text ('22.9 ', '1,234') printed
as a figure ("22.9") above a Total that left it out, so the printed page added up
wrongly in plain sight (D01 flagged it, but the page did not say so); a blank
Actual or Original printed "—" like a nil keyed on purpose, with no finding.

Now text that is not a keyed nil prints with "?" before it on the Report and
both COR sheets ("?22.9 "), D01 stays at its cell; a blank programme or subhead
figure prints blank (not "—") and is F01 at its cell; a keyed nil prints as
keyed. On both hosts, on Head 135, a generated Head and a real Head-year, after
LibreOffice recalculates, and in the PDF in both languages."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.pdf import make_pdfs
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .printed_pages import pdf_pages

pytestmark = pytest.mark.engine

FALSE_ON_THE_REPORT = {"R01", "T01", "C01", "C02"}
PRINTED = (L.REPORT, L.REPORT_EN, L.REPORT_ZH)


def _numbers(ws, table: str, columns: tuple[str, ...]) -> list[int]:
    """The rows of ``table`` with a positive number in each of ``columns``."""
    spec = L.TABLES[table]
    return [
        r
        for r in range(spec.first_row, ws.max_row + 1)
        if all(
            isinstance(ws.cell(r, spec.col(c)).value, int | float)
            and ws.cell(r, spec.col(c)).value > 0
            for c in columns
        )
    ]


def _edit(book) -> dict[str, tuple[str, str, object]]:
    """A programme's Revised keyed as text with a trailing space, its Actual
    cleared; a subhead's Estimate keyed as '1,234'-style text, another
    figure keyed as the nil '-'. What each cell was made: (sheet, cell, value)."""
    wb = load_book(book)
    prog, sub = L.TABLES["tblProgrammes"], L.TABLES["tblSubheads"]
    pws, sws = wb[prog.sheet], wb[sub.sheet]
    p = _numbers(pws, "tblProgrammes", ("actual", "revised"))[0]
    s1 = _numbers(sws, "tblSubheads", ("estimate",))[0]
    s2, column = next(
        (r, c)
        for c in ("actual", "original", "revised", "estimate")
        for r in _numbers(sws, "tblSubheads", (c,))
        if (r, c) != (s1, "estimate")
    )
    revised = pws.cell(p, prog.col("revised")).value
    estimate = sws.cell(s1, sub.col("estimate")).value
    cells = {
        "text": (pws, p, prog.col("revised"), f"{revised} "),
        "blank": (pws, p, prog.col("actual"), None),
        "grouped": (sws, s1, sub.col("estimate"), f"{estimate:,}"),
        "nil": (sws, s2, sub.col(column), "-"),
    }
    for ws, r, c, value in cells.values():
        ws.cell(r, c).value = value
    save_book(wb, book)
    return {k: (ws.title, address(r, c), v) for k, (ws, r, c, v) in cells.items()}


def _shown(libreoffice, book, tmp, source: tuple[str, str, object]) -> list[object]:
    """What each printed sheet shows for the figure keyed at ``source``: the
    Report cell whose formula refers to it, and the COR cells that repeat it."""
    sheet, cell, _ = source
    formulas = load_book(book)
    values = libreoffice.recalculate(book, tmp / book.stem)
    values = load_workbook(values, data_only=True)
    report = [
        c.coordinate
        for row in formulas[L.REPORT].iter_rows()
        for c in row
        if isinstance(c.value, str) and f"ISBLANK({sheet}!{cell})" in c.value
    ]
    assert report, (sheet, cell)
    shown = [values[L.REPORT][a].value for a in report]
    ends = tuple(f"!{a}" for a in report) + tuple(f"!${a}" for a in report)
    for name in (L.REPORT_EN, L.REPORT_ZH):
        shown += [
            values[name][c.coordinate].value
            for row in formulas[name].iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.endswith(ends)
        ]
    return shown


@pytest.mark.parametrize("host", HOSTS)
def test_text_prints_as_not_a_figure_and_a_blank_apart_from_a_nil(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=17, real_at=5):
        keyed = _edit(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        at = {(f.rule, f.ref.sheet, f.ref.cell) for f in findings if f.ref}
        assert ("D01", *keyed["text"][:2]) in at, (name, host, keyed["text"], at)
        assert ("D01", *keyed["grouped"][:2]) in at, (name, host, at)
        assert ("F01", *keyed["blank"][:2]) in at, (name, host, at)
        false = [f for f in findings if f.rule in FALSE_ON_THE_REPORT]
        assert not false, (name, host, [(f.rule, f.ref, f.message_en) for f in false])
        for kind, source in keyed.items():
            shown = _shown(libreoffice, book, tmp_path, source)
            assert len(shown) >= 2, (name, host, kind, shown)  # Report and a COR sheet
            value = source[2]
            expected = {
                "text": f"?{value}", "grouped": f"?{value}", "nil": "-", "blank": None,
            }[kind]  # fmt: skip
            same = [(s or None) == expected for s in shown]
            assert all(same), (name, host, kind, shown)
        out = tmp_path / f"{name}-{host}"
        pdfs = make_pdfs([(book, lang, out / f"{lang}.pdf") for lang in ("en", "zh")])
        for pdf in pdfs:
            text = "".join(pdf_pages(pdf))
            for kind in ("text", "grouped"):
                marked = f"?{keyed[kind][2].strip()}"
                assert marked in text, (name, host, pdf.name, marked)
