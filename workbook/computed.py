"""Every computed cell of a book: where it sits, its formula, its figure's key.

Fixed summary cells, per-row figures beside the input tables, and the regenerated
Report and Narrative sheets all come from here, so reading and writing agree.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter as letter

from estimates.figures import (
    key,
    programme_ids,
    rank_ids,
    subhead_ids,
    total_line_ids,
)
from estimates.model import COLUMNS, Head, Ref
from estimates.totals import (
    TOTAL_EXPENDITURE,
    account_heading,
    account_order,
    account_total_label,
    row_word,
    section_heading,
    subhead_blocks,
    total_lines,
)
from estimates.variance import VARIANCES

from . import draft
from . import formulas as fx
from . import layout as L
from .snapshot import Formula, address, as_text, cell_position


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


def _pct_cells(
    sheet: str, row: int, money_col: int, pct_col: int, keys, keyed=None
) -> list:
    """The three % changes of a row; ``keys(name)`` gives each one's figure key,
    ``keyed(column)`` the input cells a summed column comes from (nil when none
    holds a number), by default the row's own cell."""
    cols = {c: letter(money_col + i) for i, c in enumerate(COLUMNS)}
    out = []
    for i, (name, (new, base)) in enumerate(VARIANCES.items()):
        source = keyed(new) if keyed else ""
        formula = fx.percent(f"{cols[new]}{row}", f"{cols[base]}{row}", source)
        out.append(
            ComputedCell(sheet, row, pct_col + i, formula, "percent", keys(name))
        )
    return out


def row_of(ref: Ref | None, fallback: int) -> int:
    """The sheet row an item was read from (its reference), never its position."""
    return cell_position(ref.cell)[0] if ref is not None else fallback


def _item_rows(items, ids: list[str], ext: Extent) -> dict[int, str]:
    """Sheet row -> identity of the item read there."""
    return {
        row_of(item.ref, ext.first + i): ident
        for i, (item, ident) in enumerate(zip(items, ids, strict=True))
    }


def input_sheet_cells(head: Head, extents: dict[str, Extent]) -> list[ComputedCell]:
    """Computed cells on the input sheets (summary rows and per-row figures)."""
    return [
        *_programme_cells(head, extents),
        *_breakdown_cells(extents),
        *_establishment_cells(head, extents),
        *_head_cells(extents),
    ]


def _head_cells(extents: dict[str, Extent]) -> list[ComputedCell]:
    """The Head sheet's figures. Its Estimate is the total of the programme
    lines, as the COR prints it: not Programmes' total row, which would show a
    constant typed over it there (300 on Head, 275.9 printed: trial 11d item 9)."""
    prog, ext = L.TABLES["tblProgrammes"], extents["tblProgrammes"]
    col = letter(prog.col("estimate"))
    lines = f"=SUM({prog.sheet}!{col}{ext.first}:{col}{ext.last})"
    return [
        ComputedCell(
            f.sheet,
            *cell_position(f.cell),
            lines if f.key == "head_estimate" else f.formula,
            f.kind,
            key(f.key),
        )
        for f in L.HEAD_COMPUTED
    ]


def _programme_cells(head: Head, extents: dict[str, Extent]) -> list[ComputedCell]:
    prog = L.TABLES["tblProgrammes"]
    ext = extents["tblProgrammes"]
    money0, pct0 = prog.col("actual"), prog.col("revised_vs_original")
    ids = _item_rows(head.programmes, programme_ids(head.programmes), ext)
    out: list[ComputedCell] = []
    for row in range(ext.first, ext.last + 1):
        ident = ids.get(row)
        out += _pct_cells(
            prog.sheet,
            row,
            money0,
            pct0,
            lambda name, i=ident: key("programme_pct", i, name) if i else "",
        )
    total = L.PROGRAMME_TOTAL_ROW
    for i, column in enumerate(COLUMNS):
        formula = fx.column_sum(letter(money0 + i), ext.first, ext.last)
        out.append(
            ComputedCell(
                prog.sheet,
                total,
                money0 + i,
                formula,
                "total_millions",
                key("programme_total", column),
            )
        )
    return out + _pct_cells(
        prog.sheet,
        total,
        money0,
        pct0,
        lambda n: key("programme_total_pct", n),
        lambda c: f"{letter(prog.col(c))}{ext.first}:{letter(prog.col(c))}{ext.last}",
    )


