"""Every computed cell of a book: where it sits, its formula, its figure's key.

Fixed summary cells, per-row figures beside the input tables, and the regenerated
Report and Narrative sheets all come from here, so reading and writing agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter as letter

from estimates.model import COLUMNS, Head
from estimates.totals import (
    ACCOUNT_HEADINGS,
    SECTION_HEADINGS,
    account_order,
    account_total_label,
    subhead_blocks,
)
from estimates.variance import VARIANCES

from . import formulas as fx
from . import layout as L
from .snapshot import address, cell_position


@dataclass(frozen=True)
class ComputedCell:
    sheet: str
    row: int
    col: int
    formula: str
    style: str
    key: str = ""

    @property
    def cell(self) -> str:
        return address(self.row, self.col)


@dataclass(frozen=True)
class Extent:
    """Rows of an input table's data (first..last), after the header."""

    first: int
    last: int


def _pct_cells(sheet: str, row: int, money_col: int, pct_col: int, key: str) -> list:
    cols = {c: letter(money_col + i) for i, c in enumerate(COLUMNS)}
    out = []
    for i, (name, (new, base)) in enumerate(VARIANCES.items()):
        formula = fx.percent(f"{cols[new]}{row}", f"{cols[base]}{row}")
        out.append(
            ComputedCell(sheet, row, pct_col + i, formula, "percent", f"{key}{name}")
        )
    return out


def input_sheet_cells(head: Head, extents: dict[str, Extent]) -> list[ComputedCell]:
    """Computed cells on the input sheets (summary rows and per-row figures)."""
    out: list[ComputedCell] = []
    prog = L.TABLES["tblProgrammes"]
    ext = extents["tblProgrammes"]
    money0 = prog.col("actual")
    pct0 = prog.col("revised_vs_original")
    for i, row in enumerate(range(ext.first, ext.last + 1)):
        number = head.programmes[i].number if i < len(head.programmes) else ""
        key = f"programme_pct:{number}:" if number else "-:"
        out += [
            c if number else _unkeyed(c)
            for c in _pct_cells(prog.sheet, row, money0, pct0, key)
        ]
    total = L.PROGRAMME_TOTAL_ROW
    for i, column in enumerate(COLUMNS):
        col = letter(money0 + i)
        out.append(
            ComputedCell(
                prog.sheet,
                total,
                money0 + i,
                fx.column_sum(col, ext.first, ext.last),
                "total_millions",
                f"programme_total:{column}",
            )
        )
    out += _pct_cells(prog.sheet, total, money0, pct0, "programme_total_pct:")

    sub = L.TABLES["tblSubheads"]
    sext = extents["tblSubheads"]
    bd = L.TABLES["tblBreakdown"]
    bext = extents["tblBreakdown"]
    codes = fx.abs_range(sub.sheet, letter(sub.col("code")), sext.first, sext.last)
    for column in COLUMNS:
        col = bd.col(column)
        c = letter(col)
        rows = L.BREAKDOWN_SUMMARY_ROWS
        r_tot, r_sub, r_diff = (rows[k][0] for k in rows)
        sums = fx.abs_range(sub.sheet, letter(sub.col(column)), sext.first, sext.last)
        out += [
            ComputedCell(
                bd.sheet,
                r_tot,
                col,
                fx.column_sum(c, bext.first, bext.last),
                "total_thousands",
                f"breakdown_total:{column}",
            ),
            ComputedCell(
                bd.sheet,
                r_sub,
                col,
                fx.sum_where(sums, codes, "000"),
                "thousands",
                f"breakdown_subhead000:{column}",
            ),
            ComputedCell(
                bd.sheet,
                r_diff,
                col,
                f"={c}{r_tot}-{c}{r_sub}",
                "thousands",
                f"breakdown_difference:{column}",
            ),
        ]

    est = L.TABLES["tblEstablishment"]
    eext = extents["tblEstablishment"]
    pay = L.TABLES["tblPayScale"]
    pext = extents["tblPayScale"]
    pay_ranges = tuple(
        fx.abs_range(pay.sheet, letter(pay.col(k)), pext.first, pext.last)
        for k in ("scale", "point", "monthly_salary")
    )
    E = {
        k: letter(est.col(k))
        for k in (
            "directorate",
            "scale",
            "min_point",
            "max_point",
            "posts_start",
            "posts_end",
            "mid_salary",
            "nams",
            "nams_end",
        )
    }
    for i, row in enumerate(range(eext.first, eext.last + 1)):
        keyed = i < len(head.posts)
        cells = [
            ComputedCell(
                est.sheet,
                row,
                est.col("mid_salary"),
                fx.mid_point_salary(
                    row,
                    E["directorate"],
                    E["scale"],
                    E["min_point"],
                    E["max_point"],
                    pay_ranges,
                ),
                "dollars",
                f"rank_mid_salary:{i}",
            ),
            ComputedCell(
                est.sheet,
                row,
                est.col("nams"),
                f'=IF({E["mid_salary"]}{row}="","",{E["mid_salary"]}{row}*12)',
                "dollars",
                f"rank_nams:{i}",
            ),
            ComputedCell(
                est.sheet,
                row,
                est.col("nams_end"),
                f'=IF({E["nams"]}{row}="","",{E["nams"]}{row}*{E["posts_end"]}{row})',
                "dollars",
                f"rank_nams_end:{i}",
            ),
        ]
        out += cells if keyed else [_unkeyed(c) for c in cells]
    span = (eext.first, eext.last)
    summary = {
        "establishment_posts_start": fx.column_sum(E["posts_start"], *span),
        "establishment_posts_end": fx.column_sum(E["posts_end"], *span),
        "establishment_directorate_start": (
            f"=SUMIFS({E['posts_start']}{span[0]}:{E['posts_start']}{span[1]},"
            f'{E["directorate"]}{span[0]}:{E["directorate"]}{span[1]},"Y")'
        ),
        "establishment_directorate_end": (
            f"=SUMIFS({E['posts_end']}{span[0]}:{E['posts_end']}{span[1]},"
            f'{E["directorate"]}{span[0]}:{E["directorate"]}{span[1]},"Y")'
        ),
        "nams_end": fx.column_sum(E["nams_end"], *span),
    }
    for key, formula in summary.items():
        row = L.ESTABLISHMENT_SUMMARY[key][0]
        style = "total_dollars" if key == "nams_end" else "total_int"
        out.append(ComputedCell(est.sheet, row, 3, formula, style, key))

    for fixed in L.HEAD_COMPUTED:
        row, col = cell_position(fixed.cell)
        out.append(
            ComputedCell(fixed.sheet, row, col, fixed.formula, fixed.kind, fixed.key)
        )
    return out


