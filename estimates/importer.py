"""Import the Government's published Estimates CSV files for one Head into a
source data folder (DOMAIN.md section 6).

Survives the traps seen in those files: header cells with line breaks, English
files carrying Big5 punctuation bytes (an en dash read as ``¡V``), thousands
separators, ``-`` as nil, and "Deduct reimbursement" lines under a subhead. A row
that cannot be read is reported with its line number and why; the rest imports.
Columns are found by their headings, in English or Chinese, not by position.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import COLUMNS, Footnote, Head, Subhead, amounts, year_labels
from .money import NIL_MARK, is_nil_mark, parse_millions, parse_thousands, sum_amounts
from .rollforward import title_key
from .source import (
    SourceError,
    head_toml,
    read_head_toml,
    row_fault,
    write_table,
)
from .tables import (
    BREAKDOWN,
    HEAD_LISTS,
    PROGRAMMES,
    SUBHEADS,
    TABLES,
    NotACode,
    Table,
    subhead_code,
)
from .totals import (
    ACCOUNT_TOTAL_LABELS,
    SECTION_TOTAL_LABELS,
    TOTAL_EXPENDITURE,
    total_lines,
)
from .years import is_year, next_year, parse_year, year_in

MOJIBAKE = {"¡V": "–", "¡¦": "’", "¡¥": "‘", "¡§": "“", "¡¨": "”", "¡K": "…", "¡@": " "}
FOOTNOTE_MARKS = "¶ΔΦ#*†‡§"
FIGURE_MARK = re.compile(rf"([{FOOTNOTE_MARKS}]*)\s*(.*?)\s*([{FOOTNOTE_MARKS}]*)")
TOTAL = re.compile(r"^\s*(total\b|總計|合計|總額)|總額\s*$", re.I)
_ALL_TOTAL_LABELS = (
    *SECTION_TOTAL_LABELS.values(),
    *ACCOUNT_TOTAL_LABELS.values(),
    TOTAL_EXPENDITURE,
)
DEDUCTION = re.compile(r"deduct\s+reimbursements?|減除發還款額|減:?發還款額", re.I)
ACCOUNTS = {
    "operating": "Operating",
    "經營帳目": "Operating",
    "capital": "Capital",
    "非經營帳目": "Capital",
}
SECTIONS = {
    "recurrent": "Recurrent",
    "經常開支": "Recurrent",
    "non-recurrent": "Non-Recurrent",
    "非經常開支": "Non-Recurrent",
    "plant, equipment and works": "Plant, Equipment and Works",
    "機器、設備及工程": "Plant, Equipment and Works",
    "subventions": "Subventions",
    "資助金": "Subventions",
}
HEADINGS = {
    "head": ("head", "head no", "總目", "總目編號"),
    "head_title": ("head name", "head title", "總目名稱"),
    "programme": ("programme no", "programme number", "prog no", "綱領編號"),
    "programme_title": ("programme", "programme name", "綱領", "綱領名稱"),
    "account": ("account", "帳目"),
    "section": ("section", "category", "type of expenditure", "開支類別", "類別"),
    "code": ("subhead", "sub-head", "subhead no", "subhead code", "分目", "分目編號"),
    "title": (
        "subhead name",
        "subhead title",
        "description",
        "title",
        "分目名稱",
        "名稱",
    ),
    "group": ("group", "category of expenses", "組別", "開支類別"),
    "item": ("item", "items", "項目", "細目"),
}
AMOUNT_WORDS = (
    ("actual", ("actual", "實際")),
    ("original", ("original", "approved", "原來", "核准")),
    ("revised", ("revised", "修訂")),
    ("estimate", ("estimate", "預算")),
)


@dataclass
class Issue:
    path: Path
    line: int
    reason: str
    note: bool = False
    """Applied, but said for the clerk to check (not a row left out)."""

    def __str__(self) -> str:
        return f"{self.path}: line {self.line}: {self.reason}"


@dataclass
class TotalRow:
    """A printed total row: skipped, then checked against the computed total."""

    path: Path
    line: int
    kind: str  # programmes, subheads or breakdown
    label: str
    values: list
    after: int = 0  # the rows of its kind read before it: its lines' account


@dataclass
class Imported:
    programmes: list[list[str]] = field(default_factory=list)
    subheads: list[list[str]] = field(default_factory=list)
    breakdown: list[list[str]] = field(default_factory=list)
    head_title: str = ""
    head_title_zh: bool = False
    chinese: bool = False
    issues: list[Issue] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    marks: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """Footnote marks attached to figures: (mark, target) -> the columns."""
    other_heads: set[str] = field(default_factory=set)
    """The Head numbers of rows left out as another Head's."""
    actual_from: dict[tuple[str, str], str] = field(default_factory=dict)
    """Where each Actual read came from (file and line)."""
    read_by_file: dict[Path, int] = field(default_factory=dict)
    """How many rows of the Head each file gave (lines, totals or refusals)."""

    def mark(self, mark: str, target: str, column: str) -> None:
        columns = self.marks.setdefault((mark, target), [])
        if column not in columns:
            columns.append(column)

    def footnotes(self) -> list[dict]:
        """The marks as footnotes of head.toml, columns in print order."""
        return [
            {"mark": m, "target": t, "columns": [c for c in COLUMNS if c in cols]}
            for (m, t), cols in self.marks.items()
        ]


