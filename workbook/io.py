"""The openpyxl adapter: read a book into a Snapshot, apply a Plan, save safely.

Saves go through a temporary file in the same folder and an atomic rename, so a
process killed mid-save leaves the original intact. A macro-enabled book keeps
its VBA; every part openpyxl drops (the ribbon's relationship, a VBA signature,
custom XML ...) is put back by ``package``, or the save is refused.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import zipfile
from pathlib import Path

import defusedxml  # noqa: F401  (openpyxl parses with defusedxml when it is installed)
from defusedxml import ElementTree
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from . import layout as L
from .cached import cached_values
from .charts import set_series
from .draft import mark_headers
from .package import Preserver, UnkeptPart
from .printing import lay_out, retitle_pages, set_up_pages, split_column_ranges
from .safety import UnsafeBook, inspect_package
from .snapshot import NOT_CACHED, CellError, Formula, Snapshot
from .styles import apply_look, look
from .writes import FLAG_COLUMNS, NOTE_KEPT, Plan

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")


class BookError(ValueError):
    """A book that cannot be opened; the message names the file."""


BOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
SAVE_AS = "save it as an Excel workbook (.xlsx or .xlsm) and run this again"
FROM_CSV = (
    "a CSV file of published Estimates goes into a book with 'estimates import"
    " FILES --head N --year YYYY-YY -o DIR', then 'estimates build DIR -o"
    " BOOK.xlsx' (the ribbon: Import…); or " + SAVE_AS
)


def _kind_of(path: Path) -> str:
    """What a file that is not an OOXML workbook is ("" for a workbook)."""
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-format .xls file"
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                with z.open("mimetype") as part:
                    if b"opendocument" in part.read(100):
                        return "an OpenDocument spreadsheet, .ods"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                if path.suffix.lower() in BOOK_SUFFIXES:
                    return ""
                return f"a workbook named {path.suffix or 'without a suffix'}"
        return "a zip package with no workbook in it"
    if path.suffix.lower() in (".csv", ".txt"):
        return "a text file"
    if path.is_file() and path.stat().st_size == 0:
        return "an empty file, 0 bytes"
    return "it is not a zip package"


def check_format(path: Path) -> None:
    """Refuse, in one line, any file that is not an OOXML workbook.

    Raises:
        BookError: .ods, .xls, .csv or anything else; the message says what to do.
    """
    kind = _kind_of(path)
    if kind:
        advice = FROM_CSV if path.suffix.lower() == ".csv" else SAVE_AS
        raise BookError(f"{path}: not an Excel workbook ({kind}): {advice}")
    if path.suffix.lower() in (".xlsx", ".xltx"):
        with zipfile.ZipFile(path) as z:
            if "xl/vbaProject.bin" in z.namelist():
                raise BookError(
                    f"{path}: the extension says a plain workbook ({path.suffix}) but"
                    " the contents carry macros: rename it to .xlsm and run this again"
                )


def refuse_not_ours(path: Path) -> None:
    """Refuse a workbook with none of the template's sheets (read from the
    package's sheet list, before anything else is checked for a save).

    Raises:
        BookError: the line ``check`` gives for such a book.
    """
    with zipfile.ZipFile(path) as z, z.open("xl/workbook.xml") as part:
        root = ElementTree.parse(part).getroot()
    sheets = {el.get("name") for el in root.iter(f"{{{MAIN_NS}}}sheet")}
    if not sheets & {L.HEAD, L.PROGRAMMES, L.SUBHEADS}:
        raise BookError(
            f"{path}: not an Estimates workbook (no Head, Programmes or Subheads"
            " sheet); build one with 'estimates build DATA_DIR -o BOOK.xlsx'"
        )


INTERRUPTS = {"count": 0}
"""Ctrl-C presses the CLI's handler has seen (``count_interrupts``)."""


def _counted(signum, frame) -> None:
    INTERRUPTS["count"] += 1
    signal.default_int_handler(signum, frame)  # KeyboardInterrupt, as before


def count_interrupts() -> None:
    """The CLI's Ctrl-C handler: Python's own, counting each press, so that a
    load whose KeyboardInterrupt openpyxl swallowed (a descriptor's bare
    ``except:`` turns it into TypeError) is known to be interrupted."""
    with contextlib.suppress(ValueError):  # not the main thread: none to count
        signal.signal(signal.SIGINT, _counted)


