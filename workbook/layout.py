"""Where everything sits in the template: sheets, input tables, fixed cells, names.

Pure data, no host imports, so that every adapter (openpyxl, xlwings) shares it.
Computed figures carry the same keys as ``estimates.results.expected_figures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from estimates import tables as T

TEMPLATE_VERSION = "0.1.0"
TEMPLATE_VERSION_CELL = "C23"  # Head sheet; defined name TemplateVersion
NOTE_AUTHOR = "Estimates add-in"
NOTE_PREFIX = "[Estimates]"


@dataclass(frozen=True)
class Column:
    """A column of an input table on its sheet: the core field it holds (None for
    a computed column right of the table), its heading, width and look."""

    key: str
    header: str
    kind: str  # text, code, millions, thousands, int, dollars, flag, list, percent
    width: float = 12
    field: T.Field | None = None

    @property
    def number_format(self) -> str:
        return NUMBER_FORMATS.get(self.kind, "General")

    @property
    def choices(self) -> tuple[str, ...]:
        """The values a drop-down offers (Excel data validation), if any."""
        return self.field.allowed if self.field and self.field.kind != "list" else ()


@dataclass(frozen=True)
class TableSpec:
    """An input table (an Excel table, or ListObject) with a stable name."""

    name: str
    sheet: str
    header_row: int
    columns: tuple[Column, ...]
    computed: tuple[Column, ...] = ()  # per-row computed columns right of the table

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def table(self) -> T.Table:
        """The core declaration of this table's fields."""
        return T.TABLES[self.name]

    def col(self, key: str) -> int:
        """1-based column of a table or computed column."""
        return self._columns[key]

    @cached_property
    def _columns(self) -> dict[str, int]:
        """Key -> 1-based column, worked out once (read for every cell of a row)."""
        every = (*self.columns, *self.computed)
        return {c.key: i for i, c in reversed(list(enumerate(every, start=1)))}


@dataclass(frozen=True)
class FixedCell:
    """A cell at a fixed address with a defined name: a clerk's input or a figure."""

    name: str
    sheet: str
    cell: str
    label_en: str
    label_zh: str
    kind: str
    key: str = ""  # computed figures only
    formula: str = ""  # computed figures only
    attr: str = ""  # inputs only: the Head's attribute, dotted (establishment.ceiling)


MONEY = ("actual", "original", "revised", "estimate")
MONEY_HEADERS = {
    "actual": "Actual 實際",
    "original": "Original 原來預算",
    "revised": "Revised 修訂",
    "estimate": "Estimate 預算",
}
PERCENT_HEADERS = {
    "revised_vs_original": "Revised vs Original 修訂較原來",
    "estimate_vs_revised": "Estimate vs Revised 預算較修訂",
    "estimate_vs_original": "Estimate vs Original 預算較原來",
}


def _percent() -> tuple[Column, ...]:
    return tuple(Column(k, v, "percent", 14) for k, v in PERCENT_HEADERS.items())


HEAD = "Head"
PROGRAMMES = "Programmes"
SUBHEADS = "Subheads"
BREAKDOWN = "Subhead000"
ESTABLISHMENT = "Establishment"
PAY_SCALE = "PayScale"
REPORT = "Report"
REPORT_ZH = "COR 中文"  # the Report as printed in Chinese (workbook.printed)
REPORT_EN = "COR English"  # and in English
NARRATIVE = "Narrative"
CHECKS = "Checks"
FLAGS = "_Flags"
CHARTS = "Charts"
CHANGE_LOG = "ChangeLog"
REVERT = "_Revert"
LISTS = "_Lists"
HIDDEN_SHEETS = (FLAGS, REVERT, LISTS)
CHANGE_LOG_COLUMNS = (
    ("Time (UTC) 時間", 20),
    ("User 使用者", 14),
    ("Action 操作", 10),
    ("Template 範本", 10),
    ("Add-in 工具", 10),
    ("Errors 錯誤", 8),
    ("Warnings 警告", 8),
    ("Info 資料", 8),
    ("Cells changed 更改的儲存格", 12),
)
CHANGE_LOG_HEADER_ROW = 3

