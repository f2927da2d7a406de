"""LibreOffice headless as the tests' real formula engine and renderer.

One LibreOffice per xdist worker, started at its first conversion and kept
running, converts every book the worker's tests hand it through UNO
(tests/engine/uno_server.py, run by Debian's python3, whose UNO bindings it
needs): starting soffice costs seconds, more than a book's own work, and a test
run converts hundreds of books. The book is loaded as ``soffice --convert-to``
loads it (the profile recalculates every formula on load) and stored with the
same export filter.

Every result is kept by the book's content (SHA-256) and target for the session:
a byte-identical book (the pristine sample many tests recalculate) is converted
once per worker, whichever test asks first. A book LibreOffice fails on is tried
once more in a fresh instance, then named in the error.

Use the ``libreoffice`` fixture (tests/conftest.py), which also marks the test
``engine``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import re
import select
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

UNO_PYTHON = "/usr/bin/python3"  # Debian's, with python3-uno
SERVER = Path(__file__).parent / "engine" / "uno_server.py"

# Without OOXMLRecalcMode=0 LibreOffice keeps stored values, never recomputing.
RECALC_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

# Field separator 44 (,), text delimiter 34 ("), UTF-8 (76), from line 1, default
# column formats, default language, quote only where needed, (unused), cell
# contents as stored rather than as shown, no formulas, no trimming, every sheet
# (-1: one file per sheet, named BOOK-SHEET.csv).
CSV_ALL_SHEETS = "44,34,76,1,,0,false,true,false,false,false,-1"
FILTERS = {
    "xlsx": "Calc MS Excel 2007 XML",
    "ods": "calc8",
    "xls": "MS Excel 97",
    "pdf": "calc_pdf_Export",
    "csv": "Text - txt - csv (StarCalc)",
}
# A print title (rows repeated on each printed page) costs LibreOffice ~0.045 s CPU
# per sheet to load when it spans whole rows, the only form Excel writes: 0.52 of
# the 0.74 s a Head-year book takes (LibreOffice 7.4; 0.24 s with the same titles
# as cell ranges). Where a test wants only the computed values (``values``,
# ``recalculate``), LibreOffice loads a copy without them: a print title only
# repeats rows on paper, no formula can refer to it, and the values are the same
# (tests/test_libreoffice_values_ignore_print_titles.py compares them).
PRINT_TITLES = re.compile(
    rb"<(?:\w+:)?definedName\b[^>]*\bname=\"_xlnm\.Print_Titles\"[^>]*>.*?"
    rb"</(?:\w+:)?definedName>",
    re.S,
)
RESTART_AFTER = 150  # books per LibreOffice instance: bounded memory
TIMEOUT = 300  # seconds for one book

Grid = list[list[str]]


class LibreOffice:
    """Recalculate, convert or render books in one kept LibreOffice."""

    def __init__(self, soffice: str, workdir: Path):
        self.soffice = soffice
        self.profile = workdir / "profile"
        self.cache = workdir / "cache"
        self.starts = 0  # LibreOffice instances started
        self.converted = 0  # books converted (cache misses)
        self._server: subprocess.Popen | None = None
        self._served = 0
        user = self.profile / "user"
        user.mkdir(parents=True, exist_ok=True)
        self.cache.mkdir(exist_ok=True)
        (user / "registrymodifications.xcu").write_text(RECALC_ON_LOAD, "utf-8")

    def convert_many(self, books: Sequence[Path], out_dir: Path, to: str) -> list[Path]:
        """Each book converted to format ``to`` (xlsx, ods, xls, pdf) as
        ``out_dir/<stem>.<to>``."""
        return self._copies(books, out_dir, to, lean=False)

    def _copies(self, books, out_dir: Path, to: str, lean: bool) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        results = []
        for book in books:
            result = out_dir / f"{Path(book).stem}.{to}"
            if result in results:
                raise ValueError(f"two books named {result.name} for {out_dir}")
            shutil.copyfile(self._cached(book, to, lean), result)
            results.append(result)
        return results

    def convert(self, book: Path, out_dir: Path, to: str) -> Path:
        """``book`` converted by LibreOffice to format ``to`` (xlsx, ods, pdf)."""
        return self.convert_many([book], out_dir, to)[0]

    def edit(self, book: Path, out: Path, inserts=(), cells=()) -> Path:
        """``book`` edited in LibreOffice as a clerk edits it, recalculated and
        saved as ``out`` (xlsx): rows inserted (``(sheet, row, count)``: every
        reference and name below moves) then cells typed (``(sheet, row, col,
        value)``; a str starting "=" is a formula)."""
        request = {"book": str(book), "out": str(out), "filter": FILTERS["xlsx"]}
        request |= {"insert": list(inserts), "cells": list(cells)}
        error = self._ask(request)
        if error:
            raise RuntimeError(f"LibreOffice could not edit {book}: {error}")
        return out

    def recalculate(self, book: Path, out_dir: Path) -> Path:
        """A copy of ``book`` whose formulas LibreOffice has computed, for its
        values: loaded without its print titles (PRINT_TITLES; ``convert`` to
        xlsx re-saves the whole book)."""
        return self.recalculate_many([book], out_dir)[0]

    def recalculate_many(self, books: Sequence[Path], out_dir: Path) -> list[Path]:
        """Copies of ``books`` whose formulas LibreOffice has computed."""
        return self._copies(books, out_dir, "xlsx", lean=True)

    def values_many(
        self, books: Sequence[Path], sheets: Sequence[str]
    ) -> list[dict[str, Grid]]:
        """Each book's computed values: sheet name -> rows of raw cell text (every
        sheet exported as CSV, cell contents as stored, not as shown)."""
        return [self.values(book, sheets) for book in books]

    def values(self, book: Path, sheets: Sequence[str]) -> dict[str, Grid]:
        """One book's computed values (loaded without its print titles:
        PRINT_TITLES)."""
        folder = self._cached(book, "csv", True)
        grid = {}
        for sheet in sheets:
            path = folder / f"book-{sheet}.csv"
            assert path.exists(), f"LibreOffice exported no {sheet} for {book}"
            with path.open(encoding="utf-8", newline="") as f:
                grid[sheet] = list(csv.reader(f))
        return grid

    def close(self) -> None:
        """End this worker's LibreOffice (it also ends when pytest does)."""
        if self._server is None:
            return
        with contextlib.suppress(OSError):  # a server that died has no reader
            self._server.stdin.close()
        try:
            self._server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()
        self._server.stdout.close()
        self._server = None

    def _cached(self, book: Path, to: str, lean: bool) -> Path:
        """The cached conversion of ``book`` (for csv: a folder of sheets); if
        ``lean``, of a copy without print titles."""
        key = self.cache / f"{_digest(book)}.{'lean.' if lean else ''}{to}"
        if key.exists():
            return key
        stage = self.cache / "stage"
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir()
        staged = stage / f"book{Path(book).suffix}"
        (_copy_without_print_titles if lean else shutil.copyfile)(book, staged)
        self._convert_once_more_if_failed(staged, stage / f"book.{to}", to, book)
        if to == "csv":
            (stage / staged.name).unlink()
            stage.rename(key)
        else:
            (stage / f"book.{to}").rename(key)
        self.converted += 1
        return key

    def _convert_once_more_if_failed(self, staged, out, to, book) -> None:
        request = {"book": str(staged), "out": str(out), "filter": FILTERS[to]}
        if to == "csv":
            request["options"] = CSV_ALL_SHEETS
        error = self._ask(request)
        if error:
            self.close()  # a fresh instance for the second try
            error = self._ask(request)
        if error:
            raise RuntimeError(f"LibreOffice could not convert {book} to {to}: {error}")

    def _ask(self, request: dict) -> str:
        """Send one request; "" when it worked, else what went wrong."""
        if self._server is None or self._served >= RESTART_AFTER:
            self._start()
        self._served += 1
        try:
            self._server.stdin.write(json.dumps(request) + "\n")
            self._server.stdin.flush()
            answer = self._answer()
        except (OSError, ValueError) as e:
            answer = {"ok": False, "error": f"LibreOffice stopped ({e})"}
        return "" if answer["ok"] else answer["error"]

    def _answer(self) -> dict:
        ready, _, _ = select.select([self._server.stdout], [], [], TIMEOUT)
        line = self._server.stdout.readline() if ready else ""
        if not line:
            self._server.kill()
            raise OSError("no answer" if ready else f"no answer in {TIMEOUT} s")
        return json.loads(line)

    def _start(self) -> None:
        self.close()
        if not Path(UNO_PYTHON).exists():
            raise RuntimeError(f"{UNO_PYTHON} with Debian's python3-uno is needed")
        self._server = subprocess.Popen(
            [UNO_PYTHON, str(SERVER), self.soffice, str(self.profile)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.starts += 1
        self._served = 0
        if not self._answer().get("ready"):
            raise RuntimeError("LibreOffice did not start")


def cell_text(grid: Grid, row: int, col: int) -> str:
    """The raw text at 1-based ``row``, ``col``; "" beyond the exported area."""
    if row - 1 < len(grid) and col - 1 < len(grid[row - 1]):
        return grid[row - 1][col - 1]
    return ""


def once(tmp_path_factory, name: str, make):
    """``make()`` computed once per test run, shared by every xdist worker.

    A session fixture runs in each worker; results that are too dear to make
    twice are computed by the first worker that asks, pickled under the run's
    shared temporary folder, and loaded by the others (which wait for it).
    """
    import fcntl
    import os
    import pickle

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    data = root / f"{name}.pickle"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if data.exists():
            return pickle.loads(data.read_bytes())
        value = make()
        data.write_bytes(pickle.dumps(value))
        return value


def _copy_without_print_titles(book: Path, copy: Path) -> None:
    """``book`` copied with no print titles in its workbook part; any other file
    copied as it is."""
    if not zipfile.is_zipfile(book):
        shutil.copyfile(book, copy)
        return
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(copy, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("workbook.xml"):
                data = PRINT_TITLES.sub(b"", data)
            out.writestr(item, data)


def _digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]