def load_book(path: Path, for_update: bool = False) -> Workbook:
    """Open a book; ``for_update`` first refuses one whose parts a save here
    could not keep (before openpyxl parses what it would drop)."""
    path = Path(path)
    if not path.exists():
        raise BookError(f"{path}: file not found")
    if not zipfile.is_zipfile(path):
        check_format(path)  # .xls, .csv, anything else: say what to do
    try:
        if _kind_of(path).startswith("an OpenDocument"):
            check_format(path)  # its Basic macros' DTDs are not an attack
        inspect_package(path)  # a hostile package is refused before it is read
        check_format(path)  # a zip with no workbook in it
        if for_update:
            refuse_not_ours(path)
        keeper = Preserver.check(path) if for_update else None
    except (UnsafeBook, UnkeptPart) as exc:
        raise BookError(str(exc)) from None
    pressed = INTERRUPTS["count"]
    try:
        wb = load_workbook(
            path,
            keep_vba=path.suffix.lower() in MACRO_SUFFIXES,
            keep_links=False,
            rich_text=False,
        )
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        if INTERRUPTS["count"] != pressed:  # Ctrl-C, turned into this by openpyxl
            raise KeyboardInterrupt from None
        raise BookError(f"{path}: not a readable Excel workbook ({exc})") from None
    if INTERRUPTS["count"] != pressed:  # swallowed whole: the book may be part-read
        raise KeyboardInterrupt
    wb._estimates_keeper = (path.resolve(), keeper)  # save_book reuses the check
    for ws in wb.worksheets:
        # With keep_vba, openpyxl reuses a sheet's old notes drawing by name while
        # naming new ones by count, so two sheets with notes can collide on save.
        # The notes themselves are kept; their drawing is written afresh.
        ws.legacy_drawing = None
        split_column_ranges(ws)  # another application's <col min=2 max=3>
    return wb


def snapshot_of(wb: Workbook, source: str) -> Snapshot:
    snap = Snapshot(source=source)
    for name, defined in wb.defined_names.items():
        snap.names[name] = defined.attr_text
    for ws in wb.worksheets:
        cells: dict[tuple[int, int], object] = {}
        stored = cached_values(ws)
        for (row, col), cell in ws._cells.items():
            value = cell.value
            if value is None:
                continue
            if cell.data_type == "f" and _error_literal(value):
                value = CellError(value[1:])  # LibreOffice saves an error as =#N/A
            elif cell.data_type == "f":
                value = Formula(
                    value if isinstance(value, str) else getattr(value, "text", ""),
                    stored.get((row, col), NOT_CACHED),
                )
            elif cell.data_type == "e":
                value = CellError(value)
            cells[(row, col)] = value
        snap.sheets[ws.title] = cells
        for table in ws.tables.values():
            snap.tables[table.displayName] = (ws.title, table.ref)
        if ws.protection.sheet:
            snap.protected.add(ws.title)
        snap.merged[ws.title] = [str(r) for r in ws.merged_cells.ranges]
        snap.hidden[ws.title] = _hidden_columns(ws)
    if L.CHARTS in wb.sheetnames:
        snap.charts = len(wb[L.CHARTS]._charts)
    return snap


def _error_literal(value: object) -> bool:
    """Whether a formula is an error value alone (``=#DIV/0!``): LibreOffice
    saves a cell holding an error value so; it is that value."""
    return isinstance(value, str) and value[1:] in ERROR_CODES


def _hidden_columns(ws) -> set[int]:
    out: set[int] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            out.update(range(dim.min, dim.max + 1))
    return out


class BookHost:
    """The openpyxl host: an open workbook (``workbook.host.Host``)."""

    def __init__(self, wb: Workbook, source: str):
        self.wb = wb
        self.source = source

    def snapshot(self) -> Snapshot:
        return snapshot_of(self.wb, self.source)

    def apply(self, plan: Plan, snap: Snapshot) -> None:
        apply_plan(self.wb, plan)


def _fill_of(cell) -> str:
    fill = cell.fill
    if fill is None or fill.fill_type != "solid":
        return ""
    rgb = fill.fgColor.rgb
    return rgb if isinstance(rgb, str) else ""


def _number_formats(wb: Workbook, plan: Plan) -> None:
    """A rebuilt sheet's cells left unwritten (the same formula) still take the
    number format this refresh gives them: a New year's "or" line names the new
    Original's year, a footnote added since marks its figure."""
    for sheet, writes in plan.regenerated.items():
        if sheet not in wb.sheetnames:
            continue
        ws = wb[sheet]  # once: ``wb[name]`` searches the sheets
        for w in writes:
            code = look(w.style).get("number_format") if w.style else None
            cell = ws.cell(w.row, w.col)
            if code and cell.number_format != code and not isinstance(cell, MergedCell):
                cell.number_format = code


