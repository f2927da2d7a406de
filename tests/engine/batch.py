"""Recalculate many books in LibreOffice headless with few ``soffice`` calls.

One ``soffice --convert-to`` call converts a whole list of files; starting
LibreOffice costs more than a small book does, so the oracles hand it books in
batches, split over a few processes (each with its own profile: a profile cannot
be shared by two running instances). ``values_many`` exports every sheet as CSV
with raw (not formatted) values, the fastest way to read what the engine computed;
``recalculate_many`` writes recalculated .xlsx copies, for openpyxl or a payload.
"""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Field separator 44 (,), text delimiter 34 ("), UTF-8 (76), from line 1, default
# column formats, default language, quote only where needed, (unused), cell
# contents as stored rather than as shown, no formulas, no trimming, every sheet
# (-1: one file per sheet, named BOOK-SHEET.csv).
CSV_ALL_SHEETS = (
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
)

RECALC_ON_LOAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
    "<value>0</value></prop></item>\n"
    "</oor:items>\n"
)
"""Without OOXMLRecalcMode=0 LibreOffice shows the values stored in the file."""

Grid = list[list[str]]
BATCH = 60  # books per soffice start: bounded memory, and a crash loses few


class BatchEngine:
    """LibreOffice headless, fed books in batches over ``processes`` instances."""

    def __init__(self, soffice: str, home: Path, processes: int = 2):
        self.soffice = soffice
        self.home = home
        self.processes = processes

    def _profile(self, i: int) -> Path:
        profile = self.home / f"profile{i}"
        user = profile / "user"
        if not user.exists():
            user.mkdir(parents=True)
            (user / "registrymodifications.xcu").write_text(
                RECALC_ON_LOAD, encoding="utf-8"
            )
        return profile

    def _convert(self, i: int, books: Sequence[Path], to: str, out: Path) -> None:
        """Convert ``books`` with instance ``i``, at most BATCH books per start."""
        for k in range(0, len(books), BATCH):
            part = books[k : k + BATCH]
            subprocess.run(
                [
                    self.soffice,
                    f"-env:UserInstallation={self._profile(i).as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    to,
                    "--outdir",
                    str(out),
                    *map(str, part),
                ],
                check=True,
                capture_output=True,
                timeout=60 + 10 * len(part),
            )

    def convert_many(
        self, books: Sequence[Path], out: Path, to: str, done=lambda book: True
    ) -> None:
        """Convert ``books`` (unique file stems) into ``out``, in parallel chunks;
        a book ``done`` does not find converted is tried once more, alone (a
        LibreOffice instance that stops mid-batch leaves the rest unconverted)."""
        stems = [Path(b).stem for b in books]
        assert len(set(stems)) == len(stems), "books need unique file names"
        out.mkdir(parents=True, exist_ok=True)
        n = max(1, min(self.processes, len(books)))
        chunks = [list(books[i::n]) for i in range(n)]
        with ThreadPoolExecutor(n) as pool:
            jobs = [
                pool.submit(self._convert, i, chunk, to, out)
                for i, chunk in enumerate(chunks)
            ]
            for job in jobs:
                job.result()
        for book in [b for b in books if not done(b)]:
            self._convert(0, [book], to, out)

    def recalculate_many(self, books: Sequence[Path], out: Path) -> list[Path]:
        """Recalculated .xlsx copies of ``books``, in the same order."""
        self.convert_many(
            books, out, "xlsx", lambda b: (out / f"{Path(b).stem}.xlsx").exists()
        )
        results = [out / f"{Path(b).stem}.xlsx" for b in books]
        missing = [str(p) for p in results if not p.exists()]
        assert not missing, f"LibreOffice wrote nothing for {missing}"
        return results

    def values_many(
        self, books: Sequence[Path], out: Path, sheets: Sequence[str]
    ) -> list[dict[str, Grid]]:
        """Each book's computed values: sheet name -> rows of raw cell text."""
        self.convert_many(
            books,
            out,
            CSV_ALL_SHEETS,
            lambda b: all((out / f"{Path(b).stem}-{s}.csv").exists() for s in sheets),
        )
        grids = []
        for book in books:
            grid = {}
            for sheet in sheets:
                path = out / f"{Path(book).stem}-{sheet}.csv"
                assert path.exists(), f"LibreOffice exported no {sheet} for {book}"
                with path.open(encoding="utf-8", newline="") as f:
                    grid[sheet] = list(csv.reader(f))
            grids.append(grid)
        return grids


def cell_text(grid: Grid, row: int, col: int) -> str:
    """The raw text at 1-based ``row``, ``col``; "" beyond the exported area."""
    if row - 1 < len(grid) and col - 1 < len(grid[row - 1]):
        return grid[row - 1][col - 1]
    return ""


def once(tmp_path_factory, name: str, make):
    """``make()`` computed once per test run, shared by every xdist worker.

    A session fixture runs in each worker; books recalculated by LibreOffice are
    too dear to make twice, so the first worker computes and pickles the result
    under the run's shared temporary folder and the others wait for it and load it.
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
