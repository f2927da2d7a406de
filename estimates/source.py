"""The source data folder a Head's workbook is built from (see README, "Data format").

``head.toml``, ``programmes.csv`` and ``subheads.csv`` are required;
``subhead_000.csv``, ``establishment.csv`` and ``pay_scale.csv`` are optional.
Total lines are never read: they are computed.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .model import COLUMNS, Amount, Count, EstablishmentSummary, Footnote, Head
from .money import is_nil_mark, parse_millions
from .tables import FOOTNOTES, HEAD_LISTS, PROGRAMMES, SUBHEADS, TABLES, TEXT, Table
from .years import YearError, parse_year

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_HEAD_135 = SAMPLES / "head135"

FOOTNOTE_TARGETS = ("programme_total", "total_expenditure", "programme:", "subhead:")


TOTAL_LINE = re.compile(r"\s*(total\b|總計|合計|總額)", re.I)
"""A printed total line typed into a table (a programme 'Total'): never a line."""
TOTAL_KEYS = {PROGRAMMES.name: "programme", SUBHEADS.name: "code"}
"""The column where a total line's label would sit, by table."""
TOTAL_TITLE = re.compile(r"\s*(total\b|總計|合計|總額)|.*(總計|合計|總額)\s*$", re.I)
"""A total's label in a title column, the line's number or code left blank
(",,,Total, Recurrent", "經常開支總額"): a total line too."""


class SourceError(ValueError):
    """A source file that cannot be read; the message names file, line and column.
    ``zh``: the same in Chinese, when the raiser gives it (the ribbon shows both)."""

    def __init__(self, message: str = "", zh: str = ""):
        super().__init__(message)
        self.zh = zh


def total_label(table: str, text) -> str:
    """The column of a row of ``table`` whose text (``text(column)``) labels it a
    total line ("Total" as its number or code, or in a title with the number or
    code blank), else "": the one test for a source file's row and a book's."""
    column = TOTAL_KEYS.get(table, "")
    labels = [(column, TOTAL_LINE)] if column else []
    if column and not text(column).strip():
        labels += [(c, TOTAL_TITLE) for c in ("title_en", "title_zh")]
    return next((c for c, total in labels if total.match(text(c))), "")


@dataclass(frozen=True)
class Row:
    path: Path
    line: int
    data: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.path}: line {self.line}, column '{column}'"

    def text(self, column: str) -> str:
        return (self.data.get(column) or "").strip()

    def parse(self, column: str, parser):
        try:
            return parser(self.data.get(column))
        except ValueError as exc:
            raise SourceError(f"{self.where(column)}: {exc}") from None

    def _whole_line(self, table: Table) -> None:
        """A total line typed into the table (totals are computed; said first, as
        the clearer reason), or a line with more or fewer cells than headings
        (``row_fault``): not read.

        Raises:
            SourceError: naming the file and line (and the cell of a total).
        """
        column = total_label(table.name, self.text)
        if column:
            raise SourceError(
                f"{self.where(column)}: {self.text(column)!r} is a total line:"
                " totals are computed, so delete this line"
            )
        extra = self.data.get(None) or []  # type: ignore[call-overload]
        given = [v for k, v in self.data.items() if k is not None and v is not None]
        values = [*given, *extra]
        width = len(self.data) - (None in self.data)
        fault = row_fault(len(values), width, values)
        opened = fault != row_fault(len(values), width)  # a quote left open
        if fault and not extra and not opened and self._short_of_blank_text(table):
            return
        if fault:
            raise SourceError(f"{self.path}: line {self.line}: {fault}")

    def _short_of_blank_text(self, table: Table) -> bool:
        """The row lacks only trailing cells of text that may be left blank (a
        policy area, a Chinese title): Excel saves a CSV so, leaving out the commas
        of empty cells at the end of a row, so those cells read as blank. A missing
        figure, code or required cell is still not read."""
        fields = {f.name: f for f in table.fields}
        missing = [k for k, v in self.data.items() if k is not None and v is None]
        return all(
            k in fields and fields[k].kind == TEXT and not fields[k].required
            for k in missing
        )

    def record(self, table: Table) -> object:
        """The model row this CSV line holds, every field parsed as declared.

        Raises:
            SourceError: naming every value of the line that cannot be read, a
                line each.
        """
        self._whole_line(table)
        values, bad = {}, []
        for f in table.fields:
            if f.name in self.data:
                try:
                    values[f.name] = self.parse(f.name, f.parse)
                except SourceError as exc:
                    bad.append(str(exc))
        if bad:
            raise SourceError("\n".join(bad))
        nils = [f.name for f in table.fields if f.is_money
                and is_nil_mark(self.data.get(f.name))]  # fmt: skip
        return table.make(values, nils=nils)


