"""``estimates pdf``: the Report and Narrative of a book as a PDF, for review rounds,
through LibreOffice headless (which recomputes every formula on the way).

The book itself is never changed: a copy shows only the sheets to print, and
LibreOffice converts the copy. With ``--lang`` that is the Report's sheet in that
language (``workbook.printed``: what a clerk prints from Excel) and the Narrative
with the other language's column hidden; without, the bilingual Report.

Chinese prints in Traditional Chinese glyph forms. Debian's Noto Sans CJK is one
font collection whose faces share their glyphs: the forms follow the text's
language (OpenType ``locl``), and LibreOffice's default Asian language gave the
Japanese ones. So the private profile sets the document's Asian language to
zh-TW (the forms of Microsoft JhengHei and PMingLiU, which a Hong Kong government
PC prints with), and a fontconfig file given to LibreOffice alone maps those
fonts to Noto Sans CJK TC.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import PatternFill
from openpyxl.utils.cell import get_column_letter

from . import draft
from . import layout as L
from .io import load_book, save_book
from .printed import SHEETS as ONE_LANGUAGE
from .printing import (
    LANGUAGE_COLUMNS,
    lay_out,
    one_language,
    one_language_pages,
    set_up_pages,
)
from .styles import CJK_FONT

PRINTED = (L.REPORT, L.NARRATIVE)
TIMEOUT = 300
CJK_LOCALE = "zh-TW"  # Traditional Chinese forms, as Microsoft JhengHei draws them
TRADITIONAL_FONTS = ("Noto Sans CJK TC", "Noto Sans CJK HK")
HK_FONTS = (CJK_FONT, "微軟正黑體", "PMingLiU", "新細明體", "MingLiU", "細明體")


class NoLibreOffice(RuntimeError):
    """LibreOffice (soffice) is not installed or not on PATH."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise NoLibreOffice(
            "LibreOffice is needed to make a PDF and soffice was not found:"
            " install it (Debian: apt-get install libreoffice-calc-nogui)"
        )
    return found


def _profile(folder: Path) -> Path:
    """A private LibreOffice profile that recomputes formulas on load."""
    user = folder / "profile" / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        "<value>0</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Office.Linguistic/General">'
        '<prop oor:name="DefaultLocale_CJK" oor:op="fuse">'
        f"<value>{CJK_LOCALE}</value></prop></item>\n"
        "</oor:items>\n",
        encoding="utf-8",
    )
    return folder / "profile"


def fonts_conf(folder: Path) -> Path:
    """A fontconfig file for LibreOffice: the system's, with the Hong Kong
    government PC's Chinese fonts and any Chinese text mapped to Traditional
    Chinese forms."""
    prefer = "".join(f"<family>{f}</family>" for f in TRADITIONAL_FONTS)
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><prefer>{prefer}</prefer>'
        "</alias>\n"
        for name in HK_FONTS
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        "<fontconfig>\n"
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}"
        '<match target="pattern"><test name="lang" compare="contains">'
        "<string>zh</string></test>"
        f'<edit name="family" mode="prepend" binding="strong">{prefer}</edit>'
        "</match>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _unfilled(wb) -> None:
    """Each flagged cell of the copy with the fill it had before its flag (the
    hidden _Flags record): the printed pages carry no flag fills."""
    if L.FLAGS not in wb.sheetnames:
        return
    for sheet, cell, prior, *_ in wb[L.FLAGS].iter_rows(min_row=2, values_only=True):
        if sheet in wb.sheetnames and cell:
            target = wb[sheet][cell]
            if not isinstance(target, MergedCell):
                fill = PatternFill("solid", fgColor=prior) if prior else None
                target.fill = fill or PatternFill()


def printable_copy(book: Path, target: Path, lang: str | None, sheets=PRINTED):
    """A copy of ``book`` where only ``sheets`` are visible, in one language: the
    Report's sheet in that language when the book has it."""
    wb = load_book(book)
    if lang and ONE_LANGUAGE[lang] in wb.sheetnames:
        sheets = tuple(ONE_LANGUAGE[lang] if s == L.REPORT else s for s in sheets)
    wanted = [s for s in sheets if s in wb.sheetnames]
    if not wanted:
        raise ValueError(f"{book}: has none of the sheets {', '.join(sheets)}")
    wb.active = wb.sheetnames.index(wanted[0])
    _unfilled(wb)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == wanted[0]
        ws.sheet_state = "visible" if ws.title in wanted else "hidden"
    if lang:
        for sheet, columns in LANGUAGE_COLUMNS.items():
            if sheet not in wb.sheetnames:
                continue
            for other, col in columns.items():
                if other != lang:
                    letter = get_column_letter(col)
                    wb[sheet].column_dimensions[letter].hidden = True
        _hide_other_footnotes(wb, lang)  # a book made before the language sheets
        _narrative_in(wb, lang)
        lay_out(wb, refit=True)  # the other language's columns are hidden
        set_up_pages(wb)
        if L.NARRATIVE in wanted:
            one_language_pages(wb[L.NARRATIVE], lang)
    save_book(wb, target)
    return target


