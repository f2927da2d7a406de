"""Run a job on either host, from a book file: the CLI's openpyxl adapter, or the
ribbon's macro on xlwings' remote engine fed the values a spreadsheet engine
computed (what Excel would send), its actions applied back to the file."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook.cli import run
from workbook.io import apply_plan, load_book, save_book, snapshot_of
from workbook.populate import Populated, import_plan, source_head
from workbook.refresh import refresh_file

from .remote_actions import apply_actions

HOSTS = ("openpyxl", "remote")


def recalculate_all(libreoffice, books: list[Path], out_dir: Path) -> list[Path]:
    """Every book recalculated by LibreOffice."""
    return libreoffice.recalculate_many(books, out_dir)


def refresh_on(host: str, path: Path, libreoffice, tmp: Path) -> list:
    """Refresh the book at ``path`` in place on ``host``; its findings."""
    if host == "openpyxl":
        return refresh_file(path).findings
    return refresh_remote(path, libreoffice, tmp)[0]


def refresh_remote(path: Path, libreoffice, tmp: Path) -> tuple[list, list[dict]]:
    """The ribbon's Refresh on the remote engine, fed the values LibreOffice
    computes for the book at ``path``, its actions applied back to the file:
    (findings, actions)."""
    values = load_workbook(
        libreoffice.recalculate(path, tmp / f"values-{path.stem}"), data_only=True
    )
    book = xw.Book(json=payload(load_book(path), values, path.name))
    findings = macros.refresh(book)
    actions = book.json()["actions"]
    wb = load_book(path)
    left = apply_actions(wb, actions)
    assert [a["func"] for a in left] == [], "an action the client cannot apply"
    wb.save(path)
    return findings, actions


def import_on_file(book: Path, paths: list[Path]) -> tuple[Populated, list]:
    """Import ``paths`` (a source folder or published CSV files) into the book
    at ``book`` as the CLI's file host does: (what it did, the sources' issues)."""
    wb = load_book(book)
    snap = snapshot_of(wb, str(book))
    head, tables, issues = source_head(paths, snap)
    done = import_plan(snap, head, tables, "clerk")
    apply_plan(wb, done.plan)
    save_book(wb, book, original=book)
    return done, issues


def remote_book(path: Path, libreoffice, tmp_path: Path) -> xw.Book:
    """The book as an xlwings client would send it: values Excel would show
    (LibreOffice's, in ``tmp_path / "values"``)."""
    values = load_workbook(
        libreoffice.recalculate(path, tmp_path / "values"), data_only=True
    )
    return xw.Book(json=payload(load_book(path), values, path.name))


def macro_on_file(book: Path, libreoffice, folder: Path, macro):
    """A ribbon macro run on the remote engine for the book file at ``book``, fed
    the values LibreOffice computes, its actions applied back and saved: what the
    macro returned."""
    remote = remote_book(book, libreoffice, folder)
    done = macro(remote)
    wb = load_book(book)
    apply_actions(wb, remote.json()["actions"])
    save_book(wb, book, original=book)
    return done


def cli_said(*args: object) -> tuple[int, list[str]]:
    """``estimates ARGS`` run in this process: its exit code and its stderr lines
    (what the clerk is told when something is refused)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run([str(a) for a in args])
    return code, err.getvalue().splitlines()


def cli_printed(*args: object) -> tuple[int, str]:
    """``estimates ARGS`` run in this process: its exit code and what it printed
    on stdout (a summary; stderr is dropped)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = run([str(a) for a in args])
    return code, out.getvalue()