def row_fault(cells: int, width: int, values=()) -> str:
    """Why a CSV row of ``cells`` cells under ``width`` headings is not read, or ""
    when it is: the one rule for every CSV file read (a source folder's, a
    published one, one of actual expenditure). A long row: a figure typed with
    commas and no quotes (1,75,587) splits into cells and moves the others (even
    empty ones). A short row: a missing cell is not taken as nil. A row whose
    ``values`` run over line breaks, whatever its width: a quote opened on its
    first line (where the row is reported) and not closed took the lines below
    into it (the count may even come out right)."""
    breaks = sum(str(v).count("\n") for v in values if v)
    if breaks:  # no cell of these files runs over lines
        return (
            f'a quote (") opened on this line is not closed until {breaks} line(s)'
            f" below, so those lines read as part of this row ({cells} cells for"
            f" {width} headings): close the quote (a cell may not run over lines),"
            " so the row is not read"
        )
    if cells > width:
        return (
            f"a long row: {cells} cells for {width} headings (a figure with commas,"
            " such as 1,75,587, needs quotes, or key 175587), so the row is not read"
        )
    if cells < width:
        return (
            f"a short row: {cells} of {width} cells; a missing cell is not taken as"
            " nil, so the row is not read"
        )
    return ""


def read_rows(path: Path, required: tuple[str, ...]) -> list[Row]:
    """Rows of a UTF-8 CSV file whose header has at least ``required``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [" ".join(h.split()) for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    reader.fieldnames = header
    rows = []
    start = reader.line_num + 1
    for record in reader:  # each row named by the line it starts on
        if any((v or "").strip() for v in record.values() if isinstance(v, str)):
            rows.append(Row(path, start, record))
        start = reader.line_num + 1
    return rows


def read_head_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: {exc}") from None


def _count(info: dict, key: str, path: Path) -> Count:
    value = info.get(key)
    if value is None:
        return Count(None)
    if not isinstance(value, int) or isinstance(value, bool):
        raise SourceError(f"{path}: [establishment] {key}: a whole number is required")
    return Count(value)


def _footnotes(meta: dict, path: Path) -> list[Footnote]:
    notes = []
    for i, note in enumerate(meta.get("footnotes", []), start=1):
        where = f"{path}: footnote {i}"
        if not isinstance(note, dict) or not note.get("mark"):
            raise SourceError(f"{where}: 'mark' is required")
        target = str(note.get("target", ""))
        if not target.startswith(FOOTNOTE_TARGETS):
            raise SourceError(
                f"{where}: 'target' must be one of programme_total, total_expenditure,"
                f" programme:N or subhead:CODE, not {target!r}"
            )
        columns = tuple(note.get("columns", []))
        bad = [c for c in columns if c not in COLUMNS]
        if bad:
            raise SourceError(f"{where}: unknown column(s) {bad}; use {list(COLUMNS)}")
        notes.append(
            Footnote(
                str(note["mark"]),
                target,
                columns,
                str(note.get("text_en", "")),
                str(note.get("text_zh", "")),
            )
        )
    return notes


def _narrative(meta: dict, path: Path) -> dict[str, tuple[str, None]]:
    """head.toml's [narrative]: the clerk's own sentences by sentence key."""
    table = meta.get("narrative", {})
    if not isinstance(table, dict) or not all(
        isinstance(t, str) for t in table.values()
    ):
        raise SourceError(f"{path}: [narrative] maps sentence keys to text")
    return {str(k): (t, None) for k, t in table.items() if t.strip()}


NOTE_CELL = re.compile(r"Narrative![A-Z]{1,3}[1-9][0-9]{0,6}")
"""Where a clerk's note may go back (head.toml [notes]): a cell of the Narrative."""


def _footnote_gaps(meta: dict, path: Path) -> tuple[Amount, ...]:
    """head.toml's [footnote_gaps]: per column, the programme-total gap ($
    million) the footnotes were accepted as explaining, as the book recorded it
    (Export writes it, build records it again: a gap that has since changed
    stays a T03 error, not accepted anew). () when none is given."""
    table = meta.get("footnote_gaps", {})
    if not isinstance(table, dict) or not table:
        return ()
    gaps = []
    for column in COLUMNS:
        value = table.get(column)
        try:
            gaps.append(Amount(None if value is None else parse_millions(str(value))))
        except ValueError:
            raise SourceError(
                f"{path}: [footnote_gaps] {column}: {value!r} is not a figure in $"
                " million",
                f"{path}: [footnote_gaps] {column}: {value!r} 不是以百萬元計的數字。",
            ) from None
    return tuple(gaps)


