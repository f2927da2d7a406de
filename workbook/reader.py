"""Read a book's snapshot into the core's Head, with findings for every bad cell.

Host-neutral: works on a ``Snapshot`` from any adapter. A bad cell never stops the
read: it becomes a finding (D01 number as text, D02 error value, D05 not a number,
D06 missing, D07 missing table or sheet) and the rest is read on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from estimates.findings import Finding
from estimates.model import (
    COLUMNS,
    Amount,
    BreakdownItem,
    Count,
    EstablishmentSummary,
    Footnote,
    Head,
    PayPoint,
    Post,
    Programme,
    Ref,
    Shown,
    Subhead,
)
from estimates.money import is_nil, parse_number, round_half_up, to_decimal
from estimates.rules.text import finding

from . import layout as L
from .computed import ComputedCell, Extent, input_sheet_cells, report_rows
from .snapshot import (
    CellError,
    Formula,
    Snapshot,
    address,
    cell_position,
    formula_shape,
    table_bounds,
)


class NotOurBook(ValueError):
    """The book was not made from the Estimates template."""


@dataclass
class Reading:
    """What a read gives: the Head, findings on bad cells, and table extents."""

    head: Head
    findings: list[Finding] = field(default_factory=list)
    extents: dict[str, Extent] = field(default_factory=dict)
    computed: list[ComputedCell] = field(default_factory=list)
    report_old_rows: dict[str, int] = field(default_factory=dict)


class _Cells:
    def __init__(self, snap: Snapshot, findings: list[Finding]):
        self.snap = snap
        self.findings = findings

    def number(self, sheet: str, row: int, col: int, kind: str, label: str):
        """A number of ``kind`` (millions, thousands, int, dollars) or None."""
        raw = self.snap.value(sheet, row, col)
        ref = Ref(sheet, address(row, col))
        if isinstance(raw, CellError):
            self.findings.append(
                finding(
                    "D02",
                    ref,
                    f"{label} holds the error value {raw}.",
                    f"{label} 含錯誤值 {raw}。",
                    "a number",
                    str(raw),
                )
            )
            return None, ref
        if isinstance(raw, Formula):
            return None, ref  # a clerk's own formula: its value is not known here
        if is_nil(raw):
            return None, ref
        try:
            if isinstance(raw, str):
                value = parse_number(raw)
                self.findings.append(
                    finding(
                        "D01",
                        ref,
                        f"{label} is the number {raw!r} stored as text;"
                        " Excel leaves it out of totals. Re-enter it as a number.",
                        f"{label} 為以文字儲存的數字 {raw!r},"
                        "Excel 不會計入總額;請以數字重新輸入。",
                        "a number",
                        repr(raw),
                    )
                )
            else:
                value = to_decimal(raw)
        except ValueError:
            self.findings.append(
                finding(
                    "D05",
                    ref,
                    f"{label} should be a number but holds {raw!r}.",
                    f"{label} 應為數字,但內容為 {raw!r}。",
                    "a number",
                    repr(raw),
                )
            )
            return None, ref
        if kind == "millions":
            if round_half_up(value, 1) != value:
                self.findings.append(
                    finding(
                        "D05",
                        ref,
                        f"{label} has more than one decimal ({value}); $ million"
                        " figures are keyed to one decimal.",
                        f"{label} 多於一位小數({value});百萬元數字應只有一位小數。",
                        str(round_half_up(value, 1)),
                        str(value),
                    )
                )
            return round_half_up(value, 1), ref
        if value != value.to_integral_value():
            self.findings.append(
                finding(
                    "D05",
                    ref,
                    f"{label} should be a whole number but is {value}.",
                    f"{label} 應為整數,但為 {value}。",
                    str(round_half_up(value, 0)),
                    str(value),
                )
            )
        return int(round_half_up(value, 0)), ref

    def text(self, sheet: str, row: int, col: int) -> str:
        raw = self.snap.value(sheet, row, col)
        if raw is None or isinstance(raw, Formula | CellError):
            return ""
        if isinstance(raw, float) and raw == int(raw):
            raw = int(raw)
        return str(raw).strip()


def table_extent(
    snap: Snapshot, spec: L.TableSpec, findings: list[Finding]
) -> Extent | None:
    if spec.sheet not in snap.sheets:
        findings.append(
            finding(
                "D07",
                None,
                f"The sheet {spec.sheet!r} is missing (renamed or deleted).",
                f"缺少工作表 {spec.sheet!r}(已改名或刪除)。",
                spec.sheet,
                "missing",
            )
        )
        return None
    if spec.name not in snap.tables:
        findings.append(
            finding(
                "D07",
                Ref(spec.sheet, address(spec.header_row, 1)),
                f"The table {spec.name} is missing from sheet {spec.sheet}.",
                f"工作表 {spec.sheet} 缺少表格 {spec.name}。",
                spec.name,
                "missing",
            )
        )
        return None
    sheet, ref = snap.tables[spec.name]
    _, min_row, _, max_row = table_bounds(ref)
    last = max_row
    # Rows typed just below the table belong to it (Excel would have grown it).
    width = len(spec.columns)
    while any(
        snap.value(sheet, last + 1, c) not in (None, "") for c in range(1, width + 1)
    ):
        last += 1
    return Extent(min_row + 1, max(last, min_row + 1))


def _rows(snap: Snapshot, spec: L.TableSpec, ext: Extent):
    width = len(spec.columns)
    for row in range(ext.first, ext.last + 1):
        if all(
            snap.value(spec.sheet, row, c) in (None, "") for c in range(1, width + 1)
        ):
            continue
        yield row


def read_book(snap: Snapshot) -> Reading:
    """The Head a book holds, and a finding for each cell that could not be read."""
    if not any(name in snap.sheets for name in (L.HEAD, L.PROGRAMMES, L.SUBHEADS)):
        raise NotOurBook(
            f"{snap.source}: not an Estimates workbook (no Head, Programmes or Subheads"
            " sheet); build one with 'estimates build DATA_DIR -o BOOK.xlsx'"
        )
    findings: list[Finding] = []
    cells = _Cells(snap, findings)
    extents: dict[str, Extent] = {}
    for spec in L.TABLES.values():
        ext = table_extent(snap, spec, findings)
        extents[spec.name] = ext or Extent(spec.first_row, spec.first_row)

    def fixed_text(name: str) -> str:
        f = next(x for x in L.HEAD_INPUTS if x.name == name)
        return cells.text(f.sheet, *cell_position(f.cell))

    def fixed_count(name: str) -> Count:
        f = next(x for x in L.HEAD_INPUTS if x.name == name)
        value, ref = cells.number(
            f.sheet, *cell_position(f.cell), "int", f"{f.label_en} ({f.sheet}!{f.cell})"
        )
        return Count(value, ref)

    head = Head(
        head=fixed_text("HeadNo"),
        title_en=fixed_text("HeadTitleEn"),
        title_zh=fixed_text("HeadTitleZh"),
        controlling_officer_en=fixed_text("ControllingOfficerEn"),
        controlling_officer_zh=fixed_text("ControllingOfficerZh"),
        estimate_year=fixed_text("EstimateYear"),
        establishment=EstablishmentSummary(
            posts_start=fixed_count("PostsStart"),
            directorate_start=fixed_count("DirectorateStart"),
            directorate_end=fixed_count("DirectorateEnd"),
            net_change=fixed_count("NetChange"),
            ceiling=fixed_count("Ceiling"),
            note_en=fixed_text("EstablishmentNoteEn"),
            note_zh=fixed_text("EstablishmentNoteZh"),
        ),
    )

    def money(spec: L.TableSpec, row: int, kind: str, what: str) -> tuple[Amount, ...]:
        out = []
        for column in COLUMNS:
            label = f"{what}, {column} ({spec.sheet}!{address(row, spec.col(column))})"
            value, ref = cells.number(spec.sheet, row, spec.col(column), kind, label)
            out.append(Amount(value, ref))
        return tuple(out)

    spec = L.TABLES["tblProgrammes"]
    if spec.name in snap.tables:
        for row in _rows(snap, spec, extents[spec.name]):
            number = cells.text(spec.sheet, row, spec.col("programme")).strip("()")
            head.programmes.append(
                Programme(
                    number,
                    cells.text(spec.sheet, row, spec.col("title_en")),
                    cells.text(spec.sheet, row, spec.col("title_zh")),
                    money(spec, row, "millions", f"Programme ({number})"),
                    cells.text(spec.sheet, row, spec.col("policy_area")),
                    Ref(spec.sheet, address(row, 1)),
                )
            )
    spec = L.TABLES["tblSubheads"]
    if spec.name in snap.tables:
        for row in _rows(snap, spec, extents[spec.name]):
            code = cells.text(spec.sheet, row, spec.col("code"))
            if code.isdigit() and len(code) < 3:
                code = code.zfill(3)
            ref = Ref(spec.sheet, address(row, spec.col("code")))
            if not code:
                findings.append(
                    finding(
                        "D06",
                        ref,
                        "A subhead line has no code.",
                        "分目項目缺少編號。",
                        "a code",
                        "blank",
                    )
                )
            head.subheads.append(
                Subhead(
                    cells.text(spec.sheet, row, spec.col("account")),
                    cells.text(spec.sheet, row, spec.col("section")),
                    code,
                    cells.text(spec.sheet, row, spec.col("title_en")),
                    cells.text(spec.sheet, row, spec.col("title_zh")),
                    money(spec, row, "thousands", f"Subhead {code}"),
                    ref,
                )
            )
    spec = L.TABLES["tblBreakdown"]
    if spec.name in snap.tables:
        for row in _rows(snap, spec, extents[spec.name]):
            item = cells.text(spec.sheet, row, spec.col("item_en"))
            head.breakdown.append(
                BreakdownItem(
                    cells.text(spec.sheet, row, spec.col("group")),
                    item,
                    cells.text(spec.sheet, row, spec.col("item_zh")),
                    money(spec, row, "thousands", f"Breakdown '{item}'"),
                    Ref(spec.sheet, address(row, 1)),
                )
            )
    spec = L.TABLES["tblEstablishment"]
    if spec.name in snap.tables:
        for row in _rows(snap, spec, extents[spec.name]):
            rank = cells.text(spec.sheet, row, spec.col("rank_en"))

            def count(key: str, row=row, rank=rank) -> int | None:
                label = f"{rank}, {key} ({spec.sheet}!{address(row, spec.col(key))})"
                return cells.number(spec.sheet, row, spec.col(key), "int", label)[0]

            flag = cells.text(spec.sheet, row, spec.col("directorate")).upper()
            if flag not in ("Y", "N", ""):
                ref = Ref(spec.sheet, address(row, spec.col("directorate")))
                findings.append(
                    finding(
                        "D05",
                        ref,
                        f"{rank}: Directorate must be Y or N, not {flag!r}.",
                        f"{rank}:首長級一欄須為 Y 或 N,不是 {flag!r}。",
                        "Y or N",
                        flag,
                    )
                )
            head.posts.append(
                Post(
                    rank,
                    cells.text(spec.sheet, row, spec.col("rank_zh")),
                    flag == "Y",
                    cells.text(spec.sheet, row, spec.col("scale")),
                    count("min_point"),
                    count("max_point"),
                    cells.text(spec.sheet, row, spec.col("programme")),
                    count("posts_start") or 0,
                    count("posts_end") or 0,
                    Ref(spec.sheet, address(row, 1)),
                )
            )
    spec = L.TABLES["tblPayScale"]
    if spec.name in snap.tables:
        for row in _rows(snap, spec, extents[spec.name]):
            point = cells.number(
                spec.sheet,
                row,
                spec.col("point"),
                "int",
                f"Pay point ({spec.sheet}!A{row})",
            )[0]
            salary = cells.number(
                spec.sheet,
                row,
                spec.col("monthly_salary"),
                "int",
                f"Monthly salary ({spec.sheet}!C{row})",
            )[0]
            if point is not None and salary is not None:
                head.pay_scale.append(
                    PayPoint(cells.text(spec.sheet, row, 1), point, salary)
                )
    spec = L.TABLES["tblFootnotes"]
    if spec.name in snap.tables:
        for row in _rows(snap, spec, extents[spec.name]):
            cols = cells.text(spec.sheet, row, spec.col("columns"))
            head.footnotes.append(
                Footnote(
                    cells.text(spec.sheet, row, spec.col("mark")),
                    cells.text(spec.sheet, row, spec.col("target")),
                    tuple(c.strip().lower() for c in cols.split(",") if c.strip()),
                    cells.text(spec.sheet, row, spec.col("text_en")),
                    cells.text(spec.sheet, row, spec.col("text_zh")),
                    Ref(spec.sheet, address(row, 1)),
                )
            )

    reading = Reading(head, findings, extents)
    reading.computed = input_sheet_cells(head, extents)
    for c in reading.computed:
        if c.key and c.sheet in snap.sheets:
            head.shown[c.key] = shown_cell(
                snap,
                c.key,
                Ref(c.sheet, c.cell),
                snap.value(c.sheet, c.row, c.col),
                c.formula,
            )
    _read_report(snap, reading)
    return reading


def shown_cell(snap: Snapshot, key: str, ref: Ref, raw: object, formula: str) -> Shown:
    """How a computed cell stands: its template formula, a constant, or a value."""
    if raw is None or raw == "":
        return Shown(key, ref, None, True)  # empty: Refresh writes the formula
    if not snap.formulas_known:
        return Shown(key, ref, raw, None)
    if isinstance(raw, Formula):
        if formula_shape(raw) == formula_shape(formula):
            return Shown(key, ref, None, True)
        return Shown(key, ref, str(raw), False, value_known=False)
    return Shown(key, ref, raw, False)


def _read_report(snap: Snapshot, reading: Reading) -> None:
    sheet = snap.sheets.get(L.REPORT)
    if sheet is None:
        return
    old = {}
    for (row, col), value in sheet.items():
        if col == L.REPORT_KEY_COLUMN and isinstance(value, str):
            old[value] = row
    reading.report_old_rows = old
    for new_row, row in enumerate(report_rows(reading.head, reading.extents), start=1):
        old_row = old.get(row.key)
        for col, key in row.figures.items():
            raw = snap.value(L.REPORT, old_row, col) if old_row else None
            formula = row.cells[col][0]
            reading.head.shown[key] = shown_cell(
                snap, key, Ref(L.REPORT, address(new_row, col)), raw, str(formula)
            )


__all__ = ["NotOurBook", "Reading", "read_book", "shown_cell"]