SHEETS: tuple[tuple[str, str], ...] = (
    (HEAD, "總目摘要 Head summary"),
    (PROGRAMMES, "綱領 Programmes ($ million 百萬元)"),
    (SUBHEADS, "分目 Subheads ($'000 千元)"),
    (BREAKDOWN, "分目 000 運作開支的分析 Breakdown of subhead 000 ($'000 千元)"),
    (ESTABLISHMENT, "人手編制 Establishment"),
    (PAY_SCALE, "薪級表 Pay scale (monthly HK$ 每月元)"),
    (REPORT, "管制人員報告 Controlling Officer's Report: programmes and subheads"),
    (REPORT_ZH, "管制人員報告(中文,列印用)"),
    (REPORT_EN, "Controlling Officer's Report (English, for printing)"),
    (NARRATIVE, "說明 Narrative"),
    (CHARTS, "圖表 Charts"),
    (CHECKS, "檢查結果 Checks"),
    (CHANGE_LOG, "更改紀錄 Change log"),
    (FLAGS, "Flags the add-in made (do not edit)"),
    (REVERT, "What the last refresh overwrote (do not edit)"),
    (LISTS, "Allowed values of the input tables' drop-down lists (do not edit)"),
)


def _placed(table: T.Table, looks: dict[str, tuple[str, float]]) -> tuple:
    """The core table's fields as sheet columns, in order, each with its heading
    and width; the money columns take the shared headings."""
    out = []
    for f in table.fields:
        header, width = looks.get(f.name) or (MONEY_HEADERS[f.name], 14)
        out.append(Column(f.name, header, f.kind, width, f))
    return tuple(out)


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec(
            "tblProgrammes",
            PROGRAMMES,
            7,
            _placed(
                T.PROGRAMMES,
                {
                    "programme": ("Programme 綱領", 11),
                    "title_en": ("Title (English)", 40),
                    "title_zh": ("名稱(中文)", 24),
                    "policy_area": ("Policy area (English)", 30),
                    "policy_area_zh": ("政策範圍(中文)", 30),
                },
            ),
            _percent(),
        ),
        TableSpec(
            "tblSubheads",
            SUBHEADS,
            4,
            _placed(
                T.SUBHEADS,
                {
                    "account": ("Account 帳目", 12),
                    "section": ("Section 類別", 26),
                    "code": ("Code 編號", 9),
                    "title_en": ("Title (English)", 36),
                    "title_zh": ("名稱(中文)", 22),
                },
            ),
        ),
        TableSpec(
            "tblBreakdown",
            BREAKDOWN,
            8,
            _placed(
                T.BREAKDOWN,
                {
                    "group": ("Group 類別", 26),
                    "item_en": ("Item (English)", 40),
                    "item_zh": ("項目(中文)", 22),
                },
            ),
        ),
        TableSpec(
            "tblEstablishment",
            ESTABLISHMENT,
            11,
            _placed(
                T.ESTABLISHMENT,
                {
                    "rank_en": ("Rank (English)", 34),
                    "rank_zh": ("職級(中文)", 18),
                    "directorate": ("Directorate 首長級 (Y/N)", 12),
                    "scale": ("Pay scale 薪級表", 10),
                    "min_point": ("Min point 最低薪點", 10),
                    "max_point": ("Max point 最高薪點", 10),
                    "programme": ("Programme 綱領", 10),
                    "posts_start": ("Posts at start 年初職位", 12),
                    "posts_end": ("Posts at end 年終職位", 12),
                },
            ),
            (
                Column("mid_salary", "Mid-point monthly 中點月薪", "dollars", 14),
                Column("nams", "NAMS per post 每職位年薪值", "dollars", 16),
                Column("nams_end", "NAMS at end 年終年薪值", "dollars", 16),
            ),
        ),
        TableSpec(
            "tblPayScale",
            PAY_SCALE,
            4,
            _placed(
                T.PAY_SCALE,
                {
                    "scale": ("Scale 薪級表", 10),
                    "point": ("Point 薪點", 8),
                    "monthly_salary": ("Monthly salary 月薪 (HK$)", 18),
                },
            ),
        ),
        TableSpec(
            "tblFootnotes",
            HEAD,
            26,
            _placed(
                T.FOOTNOTES,
                {
                    "mark": ("Mark 標記", 8),
                    "target": ("Target 所註項目", 18),
                    "columns": ("Columns 欄 (actual,original,revised,estimate)", 30),
                    "text_en": ("Text (English)", 60),
                    "text_zh": ("註釋(中文)", 60),
                },
            ),
        ),
    )
}