def _unkeyed(cell: ComputedCell) -> ComputedCell:
    return ComputedCell(cell.sheet, cell.row, cell.col, cell.formula, cell.style, "")


@dataclass(frozen=True)
class ReportRow:
    """A row of a regenerated sheet: its stable key and its cells by column."""

    key: str
    cells: dict[int, tuple[object, str]]  # col -> (value or formula, style)
    figures: dict[int, str]  # col -> figure key, for computed cells


FIRST_AMOUNT_COL = 4  # D


def report_rows(head: Head, extents: dict[str, Extent]) -> list[ReportRow]:
    """The Report sheet laid out like the COR, from row 1 down."""
    years = head.year_labels()
    rows: list[ReportRow] = []

    def add(key: str, cells: dict, figures: dict | None = None) -> int:
        rows.append(ReportRow(key, cells, figures or {}))
        return len(rows)

    title = (
        f"總目 {head.head} Head {head.head}: {head.title_zh} {head.title_en}".strip()
    )
    add("title", {1: (title, "title")})
    add("blank1", {})
    add(
        "prog_heading",
        {
            1: (
                "財政撥款分析 Analysis of financial provision by programme "
                "($ million 百萬元)",
                "heading",
            )
        },
    )
    header = {
        1: ("Programme 綱領", "header"),
        2: ("名稱", "header"),
        3: ("Title", "header"),
    }
    labels = ("Actual 實際", "Original 原來預算", "Revised 修訂", "Estimate 預算")
    for i, (y, lab) in enumerate(zip(years, labels, strict=True)):
        header[FIRST_AMOUNT_COL + i] = (f"{y} {lab}", "header")
    for i, name in enumerate(L.PERCENT_HEADERS.values()):
        header[8 + i] = (name, "header")
    header[11] = ("Notes 註", "header")
    add("prog_header", header)

    prog = L.TABLES["tblProgrammes"]
    ext = extents["tblProgrammes"]
    first_prog = len(rows) + 1
    for i, p in enumerate(head.programmes):
        src_row = ext.first + i
        cells = {
            1: (f"({p.number})", "label"),
            2: (p.title_zh, "label"),
            3: (p.title_en, "label"),
        }
        figures = {}
        for k, column in enumerate(COLUMNS):
            cells[FIRST_AMOUNT_COL + k] = (
                fx.reference(prog.sheet, src_row, prog.col(column)),
                "millions",
            )
            figures[FIRST_AMOUNT_COL + k] = f"report_programme:{p.number}:{column}"
        cells[11] = (_marks(head, f"programme:{p.number}"), "label")
        add(f"programme:{p.number}", cells, figures)
    last_prog = len(rows)
    total_row = len(rows) + 1
    cells = {1: ("", "label"), 2: ("總計", "total_label"), 3: ("Total", "total_label")}
    figures = {}
    for k, column in enumerate(COLUMNS):
        c = letter(FIRST_AMOUNT_COL + k)
        formula = fx.column_sum(c, first_prog, last_prog) if head.programmes else "=0"
        cells[FIRST_AMOUNT_COL + k] = (formula, "total_millions")
        figures[FIRST_AMOUNT_COL + k] = f"report_programme_total:{column}"
    for pc in _pct_cells(
        L.REPORT, total_row, FIRST_AMOUNT_COL, 8, "report_programme_total_pct:"
    ):
        cells[pc.col] = (pc.formula, "percent")
        figures[pc.col] = pc.key
    cells[11] = (_marks(head, "programme_total"), "label")
    add("programme_total", cells, figures)
    add("blank2", {})

    add("sub_heading", {1: ("分目表 Subheads ($'000 千元)", "heading")})
    header = {
        1: ("Subhead 分目", "header"),
        2: ("名稱", "header"),
        3: ("Title", "header"),
    }
    labels = (
        "Actual expenditure 實際開支",
        "Approved estimate 核准預算",
        "Revised estimate 修訂預算",
        "Estimate 預算",
    )
    for i, (y, lab) in enumerate(zip(years, labels, strict=True)):
        header[FIRST_AMOUNT_COL + i] = (f"{y} {lab}", "header")
    header[11] = ("Notes 註", "header")
    add("sub_header", header)

    sub = L.TABLES["tblSubheads"]
    sext = extents["tblSubheads"]
    position = {id(s): sext.first + i for i, s in enumerate(head.subheads)}
    blocks = subhead_blocks(head.subheads)
    account_total_rows: list[int] = []
    for account in account_order(head.subheads):
        en, zh = ACCOUNT_HEADINGS.get(account, (account, account))
        add(f"account:{account}", {2: (zh, "subheading"), 3: (en, "subheading")})
        section_total_rows = []
        for block in (b for b in blocks if b.account == account):
            en, zh = SECTION_HEADINGS.get(block.section, (block.section, block.section))
            add(
                f"section:{account}:{block.section}",
                {2: (zh, "subheading"), 3: (en, "subheading")},
            )
            first_line = len(rows) + 1
            for s in block.lines:
                cells = {
                    1: (s.code, "code"),
                    2: (s.title_zh, "label"),
                    3: (s.title_en, "label"),
                }
                figures = {}
                for k, column in enumerate(COLUMNS):
                    cells[FIRST_AMOUNT_COL + k] = (
                        fx.reference(sub.sheet, position[id(s)], sub.col(column)),
                        "thousands",
                    )
                    figures[FIRST_AMOUNT_COL + k] = f"subhead_line:{s.code}:{column}"
                cells[11] = (_marks(head, f"subhead:{s.code}"), "label")
                add(f"subhead:{s.code}:{position[id(s)]}", cells, figures)
            last_line = len(rows)
            section_total_rows.append(
                _total_row(
                    add,
                    block.total.label_en,
                    block.total.label_zh,
                    lambda c, f=first_line, la=last_line: fx.column_sum(c, f, la),
                )
            )
        en, zh = account_total_label(account)
        account_total_rows.append(
            _total_row(
                add,
                en,
                zh,
                lambda c, rs=tuple(section_total_rows): fx.sum_of(
                    [f"{c}{r}" for r in rs]
                ),
            )
        )
    if head.subheads:
        te_row = _total_row(
            add,
            "Total Expenditure",
            "開支總額",
            lambda c: fx.sum_of([f"{c}{r}" for r in account_total_rows]),
        )
        rows[te_row - 1].cells[11] = (_marks(head, "total_expenditure"), "label")
    notes = [f for f in head.footnotes]
    if notes:
        add("blank3", {})
        for f in notes:
            add(
                f"footnote:{f.mark}",
                {1: (f.mark, "label"), 2: (f.text_zh, "note"), 3: (f.text_en, "note")},
            )
    return rows


def _total_row(add, label_en: str, label_zh: str, formula_for) -> int:
    cells = {2: (label_zh, "total_label"), 3: (label_en, "total_label")}
    figures = {}
    for k, column in enumerate(COLUMNS):
        c = letter(FIRST_AMOUNT_COL + k)
        cells[FIRST_AMOUNT_COL + k] = (formula_for(c), "total_thousands")
        figures[FIRST_AMOUNT_COL + k] = f"subhead_total:{label_en}:{column}"
    return add(f"total:{label_en}", cells, figures)


def _marks(head: Head, target: str) -> str:
    parts = [
        f"{f.mark} ({', '.join(f.columns)})"
        for f in head.footnotes
        if f.target == target
    ]
    return "; ".join(parts)