def _notes(meta: dict, path: Path) -> dict[str, str]:
    """head.toml's [notes]: a clerk's notes outside the tables, by cell."""
    table = meta.get("notes", {})
    if not isinstance(table, dict):
        raise SourceError(f"{path}: [notes] maps cells (Narrative!A30) to text")
    for cell, text in table.items():
        if not NOTE_CELL.fullmatch(str(cell)) or not isinstance(text, str):
            raise SourceError(
                f"{path}: [notes] {cell!r}: expected a Narrative cell (such as"
                " Narrative!A30) and its text"
            )
    return {str(k): t for k, t in table.items() if t.strip()}


def _posts_history(meta: dict, path: Path) -> tuple[tuple[str | int, int | None], ...]:
    """head.toml's [establishment] history: the earlier years' posts for the
    chart, [year, posts] pairs, oldest first (posts may be left out: not keyed)."""
    rows = meta.get("establishment", {}).get("history", [])
    out = []
    for row in rows if isinstance(rows, list) else [rows]:
        ok = isinstance(row, list) and 1 <= len(row) <= 2
        posts = row[1] if ok and len(row) == 2 else None
        if (
            not ok
            or not (posts is None or type(posts) is int)
            or isinstance(row[0], bool | float | list | dict)
        ):
            raise SourceError(
                f"{path}: [establishment] history {row!r}: expected [year, posts]"
                ' pairs, such as ["2023", 78]'
            )
        out.append((row[0] if type(row[0]) is int else str(row[0]), posts))
    return tuple(out)


def _year(meta: dict, path: Path, key: str = "estimate_year") -> str:
    """head.toml's ``key`` (estimate_year, rolled_from) as ``2025-26`` ("" if it
    gives none).

    Raises:
        SourceError: naming the file, when it is no Estimate year.
    """
    given = meta.get(key, "")
    if not str(given).strip():
        return ""
    try:
        return parse_year(given, f"{path}: {key}")
    except YearError as exc:
        raise SourceError(str(exc)) from None


def _source_meta(folder: Path) -> Path:
    """The head.toml of a source data folder.

    Raises:
        SourceError: no such folder, not a folder, or one with no head.toml.
    """
    if not folder.exists():
        raise SourceError(f"{folder}: no such folder", f"{folder}: 沒有此資料夾。")
    if not folder.is_dir():
        book = folder.suffix.lower() in (".xlsx", ".xlsm", ".xltm", ".xltx")
        raise SourceError(
            f"{folder}: not a folder of source data"
            + (" (a workbook: 'estimates export' it to a folder to build from;"
               " 'estimates refresh' updates it as it is)" if book else ""),
            f"{folder}: 不是來源資料的資料夾"
            + ("(這是活頁簿:請先匯出為資料夾)" if book else "") + "。",
        )  # fmt: skip
    meta_path = folder / "head.toml"
    if not meta_path.exists():
        published = " (it holds CSV files: for the Government's published Estimates"
        published += " CSV files, run 'estimates import' first)"
        csvs = any(folder.glob("*.csv"))
        raise SourceError(
            f"{folder}: not a folder of source data (it has no head.toml; the"
            " README's 'Data format' lists the files)" + (published if csvs else ""),
            f"{folder}: 不是來源資料的資料夾(沒有 head.toml)"
            + (";如屬政府公布的預算 CSV 檔案,請選擇該等檔案匯入" if csvs else "")
            + "。",
        )
    return meta_path


def load_source(folder: Path) -> Head:
    """Read a source data folder into a Head.

    Raises:
        SourceError: a file is missing or a value cannot be read.
    """
    folder = Path(folder)
    meta_path = _source_meta(folder)
    meta = read_head_toml(meta_path)
    if not str(meta.get("head", "")).strip():
        raise SourceError(
            f"{meta_path}: 'head' is required", f"{meta_path}: 缺少總目編號(head)。"
        )
    info = meta.get("establishment", {})
    head = Head(
        head=str(meta["head"]),
        title_en=str(meta.get("title_en", "")),
        title_zh=str(meta.get("title_zh", "")),
        controlling_officer_en=str(meta.get("controlling_officer_en", "")),
        controlling_officer_zh=str(meta.get("controlling_officer_zh", "")),
        estimate_year=_year(meta, meta_path),
        department_en=str(meta.get("department_en", "")),
        department_zh=str(meta.get("department_zh", "")),
        department_short_zh=str(meta.get("department_short_zh", "")),
        footnotes=_footnotes(meta, meta_path),
        narrative=_narrative(meta, meta_path),
        footnote_gaps=_footnote_gaps(meta, meta_path),
        notes=_notes(meta, meta_path),
        posts_history=_posts_history(meta, meta_path),
        rolled_from=_year(meta, meta_path, "rolled_from"),
        establishment=EstablishmentSummary(
            posts_start=_count(info, "posts_start", meta_path),
            directorate_start=_count(info, "directorate_start", meta_path),
            directorate_end=_count(info, "directorate_end", meta_path),
            net_change=_count(info, "net_change", meta_path),
            ceiling=_count(info, "ceiling", meta_path),
            note_en=str(info.get("note_en", "")),
            note_zh=str(info.get("note_zh", "")),
        ),
    )
    for table in (PROGRAMMES, SUBHEADS):
        if not (folder / table.csv).exists():
            raise SourceError(
                f"{folder / table.csv}: file not found (it is required)",
                f"{folder / table.csv}: 找不到此必需的檔案。",
            )
    bad: list[str] = []
    for table in TABLES.values():
        path = folder / table.csv
        if table.csv and path.exists():
            _read_table(path, table, getattr(head, HEAD_LISTS[table.name]), bad)
    if bad:
        raise SourceError(listed(folder, bad))
    return head