def apply_plan(wb: Workbook, plan: Plan) -> None:
    """Make the plan's changes in an openpyxl workbook."""
    for u in plan.unflags:
        if u.sheet not in wb.sheetnames:
            continue
        cell = wb[u.sheet][u.cell]
        if isinstance(cell, MergedCell):
            continue  # merged over since: the merge's first cell holds the look
        cell.fill = (
            PatternFill("solid", fgColor=u.prior_fill)
            if u.prior_fill
            else PatternFill()
        )
        if u.prior_note != NOTE_KEPT:  # else the note is the clerk's, untouched
            cell.comment = (
                Comment(u.prior_note, u.prior_author or "") if u.prior_note else None
            )
    new_sheets = [s for s in plan.sheets if s not in wb.sheetnames]
    for sheet in plan.sheets:
        if sheet not in wb.sheetnames:
            ws = wb.create_sheet(sheet)
            if sheet in L.HIDDEN_SHEETS:
                ws.sheet_state = "hidden"
    touched = {w.sheet for w in plan.writes} | {c[0] for c in plan.clears}
    rebuilt = {s: w for s, w in plan.regenerated.items() if s in touched}
    for sheet in rebuilt:
        _unmerge_owned(wb[sheet] if sheet in wb.sheetnames else None, sheet)
        _plain_owned(wb[sheet] if sheet in wb.sheetnames else None, sheet, plan)
    sheets = {name: wb[name] for name in wb.sheetnames}  # ``wb[name]`` searches
    for sheet, row, col in plan.clears:
        cell = sheets[sheet].cell(row, col)
        if not isinstance(cell, MergedCell):
            cell.value = None
            cell.hyperlink = None
    for w in plan.writes:
        if w.sheet in sheets:
            write_cell(sheets[w.sheet], w.row, w.col, w.value, w.style)
    _number_formats(wb, plan)
    for sheet, cols in plan.hidden_columns.items():
        for col in cols:
            wb[sheet].column_dimensions[get_column_letter(col)].hidden = True
    lay_out(wb, rebuilt)  # widths, wrapping, row heights
    set_up_pages(wb, new_sheets)  # only sheets this plan made: a clerk's own stay
    retitle_pages(wb)  # the header's Head and year follow a new year
    if plan.errors is not None:
        mark_headers(wb, plan.errors, plan.to_key)  # while errors or gaps remain
    for name, ref in plan.tables.items():
        for ws in wb.worksheets:
            if name in ws.tables:
                ws.tables[name].ref = ref
                if ws.tables[name].autoFilter is not None:
                    ws.tables[name].autoFilter.ref = ref
    for name, ref in plan.names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    set_series(wb, plan.charts)
    flags = wb[L.FLAGS] if L.FLAGS in wb.sheetnames else wb.create_sheet(L.FLAGS)
    flags.sheet_state = "hidden"
    flags.delete_rows(1, flags.max_row + 1)
    for col, header in enumerate(FLAG_COLUMNS, start=1):
        flags.cell(1, col, header)
    i = 1
    for mark in plan.flags:
        if mark.sheet not in wb.sheetnames:
            continue
        cell = wb[mark.sheet][mark.cell]
        if isinstance(cell, MergedCell):
            continue  # inside a merge (D09 names it): no note can sit there
        i += 1
        prior = cell.comment
        record = (
            mark.sheet,
            mark.cell,
            _fill_of(cell),
            prior.text if prior else "",
            prior.author if prior else "",
        )
        for col, value in enumerate(record, start=1):
            write_cell(flags, i, col, value or None, None)
        cell.fill = PatternFill("solid", fgColor=L.FILLS[mark.severity])
        text = f"{prior.text}\n\n{mark.note}" if prior else mark.note
        comment = Comment(text, L.NOTE_AUTHOR)
        comment.width, comment.height = 420, 160
        cell.comment = comment


def _unmerge_owned(ws, sheet: str) -> None:
    """The last layout's spans over the columns a rebuilt sheet owns (printing
    merges titles and notes again); a clerk's merge elsewhere is kept."""
    if ws is None:
        return
    owned = L.owned_columns(sheet)
    for merged in list(ws.merged_cells.ranges):
        if owned is None or merged.min_col in owned:
            ws.unmerge_cells(str(merged))


RESTYLED = (L.REPORT, L.REPORT_ZH, L.REPORT_EN, L.CHECKS)
"""Printed sheets whose owned cells lose the last layout's look before a rebuild:
a look is laid over a cell's style, so rows that moved (a programme added) kept
the bands, bold and fills of the rows they replaced."""


