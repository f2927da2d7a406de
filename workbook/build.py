"""Build the template workbook and fill its input tables from a Head.

The template holds the sheets, labels, input tables (each with one empty row),
defined names and the fixed computed cells' places; Refresh writes the formulas.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from estimates import __version__
from estimates.model import COLUMNS, Count, Head
from estimates.tables import HEAD_LISTS

from . import layout as L
from .chart_data import history_cells
from .charts import add_charts
from .io import write_cell
from .narrative import clerk_rows
from .notes import put_back
from .printing import fit_header_row, fit_input_columns, setup_page
from .snapshot import Formula, cell_position
from .styles import set_default_font


def _table(spec: L.TableSpec, last_row: int) -> Table:
    ref = f"A{spec.header_row}:{get_column_letter(len(spec.columns))}{last_row}"
    table = Table(displayName=spec.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    return table


def _add_drop_downs(wb: Workbook) -> None:
    """An Excel drop-down (list data validation) on every column with known
    values, fed from the hidden lists sheet, for rows typed or appended later."""
    lists = wb[L.LISTS]
    for i, (spec, column, name, _ref) in enumerate(L.drop_downs(), start=1):
        write_cell(lists, 1, i, f"{spec.name}.{column.key}", "header")
        for r, value in enumerate(column.choices, start=2):
            write_cell(lists, r, i, value, "code")
        allowed = ", ".join(column.choices)
        check = DataValidation(
            type="list",
            formula1=f"={name}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle=f"{column.field.label_en} {column.field.label_zh}",
            error=f"Choose one of: {allowed}. 請選擇:{allowed}。"[:255],
        )
        letter = get_column_letter(spec.col(column.key))
        last = spec.first_row + L.DROP_DOWN_ROWS
        check.add(f"{letter}{spec.first_row}:{letter}{last}")
        wb[spec.sheet].add_data_validation(check)


def _head_summary_lines(head) -> None:
    """The COR's Head summary lines, live from the Narrative sheet's sentences."""
    en_col, zh_col, value_col = L.HEAD_SUMMARY_COLUMNS
    keys = get_column_letter(L.NARRATIVE_KEY_COLUMN)
    last = L.NARRATIVE_LOOKUP_ROWS
    for row, en, zh, key, col in L.HEAD_SUMMARY_LINES:
        write_cell(head, row, en_col, en or None, "label")
        write_cell(head, row, zh_col, zh or None, "label")
        text = Formula(
            f"=IFERROR(INDEX({L.NARRATIVE}!$A$1:${keys}${last},"
            f'MATCH("{key}",{L.NARRATIVE}!${keys}$1:${keys}${last},0),{col}),"")'
        )
        write_cell(head, row, value_col, text, "computed")


def new_template() -> Workbook:
    """An empty Estimates workbook: every sheet, table, label and name in place."""
    wb = Workbook()
    set_default_font(wb)
    wb.remove(wb.active)
    for name, title in L.SHEETS:
        ws = wb.create_sheet(name)
        write_cell(ws, 1, 1, title, "title")
        if name in L.HIDDEN_SHEETS:
            ws.sheet_state = "hidden"
    head = wb[L.HEAD]
    head.column_dimensions["A"].width = 44
    head.column_dimensions["B"].width = 36
    head.column_dimensions["C"].width = 30
    head.column_dimensions["D"].width = 28
    head.column_dimensions["E"].width = 16
    head.column_dimensions["F"].width = 40
    for row, (en, zh) in L.HEAD_SECTION_LABELS.items():
        write_cell(head, row, 1, f"{en} {zh}".strip(), "heading")
    for fixed in (*L.HEAD_INPUTS, *L.HEAD_COMPUTED):
        row, col = cell_position(fixed.cell)
        ws = wb[fixed.sheet]
        if fixed.sheet == L.HEAD:  # labels in the two columns left of the cell
            write_cell(ws, row, col - 2, fixed.label_en, "label")
            write_cell(ws, row, col - 1, fixed.label_zh, "label")
            cell = ws.cell(row, col)
            cell.number_format = L.NUMBER_FORMATS.get(fixed.kind, "General")
            if fixed.key:
                write_cell(ws, row, col, None, "computed")
    for spec in L.TABLES.values():
        ws = wb[spec.sheet]
        least = {}
        for col, column in enumerate((*spec.columns, *spec.computed), start=1):
            write_cell(ws, spec.header_row, col, column.header, "header")
            letter = get_column_letter(col)
            least[col] = (
                column.width
                if spec.sheet != L.HEAD
                else ws.column_dimensions[letter].width or column.width
            )
        ws.add_table(_table(spec, spec.first_row))
        fit_header_row(ws, spec.header_row, least)  # no heading breaks mid-word
        ws.freeze_panes = None
    _add_drop_downs(wb)
    prog = wb[L.PROGRAMMES]
    write_cell(prog, L.PROGRAMME_TOTAL_ROW, 1, "Total 總計", "total_label")
    write_cell(prog, L.FOOTNOTE_GAP_ROW, 1, L.FOOTNOTE_GAP_LABEL, "note")
    write_cell(
        prog,
        2,
        1,
        "Enter programmes in the table; totals and % changes are computed."
        " 請在表格輸入綱領;總額及百分率變動自動計算。",
        "note",
    )
    write_cell(
        wb[L.SUBHEADS],
        2,
        1,
        "Subhead lines only: total lines are computed on the"
        " Report sheet. 只輸入分目項目:總額見報告工作表。",
        "note",
    )
    bd = wb[L.BREAKDOWN]
    for _key, (row, en, zh) in L.BREAKDOWN_SUMMARY_ROWS.items():
        write_cell(bd, row, 1, en, "total_label")
        write_cell(bd, row, 2, zh, "total_label")
    est = wb[L.ESTABLISHMENT]
    for _key, (row, en, zh) in L.ESTABLISHMENT_SUMMARY.items():
        write_cell(est, row, 1, f"{en} {zh}", "total_label")
    log = wb[L.CHANGE_LOG]
    write_cell(
        log,
        2,
        1,
        "A row for each refresh or revert that changed the book."
        " 每次更新或還原的紀錄。",
        "note",
    )
    for col, (header, width) in enumerate(L.CHANGE_LOG_COLUMNS, start=1):
        write_cell(log, L.CHANGE_LOG_HEADER_ROW, col, header, "header")
        log.column_dimensions[get_column_letter(col)].width = width
    for name in (L.REPORT, L.NARRATIVE, L.CHECKS):
        ws = wb[name]
        ws.column_dimensions["A"].width = 12
        ws.column_dimensions["B"].width = 30 if name != L.CHECKS else 8
        ws.column_dimensions["C"].width = 40 if name != L.CHECKS else 14
        for col in "DEFGHIJ":
            ws.column_dimensions[col].width = 19
    first = L.CHECKS_HEADER_ROW + 1
    for severity, colour in L.FILLS.items():
        wb[L.CHECKS].conditional_formatting.add(
            f"A{first}:A{first + 20000}",
            CellIsRule(
                operator="equal",
                formula=[f'"{severity}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour),
            ),
        )
    wb[L.CHECKS].auto_filter.ref = f"A{L.CHECKS_HEADER_ROW}:H{first + 20000}"
    for col, (_, _, width) in enumerate(L.CHECKS_COLUMNS, start=1):
        wb[L.CHECKS].column_dimensions[get_column_letter(col)].width = width
    wb[L.NARRATIVE].column_dimensions["B"].width = 70
    wb[L.NARRATIVE].column_dimensions["C"].width = 70
    row, col = cell_position(L.TEMPLATE_VERSION_CELL)
    write_cell(head, row, 1, "Template version", "label")
    write_cell(head, row, 2, "範本版本", "label")
    write_cell(head, row, col, L.TEMPLATE_VERSION, "code")
    _head_summary_lines(head)
    for name, ref in L.template_names().items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    wb.custom_doc_props.append(
        StringProperty(name="EstimatesTemplateVersion", value=L.TEMPLATE_VERSION)
    )
    add_charts(wb)
    for ws in wb.worksheets:  # A4, one page wide, per sheet (printing.PAGES)
        setup_page(ws)
    wb.properties.title = "Estimates of Expenditure 開支預算"
    wb.properties.creator = f"estimates-addin {__version__}"
    wb.properties.keywords = f"estimates-template {L.TEMPLATE_VERSION}"
    wb.active = 0
    return wb


def _fill_table(wb: Workbook, spec: L.TableSpec, items: list) -> None:
    """Key a table's rows, each cell as its column declares, and size the table."""
    ws = wb[spec.sheet]
    for i, item in enumerate(items):
        cells = spec.table.cells(item)
        for col, (column, value) in enumerate(zip(spec.columns, cells, strict=True), 1):
            write_cell(ws, spec.first_row + i, col, value, column.kind)
    last = spec.first_row + max(len(items), 1) - 1
    ws.tables[
        spec.name
    ].ref = f"A{spec.header_row}:{get_column_letter(len(spec.columns))}{last}"