_CJK_RUN = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_LATIN_THEN_CJK = re.compile(
    rf"^([^{_CJK_RUN}]*[A-Za-z][^{_CJK_RUN}]*?)\s+([{_CJK_RUN}]+)(.*)$"
)


def chinese_first(header: str) -> str:
    """A bilingual input-table heading with its Chinese first ("首長級 Directorate
    (Y/N)"): LibreOffice and Excel break Chinese between any two characters, so
    "Directorate 首長級" wrapped as "Directorate 首 / 長級"; at the start of the
    cell the Chinese word (its column as wide as it) never breaks. A line break in
    a table's heading is no way out: Excel repairs such a table on opening. The
    reader takes either order (``same_heading``), so earlier books still read."""
    found = _LATIN_THEN_CJK.match(header)
    if found is None:
        return header
    latin, chinese, rest = found.groups()
    return f"{chinese} {latin}{rest}"


def same_heading(found: object, declared: str) -> bool:
    """A table heading as declared, its words in either order."""
    return sorted(str(found or "").split()) == sorted(declared.split())


def _chinese_first(spec: TableSpec) -> TableSpec:
    def looks(columns):
        return tuple(replace(c, header=chinese_first(c.header)) for c in columns)

    return replace(spec, columns=looks(spec.columns), computed=looks(spec.computed))


TABLES = {name: _chinese_first(spec) for name, spec in TABLES.items()}

HEAD_INPUTS: tuple[FixedCell, ...] = (
    FixedCell("HeadNo", HEAD, "C3", "Head", "總目", "code"),
    FixedCell("HeadTitleEn", HEAD, "C4", "Title (English)", "名稱(英文)", "text"),
    FixedCell("HeadTitleZh", HEAD, "C5", "Title (Chinese)", "名稱(中文)", "text"),
    FixedCell(
        "ControllingOfficerEn",
        HEAD,
        "C6",
        "Controlling officer (English)",
        "管制人員(英文)",
        "text",
    ),
    FixedCell(
        "ControllingOfficerZh",
        HEAD,
        "C7",
        "Controlling officer (Chinese)",
        "管制人員(中文)",
        "text",
    ),
    FixedCell(
        "EstimateYear", HEAD, "C8", "Estimate year (e.g. 2025-26)", "預算年度", "code"
    ),
    FixedCell(
        "DepartmentEn", HEAD, "F3", "Bureau/department (English)", "部門(英文)", "text"
    ),
    FixedCell(
        "DepartmentZh", HEAD, "F4", "Bureau/department (Chinese)", "部門(中文)", "text"
    ),
    FixedCell(
        "DepartmentShortZh", HEAD, "F5", "Short name (Chinese)", "簡稱(中文)", "text"
    ),
    FixedCell(
        "PostsStart",
        HEAD,
        "C12",
        "Posts at 31 March before the year",
        "年初(三月三十一日)職位",
        "int",
    ),
    FixedCell(
        "DirectorateStart",
        HEAD,
        "C13",
        "Directorate posts at start",
        "年初首長級職位",
        "int",
    ),
    FixedCell(
        "DirectorateEnd",
        HEAD,
        "C14",
        "Directorate posts at end",
        "年終首長級職位",
        "int",
    ),
    FixedCell(
        "NetChange",
        HEAD,
        "C15",
        "Net change in posts in the year",
        "年內職位淨變動",
        "int",
    ),
    FixedCell(
        "Ceiling",
        HEAD,
        "C16",
        "Establishment ceiling (NAMS, HK$)",
        "編制上限(按薪級中點估計的年薪值,元)",
        "dollars",
    ),
    FixedCell("EstablishmentNoteEn", ESTABLISHMENT, "A2", "Note", "註", "text"),
    FixedCell("EstablishmentNoteZh", ESTABLISHMENT, "A3", "Note", "註", "text"),
)

HEAD_ATTRS = {
    "HeadNo": "head",
    "HeadTitleEn": "title_en",
    "HeadTitleZh": "title_zh",
    "ControllingOfficerEn": "controlling_officer_en",
    "ControllingOfficerZh": "controlling_officer_zh",
    "EstimateYear": "estimate_year",
    "DepartmentEn": "department_en",
    "DepartmentZh": "department_zh",
    "DepartmentShortZh": "department_short_zh",
    "PostsStart": "establishment.posts_start",
    "DirectorateStart": "establishment.directorate_start",
    "DirectorateEnd": "establishment.directorate_end",
    "NetChange": "establishment.net_change",
    "Ceiling": "establishment.ceiling",
    "EstablishmentNoteEn": "establishment.note_en",
    "EstablishmentNoteZh": "establishment.note_zh",
}
HEAD_INPUTS = tuple(replace(f, attr=HEAD_ATTRS[f.name]) for f in HEAD_INPUTS)