def _read_table(path: Path, table: Table, rows: list, bad: list[str]) -> None:
    """A table's lines into ``rows``; each value that cannot be read into ``bad``."""
    for row in read_rows(path, table.csv_required):
        try:
            rows.append(row.record(table))
        except SourceError as exc:
            bad.extend(str(exc).splitlines())


def listed(where: object, bad: list[str]) -> str:
    """One problem: its line. Several: a line that counts them and names the first,
    then each on a line of its own, indented (all can be mended at once)."""
    if len(bad) == 1:
        return bad[0]
    lines = [f"{where}: {len(bad)} values cannot be read; the first, {bad[0]}"]
    return "\n".join(lines + [f"  {line}" for line in bad])


HEAD_KEYS = (
    "head",
    "title_en",
    "title_zh",
    "controlling_officer_en",
    "controlling_officer_zh",
    "estimate_year",
    "department_en",
    "department_zh",
    "department_short_zh",
    "rolled_from",  # a rolled-forward Head's last year: its figures are to key (F01)
)
COUNT_KEYS = ("posts_start", "directorate_start", "directorate_end", "net_change")


def _toml(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    text = str(value)
    for bad, good in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(bad, good)
    text = "".join(c if c >= " " or c == "\t" else f"\\u{ord(c):04x}" for c in text)
    return f'"{text}"'


def head_toml(head: Head) -> str:
    """``head.toml`` for a Head: its titles, establishment summary and footnotes."""
    lines = [f"{k} = {_toml(getattr(head, k))}" for k in HEAD_KEYS if getattr(head, k)]
    est = head.establishment
    info = {k: getattr(est, k).value for k in (*COUNT_KEYS, "ceiling")}
    info |= {"note_en": est.note_en, "note_zh": est.note_zh}
    info = {k: v for k, v in info.items() if v not in (None, "")}
    if info or head.posts_history:
        lines += ["", "[establishment]"]
        lines += [f"{k} = {_toml(v)}" for k, v in info.items()]
    if head.posts_history:  # the chart's earlier years, as the clerk keyed them
        pairs = [f"[{_toml(y)}{'' if p is None else f', {p}'}]"
                 for y, p in head.posts_history]  # fmt: skip
        lines.append(f"history = [{', '.join(pairs)}]")
    if head.narrative:  # the clerk's own sentences, by sentence key
        lines += ["", "[narrative]"]
        lines += [f"{_toml(k)} = {_toml(t)}" for k, (t, _) in head.narrative.items()]
    if head.notes:  # the clerk's notes outside the tables, by cell
        lines += ["", "[notes]"]
        lines += [f"{_toml(k)} = {_toml(t)}" for k, t in head.notes.items()]
    gaps = dict(zip(COLUMNS, head.footnote_gaps, strict=False))
    gaps = {c: a.value for c, a in gaps.items() if a.value is not None}
    if gaps:  # the gaps the footnotes explain, as the book recorded them
        lines += ["", "[footnote_gaps]"]
        lines += [f"{c} = {_toml(str(v))}" for c, v in gaps.items()]
    for note in head.footnotes:
        lines += ["", "[[footnotes]]"]
        for f in FOOTNOTES.fields:
            value = getattr(note, f.model_attr)
            if value not in ("", ()):
                lines.append(f"{f.name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def write_table(path: Path, table: Table, rows: list[list[str]]) -> None:
    """A source CSV file: the table's declared headings, then its rows as text."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.names)
        writer.writerows(rows)


def write_source(head: Head, folder: Path, every_file: bool = False) -> None:
    """Write a Head as a source data folder that ``load_source`` reads back equal.

    The optional files are written only when the Head has their rows, or with
    ``every_file`` as header-only files (Export: no file left from before).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "head.toml").write_text(head_toml(head), encoding="utf-8")
    for table in TABLES.values():
        rows = getattr(head, HEAD_LISTS[table.name])
        if table.csv and (rows or every_file or table in (PROGRAMMES, SUBHEADS)):
            write_table(folder / table.csv, table, [table.csv_row(r) for r in rows])