def _plain_owned(ws, sheet: str, plan: Plan) -> None:
    """Each owned cell this plan writes or clears, or that is empty, back to the
    plain style (a value it keeps, a clerk's constant, keeps its look)."""
    if ws is None or sheet not in RESTYLED:
        return
    touched = {(w.row, w.col) for w in plan.writes if w.sheet == sheet}
    touched |= {(r, c) for s, r, c in plan.clears if s == sheet}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or not L.owns(sheet, cell.column):
                continue
            if cell.value is None or (cell.row, cell.column) in touched:
                cell._style = StyleArray()


def write_cell(ws, row: int, col: int, value: object, style: str | None):
    """Write a value; text that looks like a formula stays text. A cell inside a
    merged range is never written (the merge is the clerk's; D09 reports it)."""
    cell = ws.cell(row, col)
    if isinstance(cell, MergedCell):
        return cell
    if isinstance(value, str) and not isinstance(value, Formula):
        value = ILLEGAL_CHARACTERS_RE.sub(
            "", value
        )  # control characters a file carried
    if isinstance(value, Formula):
        cell.value = str(value)
    else:
        cell.value = value
        if isinstance(value, str) and cell.data_type == "f":
            cell.data_type = "s"
            cell.quotePrefix = True
    apply_look(cell, style)
    if style == "header" and (ws.row_dimensions[row].height or 0) < 32:
        ws.row_dimensions[row].height = 32  # room for the two-language headings
    return cell


def save_book(wb: Workbook, target: Path, original: Path | None = None) -> None:
    """Save through a temporary file and an atomic rename. Every part of
    ``original`` the refresh does not own comes back byte for byte, with its
    relationships and content type, or nothing is written (BookError naming it)."""
    target = Path(target)
    checked, keeper = getattr(wb, "_estimates_keeper", (None, None))
    if original is None or not zipfile.is_zipfile(original):
        keeper = None
    else:
        try:
            if keeper is None or checked != Path(original).resolve():
                keeper = Preserver.check(Path(original))
        except UnkeptPart as exc:
            raise BookError(str(exc)) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        refuse_in_use(target)
    wb.calculation.fullCalcOnLoad = True
    wb.template = target.suffix.lower() in (".xltx", ".xltm")  # Excel needs both
    try:
        _write_and_replace(wb, target, keeper)
    except UnkeptPart as exc:
        raise BookError(f"{original}: {exc}") from None
    except OSError as exc:
        raise BookError(
            f"{target}: could not be saved ({exc.strerror or exc}); the book is"
            " left as it was"
        ) from None


def _write_and_replace(wb: Workbook, target: Path, keeper) -> None:
    """Write a temporary file beside ``target``, give it the book's mode (and
    owner and group where permitted), then rename it over the book."""
    handle, temp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    os.close(handle)
    try:
        wb.save(temp)
        if keeper is not None:
            keeper.restore(Path(temp))
        _keep_access(target, Path(temp))
        with open(temp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _keep_access(target: Path, temp: Path) -> None:
    """The new file gets the old one's permissions, owner and group (owner and
    group only where this user may set them); a new file gets the umask's mode."""
    try:
        old = target.stat()
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temp, 0o666 & ~mask)
        return
    try:
        os.chown(temp, old.st_uid, old.st_gid)
    except OSError:
        with contextlib.suppress(OSError):  # a member of the group may keep it
            os.chown(temp, -1, old.st_gid)
    os.chmod(temp, stat.S_IMODE(old.st_mode))


def _lock_owner(lock: Path) -> str:
    """The user named in an Excel or LibreOffice lock file ("" if unreadable).
    LibreOffice: text 'C,user,host,date,profile'; Excel: a byte giving the name's
    length, then the name (ANSI), padded; the UTF-16 copy follows."""
    try:
        data = lock.read_bytes()[:512]
    except OSError:
        return ""
    if lock.name.startswith(".~lock."):
        fields = data.decode("utf-8", "replace").split(",")
        return fields[1].strip() if len(fields) > 1 else ""
    if data and 0 < data[0] < 55:
        return data[1 : 1 + data[0]].decode("latin-1", "replace").strip()
    return ""


def refuse_in_use(book: Path) -> None:
    """Refuse to write a book that another program has open (its lock file is
    beside it) or that is read-only.

    Raises:
        BookError: one line naming the book and saying what to do.
    """
    book = Path(book)
    for lock, program in (
        (book.with_name(f"~${book.name}"), "Excel"),
        (book.with_name(f".~lock.{book.name}#"), "LibreOffice"),
    ):
        if lock.exists():
            who = _lock_owner(lock)
            by = f" by {who}" if who else ""
            raise BookError(
                f"{book.name} is open in {program}{by}; close it and try again"
            )
    if book.exists() and not book.stat().st_mode & 0o222:
        raise BookError(
            f"{book}: the book is read-only; nothing was written (make it writable"
            " or save the result elsewhere with -o)"
        )