HEAD_COMPUTED: tuple[FixedCell, ...] = (
    FixedCell(
        "HeadEstimate",
        HEAD,
        "C10",
        "Estimate ($ million)",
        "預算(百萬元)",
        "millions",
        "head_estimate",
        "=Programmes!G4",  # a blank template's; a book's: computed._head_cells
    ),
    FixedCell(
        "PostsEnd",
        HEAD,
        "C18",
        "Posts at 31 March after the year",
        "年終職位",
        "int",
        "posts_end",
        '=IF(OR(C12="",C15=""),"",C12+C15)',
    ),
    FixedCell(
        "NonDirectorateStart",
        HEAD,
        "C19",
        "Non-directorate posts at start",
        "年初非首長級職位",
        "int",
        "non_directorate_start",
        '=IF(OR(C12="",C13=""),"",C12-C13)',
    ),
    FixedCell(
        "NonDirectorateEnd",
        HEAD,
        "C20",
        "Non-directorate posts at end",
        "年終非首長級職位",
        "int",
        "non_directorate_end",
        '=IF(OR(C18="",C14=""),"",C18-C14)',
    ),
    FixedCell(
        "NamsEnd",
        HEAD,
        "C21",
        "NAMS of non-directorate posts at end (HK$)",
        "年終非首長級職位的年薪值(元)",
        "dollars",
        "head_nams_end",
        "=Establishment!C8",
    ),
    FixedCell(
        "CeilingHeadroom",
        HEAD,
        "C22",
        "Headroom under the ceiling (HK$)",
        "上限餘額(元)",
        "dollars",
        "ceiling_headroom",
        '=IF(C16="","",C16-C21)',
    ),
)

HEAD_SECTION_LABELS = {
    2: ("Head", "總目"),
    9: ("Provision", "撥款"),
    11: ("Establishment", "人手編制"),
    17: ("Computed 計算所得", ""),
    25: ("Footnotes that explain restated comparatives", "註釋(說明經調整的比較數字)"),
}

# Summary rows above the input tables: (sheet, row, key prefix, label_en, label_zh).
PROGRAMME_TOTAL_ROW = 4
FOOTNOTE_GAP_ROW = 5
FOOTNOTE_GAP_LABEL = "Gap the footnotes explain 註釋所說明的差額"
"""Programmes row 5, under the total: per money column, the gap between the
programme total and Total Expenditure that the footnotes were accepted as
explaining (T03). The refresh records it when a reviewed footnote first explains
a gap; a clerk clears it (or keys another) to accept a changed gap."""


def footnote_gap_cells() -> dict[str, tuple[str, int, int]]:
    """Each money column's record cell: (sheet, row, column)."""
    spec = TABLES["tblProgrammes"]
    return {c: (spec.sheet, FOOTNOTE_GAP_ROW, spec.col(c)) for c in T.COLUMNS}


BREAKDOWN_SUMMARY_ROWS = {
    "breakdown_total": (4, "Total of the breakdown", "分析總額"),
    "breakdown_subhead000": (5, "Subhead 000 (Subheads sheet)", "分目 000(分目工作表)"),
    "breakdown_difference": (6, "Difference (must be nil)", "差額(應為零)"),
}
ESTABLISHMENT_SUMMARY = {
    "establishment_posts_start": (4, "Posts at start", "年初職位"),
    "establishment_posts_end": (5, "Posts at end", "年終職位"),
    "establishment_directorate_start": (
        6,
        "Directorate posts at start",
        "年初首長級職位",
    ),
    "establishment_directorate_end": (7, "Directorate posts at end", "年終首長級職位"),
    "nams_end": (
        8,
        "NAMS of non-directorate posts at end (HK$)",
        "年終非首長級職位的年薪值(元)",
    ),
}