def head_value(head: Head, fixed: L.FixedCell) -> object:
    value: object = head
    for part in fixed.attr.split("."):
        value = getattr(value, part)
    if isinstance(value, Count):
        value = value.value
    return None if value == "" else value


def populate(wb: Workbook, head: Head) -> None:
    """Key a Head's source data into the template's input cells and tables."""
    for fixed in L.HEAD_INPUTS:
        row, col = cell_position(fixed.cell)
        style = "note" if fixed.sheet != L.HEAD else fixed.kind
        write_cell(wb[fixed.sheet], row, col, head_value(head, fixed), style)
    for spec in L.TABLES.values():
        _fill_table(wb, spec, getattr(head, HEAD_LISTS[spec.name]))
    _clerk_sentences(wb, head)
    put_back(wb, head.notes)
    for column, gap in zip(COLUMNS, head.footnote_gaps, strict=False):
        if gap.value is not None:  # the gap recorded before Export: kept (T03)
            sheet, row, col = L.footnote_gap_cells()[column]
            write_cell(wb[sheet], row, col, float(gap.value), "millions")
    if L.CHARTS in wb.sheetnames:  # the earlier years' establishment (Export)
        for row, col, value, style in history_cells(head.posts_history):
            write_cell(wb[L.CHARTS], row, col, value, style)
    fit_input_columns(wb)


def _clerk_sentences(wb: Workbook, head: Head) -> None:
    """The clerk's own Narrative sentences (head.toml [narrative]) on the rows the
    refresh puts their keys on; it keeps them there and checks them."""
    if not head.narrative or L.NARRATIVE not in wb.sheetnames:
        return
    ws = wb[L.NARRATIVE]
    for key, row in clerk_rows(head, list(head.narrative)).items():
        write_cell(ws, row, L.NARRATIVE_KEY_COLUMN, key, "key")
        write_cell(ws, row, L.NARRATIVE_CLERK_COLUMN, head.narrative[key][0], "wrap")