def _programme_column(extents: dict[str, Extent], column: str, row: int = 0) -> str:
    """The Programmes input cell of ``column`` on ``row``, or its whole column in
    the table (row 0): where a Report figure's amount is keyed."""
    prog, ext = L.TABLES["tblProgrammes"], extents["tblProgrammes"]
    col = letter(prog.col(column))
    if row:
        return f"{prog.sheet}!{col}{row}"
    return fx.abs_range(prog.sheet, col, ext.first, ext.last)


def _breakdown_cells(extents: dict[str, Extent]) -> list[ComputedCell]:
    sub, sext = L.TABLES["tblSubheads"], extents["tblSubheads"]
    bd, bext = L.TABLES["tblBreakdown"], extents["tblBreakdown"]
    codes = fx.abs_range(sub.sheet, letter(sub.col("code")), sext.first, sext.last)
    rows = L.BREAKDOWN_SUMMARY_ROWS
    r_tot, r_sub, r_diff = (rows[k][0] for k in rows)
    out = []
    for column in COLUMNS:
        col = bd.col(column)
        c = letter(col)
        sums = fx.abs_range(sub.sheet, letter(sub.col(column)), sext.first, sext.last)
        formulas = (
            (r_tot, fx.column_sum(c, bext.first, bext.last), "total_thousands"),
            (r_sub, fx.sum_where(sums, codes, "000"), "thousands"),
            (r_diff, f"={c}{r_tot}-{c}{r_sub}", "thousands"),
        )
        for (row, formula, style), family in zip(formulas, rows, strict=True):
            out.append(
                ComputedCell(bd.sheet, row, col, formula, style, key(family, column))
            )
    return out