REPORT_KEY_COLUMN = 12  # column L of the Report sheet: each row's stable key (hidden)
REPORT_SIGNATURE_COLUMN = 13  # M: what the row's formulas compute, and the
# record of what the last refresh wrote in the row (hidden; RECORD_COLUMNS)
RETIRED_REPORT_COLUMNS = (8,)
"""Report columns an earlier layout filled on keyed rows and this one leaves
empty: H, the Notes column (the footnote marks now print on their figures)."""
HEAD_SUMMARY_COLUMNS = (4, 5, 6)  # Head sheet: label (en), label (zh), live text
HEAD_SUMMARY_LINES = (  # (row, label_en, label_zh, Narrative key, Narrative column)
    (7, "Establishment ceiling line", "編制上限", "ceiling", 2),
    (8, "", "", "ceiling", 3),
    (9, "Directorate line", "首長級職位", "directorate", 2),
    (10, "", "", "directorate", 3),
)
NARRATIVE_LOOKUP_ROWS = 500  # rows of the Narrative sheet the Head summary looks up
NARRATIVE_FIRST_ROW = 5
NARRATIVE_CLERK_COLUMN = 4  # D: the clerk's own sentence, tied to the row's key
NARRATIVE_NOTE_COLUMN = 5  # E: the clerk's note, never rewritten; moves with the key
NARRATIVE_KEY_COLUMN = 6  # F: each row's sentence key (hidden)
NARRATIVE_RECORD_COLUMN = 7  # G: what the last refresh wrote in the row (hidden)
# The hidden cell on each row of a rebuilt sheet that records what the last
# refresh wrote there (the Report's also carries its formulas' signature): a
# clerk's text over the tool's is told from the tool's own earlier text by it.
RECORD_COLUMNS = {REPORT: REPORT_SIGNATURE_COLUMN, NARRATIVE: NARRATIVE_RECORD_COLUMN}
# The regions Refresh rebuilds, by sheet: the columns it owns (every row). What a
# clerk typed there that Refresh must overwrite goes on the revert record and is
# flagged (C02); every other cell of these sheets is the clerk's and never touched.
OWNED_COLUMNS: dict[str, tuple[int, ...]] = {
    REPORT: tuple(range(1, REPORT_SIGNATURE_COLUMN + 1)),
    NARRATIVE: (
        1,
        2,
        3,
        NARRATIVE_CLERK_COLUMN,
        NARRATIVE_KEY_COLUMN,
        NARRATIVE_RECORD_COLUMN,
    ),
}


WHOLLY_OURS: dict[str, tuple[int, ...]] = {  # rebuilt whole, merged by the layout
    REPORT_ZH: tuple(range(1, 7)),
    REPORT_EN: tuple(range(1, 7)),
}


def owned_columns(sheet: str) -> tuple[int, ...] | None:
    """The columns Refresh owns on a sheet it rebuilds (None: the whole sheet,
    the Checks sheet); a clerk's cell anywhere else is never touched."""
    return OWNED_COLUMNS.get(sheet, WHOLLY_OURS.get(sheet))


def owns(sheet: str, col: int) -> bool:
    """Whether Refresh owns column ``col`` of a sheet it rebuilds (a sheet with no
    declared columns, the Checks sheet, is Refresh's own whole)."""
    owned = owned_columns(sheet)
    return owned is None or col in owned


CHECKS_LINKS = 64  # links to compared cells a finding's row carries, at most
CHECKS_RECORD_COLUMN = 11 + CHECKS_LINKS  # BW: what the last refresh wrote in the
# row (hidden), past the last link column: a clerk's text is told from ours by it
HIDDEN_COLUMNS: dict[str, tuple[int, ...]] = {
    REPORT: (REPORT_KEY_COLUMN, REPORT_SIGNATURE_COLUMN),
    NARRATIVE: (NARRATIVE_KEY_COLUMN, NARRATIVE_RECORD_COLUMN),
    CHECKS: (CHECKS_RECORD_COLUMN,),
}
CHECKS_HEADER_ROW = 5
CHECKS_COLUMNS = (
    ("severity", "Severity 嚴重程度", 10),
    ("rule", "Rule 規則", 7),
    ("sheet", "Sheet 工作表", 14),
    ("cell", "Cell 儲存格", 10),
    ("message_en", "Message", 70),
    ("message_zh", "訊息", 50),
    ("expected", "Expected 應為", 16),
    ("found", "Found 實際", 16),
    ("used", "Cells used 所用儲存格", 22),
    ("how", "How it is computed 計算方法", 50),
    ("compared", "Go to the cells compared 前往比較的儲存格", 18),  # then one a column
)
assert len(CHECKS_COLUMNS) + CHECKS_LINKS == CHECKS_RECORD_COLUMN


