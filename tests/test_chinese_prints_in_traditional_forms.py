"""`estimates pdf` prints Chinese in Traditional Chinese glyph forms, not the
Japanese ones LibreOffice picks on Linux by default.

Debian's Noto Sans CJK is one collection whose faces share one glyph table: the
PDF's font is named NotoSansCJKjp whatever the face, and the forms follow the
text's language. So pdffonts checks that the Chinese is embedded in Noto Sans CJK
(nothing missing, no box font), and the forms are checked on the page itself:
characters whose Japanese and Traditional Chinese forms differ (骨 直 角 述),
rendered to pixels, must look as LibreOffice draws them for zh-TW and not as it
draws them for ja-JP."""

import os
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from workbook.pdf import make_pdf
from workbook.styles import CJK_FONT

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Linguistic/General">\
<prop oor:name="DefaultLocale_CJK" oor:op="fuse"><value>{}</value></prop></item>
</oor:items>
"""
DIFFERING = "骨直角述"  # Japanese and Traditional Chinese forms differ


def _book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Report"
    ws["A1"] = DIFFERING
    ws["A1"].font = Font(name=CJK_FONT, sz=28)
    ws.column_dimensions["A"].width = 40
    wb.save(path)
    return path


def _as_drawn_for(book: Path, locale: str, folder: Path) -> Path:
    """The book as plain LibreOffice prints it with that Asian language."""
    user = folder / locale / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(PROFILE.format(locale), "utf-8")
    out = folder / locale / "pdf"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / locale).as_uri()}",
         "--headless", "--convert-to", "pdf", "--outdir", str(out), str(book)],
        capture_output=True, timeout=300, check=True,
        env=dict(os.environ, HOME=str(folder / locale)),
    )  # fmt: skip
    return out / f"{book.stem}.pdf"


def _pixels(pdf: Path) -> bytes:
    """The top of the first page, rendered in grey (the cell A1)."""
    return subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1",
         "-x", "0", "-y", "0", "-W", "1200", "-H", "300", str(pdf)],
        capture_output=True, check=True,
    ).stdout  # fmt: skip


def _fonts(pdf: Path) -> list[list[str]]:
    text = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [line.split() for line in text.splitlines()[2:]]


@pytest.mark.engine
def test_the_pdf_draws_chinese_in_traditional_forms(tmp_path, libreoffice):
    book = _book(tmp_path / "forms.xlsx")
    ours = make_pdf(book, tmp_path / "ours.pdf")
    fonts = _fonts(ours)
    assert fonts and all(f[-5] == "yes" for f in fonts)  # every font embedded
    assert any("NotoSansCJK" in f[0] for f in fonts), fonts
    traditional = _pixels(_as_drawn_for(book, "zh-TW", tmp_path))
    japanese = _pixels(_as_drawn_for(book, "ja-JP", tmp_path))
    assert traditional != japanese  # the characters do tell the forms apart
    assert _pixels(ours) == traditional