ENCODINGS = (
    ("utf-8-sig", ""),
    ("cp950", ""),  # the Government's Chinese files: as expected, unsaid
    ("cp1252", "Windows-1252 (Excel's 'CSV' save)"),
)
"""The encodings a published or saved CSV file is read in, in order, each with
the name said to the clerk (UTF-8 and Big5 go unsaid); UTF-16 is read by its
byte-order mark."""


def decode_said(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in ("" for UTF-8 or Big5):
    UTF-16 by its byte-order mark (Excel's 'Unicode Text'), UTF-8 if it is, else
    Big5 (cp950), else Windows-1252; then Big5 punctuation read as Latin-1 is
    mended."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text, said = data.decode("utf-16"), "UTF-16 (Excel's 'Unicode Text')"
    else:
        for encoding, name in ENCODINGS:
            try:
                text, said = data.decode(encoding), name
                break
            except UnicodeDecodeError:
                continue
        else:
            text, said = data.decode("latin-1"), "Latin-1"
    for bad, good in MOJIBAKE.items():
        text = text.replace(bad, good)
    return text, said


def decode(data: bytes) -> str:
    """A CSV file's text (see ``decode_said``)."""
    return decode_said(data)[0]


def norm(heading: str) -> str:
    """A heading with line breaks, repeated spaces, dots and case folded away."""
    text = re.sub(r"-\s+", "-", heading.replace(".", " "))  # "Sub-\nhead"
    return re.sub(r"\s+", " ", text).strip().lower()


def _find(headings: list[str], key: str) -> int | None:
    wanted = HEADINGS[key]
    for i, h in enumerate(headings):
        if h in wanted:
            return i
    return None


def amount_columns(headings: list[str]) -> dict[str, int]:
    """Columns of the four amounts: by their words, else by their years in order."""
    found: dict[str, int] = {}
    for i, h in enumerate(headings):
        for column, words in AMOUNT_WORDS:
            if column not in found and any(w in h for w in words):
                if column == "estimate" and any(
                    w in h
                    for w in ("revised", "approved", "original", "修訂", "核准", "原來")
                ):
                    continue  # "revised estimate" is the revised column
                found[column] = i
                break
    if len(found) == 4:
        return found
    years = [i for i, h in enumerate(headings) if is_year(h)]
    if len(years) == 4:  # e.g. 2023-24, 2024-25, 2024-25, 2025-26
        return dict(zip(COLUMNS, years, strict=True))
    return found


def _rows(path: Path, imported: Imported):
    text, said = decode_said(path.read_bytes())
    if said:  # not UTF-8: said once, for the clerk to check its letters
        reason = f"note: read as {said}, not UTF-8; check its accented letters"
        imported.issues.append(Issue(path, 1, reason, note=True))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headings = [norm(h) for h in next(reader)]
    except StopIteration:
        imported.issues.append(Issue(path, 1, "the file is empty"))
        return [], []
    except csv.Error as exc:
        imported.issues.append(Issue(path, reader.line_num, f"not CSV ({exc})"))
        return [], []
    rows = []
    while True:
        start = reader.line_num + 1  # the line a row starts on names it
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            imported.issues.append(Issue(path, start, f"not CSV ({exc})"))
            break
        rows.append((start, row))
    return headings, rows


def _kind(headings: list[str]) -> str:
    if _find(headings, "programme") is not None:
        return "programmes"
    if _find(headings, "code") is not None:
        return "subheads"
    if _find(headings, "item") is not None:
        return "breakdown"
    return ""


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


@dataclass
class _File:
    """One CSV file's shape: what it holds and where its columns are."""

    path: Path
    kind: str
    columns: dict[str, int | None]
    amounts: dict[str, int]
    chinese: bool
    width: int  # cells a full row has (up to the last heading)
    headings: list[str] = field(default_factory=list)

    def cell(self, row: list[str], key: str) -> str:
        return _cell(row, self.columns.get(key))

    def titled(self, text: str) -> list[str]:
        return ["", text] if self.chinese else [text, ""]


def _open(path: Path, imported: Imported) -> tuple[_File | None, list]:
    headings, rows = _rows(path, imported)
    if not headings:
        return None, []
    kind = _kind(headings)
    if not kind:
        reason = "no programme, subhead or item column: not an Estimates CSV file"
        imported.issues.append(Issue(path, 1, reason))
        return None, []
    amounts = amount_columns(headings)
    missing = [c for c in COLUMNS if c not in amounts]
    if missing:
        reason = f"cannot tell which column is {', '.join(missing)}"
        imported.issues.append(Issue(path, 1, reason))
        return None, []
    chinese = any(re.search(r"[\u4e00-\u9fff]", h) for h in headings)
    imported.chinese = imported.chinese or chinese
    columns = {key: _find(headings, key) for key in HEADINGS}
    width = _width(headings)
    return _File(path, kind, columns, amounts, chinese, width, headings), rows


def _width(headings: list[str]) -> int:
    """The cells a full row has: up to the last heading (a trailing comma after
    it is no column)."""
    return max(i for i, h in enumerate(headings) if h) + 1


def split_mark(text: str) -> tuple[str, str]:
    """A printed figure and the footnote mark attached to it: ``243,500 Φ`` gives
    ``("243,500", "Φ")``; a figure with no mark gives ``(text, "")``."""
    match = FIGURE_MARK.fullmatch(text.strip())
    if not match:
        return text, ""
    before, figure, after = match.groups()
    return figure, (before + after)


def _amounts(f: _File, row: list[str]) -> tuple[list, dict[str, str]]:
    """The four amounts of a row and the marks on them, by column.

    Raises:
        ValueError: a figure that is not an amount.
    """
    parser = parse_millions if f.kind == "programmes" else parse_thousands
    values, marks = [], {}
    for column in COLUMNS:
        figure, mark = split_mark(_cell(row, f.amounts[column]))
        values.append(parser(figure or None))
        if mark:
            marks[column] = mark
    return values, marks


def _total_label(f: _File, row: list[str]) -> str:
    """The label of a printed total row, or "" for an ordinary line."""
    keys = {
        "programmes": ("programme", "programme_title"),
        "subheads": ("code", "title", "section"),
        "breakdown": ("item", "group"),
    }[f.kind]
    first = f.cell(row, keys[0])
    if TOTAL.search(first):
        return first
    if f.kind == "programmes" and re.search(r"\d", first):
        return ""  # a numbered programme, whatever its title says
    if f.kind == "subheads" and first:
        return ""  # a coded subhead line
    for key in keys[1:]:
        if TOTAL.search(f.cell(row, key)):
            return f.cell(row, key)
    return ""


def _programme(f: _File, line: int, row: list[str], shown, imported) -> str:
    number = re.sub(r"[()\s]", "", f.cell(row, "programme"))
    if not number:
        imported.issues.append(Issue(f.path, line, "no programme number"))
        return ""
    title = f.cell(row, "programme_title")
    imported.programmes.append([number, *f.titled(title), *shown])
    return f"programme:{number}"


def _subhead(f: _File, line: int, row: list[str], values, imported) -> str:
    title, code = f.cell(row, "title"), f.cell(row, "code")
    if DEDUCTION.search(title) or DEDUCTION.search(code):
        if not imported.subheads:
            reason = "a deduction line with no subhead above it"
            imported.issues.append(Issue(f.path, line, reason))
            return ""
        above = imported.subheads[-1]
        negative = [NIL_MARK if v is None else str(-abs(v)) for v in values]
        imported.subheads.append(  # its own line, counted in every total
            [*above[:3], "Deduct reimbursements", "減除發還款額", *negative]
        )
        return f"subhead:{above[2]}"
    account = ACCOUNTS.get(norm(f.cell(row, "account")).replace(" account", ""), "")
    section = SECTIONS.get(norm(f.cell(row, "section")), "")
    if not code or not account or not section:
        reason = "a subhead line needs a code, an account and a section"
        imported.issues.append(Issue(f.path, line, reason))
        return ""
    try:
        code = subhead_code(code)
    except NotACode as exc:
        imported.issues.append(Issue(f.path, line, str(exc)))
        return ""
    imported.subheads.append(
        [account, section, code, *f.titled(title), *_shown(values)]
    )
    return f"subhead:{code}"


def _item(f: _File, row: list[str], values, imported) -> str:
    item = [f.cell(row, "group"), *f.titled(f.cell(row, "item")), *_shown(values)]
    imported.breakdown.append(item)
    return "subhead:000"


def _shown(values: list) -> list[str]:
    """A published line's figures as a source folder holds them: a nil is one the
    Government printed (``-``), never a figure still to key (a blank)."""
    return [NIL_MARK if v is None else str(v) for v in values]


def _read_row(f: _File, line: int, row: list[str], head: str, imported) -> None:
    if not any(c.strip() for c in row):
        return
    if any("\n" in c for c in row):  # a quote left open: not any Head's row
        imported.issues.append(Issue(f.path, line, row_fault(len(row), f.width, row)))
        return
    if f.columns["head"] is not None:
        digits = re.sub(r"\D", "", _cell(row, f.columns["head"]))
        if digits.lstrip("0") != head.lstrip("0"):
            if digits:
                imported.other_heads.add(digits.lstrip("0") or "0")
            return
    imported.read_by_file[f.path] = imported.read_by_file.get(f.path, 0) + 1
    fault = row_fault(len(row), f.width, row)
    if fault:
        imported.issues.append(Issue(f.path, line, fault))
        return
    try:
        values, marks = _amounts(f, row)
    except ValueError as exc:
        imported.issues.append(Issue(f.path, line, str(exc)))
        return
    label = _total_label(f, row)
    if label:
        before = len(getattr(imported, f.kind, []))
        imported.totals.append(TotalRow(f.path, line, f.kind, label, values, before))
        target = _total_target(f.kind, label)
    else:
        if not imported.head_title:
            imported.head_title = f.cell(row, "head_title")
            imported.head_title_zh = f.chinese
        if f.kind == "programmes":
            target = _programme(f, line, row, _shown(values), imported)
        elif f.kind == "subheads":
            target = _subhead(f, line, row, values, imported)
        else:
            target = _item(f, row, values, imported)
    for column, mark in marks.items():
        if target:
            imported.mark(mark, target, column)


def head_number(text: object, where: str = "") -> str:
    """A Head number as keyed (``135``, ``"135"``, ``135.0``), as digits.

    Raises:
        SourceError: not a Head number (``H135``, ``Head 135``, ``'135.0'``),
            naming ``where`` it was read (the book and cell) when given.
    """
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    shown = str(text).strip()
    if not shown.isdigit():
        meant = likely_head(shown)
        hint = f"; key it as {meant}" if meant else ""
        if where:
            said = f"{where}: {shown!r} is not a Head number such as 135{hint}"
        else:
            said = f"not a Head number such as 135: {shown!r}{hint}"
        zh = f"{where + ': ' if where else ''}{shown!r} 不是總目編號(例如 135)"
        raise SourceError(said, zh + (f";請輸入 {meant}。" if meant else "。"))
    return shown


def likely_head(text: str) -> str:
    """The Head number a clerk meant by ``Head 135``, ``H135`` or ``135.0``; ""."""
    found = re.fullmatch(r"(?:head|h|總目)?\s*(\d+)(?:\.0+)?", text.strip(), re.I)
    return found.group(1) if found else ""


def _some_of_the_head(f: _File, head: str, imported: Imported, held: set) -> None:
    """One of several files that holds only another Head's rows is a wrong pick;
    leaving it out without a word would import a book without its table.

    Raises:
        SourceError: naming the file and the Head(s) it holds.
    """
    if imported.read_by_file.get(f.path) or not held:
        return
    heads = ", ".join(sorted(held, key=int))
    raise SourceError(
        f"{f.path}: no rows for Head {head}; the file holds Head {heads}: give"
        f" Head {head}'s file, or leave this one out",
        f"{f.path}: 沒有總目 {head} 的資料;此檔案屬總目 {heads}:請提供總目 {head}"
        "的檔案,或不選此檔案。",
    )


def _check_years(f: _File, year: str) -> None:
    """Each amount column's heading year must be the one the Estimate year gives.

    Raises:
        SourceError: naming the file and the heading.
    """
    for column, wanted in zip(COLUMNS, year_labels(year), strict=True):
        heading = f.headings[f.amounts[column]]
        found = year_in(heading)
        if found and found != wanted:
            raise SourceError(
                f"{f.path}: the heading {heading!r} is for {found}, but the"
                f" Estimate year {year} needs {wanted} in its {column} column",
                f"{f.path}: 標題 {heading!r} 屬 {found} 年度,但 {year} 年度預算的"
                f"{PROGRAMMES.field(column).label_zh}欄須為 {wanted} 年度:"
                "請提供該年度的檔案。",
            )


def _check_kinds(files: list[_File]) -> None:
    """Two files of the same table would give every line twice.

    Raises:
        SourceError: naming both files.
    """
    seen: dict[str, Path] = {}
    for f in files:
        if f.kind in seen:
            raise SourceError(
                f"two files give the {f.kind}: {seen[f.kind]} and {f.path};"
                " give one (English or Chinese)",
                f"{seen[f.kind]} 及 {f.path}: 兩個檔案提供同一類資料;請只提供一個"
                "(英文或中文)。",
            )
        seen[f.kind] = f.path


def import_files(paths: list[Path], head: str, year: str = "") -> Imported:
    """Read the published CSV files and keep the lines of one Head.

    Total rows are recognised, left out and checked against the lines' sums; a
    footnote mark on a figure is kept as a footnote of what it sits on.

    Raises:
        SourceError: a file that is a folder, a heading of another year than
            ``year``, two files of one table, or no row of the Head.
    """
    head = head_number(head)
    imported, opened = Imported(), []
    for path in map(Path, paths):
        if path.is_dir():
            raise SourceError(
                f"{path}: a folder; give the CSV files, or the folder alone",
                f"{path}: 這是資料夾;請提供 CSV 檔案,或只提供該資料夾。",
            )
        if not path.is_file():
            raise SourceError(f"{path}: file not found", f"{path}: 找不到檔案。")
        if _is_workbook(path):
            raise SourceError(
                f"{path}: a workbook, not a CSV file; give this Head's published"
                " CSV files (or a source data folder)",
                f"{path}: 這是活頁簿,不是 CSV 檔案;請提供本總目已公布的 CSV 檔案"
                "(或來源資料資料夾)。",
            )
        f, rows = _open(path, imported)
        if f is not None:
            opened.append((f, rows))
    if not opened:
        first = next(i for i in imported.issues if not i.note)
        raise SourceError(
            f"{first.path}: not an Estimates CSV file: line {first.line}:"
            f" {first.reason}",
            f"{first.path}: 不是預算 CSV 檔案(第 {first.line} 行:沒有綱領、分目或"
            "項目欄,或無法辨別金額欄);請提供本總目已公布的預算 CSV 檔案。",
        )
    _check_kinds([f for f, _ in opened])
    others: dict[Path, set[str]] = {}
    for f, rows in opened:
        held = set(imported.other_heads)
        imported.other_heads.clear()
        for line, row in rows:
            _read_row(f, line, row, head, imported)
        others[f.path] = set(imported.other_heads)
        imported.other_heads |= held
    if imported.programmes or imported.subheads or imported.breakdown:
        for f, _ in opened:  # none of the Head at all: refused below, as one
            _some_of_the_head(f, head, imported, others[f.path])
    if imported.other_heads and not (
        imported.programmes or imported.subheads or imported.breakdown
    ):
        raise _other_heads(head, others)
    for f, _ in opened if year else ():  # whose files: said before which year's
        _check_years(f, year)
    refused = {issue.path for issue in imported.issues}
    for total in imported.totals:
        if total.path not in refused:  # a refused line is named, not its total
            _check_total(total, imported)
    return imported


def _other_heads(head: str, others: dict[Path, set[str]]) -> SourceError:
    """No row of the Head in any file given: each file named with the Head(s)
    it holds."""
    held = [(path, ", ".join(sorted(h, key=int))) for path, h in others.items() if h]
    (first, heads), rest = held[0], held[1:]
    more = "".join(f"; {path} holds Head {h}" for path, h in rest)
    more_zh = "".join(f";{path} 屬總目 {h}" for path, h in rest)
    return SourceError(
        f"{first}: no rows for Head {head}; the file holds Head {heads}{more}:"
        f" give Head {head}'s files",
        f"{first}: 沒有總目 {head} 的資料;此檔案屬總目 {heads}{more_zh}:請提供"
        f"總目 {head} 的檔案。",
    )


def _total_target(kind: str, label: str) -> str:
    """What a mark on a total row explains: the programme total or Total Expenditure."""
    if kind == "programmes":
        return "programme_total"
    if kind == "subheads" and _subhead_total_label(label) == TOTAL_EXPENDITURE[0]:
        return "total_expenditure"
    return ""


def _subhead_total_label(label: str) -> str:
    """The COR label (English) of a printed subhead total row; plain "Total" is
    Total Expenditure."""
    wanted = norm(label)
    for line in _ALL_TOTAL_LABELS:
        if wanted in (norm(line[0]), norm(line[1])):
            return line[0]
    return TOTAL_EXPENDITURE[0]


def _expected(total: TotalRow, imported: Imported) -> tuple:
    def parsed(rows: list[list[str]], start: int, parser) -> list[tuple]:
        return [tuple(parser(v or None) for v in r[start : start + 4]) for r in rows]

    if total.kind == "programmes":
        lines = parsed(imported.programmes, 3, parse_millions)
    elif total.kind == "breakdown":
        lines = parsed(imported.breakdown, 3, parse_thousands)
    else:
        subheads = [
            Subhead(r[0], r[1], r[2], r[3], r[4], amounts(p))
            for r, p in zip(
                imported.subheads,
                parsed(imported.subheads, 5, parse_thousands),
                strict=True,
            )
        ]
        return _subhead_total(total, subheads, imported)
    return tuple(sum_amounts([line[i] for line in lines]) for i in range(len(COLUMNS)))


def _subhead_total(total: TotalRow, subheads: list, imported: Imported) -> tuple:
    """The computed total line a printed subhead total row stands for: by its
    label and, where two accounts print that label ("Total, Subventions"), by
    the account of the lines above it."""
    label = _subhead_total_label(total.label)
    lines = [t for t in total_lines(subheads) if t.label_en == label]
    if len(lines) > 1 and total.after:
        account = imported.subheads[total.after - 1][0]
        lines = [t for t in lines if t.account == account] or lines
    return lines[0].amounts if lines else (None,) * len(COLUMNS)


def _check_total(total: TotalRow, imported: Imported) -> None:
    """A printed total that its lines do not add up to is named, column by column."""
    expected = _expected(total, imported)
    for column, want, found in zip(COLUMNS, expected, total.values, strict=True):
        if (want or 0) != (found or 0):
            reason = (
                f"total row {total.label!r}, {column}: expected {_text(want)} (the sum"
                f" of its lines), found {_text(found)}"
            )
            imported.issues.append(Issue(total.path, total.line, reason))


def _text(value) -> str:
    if value == NIL_MARK:
        return "- (nil)"
    return "nil" if value is None else f"{value:,}"


def _padded(table: Table, rows: list[list[str]]) -> list[list[str]]:
    """Imported rows hold the table's leading fields in declared order; the rest
    (such as a programme's policy area) are blank."""
    width = len(table.fields)
    return [row + [""] * (width - len(row)) for row in rows]


def write_source(imported: Imported, folder: Path, head: str, year: str,
                 over: Path | None = None) -> list[str]:  # fmt: skip
    """Write the imported lines as a source data folder (README, "Data format"),
    through the same table declarations and ``head.toml`` writer as any Head.
    ``over``: the source folder of this Head and year the files go into (import
    --force): only the tables this import gives are written, and its head.toml
    keeps all it holds, with the imported title and footnote marks added.
    Returns what was replaced and what was kept of ``over``, a line each (none
    for a new folder).

    Raises:
        SourceError: ``over`` holds another Head's or year's data.
    """
    folder.mkdir(parents=True, exist_ok=True)
    kept = _kept_meta(over, head, year)
    meta = kept or Head(head=head, estimate_year=year)
    if imported.head_title:
        key = "title_zh" if imported.head_title_zh else "title_en"
        setattr(meta, key, imported.head_title)
    marked = {(n.mark, n.target) for n in meta.footnotes}
    meta.footnotes += [  # marks as printed; the clerk keys the text
        Footnote(note["mark"], note["target"], tuple(note["columns"]))
        for note in imported.footnotes()
        if (note["mark"], note["target"]) not in marked
    ]
    (folder / "head.toml").write_text(head_toml(meta), encoding="utf-8")
    written = {}
    for table, rows in (
        (PROGRAMMES, imported.programmes),
        (SUBHEADS, imported.subheads),
        (BREAKDOWN, imported.breakdown),
    ):
        if rows or (table is not BREAKDOWN and kept is None):
            write_table(folder / table.csv, table, _padded(table, rows))
            written[table.csv] = len(rows)
    return [] if kept is None else merged_said(over, kept, written)


def merged_said(over: Path, kept: Head, written: dict[str, int]) -> list[str]:
    """Import --force into an earlier folder of this Head and year: each file it
    replaced, each it kept, and what of head.toml was written for the earlier
    data (the clerk's sentences, notes, the rolled-forward mark), a line each,
    in English and Chinese."""
    lines = [
        f"{over / csv}: replaced, {n} row(s) from the files given 已由所給檔案取代"
        f"({n} 行)"
        for csv, n in written.items()
    ]
    for name, attr in HEAD_LISTS.items():
        table = TABLES[name]
        rows = len(getattr(kept, attr))
        if table.csv and table.csv not in written and (over / table.csv).exists():
            lines.append(
                f"{over / table.csv}: kept, {rows} row(s) of the earlier data (the"
                f" files given have none) 保留原有資料({rows} 行)"
            )
    toml = over / "head.toml"
    if kept.narrative:
        n = len(kept.narrative)
        lines.append(
            f"{toml}: kept [narrative], {n} sentence(s) written for the"
            f" earlier data: review them 保留原有文員定稿 {n} 句,請覆核"
        )
    if kept.notes:
        n = len(kept.notes)
        lines.append(f"{toml}: kept [notes], {n} note(s) 保留原有附註 {n} 項")
    if kept.rolled_from:
        lines.append(
            f"{toml}: kept rolled_from = {kept.rolled_from}: a book built from this"
            " folder is still marked rolled forward (blank figures to key);"
            " import into a new folder for the files' data alone"
            f" 保留「由 {kept.rolled_from} 年度結轉」標記;如只需所給檔案的資料,"
            "請匯入至新的資料夾"
        )
    return lines


def _kept_meta(over: Path | None, head: str, year: str) -> Head | None:
    """What the source folder ``over`` holds outside the imported tables (its
    head.toml), when it is one of this Head and year; None if there is none.

    Raises:
        SourceError: it is another Head's or year's, naming the folder.
    """
    if over is None or not (over / "head.toml").exists():
        return None
    from .source import load_source  # the whole folder, checked as build reads it

    kept = load_source(over)
    if (kept.head, kept.estimate_year) != (head, year):
        raise SourceError(
            f"{over}: holds the data of Head {kept.head} {kept.estimate_year}, not"
            f" of Head {head} {year}; import into a new folder",
            f"{over}: 存有總目 {kept.head} {kept.estimate_year} 的資料,不是總目"
            f" {head} {year} 的資料;請匯入至新的資料夾。",
        )
    return kept


ACTUAL_WORDS = ("actual", "實際", "expenditure", "amount", "開支", "金額")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltm", ".xltx", ".xls", ".xlsb", ".ods")
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # zip (xlsx, ods), OLE (xls)
SOURCE_KEYS = {
    kind: {key: table.field(name).name for key, name in keys.items()}
    for kind, table, keys in (
        ("programmes", PROGRAMMES, {"programme": "programme", "title": "title_en"}),
        ("subheads", SUBHEADS, {"code": "code", "title": "title_en"}),
        ("breakdown", BREAKDOWN, {"item": "item_en", "item_zh": "item_zh"}),
    )
}
"""A source data folder's CSV files (README, "Data format"), read for their Actual:
the kind of line each holds and its key columns, by the tables' declared fields."""


OTHER_HEAD = re.compile(r"a row of Head (\S+), not Head")


class ActualError(SourceError):
    """A file of actual expenditure that cannot be used at all: New year refuses
    it before writing anything, in one line naming the file and what to do."""


def _actual_column(headings: list[str]) -> int | None:
    found = amount_columns(headings).get("actual")
    if found is not None:
        return found
    hits = [i for i, h in enumerate(headings) if any(w in h for w in ACTUAL_WORDS)]
    return hits[0] if len(hits) == 1 else None


def _actual_key(f: _File, row: list[str]) -> tuple[str, str]:
    if f.kind == "programmes":
        return "programme", re.sub(r"[()\s]", "", f.cell(row, "programme"))
    if f.kind == "subheads":
        return "subhead", f.cell(row, "code")
    return "item", f.cell(row, "item") or f.cell(row, "item_zh")


def _subhead_key(f: _File, row: list[str], known) -> tuple[str, str]:
    """A subhead row's key: by code and title when the book has that line (a code
    shared by several lines is matched so only), else by its code (a deduction
    line never is)."""
    code, title = f.cell(row, "code"), f.cell(row, "title")
    by_title = title_key(code, title) if title else None
    if by_title and (known is None or by_title in known or DEDUCTION.search(title)):
        return by_title
    return "subhead", code


def _not_in_book(key: tuple[str, str], f: _File, row: list[str], known) -> str:
    """Why a row's line is not applied: not in the book, or its code is on several
    lines of the book and its title names none of them."""
    code = key[1].split("|")[0]
    lines = sum(1 for k in known if k[0] == "subhead" and k[1].startswith(f"{code}|"))
    if key[0] == "subhead" and ("subhead", code) not in known and lines > 1:
        return (
            f"subhead {code!r} is on several lines of the book, and the title"
            f" {f.cell(row, 'title')!r} names none of them: not applied"
        )
    return f"{key[0]} {key[1]!r} is not in the book: not applied"


def _is_workbook(path: Path) -> bool:
    """A workbook by its name or its first bytes (an .xlsx renamed .csv too)."""
    with path.open("rb") as handle:
        start = handle.read(8)
    return path.suffix.lower() in WORKBOOK_SUFFIXES or start.startswith(WORKBOOK_MAGIC)


def _usable(path: Path) -> None:
    """A path that can be a CSV file of actual expenditure.

    Raises:
        ActualError: a folder, a missing file, or a workbook.
    """
    if path.is_dir():
        given = sorted(p.name for p in path.glob("*.csv"))
        hint = f" in it (it has {', '.join(given[:5])})" if given else ""
        raise ActualError(
            f"{path}: is a folder; give the CSV file(s) of actual expenditure{hint}",
            f"{path}: 這是資料夾;請提供實際開支的 CSV 檔案"
            + (f"(資料夾內有 {', '.join(given[:5])})" if given else "")
            + "。",
        )
    if not path.is_file():
        raise ActualError(f"{path}: file not found", f"{path}: 找不到檔案。")
    with path.open("rb") as handle:
        start = handle.read(8)
    if path.suffix.lower() in WORKBOOK_SUFFIXES or start.startswith(WORKBOOK_MAGIC):
        raise ActualError(
            f"{path}: is a workbook, not a CSV file; save its sheet of actual"
            " expenditure as CSV (Save As, CSV UTF-8) and give that file",
            f"{path}: 這是活頁簿,不是 CSV 檔案;請把實際開支的工作表另存為 CSV"
            "(另存新檔,CSV UTF-8)後提供該檔案。",
        )


def _shape(path: Path, headings: list[str]) -> tuple[str, dict[str, int | None]]:
    """The kind of lines an actual expenditure file holds and its key columns: a
    published file's (by its headings, English or Chinese), or a source folder's.

    Raises:
        ActualError: no programme, subhead or item column, naming the columns.
    """
    kind = _kind(headings)
    if kind:
        return kind, {key: _find(headings, key) for key in HEADINGS}
    for kind, keys in SOURCE_KEYS.items():
        if set(keys.values()) <= set(headings):
            columns = {key: headings.index(name) for key, name in keys.items()}
            return kind, {**dict.fromkeys(HEADINGS), **columns}
    raise ActualError(
        f"{path}: no programme, subhead or item column (its columns: "
        f"{_listed(headings)}); give a CSV of programmes, subheads or subhead 000"
        " items with one Actual column",
        f"{path}: 沒有綱領、分目或項目欄(其欄位:{_listed(headings)});請提供綱領、"
        "分目或分目000 項目的 CSV 檔案,並只有一欄實際開支。",
    )


def _listed(headings: list[str]) -> str:
    shown = [h for h in headings if h]
    return ", ".join(shown[:8]) + (", ..." if len(shown) > 8 else "") or "none"


def _column_of_actual(path: Path, headings: list[str]) -> int:
    """The Actual column.

    Raises:
        ActualError: no one Actual column (naming the columns).
    """
    column = _actual_column(headings)
    if column is None:
        raise ActualError(
            f"{path}: no one Actual column (its columns: {_listed(headings)}); give"
            " a CSV with one column of actual expenditure",
            f"{path}: 沒有唯一的實際開支欄(其欄位:{_listed(headings)});請提供只有"
            "一欄實際開支的 CSV 檔案。",
        )
    return column


def _actual_year(path: Path, heading: str, year: str) -> None:
    """The Actual column's heading year (if any) must be ``year``.

    Raises:
        ActualError: another year's, naming the heading.
    """
    found = year_in(heading)
    if found and found != year:
        raise ActualError(
            f"{path}: the Actual column {heading!r} is for {found}; the new"
            f" year's Actual is for {year}: give the {year} file",
            f"{path}: 實際開支欄 {heading!r} 屬 {found} 年度;新年度的實際開支屬"
            f" {year} 年度:請提供 {year} 年度的檔案。",
        )


def _source_year(path: Path, head: str, year: str) -> None:
    """A source folder's CSV file: its ``head.toml`` says whose and which year's
    Actual it holds (that of the first of its Estimate year's column years).

    Raises:
        ActualError: another Head's, or another year's, naming head.toml.
    """
    meta_path = path.parent / "head.toml"
    if not meta_path.is_file():
        return
    meta = read_head_toml(meta_path)
    theirs = str(meta.get("head", "")).strip()
    if theirs and theirs.lstrip("0") != head.lstrip("0"):
        raise ActualError(
            f"{path}: holds Head {theirs}'s figures ({meta_path}), not Head {head}'s;"
            f" give Head {head}'s file",
            f"{path}: 屬總目 {theirs} 的資料({meta_path}),不是總目 {head} 的;"
            f"請提供總目 {head} 的檔案。",
        )
    estimate_year = parse_year(meta.get("estimate_year", ""), str(meta_path))
    found = year_labels(estimate_year)[0]
    if found != year:
        raise ActualError(
            f"{path}: its Actual column is for {found} ({meta_path}: Estimate year"
            f" {estimate_year}); the new year's Actual is for {year}: give the"
            f" {year} file (a source folder of Estimate year {_year_after(year)})",
            f"{path}: 其實際開支屬 {found} 年度({meta_path}:預算年度"
            f" {estimate_year});新年度的實際開支屬 {year} 年度:請提供 {year} 年度的"
            f"檔案(預算年度 {_year_after(year)} 的來源資料)。",
        )


def _year_after(year: str) -> str:
    return next_year(next_year(year, "the Actual's year"), "the Actual's year")


def read_actuals(
    paths: list[Path], head: str, year: str, known: dict | None = None
) -> tuple[dict, list[Issue]]:
    """Actual expenditure by line from published or accounting CSV files, or a
    source data folder's: a file of programmes, subheads or subhead 000 items with
    one Actual (or single amount) column for ``year``. A row of another Head, or
    (given ``known``, the keys the book's lines take) of a line the book does not
    have, is an issue: it is not applied.

    Raises:
        ActualError: a file that cannot be used at all (a folder, a workbook, no
            Actual column, another year's or Head's, no line of the book), before
            any is read into the book.
    """
    imported, actuals = Imported(), {}
    for path in map(Path, paths):
        _usable(path)
        headings, rows = _rows(path, imported)
        if not headings:
            raise ActualError(
                f"{imported.issues[-1]}; give a CSV of actual expenditure",
                f"{path}: 未能讀取(第 {imported.issues[-1].line} 行);請提供實際開支的"
                " CSV 檔案。",
            )
        kind, columns = _shape(path, headings)
        if _kind(headings) == "":
            _source_year(path, head, year)
        column = _column_of_actual(path, headings)
        f = _File(path, kind, columns, {}, False, _width(headings))
        before = (len(actuals), len(imported.issues))
        for line, row in rows:
            _read_actual(f, line, row, (head, column, known), actuals, imported)
        _some_applied(f, head, imported, before, len(actuals))  # whose: said first
        _actual_year(path, headings[column], year)
    return actuals, imported.issues


def _some_applied(f: _File, head: str, imported: Imported, before, after: int) -> None:
    """A file none of whose rows is a line of the book is the wrong file.

    Raises:
        ActualError: naming the file and the Head(s) it holds, or why its first
            row was not applied.
    """
    issues = imported.issues[before[1] :]
    if after > before[0] or not issues:
        return
    held = {m.group(1) for i in issues if (m := OTHER_HEAD.match(i.reason))}
    if held and all(OTHER_HEAD.match(i.reason) for i in issues):
        heads = ", ".join(sorted(held))
        raise ActualError(
            f"{f.path}: holds Head {heads}'s actual expenditure, not Head {head}'s;"
            f" give Head {head}'s file",
            f"{f.path}: 屬總目 {heads} 的實際開支,不是總目 {head} 的;請提供總目"
            f" {head} 的檔案。",
        )
    first = issues[0]
    more = f", and {len(issues) - 1} more" if len(issues) > 1 else ""
    raise ActualError(
        f"{f.path}: no row is a line of this book (line {first.line}:"
        f" {first.reason.removesuffix(': not applied')}{more}); is it this Head's"
        " file?",
        f"{f.path}: 沒有一行是本工作簿的項目(例如第 {first.line} 行);"
        "這是本總目的檔案嗎?",
    )


def _read_actual(f: _File, line: int, row: list[str], want, actuals, imported):
    """One row of an actual expenditure file, into ``actuals`` or an issue."""
    head, column, known = want
    if not any(c.strip() for c in row) or _total_label(f, row):
        return
    fault = row_fault(len(row), f.width, row)
    if fault:
        imported.issues.append(Issue(f.path, line, fault))
        return
    digits = re.sub(r"\D", "", f.cell(row, "head"))
    if f.columns["head"] is not None and digits.lstrip("0") != head.lstrip("0"):
        reason = f"a row of Head {digits or '(none)'}, not Head {head}: not applied"
        # OTHER_HEAD reads this reason back
        imported.issues.append(Issue(f.path, line, reason))
        return
    value = _actual_value(f, line, row, column, imported)
    if value is _UNREAD:
        return
    key = _actual_key(f, row)
    if f.kind == "subheads":
        key = _subhead_key(f, row, known)
    if known is not None and key not in known:
        imported.issues.append(Issue(f.path, line, _not_in_book(key, f, row, known)))
        return
    if isinstance(known, dict) and f.kind == "programmes":
        _retitled(f, line, row, known[key], imported)
    if key in actuals and actuals[key] != value:
        raise ActualError(
            f"{f.path}: line {line}: {key[0]} {key[1].split('|')[0]!r} is"
            f" {_text(value)} here but {_text(actuals[key])} in"
            f" {imported.actual_from[key]}; give each line's Actual once"
        )
    actuals[key] = value
    imported.actual_from[key] = f"{f.path}: line {line}"


_UNREAD = object()


def _actual_value(f: _File, line: int, row: list[str], column: int, imported):
    """A row's Actual: a figure, ``NIL_MARK`` for a nil keyed on purpose (``-``),
    None for a blank or n/a (still to key); ``_UNREAD`` (an issue said) for text."""
    parser = parse_millions if f.kind == "programmes" else parse_thousands
    cell = split_mark(_cell(row, column))[0]
    if is_nil_mark(cell):
        return NIL_MARK
    try:
        return parser(cell or None)
    except ValueError as exc:
        imported.issues.append(Issue(f.path, line, str(exc)))
        return _UNREAD


def _retitled(f: _File, line: int, row: list[str], titles, imported) -> None:
    """A programme matched by its number whose title the file gives otherwise (it
    was retitled between the years, or the number now names another programme):
    applied, and said, for the clerk to check. The file's title is compared with
    the book's in its own language (a Chinese file's with the Chinese title), and
    not at all when the book has none in that language."""
    given = f.cell(row, "programme_title") or f.cell(row, "title")
    title = titles[1] if re.search(r"[\u4e00-\u9fff]", given) else titles[0]
    if given and title and norm(given) != norm(title):
        number = _actual_key(f, row)[1]
        reason = (
            f"note: programme ({number}) is {given!r} here but {title!r} in the"
            " book: applied by its number; check that it is the same programme"
        )
        imported.issues.append(Issue(f.path, line, reason, note=True))
