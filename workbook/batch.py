"""Check every book in a folder in parallel processes, for the budget office.

One consolidated findings table (CSV and xlsx): a row per finding, naming the book
and Head; a book that cannot be read is a row too, so nothing goes missing.
"""

from __future__ import annotations

import csv
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

from .io import write_cell

BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltm")
COLUMNS = (
    "book",
    "head",
    "rule",
    "severity",
    "sheet",
    "cell",
    "message",
    "message_zh",
    "expected",
    "found",
)


def books_in(folder: Path) -> list[Path]:
    """Workbooks below ``folder``, skipping Excel's lock files and hidden files."""
    return sorted(
        p
        for p in Path(folder).rglob("*")
        if p.is_file()
        and p.suffix.lower() in BOOK_SUFFIXES
        and not p.name.startswith(("~$", "."))
    )


def check_one(path: str) -> tuple[str, str, list[dict], str]:
    """(book, head, findings, error): runs in a worker process."""
    from estimates.source import SourceError

    from .io import BookError
    from .reader import NotOurBook
    from .refresh import check_file

    try:
        outcome = check_file(Path(path))
    except (BookError, NotOurBook, SourceError, OSError) as exc:
        return path, "", [], str(exc).splitlines()[0]
    return path, outcome.head.head, [f.as_dict() for f in outcome.findings], ""


def _settle_memory() -> None:
    """Move what is alive now (modules, caches) out of the collector's way.

    Each book leaves cyclic garbage; without this, every full collection also
    rescans the long-lived objects, and checking 80 books costs about 14% more
    than 80 books checked one at a time (measured: benchmarks/run.py)."""
    import gc

    import workbook.refresh  # noqa: F401  (import everything a check needs first)

    gc.collect()
    gc.freeze()


def check_books(paths: list[Path]):
    """Check books one after another in this process: (book, head, findings, error)."""
    _settle_memory()
    for path in paths:
        yield check_one(str(path))


class Progress:
    """A one-line progress bar on a stream (stderr by default)."""

    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr

    def step(self, label: str) -> None:
        self.done += 1
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {label[-40:]:<40}")
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def check_folder(folder: Path, workers: int | None = None, stream=None) -> list[dict]:
    """Findings of every book in ``folder``, in book order."""
    books = books_in(folder)
    progress = Progress(len(books), stream)
    results: dict[str, tuple] = {}
    workers = workers or min(len(books), os.cpu_count() or 1) or 1
    if workers == 1:
        for path, head, findings, error in check_books(books):
            results[path] = (head, findings, error)
            progress.step(Path(path).name)
    else:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_settle_memory
        ) as pool:
            futures = [pool.submit(check_one, str(p)) for p in books]
            for future in as_completed(futures):
                path, head, findings, error = future.result()
                results[path] = (head, findings, error)
                progress.step(Path(path).name)
    rows = []
    for path in map(str, books):
        head, findings, error = results[path]
        name = str(Path(path).relative_to(folder))
        if error:
            rows.append(
                {
                    "book": name,
                    "head": head,
                    "rule": "READ",
                    "severity": "error",
                    "message": error,
                }
            )
        for f in findings:
            rows.append({"book": name, "head": head, **f})
    return rows


def write_table(rows: list[dict], base: Path) -> tuple[Path, Path]:
    """``base``.csv (UTF-8 with BOM, so Excel reads Chinese) and ``base``.xlsx."""
    base.parent.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = base.with_suffix(".csv"), base.with_suffix(".xlsx")
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            # A leading = + - @ would be a formula to Excel: keep it text.
            writer.writerow({k: _csv_safe(row.get(k, "")) for k in COLUMNS})
    wb = Workbook()
    ws = wb.active
    ws.title = "Findings"
    for col, name in enumerate(COLUMNS, start=1):
        write_cell(ws, 1, col, name, "header")
    for r, row in enumerate(rows, start=2):
        for col, name in enumerate(COLUMNS, start=1):
            write_cell(ws, r, col, row.get(name, "") or None, None)
    last = max(len(rows) + 1, 2)
    table = Table(displayName="tblFindings", ref=f"A1:J{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    for col, width in zip(
        "ABCDEFGHIJ", (28, 6, 6, 8, 14, 8, 70, 50, 14, 14), strict=True
    ):
        ws.column_dimensions[col].width = width
    wb.save(xlsx_path)
    return csv_path, xlsx_path


def _csv_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value
