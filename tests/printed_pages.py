"""Heads printed as a clerk prints them, for the render tests: each built and
saved, every (book, language or sheet) turned into a PDF in one LibreOffice batch
(``make_pdfs``), and each PDF read back page by page with ``pdftotext -layout``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from estimates.model import Head
from workbook.io import save_book
from workbook.pdf import make_pdfs
from workbook.refresh import build_workbook


def pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text laid out as printed, one string a page."""
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\f")  # fmt: skip


def printed_pages(
    heads: dict[str, Head], folder: Path, langs
) -> dict[tuple[str, str], list[str]]:
    """``(name, lang)`` -> the pages of that Head's book printed in ``lang`` (a
    language, or a sheet name, as ``estimates pdf`` takes it); the books and PDFs
    are left in ``folder`` as NAME.xlsx and NAME-LANG.pdf."""
    jobs = []
    for name, head in heads.items():
        save_book(build_workbook(head)[0], folder / f"{name}.xlsx")
        jobs += [(folder / f"{name}.xlsx", lang, folder / f"{name}-{lang}.pdf")
                 for lang in langs]  # fmt: skip
    make_pdfs(jobs)
    return {(book.stem, lang): pdf_pages(pdf) for book, lang, pdf in jobs}


def sheet_pdfs(heads: dict[str, Head], folder: Path, sheet: str, libreoffice):
    """Each Head's book built, and only ``sheet`` printed, in one conversion by
    the session's LibreOffice: the PDFs in the order of ``heads``."""
    from workbook.pdf import printable_copy

    copies = []
    for name, head in heads.items():
        book = folder / f"{name}.xlsx"
        save_book(build_workbook(head)[0], book)
        copies.append(printable_copy(book, folder / f"{name}-s.xlsx", None, (sheet,)))
    return libreoffice.convert_many(copies, folder / "pdf", "pdf")