def stacked(header: str) -> str:
    """A bilingual header ("Severity 嚴重程度") on two lines, the Chinese under
    the English: LibreOffice and Excel break Chinese between any two characters,
    so a header left to wrap could print "Severity 嚴 / 重程度"."""
    first = next((i for i, ch in enumerate(header) if "\u2e80" <= ch <= "\u9fff"), 0)
    if first > 1 and header[first - 1] == " " and header[:first].strip():
        return f"{header[: first - 1]}\n{header[first:]}"
    return header


DROP_DOWN_ROWS = 5000  # data rows below a table's header that carry its drop-downs


def drop_downs() -> list[tuple[TableSpec, Column, str, str]]:
    """Each input column with known values: (table, column, the name of its list
    on the hidden lists sheet, that list's range)."""
    out = []
    lists = [(spec, c) for spec in TABLES.values() for c in spec.columns if c.choices]
    for i, (spec, column) in enumerate(lists, start=1):
        letter = chr(ord("A") + i - 1)
        rows = len(column.choices)
        ref = f"{LISTS}!${letter}$2:${letter}${rows + 1}"
        out.append((spec, column, f"List_{spec.name[3:]}_{column.key}", ref))
    return out


def template_names() -> dict[str, str]:
    """The defined names every book made from the template carries."""
    names = {}
    for fixed in (*HEAD_INPUTS, *HEAD_COMPUTED):
        names[fixed.name] = f"{fixed.sheet}!${fixed.cell[0]}${fixed.cell[1:]}"
    row = TEMPLATE_VERSION_CELL[1:]
    names["TemplateVersion"] = f"{HEAD}!$C${row}"
    total = PROGRAMME_TOTAL_ROW
    names["ProgrammeTotal"] = f"{PROGRAMMES}!$D${total}:$G${total}"
    for _spec, _column, name, ref in drop_downs():
        names[name] = ref
    return names


FILLS = {"error": "FFFFC7CE", "warning": "FFFFEB9C", "info": "FFDDEBF7"}

NUMBER_FORMATS = {
    "millions": '#,##0.0;-#,##0.0;"—"',
    "thousands": '#,##0;-#,##0;"—"',
    "percent": '+#,##0.0"%";-#,##0.0"%";"—"',
    "int": "0",
    "dollars": "#,##0",
    "code": "@",
    "pct_line": '"(+"#,##0.0"%)";"(-"#,##0.0"%)";"(—)"',  # (+5,560.4%)
}


def or_line_format(lang: str, original: str) -> str:
    """The number format of the COR's line under a % line, which shows the
    Estimate's change on the Original as a phrase: "(or +7.0% on 2024-25
    Original)", "(或較 2024-25 原來預算增加 7.0%)"; no change reads "(or the same
    as 2024-25 Original)" as the Chinese reads 相同. The cell holds the number."""
    if lang == "zh":
        said = f"或較 {original} 原來預算".replace("  ", " ")
        return f'"({said}增加 "#,##0.0"%)";"({said}減少 "#,##0.0"%)";"({said}相同)"'
    said = f" on {original} Original".replace("  ", " ")
    same = f"(or the same as {original} Original)".replace("  ", " ")
    return f'"(or +"#,##0.0"%{said})";"(or -"#,##0.0"%{said})";"{same}"'


MARK = "+"
"""A figure's style and the footnote marks printed on it: ``millions+¶``."""


def marked_style(style: str, marks: str) -> str:
    return f"{style}{MARK}{marks}" if marks else style


def marked_format(number_format: str, marks: str) -> str:
    """``number_format`` with the marks after the figure in every section, as the
    COR prints them: "198.8¶", "564,524Δ"."""
    said = marks.replace('"', "")
    sections = []
    for section in number_format.split(";"):
        if section.endswith('"'):
            sections.append(f'{section[:-1]}{said}"')
        else:
            sections.append(f'{section}"{said}"')
    return ";".join(sections)


OR_LINE_STYLES = ("or_zh:", "or_en:")
"""Style names of those lines: ``or_zh:2024-25`` (language, Original's year)."""
