"""Check every book in a folder in parallel processes, for the budget office.

One consolidated findings table (a pandas DataFrame, written to CSV and xlsx): a row
per finding, naming the book and Head; a book that cannot be read is a row too, so
nothing goes missing. The xlsx has a second sheet for the budget office: books x
rules by severity. pandas and tqdm come with the ``batch`` extra
(the wheel's ``[batch]`` extra, see the README); a clerk's install does without them.
"""

from __future__ import annotations

import os
import signal
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltm")
# Spreadsheets in another format are checked too: each is a row saying why it
# cannot be read (saved as .xls or .ods, say), rather than passed over unseen.
OTHER_SHEETS = (".xltx", ".xls", ".xlsb", ".ods")
# A custom document property on every findings table this module writes, so that a
# table saved inside the folder it checked is not taken for a book next time.
TABLE_MARK = "EstimatesFindingsTable"
COLUMNS = (
    "book",
    "head",
    "year",
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
    """Workbooks (and other spreadsheets) below ``folder``, skipping Excel's lock
    files, hidden files and the findings tables of an earlier check."""
    return sorted(
        p
        for p in Path(folder).rglob("*")
        if p.is_file()
        and p.suffix.lower() in BOOK_SUFFIXES + OTHER_SHEETS
        and not p.name.startswith(("~$", "."))
        and not is_findings_table(p)
    )


def is_findings_table(path: Path) -> bool:
    """Whether ``path`` is a findings table written by ``write_table``."""
    try:
        with zipfile.ZipFile(path) as z:
            custom = z.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return f'name="{TABLE_MARK}"'.encode() in custom


def check_one(path: str) -> tuple[str, tuple[str, str], list[dict], str]:
    """(book, (head, year), findings, error): runs in a worker process."""
    from estimates.source import SourceError

    from .io import BookError
    from .reader import NotOurBook
    from .refresh import check_file

    try:
        outcome = check_file(Path(path))
    except (BookError, NotOurBook, SourceError, OSError) as exc:
        return path, ("", ""), [], str(exc).splitlines()[0]
    head = outcome.head
    findings = [f.as_dict() for f in outcome.findings]
    return path, (head.head, head.estimate_year or ""), findings, ""


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the main process, which stops the pool (a worker
    interrupted itself would print a traceback of its own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _settle_memory()


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
    """Check books one after another in this process, as ``check_one``."""
    _settle_memory()
    for path in paths:
        yield check_one(str(path))


def _progress(total: int, stream=None):
    """A progress bar with rate and time left (tqdm), on stderr by default; silent
    when the stream is not a terminal, so that logs get no carriage returns."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="book",
        desc="checking",
        file=stream or sys.stderr,
        disable=None,  # None: only on a terminal
        **_width(stream or sys.stderr),
    )


def _width(stream) -> dict:
    """Follow the terminal's width; a terminal that tells none (0 columns, as
    some CI pseudo-terminals) gets 80, else tqdm would draw nothing."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return {"dynamic_ncols": True} if columns > 0 else {"ncols": 80}


def check_folder(
    folder: Path, workers: int | None = None, stream=None
) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """Findings of every book in ``folder``, in book order, each row with the same
    keys (COLUMNS and the compared cells); and each book's (Head, year) by its
    name relative to ``folder``, the books with no finding too."""
    books = books_in(folder)
    results: dict[str, tuple] = {}
    workers = workers or min(len(books), os.cpu_count() or 1) or 1
    with _progress(len(books), stream) as progress:
        for path, head, findings, error in _checked(books, workers):
            results[path] = (head, findings, error)
            progress.set_postfix_str(Path(path).name[-30:], refresh=False)
            progress.update()
    rows, heads = [], {}
    blank = {**dict.fromkeys(COLUMNS), "cells": []}  # every key of a finding
    for path in map(str, books):
        (head, year), findings, error = results[path]
        name = Path(path).relative_to(folder).as_posix()
        heads[name] = (head, year)
        book = {**blank, "book": name, "head": head, "year": year}
        if error:
            rows.append({**book, "rule": "READ", "severity": "error",
                         "message": error})  # fmt: skip
        rows.extend({**book, **f} for f in findings)
    return rows, heads


def _checked(books: list[Path], workers: int):
    """(book, head, findings, error) for each book as it is done."""
    if workers == 1:
        yield from check_books(books)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        futures = [pool.submit(check_one, str(p)) for p in books]
        for future in as_completed(futures):
            yield future.result()
    finally:  # on Ctrl-C too: the books not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


SEVERITIES = ("error", "warning", "info")
ALL = {"error": "all errors", "warning": "all warnings", "info": "all info"}


def findings_frame(rows: list[dict]):
    """The consolidated findings table: a row per finding, the columns of COLUMNS."""
    import pandas as pd

    return pd.DataFrame(rows, columns=list(COLUMNS)).astype("string").fillna("")


def pivot(frame, heads: dict[str, tuple[str, str]]):
    """Books x rules by severity: how many findings of each rule each book has
    (columns "error T04", ..., in severity order), totals by severity and in all,
    and a total row. Every book checked is a row, one with no finding too."""
    import pandas as pd

    data = frame.assign(
        severity=pd.Categorical(frame["severity"], list(SEVERITIES), ordered=True)
    )
    table = pd.DataFrame.from_dict(
        heads, orient="index", columns=["head", "year"], dtype="string"
    )
    table.index.name = "book"
    if len(data):
        counts = data.pivot_table(
            index="book", columns=["severity", "rule"], aggfunc="size",
            fill_value=0, observed=True,
        )  # fmt: skip
        counts = counts.reindex(table.index, fill_value=0)
        for severity in SEVERITIES:
            rules = [c for c in counts.columns if c[0] == severity]
            for column in rules:
                table[f"{severity} {column[1]}"] = counts[column]
            table[ALL[severity]] = counts[rules].sum(axis=1) if rules else 0
    else:
        for severity in SEVERITIES:
            table[ALL[severity]] = 0
    table["all findings"] = table[list(ALL.values())].sum(axis=1)
    total = table.drop(columns=["head", "year"]).sum().to_frame("all books").T
    return pd.concat([table, total.assign(head="", year="")])[table.columns]


def write_table(
    rows: list[dict],
    csv_path: Path,
    xlsx_path: Path,
    heads: dict[str, tuple[str, str]] | None = None,
) -> tuple[Path, Path]:
    """The findings as CSV (UTF-8 with BOM, so Excel reads Chinese) and as xlsx:
    sheet Findings, an Excel table, and their pivot, sheet By book."""
    import pandas as pd
    from openpyxl.packaging.custom import StringProperty

    frame = findings_frame(rows)
    heads = heads or dict.fromkeys(frame["book"], ("", ""))
    # A leading = + - @ would be a formula to Excel: keep it text.
    frame.map(_csv_safe).to_csv(csv_path, index=False, encoding="utf-8-sig")
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Findings", index=False)
        pivot(frame, heads).to_excel(writer, sheet_name="By book", index_label="book")
        _dress(writer.book["Findings"], len(frame))
        writer.book["By book"].column_dimensions["A"].width = 36
        writer.book["By book"].freeze_panes = "C2"
        writer.book.custom_doc_props.append(StringProperty(TABLE_MARK, "1"))
    return csv_path, xlsx_path


def _dress(ws, rows: int) -> None:
    """The Findings sheet as an Excel table; text kept as text."""
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # pandas wrote text that starts with "="
                cell.data_type = "s"
                cell.quotePrefix = True
    last, right = max(rows + 1, 2), get_column_letter(len(COLUMNS))
    table = Table(displayName="tblFindings", ref=f"A1:{right}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    widths = (28, 6, 9, 6, 8, 14, 8, 70, 50, 14, 14)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _csv_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return value