def _narrative_in(wb, lang: str) -> None:
    """The Narrative as the COR pages before it read (trial 11b D17): its labels
    in one language, no working instruction, no empty clerk's column."""
    if L.NARRATIVE not in wb.sheetnames:
        return
    ws = wb[L.NARRATIVE]
    mark = ws.oddHeader.center
    if mark.text:  # the DRAFT mark in this language alone
        mark.text = draft.in_language(mark.text, lang)
    for row in range(2, L.NARRATIVE_FIRST_ROW - 1):  # the working instruction
        ws.row_dimensions[row].hidden = True
    for row in range(1, ws.max_row + 1):
        cell = ws.cell(row, 1)
        if isinstance(cell.value, str) and not isinstance(cell, MergedCell):
            cell.value = one_language(cell.value, lang)
    clerk = L.NARRATIVE_CLERK_COLUMN
    rows = range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
    if all(ws.cell(r, clerk).value in (None, "") for r in rows):
        ws.column_dimensions[get_column_letter(clerk)].hidden = True


def _hide_other_footnotes(wb, lang: str) -> None:
    """Each footnote has a row per language (computed.report_rows): keep this one's."""
    if L.REPORT not in wb.sheetnames:
        return
    ws = wb[L.REPORT]
    other = "footnote_en:" if lang == "zh" else "footnote:"
    for row in range(1, ws.max_row + 1):
        key = ws.cell(row, L.REPORT_KEY_COLUMN).value
        if isinstance(key, str) and key.startswith(other):
            ws.row_dimensions[row].hidden = True


def make_pdf(book: Path, out: Path | None = None, lang: str | None = None) -> Path:
    """Convert the book's Report and Narrative to ``out`` (default BOOK.pdf)."""
    book = Path(book)
    out = Path(out) if out else book.with_suffix(".pdf")
    return make_pdfs([(book, lang, out)])[0]


def changed_by_refresh(book: Path) -> bool:
    """Whether a refresh would change ``book`` (edited since its last refresh: a
    new programme with no Report row, stale Narrative sentences, Checks, DRAFT
    mark). LibreOffice recomputes formulas, not what a refresh writes. Judged
    as a refresh (that records) would judge it: one that keeps no revert record
    says a C02 kept on the record in other words, so a book refreshed after a
    number typed over a COR figure read as edited (trial 11e item 3)."""
    from .refresh import refresh_workbook  # refresh -> plan -> printing: no cycle

    plan = refresh_workbook(load_book(book), str(book)).plan
    if plan is None:
        return False  # another template version: printed as it is
    return bool(
        plan.writes or plan.clears or plan.sheets or plan.tables or plan.names
        or plan.charts
    )  # fmt: skip


def make_current_pdf(book: Path, out: Path, lang: str | None = None) -> bool:
    """``estimates pdf``: the PDF of the book as a refresh leaves it, the book
    untouched (trial 11c item 5: an edited, unrefreshed book printed stale
    sentences, no new programme, no DRAFT mark). True when it was refreshed."""
    from .refresh import refresh_file

    book = Path(book)
    soffice()  # no LibreOffice: said before any work
    if not changed_by_refresh(book):
        make_pdf(book, out, lang)
        return False
    with tempfile.TemporaryDirectory(prefix="estimates-fresh-") as tmp:
        copy = Path(tmp) / f"refreshed{book.suffix}"
        shutil.copy2(book, copy)
        refresh_file(copy)
        make_pdf(copy, out, lang)
    return True


def make_pdfs(jobs: list[tuple[Path, str | None, Path]]) -> list[Path]:
    """Several (book, lang, out) conversions in one LibreOffice run."""
    office = soffice()
    with tempfile.TemporaryDirectory(prefix="estimates-pdf-") as tmp:
        folder = Path(tmp)
        copies = []
        for i, (book, lang, _) in enumerate(jobs):
            copies.append(printable_copy(Path(book), folder / f"book{i}.xlsx", lang))
        env = dict(os.environ, HOME=str(folder))
        env["FONTCONFIG_FILE"] = str(fonts_conf(folder))
        run = subprocess.run(
            [office, f"-env:UserInstallation={_profile(folder).as_uri()}",
             "--headless", "--convert-to", "pdf", "--outdir", str(folder),
             *map(str, copies)],
            capture_output=True, timeout=TIMEOUT + 30 * len(jobs), env=env,
            check=False,
        )  # fmt: skip
        made = []
        for i, (book, _, out) in enumerate(jobs):
            pdf = folder / f"book{i}.pdf"
            if run.returncode != 0 or not pdf.exists():
                detail = (run.stderr or run.stdout).decode(errors="replace").strip()
                raise RuntimeError(f"{book}: LibreOffice made no PDF ({detail[:200]})")
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(pdf), out)
            made.append(Path(out))
    return made
