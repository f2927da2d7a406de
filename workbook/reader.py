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
    Subhead,
)
from estimates.money import is_nil, parse_number, round_half_up, to_decimal
from estimates.rules.text import finding

from . import layout as L
from .computed import ComputedCell, Extent
from .cycle import rolled_from
from .snapshot import (
    CellError,
    Formula,
    Snapshot,
    address,
    cell_position,
    table_bounds,
)
from .versions import advice


class NotOurBook(ValueError):
    """The book was not made from the Estimates template."""


@dataclass
class Reading:
    """What a read gives: the Head, findings on bad cells, and table extents."""

    head: Head
    findings: list[Finding] = field(default_factory=list)
    extents: dict[str, Extent] = field(default_factory=dict)
    computed: list[ComputedCell] = field(default_factory=list)
    usable: set[str] = field(
        default_factory=set
    )  # tables read as the template has them
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
    min_col, min_row, max_col, max_row = table_bounds(ref)
    where = Ref(spec.sheet, address(min_row, min_col))
    if sheet != spec.sheet or (min_row, min_col) != (spec.header_row, 1):
        findings.append(
            finding(
                "D11",
                where,
                f"The table {spec.name} was moved to {sheet}!{ref}; it belongs at"
                f" {spec.sheet}!A{spec.header_row}. Move it back (cut and paste the"
                " whole table); until then it is not read and its figures are not"
                " written.",
                f"表格 {spec.name} 被移至 {sheet}!{ref},"
                f"應在 {spec.sheet}!A{spec.header_row}。請移回原處;在此之前不會讀取。",
                f"{spec.sheet}!A{spec.header_row}",
                f"{sheet}!{ref}",
            )
        )
        return None
    headers = [snap.value(sheet, min_row, c) for c in range(1, len(spec.columns) + 1)]
    expected = [c.header for c in spec.columns]
    if max_col != len(spec.columns) or headers != expected:
        missing = [h for h in expected if h not in headers]
        findings.append(
            finding(
                "D10",
                where,
                f"The columns of table {spec.name} were changed"
                f" ({'missing: ' + ', '.join(missing) if missing else 'reordered'});"
                " put them back as the template has them. Until then the table is not"
                " read and its figures are not written.",
                f"表格 {spec.name} 的欄位被更改;請還原。在此之前不會讀取。",
                " | ".join(expected),
                " | ".join(str(h) for h in headers),
            )
        )
        return None
    for merged in snap.merged.get(sheet, []):
        m0, _, m1, r1 = table_bounds(merged)
        if r1 >= min_row and m0 <= max_col and m1 >= min_col:
            findings.append(
                finding(
                    "D09",
                    Ref(sheet, merged.split(":")[0]),
                    f"Cells {merged} are merged over table {spec.name}: unmerge them"
                    " (Home > Merge & Center) so that every line has its own cells.",
                    f"表格 {spec.name} 內的儲存格 {merged} 被合併,請取消合併。",
                    "no merged cells",
                    merged,
                )
            )
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
    usable: set[str] = set()
    for spec in L.TABLES.values():
        ext = table_extent(snap, spec, findings)
        if ext is not None:
            usable.add(spec.name)
        extents[spec.name] = ext or Extent(spec.first_row, spec.first_row)
    version = (
        snap.at(L.HEAD, L.TEMPLATE_VERSION_CELL) if L.HEAD in snap.sheets else None
    )
    if str(version or "").strip() != L.TEMPLATE_VERSION:
        en, zh = advice(str(version or "").strip())
        findings.append(
            finding(
                "V01",
                Ref(L.HEAD, L.TEMPLATE_VERSION_CELL),
                en,
                zh,
                L.TEMPLATE_VERSION,
                str(version or "none"),
            )
        )
    for sheet in sorted(snap.protected):
        findings.append(
            finding(
                "D12",
                Ref(sheet, "A1"),
                f"Sheet {sheet} is protected, so Refresh leaves it as it is."
                " Unprotect it (Review > Unprotect Sheet) and Refresh again to update"
                " its figures.",
                f"工作表 {sheet} 受保護,更新不會改動。請取消保護後再更新。",
                "unprotected",
                "protected",
            )
        )

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
        department_en=fixed_text("DepartmentEn"),
        department_zh=fixed_text("DepartmentZh"),
        department_short_zh=fixed_text("DepartmentShortZh"),
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
    if spec.name in usable:
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
    if spec.name in usable:
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
    if spec.name in usable:
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
    if spec.name in usable:
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
    if spec.name in usable:
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
    if spec.name in usable:
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

    head.rolled_from = rolled_from(snap)
    return Reading(head, findings, extents, usable=usable)


__all__ = ["NotOurBook", "Reading", "read_book"]
