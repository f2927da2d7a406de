"""The macros the ribbon calls, through xlwings' RunPython, on the open book.

Each takes ``book=None`` (then the calling book, ``xw.Book.caller()``), runs the
same core and plan as the CLI through the xlwings adapter, and reports failure
to the clerk as a message box in plain words, never a traceback.
"""

from __future__ import annotations

import traceback
from contextlib import contextmanager, suppress

import xlwings as xw

from estimates.findings import count_by_severity
from workbook import host as service
from workbook import layout as L
from workbook.flags import next_flag as _next
from workbook.reader import NotOurBook
from workbook.versions import advice

from .xlbook import XlwingsHost, snapshot_of

TITLE = "Estimates 預算"


def _caller(book):
    return book if book is not None else xw.Book.caller()


def _status(book, text) -> None:
    with suppress(Exception):  # the remote engine has no status bar
        book.app.status_bar = text


def _alert(book, text: str) -> None:
    try:
        book.app.alert(text, title=TITLE)
    except Exception:
        print(text)


@contextmanager
def _guard(book, what: str):
    try:
        yield
    except NotOurBook:
        _alert(
            book,
            "This workbook was not made from the Estimates template, so"
            f" {what} cannot run on it. Open Estimates.xltm and key the Head there."
            " 此工作簿並非由預算範本建立。",
        )
    except Exception as exc:
        traceback.print_exc()
        _alert(
            book,
            f"{what} stopped: {exc}. Nothing was lost: cells written"
            " before this point can be checked and Refresh run again. If it"
            " happens again, send this message to IT.",
        )
    finally:
        _status(book, False)


def _summary(findings) -> str:
    c = count_by_severity(findings)
    return (
        f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info"
        f" — 錯誤 {c['error']},警告 {c['warning']},資料 {c['info']}"
    )


def refresh(book=None):
    """Recompute, write computed cells the clerk has not typed over, flag. A book
    of another template version is left as it is (the same policy as the CLI)."""
    book = _caller(book)
    with _guard(book, "Refresh"):
        _status(book, "Estimates: reading and refreshing the workbook ...")
        done = service.refresh(XlwingsHost(book), service.current_user())
        if done.refused:
            _alert(book, done.refused)
            return done.findings
        _status(book, f"Estimates refreshed: {_summary(done.findings)}")
        return done.findings


def check(book=None):
    """List findings on the Checks sheet and flag cells; write no computed cell."""
    book = _caller(book)
    with _guard(book, "Check"):
        done = service.check(XlwingsHost(book))
        _status(book, f"Estimates checked: {_summary(done.findings)}")
        return done.findings


def clear_flags(book=None):
    """Remove the fills and notes the add-in made, and only those."""
    book = _caller(book)
    with _guard(book, "Clear flags"):
        service.clear_flags(XlwingsHost(book))


def revert(book=None):
    """Put back every value the last refresh overwrote, and remove its flags."""
    book = _caller(book)
    with _guard(book, "Revert"):
        restored = service.revert(XlwingsHost(book), service.current_user())
        _status(book, f"Estimates: {restored} cell(s) put back 已還原")
        return restored


def next_flag(book=None):
    """Select the next flagged cell after the current selection."""
    book = _caller(book)
    with _guard(book, "Next flag"):
        snap = snapshot_of(book)
        try:
            sheet, cell = (
                book.sheets.active.name,
                book.selection.address.replace("$", ""),
            )
            cell = cell.split(":")[0]
        except Exception:
            sheet, cell = "", ""
        target = _next(snap, sheet, cell)
        if target is None:
            _alert(book, "No flagged cells. 沒有被標示的儲存格。")
            return None
        book.sheets[target[0]].activate()
        book.sheets[target[0]].range(target[1]).select()
        return target


def template_version(book) -> str:
    """The version the book was made from (the TemplateVersion cell), or ""."""
    try:
        value = book.sheets[L.HEAD].range(L.TEMPLATE_VERSION_CELL).value
    except Exception:
        return ""
    return "" if value is None else str(value).strip()


def version_advice(template: str) -> str:
    """What the clerk sees about versions, and what to do when they differ."""
    en, zh = advice(template)
    return f"{en}\n{zh}"


def about(book=None):
    """Template and package versions, and what to do when they differ."""
    book = _caller(book)
    with _guard(book, "About"):
        text = version_advice(template_version(book))
        _alert(book, f"Estimates add-in 預算工具\n{text}\nLayout: {L.TEMPLATE_VERSION}")
        return text
