"""The macros the ribbon calls, through xlwings' RunPython, on the open book.

Each takes ``book=None`` (then the calling book, ``xw.Book.caller()``), runs the
same core and plan as the CLI through the xlwings adapter, and reports failure
to the clerk as a message box in plain words, never a traceback.
"""

from __future__ import annotations

import traceback
from contextlib import contextmanager, suppress
from pathlib import Path

import xlwings as xw

from estimates.findings import count_by_severity
from estimates.source import SourceError
from estimates.years import YearError
from workbook import host as service
from workbook import layout as L
from workbook.changelog import revert_said
from workbook.flags import next_flag as _next
from workbook.reader import NotOurBook
from workbook.versions import advice

from .refusals import in_chinese, reason_zh
from .xlbook import XlwingsHost, snapshot_of

TITLE = "Estimates 預算"


def _caller(book):
    return book if book is not None else xw.Book.caller()


def _status(book, text) -> None:
    with suppress(NotImplementedError, AttributeError):  # remote: no status bar
        book.app.status_bar = text


def _alert(book, text: str) -> None:
    try:
        book.app.alert(text, title=TITLE)
    except (NotImplementedError, AttributeError):  # an engine with no dialogs
        print(text)


ACTIONS_ZH = {
    "Refresh": "更新", "Check": "檢查", "Clear flags": "清除標示", "Revert": "還原",
    "Next flag": "下一個標示", "About": "關於", "Import": "匯入", "New year": "新年度",
    "Export": "匯出",
}  # fmt: skip
"""Each ribbon action's name in Chinese, as its message box shows it."""
REFUSED = "Nothing was changed. 未有作出任何更改:請按上述說明更正後再試。"
ALERT_LINES = 25
"""The most lines a refusal's message box lists (a longer list is counted)."""


def _named(what: str) -> str:
    return f"{what} {ACTIONS_ZH.get(what, '')}".rstrip()


def refusal(what: str, text: str, zh: str = "") -> str:
    """A clerk's mistake as the message box says it: the action in both languages,
    the message (its first line, then any list below it), the same in Chinese
    (``zh``), and that nothing was changed."""
    lines = text.splitlines() or [""]
    shown = lines[:ALERT_LINES]
    if len(lines) > ALERT_LINES:
        more = len(lines) - ALERT_LINES
        shown.append(f"... and {more} more 其餘 {more} 項 (see Checks 見「檢查結果」)")
    return "\n".join([f"{_named(what)}: {shown[0]}", *shown[1:], *[zh][:bool(zh)],
                      REFUSED])  # fmt: skip