_ESTABLISHMENT_KEYS = (
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


def _rank_cells(row: int, E: dict[str, str], pay_ranges, ident: str) -> list:
    est = L.TABLES["tblEstablishment"]
    mid, nams, end = E["mid_salary"], E["nams"], E["posts_end"]
    formulas = (
        (
            "mid_salary",
            "rank_mid_salary",
            fx.mid_point_salary(
                row,
                E["directorate"],
                E["scale"],
                E["min_point"],
                E["max_point"],
                pay_ranges,
            ),
        ),
        ("nams", "rank_nams", f'=IF({mid}{row}="","",{mid}{row}*12)'),
        ("nams_end", "rank_nams_end", f'=IF({nams}{row}="","",{nams}{row}*{end}{row})'),
    )
    return [
        ComputedCell(
            est.sheet,
            row,
            est.col(column),
            formula,
            "dollars",
            key(family, ident) if ident else "",
        )
        for column, family, formula in formulas
    ]


def _establishment_cells(head: Head, extents: dict[str, Extent]) -> list:
    est, eext = L.TABLES["tblEstablishment"], extents["tblEstablishment"]
    pay, pext = L.TABLES["tblPayScale"], extents["tblPayScale"]
    pay_ranges = tuple(
        fx.abs_range(pay.sheet, letter(pay.col(k)), pext.first, pext.last)
        for k in ("scale", "point", "monthly_salary")
    )
    E = {k: letter(est.col(k)) for k in _ESTABLISHMENT_KEYS}
    ids = _item_rows(head.posts, rank_ids(head.posts), eext)
    out: list[ComputedCell] = []
    for row in range(eext.first, eext.last + 1):
        out += _rank_cells(row, E, pay_ranges, ids.get(row, ""))
    span = (eext.first, eext.last)
    flags = f"{E['directorate']}{span[0]}:{E['directorate']}{span[1]}"

    def directorate(col: str) -> str:
        return f'=SUMIFS({col}{span[0]}:{col}{span[1]},{flags},"Y")'

    summary = {
        "establishment_posts_start": fx.column_sum(E["posts_start"], *span),
        "establishment_posts_end": fx.column_sum(E["posts_end"], *span),
        "establishment_directorate_start": directorate(E["posts_start"]),
        "establishment_directorate_end": directorate(E["posts_end"]),
        "nams_end": fx.column_sum(E["nams_end"], *span),
    }
    for family, formula in summary.items():
        row = L.ESTABLISHMENT_SUMMARY[family][0]
        style = "total_dollars" if family == "nams_end" else "total_int"
        out.append(ComputedCell(est.sheet, row, 3, formula, style, key(family)))
    return out


class Bi(str):
    """A bilingual label: the Report shows both ("Actual 實際"); a one-language
    print of it (``printed``) shows ``zh`` or ``en``."""

    zh: str
    en: str

    def __new__(cls, zh: str, en: str, both: str = "") -> Bi:
        text = super().__new__(cls, both or f"{zh} {en}".strip())
        text.zh, text.en = zh, en
        return text

    def said(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __reduce__(self):  # pickled with both languages (a str's would drop them)
        return (Bi, (self.zh, self.en, str(self)))


@dataclass(frozen=True)
class ReportRow:
    """A row of a regenerated sheet: its stable key and its cells by column."""

    key: str
    cells: dict[int, tuple[object, str]]  # col -> (value or formula, style)
    figures: dict[int, str]  # col -> figure key, for computed cells
    recipe: str = ""  # what its formulas add up or refer to, by row key or source
    signature: str = ""  # see ``signature``


def signature(key: str, figures: dict, recipe: str) -> str:
    """A short fingerprint of what a row's formulas compute, written beside the
    row so that a values-only host can tell a stale formula's value from a
    constant a clerk typed (a row of figures, or of formulas over other rows)."""
    if not figures and not recipe:
        return ""
    return f"{zlib.crc32(f'{key}|{recipe}'.encode()):08x}"


FIRST_AMOUNT_COL = 4  # D


class _Rows:
    """The rows of a regenerated sheet, numbered from 1 as they are added."""

    def __init__(self) -> None:
        self.rows: list[ReportRow] = []

    def add(
        self, key: str, cells: dict, figures: dict | None = None, recipe: str = ""
    ) -> int:
        figures = figures or {}
        sig = signature(key, figures, recipe)
        self.rows.append(ReportRow(key, cells, figures, recipe, sig))
        return len(self.rows)

    def keys(self, first: int, last: int) -> str:
        return self.recipe(range(first, last + 1))

    def recipe(self, rows) -> str:
        """The rows a total adds up, each with its own signature, so that a
        change anywhere below a total changes the total's signature too."""
        return ",".join(
            f"{self.rows[r - 1].key}@{self.rows[r - 1].signature}" for r in rows
        )

    @property
    def next(self) -> int:
        return len(self.rows) + 1


def report_rows(head: Head, extents: dict[str, Extent]) -> list[ReportRow]:
    """The Report sheet laid out like the COR, from row 1 down: each programme's
    provision block with its % lines, the analysis of financial provision by
    programme, the subhead table with every total line, then the footnotes. Each
    item's figures refer to the row the reader found it on."""
    out = _Rows()
    zh, en = stated(head.title_zh, head.title_en), stated(head.title_en, head.title_zh)
    title = Bi(
        f"總目 {head.head} — {zh}".removesuffix(" — "),
        f"Head {head.head} — {en}".removesuffix(" — "),
        f"總目 {head.head} Head {head.head}: {head.title_zh} {head.title_en}".strip(),
    )
    out.add("title", {1: (title, "title")})
    out.add(draft.ROW_KEY, {1: (_draft_mark(), draft.STYLE)})  # "DRAFT - N errors"
    _provision_blocks(out, head, extents)
    _programme_block(out, head, extents)
    _footnotes(out, head, "blank_programmes", programmes=True)
    out.add("blank2", {})
    _subhead_block(out, head, extents)
    _footnotes(out, head, "blank3", programmes=False)
    return out.rows


def _under_programmes(target: str) -> bool:
    """A footnote's mark sits in the analysis by programme (its total or a
    programme's line), so it prints under that table, as the seed's ¶ does;
    the others (subheads, Total Expenditure) under the subhead table."""
    return target == "programme_total" or target.startswith("programme:")


def _footnotes(out: _Rows, head: Head, blank: str, programmes: bool) -> None:
    """The footnotes whose marks the table just laid out holds, each language
    full width under it (trial 11b D15: the ¶ printed under the subheads)."""
    notes = [f for f in head.footnotes if _under_programmes(f.target) == programmes]
    if notes:
        out.add(blank, {})
    for f in notes:
        out.add(
            f"footnote:{f.mark}",
            {1: (as_text(f.mark), "label"), 2: (as_text(f.text_zh), "note")},
        )
        out.add(
            f"footnote_en:{f.mark}",
            {1: (as_text(f.mark), "label"), 3: (as_text(f.text_en), "note")},
        )


def _draft_mark() -> Bi:
    """The DRAFT mark: each language's formula, and both on the Report."""
    zh, en = (Formula(draft.mark_formula(lang)) for lang in ("zh", "en"))
    return Bi(zh, en, draft.mark_formula("both"))


def _header(first: tuple, labels: tuple[Bi, ...], years) -> dict:
    header = {c: (t, "header") for c, t in enumerate(first, start=1) if t}
    for i, (y, lab) in enumerate(zip(years, labels, strict=True)):
        # each part on its own line, so a narrow column never breaks "(實/際)"
        text = Bi(f"{y}\n({lab.zh})", f"{y}\n({lab.en})", f"{y}\n{lab.en}\n{lab.zh}")
        header[FIRST_AMOUNT_COL + i] = (text, "header")
    return header


PROVISION_LABELS = (
    Bi("實際", "Actual", "Actual 實際"),
    Bi("原來預算", "Original", "Original 原來預算"),
    Bi("修訂", "Revised", "Revised 修訂"),
    Bi("預算", "Estimate", "Estimate 預算"),
)
PCT_LINE = {"revised_vs_original": "revised", "estimate_vs_revised": "estimate"}
"""The COR's % line under an amount row: each change under its new year's column."""
OR_LINE = "estimate_vs_original"
"""The line below it: "(or +7.0% on 2024-25 Original)", in each language."""


def _provision_blocks(out: _Rows, head: Head, extents: dict[str, Extent]) -> None:
    """Each programme's own block, as the COR prints it under the programme's
    details: its financial provision in the four years and the % lines."""
    heading = Bi("詳情", "Details", "詳情 Details")
    out.add("provision_heading", {1: (heading, "heading")})
    prog, ext = L.TABLES["tblProgrammes"], extents["tblProgrammes"]
    years = head.year_labels()
    ids = programme_ids(head.programmes)
    for i, (p, ident) in enumerate(zip(head.programmes, ids, strict=True)):
        src = row_of(p.ref, ext.first + i)
        out.add(
            f"provision_title:{ident}",
            {
                2: (
                    _titled(f"綱領({p.number})", ":", p.title_zh, p.title_en),
                    "subheading",
                ),
                3: (
                    _titled(f"Programme ({p.number})", ": ", p.title_en, p.title_zh),
                    "subheading",
                ),
            },
        )
        out.add(
            f"provision_header:{ident}",
            _header(("", "", ""), PROVISION_LABELS, years),
        )
        cells = {
            2: ("財政撥款(百萬元)", "label"),
            3: ("Financial provision ($ million)", "label"),
        }
        figures = {}
        for k, column in enumerate(COLUMNS):
            cells[FIRST_AMOUNT_COL + k] = (
                fx.figure(prog.sheet, src, prog.col(column)),
                _marked(head, f"programme:{p.number}", column, "millions"),
            )
            figures[FIRST_AMOUNT_COL + k] = key("report_provision", ident, column)
        row = out.add(f"provision:{ident}", cells, figures, f"{prog.sheet}!{src}")
        _pct_lines(
            out, f"provision:{ident}", row, years[1],
            lambda n, i=ident: key("report_provision_pct", i, n),
            lambda c, r=src: _programme_column(extents, c, r),
        )  # fmt: skip
        out.add(f"provision_blank:{ident}", {})


def stated(text: str, other: str) -> str:
    """A title in its language, else in the other (a published Head-year gives
    English only): a printed COR shows a title, never a blank."""
    return text if text.strip() else other.strip()


def _titled(label: str, colon: str, text: str, other: str) -> str:
    """``label``, then the title in its language (else the other's), with no
    colon dangling when there is none: "綱領(1)", never "綱領(1):"."""
    title = stated(text, other)
    return f"{label}{colon}{title}" if title else label


def _pct_lines(out: _Rows, name: str, amounts: int, original: str, keys, keyed) -> None:
    """Under the amount row ``amounts``: the % line (Revised on Original under
    Revised, Estimate on Revised under Estimate), then the Estimate on Original
    line in Chinese and in English; ``keys(variance)`` gives each figure key,
    ``keyed(column)`` the input cells the row's amount in ``column`` comes from."""
    col = {c: letter(FIRST_AMOUNT_COL + i) for i, c in enumerate(COLUMNS)}

    def formula(variance: str) -> str:
        new, base = VARIANCES[variance]
        return fx.percent(f"{col[new]}{amounts}", f"{col[base]}{amounts}", keyed(new))

    recipe = f"{out.recipe([amounts])}|{original}"  # the "or" line names its year
    cells, figures = {}, {}
    for variance, under in PCT_LINE.items():
        at = FIRST_AMOUNT_COL + COLUMNS.index(under)
        cells[at] = (formula(variance), "pct_line")
        figures[at] = keys(variance)
    out.add(f"{name}:pct", cells, figures, recipe)
    or_row = out.add(
        f"{name}:or",
        {FIRST_AMOUNT_COL: (formula(OR_LINE), f"or_zh:{original}")},
        {FIRST_AMOUNT_COL: keys(OR_LINE)},
        recipe,
    )
    repeat = f"={letter(FIRST_AMOUNT_COL)}{or_row}"
    out.add(
        f"{name}:or_en",
        {FIRST_AMOUNT_COL: (repeat, f"or_en:{original}")},
        recipe=out.recipe([or_row]),
    )


def _programme_block(out: _Rows, head: Head, extents: dict[str, Extent]) -> None:
    heading = Bi(
        "財政撥款分析(百萬元)",
        "Analysis of financial provision by programme ($ million)",
        "財政撥款分析 Analysis of financial provision by programme ($ million 百萬元)",
    )
    out.add("prog_heading", {1: (heading, "heading")})
    years = head.year_labels()
    first_cols = (Bi("綱領", "Programme", "Programme\n綱領"), "名稱", "Title")
    header = _header(first_cols, PROVISION_LABELS, years)
    out.add("prog_header", header)
    prog, ext = L.TABLES["tblProgrammes"], extents["tblProgrammes"]
    first = out.next
    ids = programme_ids(head.programmes)
    for i, (p, ident) in enumerate(zip(head.programmes, ids, strict=True)):
        src = row_of(p.ref, ext.first + i)
        cells = {
            1: (f"({p.number})", "label"),
            2: (as_text(p.title_zh), "label"),
            3: (as_text(p.title_en), "label"),
        }
        figures = {}
        for k, column in enumerate(COLUMNS):
            ref = fx.figure(prog.sheet, src, prog.col(column))
            style = _marked(head, f"programme:{p.number}", column, "millions")
            cells[FIRST_AMOUNT_COL + k] = (ref, style)
            figures[FIRST_AMOUNT_COL + k] = key("report_programme", ident, column)
        out.add(f"programme:{ident}", cells, figures, f"{prog.sheet}!{src}")
    last = out.next - 1
    cells = {1: ("", "label"), 2: ("總計", "total_label"), 3: ("Total", "total_label")}
    figures = {}
    for k, column in enumerate(COLUMNS):
        c = letter(FIRST_AMOUNT_COL + k)
        formula = fx.column_sum(c, first, last) if head.programmes else "=0"
        style = _marked(head, "programme_total", column, "total_millions")
        cells[FIRST_AMOUNT_COL + k] = (formula, style)
        figures[FIRST_AMOUNT_COL + k] = key("report_programme_total", column)
    row = out.add("programme_total", cells, figures, out.keys(first, last))
    _pct_lines(
        out, "programme_total", row, years[1],
        lambda n: key("report_programme_total_pct", n),
        lambda c: _programme_column(extents, c),
    )  # fmt: skip


def _subhead_block(out: _Rows, head: Head, extents: dict[str, Extent]) -> None:
    heading = Bi("分目(千元)", "Subheads ($'000)", "分目表 Subheads ($'000 千元)")
    out.add("sub_heading", {1: (heading, "heading")})
    labels = (
        Bi("實際開支", "Actual expenditure", "Actual expenditure 實際開支"),
        Bi("核准預算", "Approved estimate", "Approved estimate 核准預算"),
        Bi("修訂預算", "Revised estimate", "Revised estimate 修訂預算"),
        Bi("預算", "Estimate", "Estimate 預算"),
    )
    first_cols = (Bi("分目", "Subhead", "Subhead\n分目"), "名稱", "Title")
    out.add("sub_header", _header(first_cols, labels, head.year_labels()))
    if not head.subheads:
        return
    sext = extents["tblSubheads"]
    ids = subhead_ids(head.subheads)
    line = {
        id(s): (row_of(s.ref, sext.first + i), ident)
        for i, (s, ident) in enumerate(zip(head.subheads, ids, strict=True))
    }
    total_id = total_line_ids(total_lines(head.subheads))
    blocks = subhead_blocks(head.subheads)
    account_rows: list[int] = []
    for account in account_order(head.subheads):
        en, zh = account_heading(account)
        out.add(
            f"account:{row_word(account)}",
            {2: (zh, "subheading"), 3: (en, "subheading")},
        )
        section_rows = []
        for block in (b for b in blocks if b.account == account):
            en, zh = section_heading(block.section)
            out.add(
                f"section:{row_word(account)}:{row_word(block.section)}",
                {2: (zh, "subheading"), 3: (en, "subheading")},
            )
            first = out.next
            for s in block.lines:
                _subhead_line(out, head, s, *line[id(s)])
            ident = total_id[(account, block.section)]
            section_rows.append(
                _total_row(out, block.total, ident, first, out.next - 1)
            )
        en, zh = account_total_label(account)
        account_rows.append(
            _sum_row(out, en, zh, total_id[(account, "")], section_rows)
        )
    te = _sum_row(out, *TOTAL_EXPENDITURE, total_id[("", "")], account_rows)
    cells = out.rows[te - 1].cells
    for k, column in enumerate(COLUMNS):
        formula, style = cells[FIRST_AMOUNT_COL + k]
        style = _marked(head, "total_expenditure", column, style)
        cells[FIRST_AMOUNT_COL + k] = (formula, style)


def _subhead_line(out: _Rows, head: Head, s, src: int, ident: str) -> None:
    sub = L.TABLES["tblSubheads"]
    cells = {
        1: (as_text(s.code), "code"),
        2: (as_text(s.title_zh), "label"),
        3: (as_text(s.title_en), "label"),
    }
    figures = {}
    for k, column in enumerate(COLUMNS):
        ref = fx.figure(sub.sheet, src, sub.col(column))
        style = _marked(head, f"subhead:{s.code}", column, "thousands")
        cells[FIRST_AMOUNT_COL + k] = (ref, style)
        figures[FIRST_AMOUNT_COL + k] = key("subhead_line", ident, column)
    out.add(f"subhead:{ident}", cells, figures, f"{sub.sheet}!{src}")


def _total_row(out: _Rows, line, ident: str, first: int, last: int) -> int:
    return _figure_row(
        out,
        line.label_en,
        line.label_zh,
        ident,
        lambda c: fx.column_sum(c, first, last) if last >= first else "=0",
        out.keys(first, last),
    )


def _sum_row(out: _Rows, en: str, zh: str, ident: str, rows: list[int]) -> int:
    return _figure_row(
        out,
        en,
        zh,
        ident,
        lambda c: fx.sum_of([f"{c}{r}" for r in rows]),
        out.recipe(rows),
    )


def _figure_row(out: _Rows, label_en, label_zh, ident: str, formula_for, recipe: str):
    cells = {2: (label_zh, "total_label"), 3: (label_en, "total_label")}
    figures = {}
    for k, column in enumerate(COLUMNS):
        c = letter(FIRST_AMOUNT_COL + k)
        cells[FIRST_AMOUNT_COL + k] = (formula_for(c), "total_thousands")
        figures[FIRST_AMOUNT_COL + k] = key("subhead_total", ident, column)
    return out.add(f"total:{ident}", cells, figures, recipe)


def _marked(head: Head, target: str, column: str, style: str) -> str:
    """A figure's style with the footnote marks that explain it, printed on the
    figure as the COR does ("198.8¶", "243,500Φ"): the cell keeps its number."""
    marks = "".join(
        f.mark for f in head.footnotes if f.target == target and column in f.columns
    )
    return L.marked_style(style, marks)