@contextmanager
def _guard(book, what: str):
    try:
        yield
    except NotOurBook:
        _alert(
            book,
            "This workbook was not made from the Estimates template, so"
            f" {what} cannot run on it. Open Estimates.xltm and key the Head there."
            " 此工作簿並非由預算範本建立,無法執行"
            f"{ACTIONS_ZH.get(what, what)}:請開啟 Estimates.xltm 並在其中輸入總目。",
        )
    except (SourceError, YearError) as exc:  # the clerk's to mend: no crash
        _alert(book, refusal(what, str(exc), in_chinese(exc)))
    except Exception as exc:
        traceback.print_exc()
        _alert(
            book,
            f"{_named(what)} stopped: {exc}. Nothing was lost: cells written"
            " before this point can be checked and Refresh run again. If it"
            " happens again, send this message to IT.\n"
            f"{ACTIONS_ZH.get(what, what)}中途停止。已輸入的資料沒有遺失:可檢查已寫入的"
            "儲存格並再按「更新」。如再發生,請把本訊息交給資訊科技組。",
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
        _status(
            book,
            "Estimates: refreshing the workbook ... 預算工具:正在更新 ...",
        )
        done = service.refresh(XlwingsHost(book), service.current_user())
        if done.refused:
            _alert(book, done.refused)
            return done.findings
        _status(book, f"Estimates refreshed 已更新: {_summary(done.findings)}")
        return done.findings


def check(book=None):
    """List findings on the Checks sheet and flag cells; write no computed cell."""
    book = _caller(book)
    with _guard(book, "Check"):
        done = service.check(XlwingsHost(book))
        _status(book, f"Estimates checked 已檢查: {_summary(done.findings)}")
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
        said = revert_said(book.name, restored)
        _status(book, f"Estimates: {said}")
        _alert(book, f"{_named('Revert')}: {said}")  # the remote engine: no status bar
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
        except (NotImplementedError, AttributeError):  # no selection: from the top
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
    if L.HEAD not in [s.name for s in book.sheets]:
        return ""
    value = book.sheets[L.HEAD].range(L.TEMPLATE_VERSION_CELL).value
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
        _alert(
            book,
            f"Estimates add-in 預算工具\n{text}\nLayout 版面: {L.TEMPLATE_VERSION}",
        )
        return text


# --- Data 資料: Import, New year, Export (issue 10) -------------------------------
# The ribbon's Data group gathers paths with Excel's own pickers and passes them
# here; the work is workbook.populate's, the same plans the CLI applies to files.


def _tell(book, done, issues, what: str) -> None:
    lines = [f"{what}:", *done.summary(), _summary(done.findings)]
    lines += [said for said in (done.actual_said(), done.blanks_said()) if said]
    lines += [
        f"{'Note 注意' if i.note else 'Not read 未能讀取'}: {i} ({reason_zh(str(i))})"
        for i in issues[:10]
    ]
    if len(issues) > 10:
        lines.append(f"... and {len(issues) - 10} more 其餘 {len(issues) - 10} 項")
    _alert(book, "\n".join(lines))


def _path(value) -> Path:
    """A path from the ribbon: text, or the list of UTF-16 code units VBA sends."""
    if isinstance(value, str):
        return Path(value)
    units = "".join(map(chr, value))
    return Path(units.encode("utf-16-le", "surrogatepass").decode("utf-16-le"))


def _refused(book, done) -> bool:
    """A book of another template version is not written (the V01 policy)."""
    refused = service.version_refusal(done.findings)
    if refused:
        _alert(book, refused)
    return bool(refused)


def import_data(paths, book=None):
    """Import…: fill the input tables from a source data folder or the published
    CSV files of this Head, refresh, and say what was replaced (Revert undoes it)."""
    from workbook.populate import import_plan, source_head  # not on Refresh's path

    book = _caller(book)
    with _guard(book, "Import"):
        _status(book, "Estimates: importing ... 預算工具:正在匯入 ...")
        host = XlwingsHost(book)
        snap = host.snapshot()
        head, tables, issues = source_head([_path(p) for p in paths], snap)
        done = import_plan(snap, head, tables, service.current_user())
        if _refused(book, done):
            return done
        host.apply(done.plan, snap)
        _tell(book, done, issues, "Imported 已匯入")
        return done


TYPED_YEAR = ("the year you typed", "你輸入的年度")
"""Where the ribbon's New year… takes a year: its input box (the CLI's --year)."""


def new_year_check(target, year: str = "", actual_paths=(), verdict=None, book=None):
    """New year…, step 1, on last year's book before anything is written: the new
    name (not last year's, not an existing file, macro-enabled), the book, the year
    and the files of actual expenditure, checked as New year would use them. Only
    when all pass is the ``verdict`` file made: the ribbon then saves the copy and
    runs ``new_year`` in it; else the clerk is told why and nothing is written."""
    from workbook.populate import new_year_ready, refuse_new_name  # not Refresh's

    book = _caller(book)
    ready = False
    with _guard(book, "New year"):
        _status(book, "Estimates: checking New year ... 預算工具:正在檢查新年度 ...")
        new = _path(target)
        refuse_new_name(Path(book.fullname), new)
        if new.exists():
            raise SourceError(f"{new}: already exists; give a new name",
                              f"{new}: 已存在;請另定名稱。")  # fmt: skip
        if not new.parent.is_dir():
            raise SourceError(
                f"{new.parent}: no such folder; choose one that exists",
                f"{new.parent}: 沒有此資料夾;請選擇已有的資料夾。",
            )
        snap = XlwingsHost(book).snapshot()
        done = new_year_ready(snap, year, [_path(p) for p in actual_paths],
                              asked=TYPED_YEAR)  # fmt: skip
        ready = not _refused(book, done)
    if ready and verdict is not None:
        _path(verdict).write_text(str(_path(target)), encoding="utf-8")
    return ready


def new_year(year: str = "", actual_paths=(), book=None):
    """New year…, step 2: run on the copy of last year's book the ribbon saved and
    opened once ``new_year_check`` passed; roll it forward in place (last year's
    book is not touched) and save it."""
    from workbook.populate import new_year_ready  # not on Refresh's path

    book = _caller(book)
    with _guard(book, "New year"):
        host = XlwingsHost(book)
        snap = host.snapshot()
        files = [_path(p) for p in actual_paths]
        done = new_year_ready(snap, year, files, service.current_user(), TYPED_YEAR)
        if _refused(book, done):
            return done
        host.apply(done.plan, snap)
        with suppress(Exception):  # desktop: keep it; the remote engine cannot
            book.save()
        _tell(book, done, done.issues, f"New year 新年度 {done.head.estimate_year}")
        return done


def export_data(folder, book=None):
    """Export…: the book's inputs as a source data folder ('estimates build' reads)."""
    book = _caller(book)
    with _guard(book, "Export"):
        from workbook.outputs import FILE_SUFFIXES
        from workbook.populate import export_inputs, exported  # not Refresh's

        folder = _path(folder)
        if folder.suffix.lower() in FILE_SUFFIXES:  # as the CLI's export refuses
            raise SourceError(
                f"{folder}: Export writes a folder, not a {folder.suffix} file; give"
                " a folder name",
                f"{folder}: 「匯出」會建立資料夾,而非 {folder.suffix} 檔案;請提供"
                "資料夾名稱。",
            )
        snap = XlwingsHost(book).snapshot()
        reading, _, findings = service.evaluate(snap)
        left_out = export_inputs(snap, reading.head, findings, folder)
        lines = [f"Exported to 已匯出至 {folder}:", *exported(reading.head)]
        lines += [left_out] if left_out else []
        _alert(book, "\n".join([*lines, _summary(findings)]))
        return reading.head
