"""Read a book's snapshot into the core's Head, with findings for every bad cell.

Host-neutral: works on a ``Snapshot`` from any adapter. A bad cell never stops the
read: it becomes a finding (D01 number as text, D02 error value, D05 not a number,
D06 missing, D07 missing table or sheet) and the rest is read on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from estimates import tables as T
from estimates.findings import Finding, Severity
from estimates.importer import likely_head
from estimates.model import Amount, Count, EstablishmentSummary, Head, Ref
from estimates.money import NOT_YET, is_nil_mark
from estimates.rules.text import finding, said
from estimates.source import total_label
from estimates.years import EXAMPLE as EXAMPLE_YEAR
from estimates.years import EXAMPLE_ZH as EXAMPLE_YEAR_ZH
from estimates.years import YearError, likely_year, parse_year

from . import layout as L
from .cells import Cells, Label
from .computed import Extent
from .cycle import rolled_from
from .snapshot import (
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
    usable: set[str] = field(
        default_factory=set
    )  # tables read as the template has them


def _missing(spec: L.TableSpec, sheet_gone: bool) -> Finding:
    """D07: the table's sheet, or the table itself, is not in the book."""
    if sheet_gone:
        what = (f"The sheet {spec.sheet!r} is missing", f"缺少工作表 {spec.sheet!r}")
        should = (f"a sheet named {spec.sheet!r}", f"名為 {spec.sheet!r} 的工作表")
        return finding(
            "D07",
            None,
            *said(what, should, ("none (renamed or deleted)", "沒有(已改名或刪除)")),
            spec.sheet,
            "missing",
        )
    what = (
        f"The table {spec.name} is missing from sheet {spec.sheet}",
        f"工作表 {spec.sheet} 缺少表格 {spec.name}",
    )
    return finding(
        "D07",
        Ref(spec.sheet, address(spec.header_row, 1)),
        *said(what, (f"table {spec.name}", f"表格 {spec.name}"), ("none", "沒有")),
        spec.name,
        "missing",
    )


def _moved(spec: L.TableSpec, where: Ref, now: str) -> Finding:
    """D11: the table is not where the template has it."""
    home = f"{spec.sheet}!A{spec.header_row}"
    en, zh = said(
        (f"The table {spec.name} was moved", f"表格 {spec.name} 被移動"),
        (f"the table at {home}", f"位於 {home}"),
        (now, now),
        (
            f"It belongs at {home}: move it back (cut and paste the whole table);"
            " until then it is not read and its figures are not written.",
            "請移回原處;在此之前不會讀取。",
        ),
    )
    return finding("D11", where, en, zh, home, now)


def _changed(spec: L.TableSpec, where: Ref, headers: list) -> Finding:
    """D10: the table's columns are not the template's."""
    expected = [c.header for c in spec.columns]
    missing = [h for h in expected if not any(L.same_heading(x, h) for x in headers)]
    change = "missing: " + ", ".join(missing) if missing else "reordered"
    should, found = " | ".join(expected), " | ".join(str(h) for h in headers)
    en, zh = said(
        (
            f"The columns of table {spec.name} were changed ({change})",
            f"表格 {spec.name} 的欄位被更改",
        ),
        (should, should),
        (found, found),
        (
            "Put them back as the template has them. Until then the table is not"
            " read and its figures are not written.",
            "請還原。在此之前不會讀取。",
        ),
    )
    return finding("D10", where, en, zh, should, found)


def _merged(spec: L.TableSpec, sheet: str, merged: str) -> Finding:
    """D09: cells merged over an input table."""
    en, zh = said(
        (
            f"Cells are merged over table {spec.name}",
            f"表格 {spec.name} 內有合併儲存格",
        ),
        ("no merged cells", "沒有合併儲存格"),
        (f"{merged} merged", f"{merged} 被合併"),
        (
            "Unmerge them (Home > Merge & Center) so that every line has its own"
            " cells.",
            "請取消合併。",
        ),
    )
    return finding(
        "D09", Ref(sheet, merged.split(":")[0]), en, zh, "no merged cells", merged
    )


def table_extent(
    snap: Snapshot, spec: L.TableSpec, findings: list[Finding]
) -> Extent | None:
    if spec.sheet not in snap.sheets or spec.name not in snap.tables:
        findings.append(_missing(spec, spec.sheet not in snap.sheets))
        return None
    sheet, ref = snap.tables[spec.name]
    min_col, min_row, max_col, max_row = table_bounds(ref)
    where = Ref(spec.sheet, address(min_row, min_col))
    if sheet != spec.sheet or (min_row, min_col) != (spec.header_row, 1):
        findings.append(_moved(spec, where, f"{sheet}!{ref}"))
        return None
    headers = [snap.value(sheet, min_row, c) for c in range(1, len(spec.columns) + 1)]
    declared = [c.header for c in spec.columns]
    if max_col != len(spec.columns) or not all(
        L.same_heading(h, d) for h, d in zip(headers, declared, strict=True)
    ):
        findings.append(_changed(spec, where, headers))
        return None
    last = max(_last_keyed(snap, spec, max_row), min_row + 1)
    for merged in snap.merged.get(sheet, []):
        m0, r0, m1, r1 = table_bounds(merged)
        if r1 >= min_row and r0 <= last and m0 <= max_col and m1 >= min_col:
            findings.append(_merged(spec, sheet, merged))
    return Extent(min_row + 1, last)


def _is_figure(value: object) -> bool:
    return isinstance(value, Formula) or (
        isinstance(value, int | float) and not isinstance(value, bool)
    )


def _last_keyed(snap: Snapshot, spec: L.TableSpec, last: int) -> int:
    """The table's last row, grown over the rows typed below it: a row just
    below its last row (no blank row between), or, after blank rows, a row that
    holds a figure (a number or a formula) in one of the table's columns: a
    clerk who leaves a gap and types a programme means it to count. A row of text
    only below a blank row is a clerk's note, left where it is, never read into
    the table (README, "Rows typed below a table")."""
    width = len(spec.columns)
    for row in range(last + 1, snap.max_row(spec.sheet) + 1):
        values = [snap.value(spec.sheet, row, c) for c in range(1, width + 1)]
        if T.blank(values) or _labels_a_total(spec, values):
            continue  # a total line typed below is never a line (D16)
        if row == last + 1 or any(_is_figure(v) for v in values):
            last = row
    return last


def _below(snap: Snapshot, spec: L.TableSpec, last: int) -> list[int]:
    """The rows below a table a clerk may mean as part of it: the row just below,
    and, after blank rows, those holding a figure. Each labelled a total is D16
    (``_total_line``): one typed after a blank row was ignored without a word
    (trial 10g item 4)."""
    width = len(spec.columns)
    return [
        row
        for row in range(last + 1, snap.max_row(spec.sheet) + 1)
        if row == last + 1
        or any(_is_figure(snap.value(spec.sheet, row, c)) for c in range(1, width + 1))
    ]


def _labels_a_total(spec: L.TableSpec, values: list) -> str:
    """The key of the column whose text labels the row a total line, else ""."""
    by_key = {c.key: str(v or "") for c, v in zip(spec.columns, values, strict=False)}
    return total_label(spec.name, lambda key: by_key.get(key, ""))


def _rows(snap: Snapshot, spec: L.TableSpec, ext: Extent):
    """The sheet rows of a table that hold anything: a blank row is skipped and
    shifts nothing, since every row read keeps its own sheet row."""
    width = len(spec.columns)
    for row in range(ext.first, ext.last + 1):
        if not T.blank(snap.value(spec.sheet, row, c) for c in range(1, width + 1)):
            yield row


def _row_label(spec: L.TableSpec, texts: dict[str, str]) -> Label:
    """How a finding names a row: ``Subhead 000``, ``Programme (2)``, a rank;
    and in Chinese (``分目 000``, ``綱領(2)``)."""
    en, zh = ROW_LABELS.get(spec.name, ("{0}", "{0}"))
    first = texts.get(spec.columns[0].key, "")
    texts = {**texts, "item": texts.get("item_zh") or texts.get("item_en", "")}
    return Label(en.format(first, **texts), zh.format(first, **texts))


ROW_LABELS = {
    "tblProgrammes": ("Programme ({programme})", "綱領({programme})"),
    "tblSubheads": ("Subhead {code}", "分目 {code}"),
    "tblBreakdown": ("Breakdown '{item_en}'", "分目 000 細目「{item}」"),
    "tblPayScale": ("Pay scale {scale}", "薪級表 {scale}"),
    "tblFootnotes": ("Footnote {mark}", "註釋 {mark}"),
}


def _read_row(cells: Cells, spec: L.TableSpec, row: int) -> object:
    """One table row as the core's model row: each column read as declared, every
    value keeping the cell it came from."""
    sheet = spec.sheet
    refs = {c.key: Ref(sheet, address(row, spec.col(c.key))) for c in spec.columns}
    values: dict[str, object] = {}
    for column in spec.columns:
        f = column.field
        if f.kind not in T.NUMBER_KINDS:
            values[f.name] = cells.parsed(f, sheet, row, spec.col(f.name))
    label = _row_label(spec, {k: str(v) for k, v in values.items()})
    for column in spec.columns:
        f = column.field
        if f.kind in T.NUMBER_KINDS:
            where = Label(f"{label}, {f.name} ({refs[f.name]})",
                          f"{label.zh}{f.label_zh}({refs[f.name]})")  # fmt: skip
            value = cells.number(sheet, row, spec.col(f.name), f.kind, where)[0]
            values[f.name] = cells.required(f, value, refs[f.name], label)
        elif f.required and not values[f.name]:
            cells.missing(f, refs[f.name], label)
    nils = _nils(cells, spec, row)
    unread = [n for n in nils if not _nil_mark(cells, spec, row, n)]
    errors = _showing_errors(cells, {n: refs[n] for n in unread})
    return spec.table.make(values, refs, nils=nils, unread=unread, errors=errors,
                           found=_not_yet(cells, spec, row))  # fmt: skip


def _showing_errors(cells: Cells, unread: dict[str, Ref]) -> list[str]:
    """The unread columns whose cell shows an error value (D02 there). Only a
    row with unread figures scans the findings (every row did: 1,000 flagged
    lines made reading 2,000 quadratic)."""
    if not unread:
        return []
    shown = {f.ref for f in cells.findings if f.rule == "D02"}
    return [name for name, ref in unread.items() if ref in shown]


def _total_line(cells: Cells, spec: L.TableSpec, row: int) -> bool:
    """Whether the row is a total line a clerk typed into the table ("Total" with
    its sums): not a line (it would count every figure twice), D16 at its label."""
    width = len(spec.columns)
    values = [cells.snap.value(spec.sheet, row, c) for c in range(1, width + 1)]
    column = _labels_a_total(spec, values)
    if not column:
        return False
    ref = Ref(spec.sheet, address(row, spec.col(column)))
    label = str(values[spec.col(column) - 1]).strip()
    en, zh = said(
        (
            f"{ref} reads '{label}': a total line typed into the"
            " table, so the row is not read as a line",
            f"{ref}為「{label}」:這是輸入表格內的總額行,不會當作項目讀取",
        ),
        ("no total line (totals are computed)", "沒有總額行(總額由系統計算)"),
        (f"the row '{label}'", f"「{label}」一行"),
        ("Delete the row.", "請刪除這一行。"),
    )
    cells.add("D16", ref, en, zh, "no total line", label)
    return True


def _nils(cells: Cells, spec: L.TableSpec, row: int) -> list[str]:
    """The row's money columns read as nil that are not blank: a nil mark (``-``)
    keyed, or a value the reader could not read ('32.2Δ': its own finding, D05,
    says what is wrong; it is not a figure still to key, F01)."""
    value = cells.snap.value
    return [
        f.name
        for f in spec.table.fields
        if f.is_money and _not_blank(value(spec.sheet, row, spec.col(f.name)))
    ]


def _not_yet(cells: Cells, spec: L.TableSpec, row: int) -> dict[str, str]:
    """The money cells of the row holding 'n/a' (a figure still to key, D05),
    as typed, by field name."""
    value = cells.snap.value
    raws = {f.name: value(spec.sheet, row, spec.col(f.name))
            for f in spec.table.fields if f.is_money}  # fmt: skip
    return {name: raw.strip() for name, raw in raws.items()
            if isinstance(raw, str) and raw.strip().lower() in NOT_YET}  # fmt: skip


def _nil_mark(cells: Cells, spec: L.TableSpec, row: int, name: str) -> bool:
    raw = cells.snap.value(spec.sheet, row, spec.col(name))
    return is_nil_mark(raw)


def _not_blank(raw: object) -> bool:
    if raw is None or is_nil_mark(raw):
        return raw is not None
    return not (isinstance(raw, str) and raw.strip().lower() in ("", *NOT_YET))


def read_tables(
    snap: Snapshot, cells: Cells, head: Head, usable: set[str], extents: dict
) -> None:
    """Every usable input table's rows into the Head's lists."""
    for spec in L.TABLES.values():
        if spec.name in usable:
            rows = getattr(head, T.HEAD_LISTS[spec.name])
            ext = extents[spec.name]
            for row in [*_rows(snap, spec, ext), *_below(snap, spec, ext.last)]:
                if not _total_line(cells, spec, row) and row <= ext.last:
                    rows.append(_read_row(cells, spec, row))
    for table in ("tblProgrammes", "tblSubheads"):
        if table in usable:
            _titles(cells, head, table)


TITLES = ("title_en", "title_zh")  # the book prints both: COR English, COR 中文


def _given(head: Head) -> dict[str, str]:
    """The title fields the Head's title or any line's title is given in, each
    with the first cell that gives it (what makes a blank one an error)."""
    heads = {f.attr: f"{f.sheet}!{f.cell}" for f in L.HEAD_INPUTS if f.attr in TITLES}
    given: dict[str, str] = {}
    for name in TITLES:
        if getattr(head, name):
            given[name] = heads[name]
            continue
        lines = [*head.programmes, *head.subheads]
        first = next((i for i in lines if getattr(i, name) and name in i.refs), None)
        if first is not None:
            given[name] = str(first.refs[name])
    return given


WHY = {
    "title_en": ("English", "英文", "COR English"),
    "title_zh": ("Chinese", "中文", "COR 中文"),
}
"""A title's language, in English and Chinese, and the COR sheet it prints on."""


def _why(name: str, at: str) -> tuple[str, str]:
    """Why a blank title is an error: the book gives that language at ``at``, so
    it prints that COR sheet (trial 10e item 7: keying one Chinese title turned
    the warnings into errors with no word why)."""
    en, zh, sheet = WHY[name]
    return (
        f"This is an error, not a warning, because {at} is keyed in {en}, so the"
        f" book prints {sheet}: key every {en} title, or clear {at} to leave"
        f" {sheet} without titles.",
        f"由於 {at} 已輸入{zh}名稱,本工作簿會列印{zh}管制人員報告,故屬錯誤而非警告:"
        f"請輸入所有{zh}名稱,或清除 {at}。",
    )


def _titles(cells: Cells, head: Head, table: str) -> None:
    """A programme or subhead title left blank (D06): the COR sheet of its
    language would print "綱領(1):" or a subhead's code with no name. An error
    where the book gives that language elsewhere; a warning where it gives it
    nowhere (every published Head-year is English only: its COR 中文 prints
    no title, trial 11b D21)."""
    spec = L.TABLES[table]
    given = _given(head)  # once: it looks at every item
    for item in getattr(head, T.HEAD_LISTS[table]):
        for name in TITLES:
            if not getattr(item, name) and name in item.refs:
                texts = {"programme": getattr(item, "number", ""),
                         "code": getattr(item, "code", "")}  # fmt: skip
                label = _row_label(spec, texts) if any(texts.values()) else ""
                severity = None if name in given else Severity.WARNING
                why = _why(name, given[name]) if name in given else None
                cells.missing(spec.table.field(name), item.refs[name], label,
                              severity, why)  # fmt: skip


def _head_titles(cells: Cells, head: Head) -> None:
    """The Head's title blank (D06 warning at its cell): each page of that
    language would say "Head 112 ,"."""
    for fixed in L.HEAD_INPUTS:
        if fixed.attr in TITLES and not getattr(head, fixed.attr):
            cells.missing(fixed, Ref(fixed.sheet, fixed.cell), "", Severity.WARNING)


def _structure(snap: Snapshot, findings: list[Finding]):
    """Each input table's extent, and which tables are as the template has them."""
    extents: dict[str, Extent] = {}
    usable: set[str] = set()
    for spec in L.TABLES.values():
        ext = table_extent(snap, spec, findings)
        if ext is not None:
            usable.add(spec.name)
        extents[spec.name] = ext or Extent(spec.first_row, spec.first_row)
    return extents, usable


def _book_findings(snap: Snapshot) -> list[Finding]:
    """V01 (template version) and D12 (protected sheets)."""
    findings = []
    version = (
        snap.at(L.HEAD, L.TEMPLATE_VERSION_CELL) if L.HEAD in snap.sheets else None
    )
    if str(version or "").strip() != L.TEMPLATE_VERSION:
        typed = str(version or "").strip()
        en, zh = said(
            (
                "The workbook's template version is not the add-in's",
                "工作簿的範本版本與工具不符",
            ),
            (L.TEMPLATE_VERSION,) * 2,
            (typed or "none", typed or "沒有"),
            advice(typed),
        )
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
                *said(
                    (
                        f"Sheet {sheet} is protected, so Refresh leaves it as it is",
                        f"工作表 {sheet} 受保護,更新不會改動",
                    ),
                    ("an unprotected sheet", "未受保護的工作表"),
                    ("a protected one", "受保護的工作表"),
                    (
                        "Unprotect it (Review > Unprotect Sheet) and Refresh again to"
                        " update its figures.",
                        "請取消保護後再更新。",
                    ),
                ),
                "unprotected",
                "protected",
            )
        )
    return findings


def _read_head(cells: Cells) -> Head:
    """The Head's fixed input cells (titles, establishment summary)."""
    head = Head(head="")
    counts: dict = {"refs": {}}
    for fixed in L.HEAD_INPUTS:
        row, col = cell_position(fixed.cell)
        owner, _, attr = fixed.attr.rpartition(".")
        if fixed.kind in T.NUMBER_KINDS:
            label = Label(f"{fixed.label_en} ({fixed.sheet}!{fixed.cell})",
                          f"{fixed.label_zh}({fixed.sheet}!{fixed.cell})")  # fmt: skip
            counts[attr] = Count(*cells.number(fixed.sheet, row, col, "int", label))
        elif owner:
            counts[attr] = cells.text(fixed.sheet, row, col)
            counts["refs"][attr] = Ref(fixed.sheet, fixed.cell)
        else:
            setattr(head, attr, cells.text(fixed.sheet, row, col))
    head.establishment = EstablishmentSummary(**counts)
    head.estimate_year = _year(cells, head.estimate_year)
    _head_number(cells, head.head)
    _head_titles(cells, head)
    return head


def _head_number(cells: Cells, text: str) -> None:
    """Head!C3 not a Head number (``Head 135``, ``'135.0``) is D05 naming the cell,
    kept as keyed (Import, New year and Export each refuse it, naming the cell)."""
    fixed = next(f for f in L.HEAD_INPUTS if f.attr == "head")
    where = f"{fixed.sheet}!{fixed.cell}"
    if not text or text.isdigit():
        return
    meant = likely_head(text)
    en, zh = said(
        (f"The Head number ({where})", f"總目編號({where})"),
        ("a Head number such as 135", "如 135 的總目編號"),
        (repr(text), repr(text)),
        (f"Key it as {meant}.", f"請輸入 {meant}。")
        if meant
        else ("Key the Head number, such as 135.", "請輸入總目編號,如 135。"),
    )
    cells.add("D05", Ref(fixed.sheet, fixed.cell), en, zh, "135", repr(text))


def _year(cells: Cells, text: str) -> str:
    """Head!C8 as the year parser reads it (``2025-26``); one it cannot read is
    D05 naming the cell, and kept as keyed."""
    fixed = next(f for f in L.HEAD_INPUTS if f.attr == "estimate_year")
    where = f"{fixed.sheet}!{fixed.cell}"
    if not text:
        return text
    try:
        return parse_year(text, where)
    except YearError:
        en, zh = said(
            (f"The Estimate year ({where})", f"預算年度({where})"),
            (EXAMPLE_YEAR, EXAMPLE_YEAR_ZH),
            (repr(text), repr(text)),
            _key_it_as(likely_year(text)),
        )
        cells.add("D05", Ref(fixed.sheet, fixed.cell), en, zh, EXAMPLE_YEAR, repr(text))
        return text


def _key_it_as(year: str | None) -> tuple[str, str]:
    """The year the clerk meant, when the text holds one; else the shape."""
    if year:
        return f"Key it as {year}.", f"請輸入 {year}。"
    return "Key the Estimate year, such as 2025-26.", "請輸入預算年度,如 2025-26。"


def _footnote_gaps(snap: Snapshot, cells: Cells) -> tuple[Amount, ...]:
    """The gaps recorded under the programme total (``layout.FOOTNOTE_GAP_ROW``)."""
    if L.PROGRAMMES not in snap.sheets:
        return ()
    label = L.FOOTNOTE_GAP_LABEL
    return tuple(
        Amount(*cells.number(sheet, row, col, "millions", label))
        for sheet, row, col in L.footnote_gap_cells().values()
    )


def read_book(snap: Snapshot) -> Reading:
    """The Head a book holds, and a finding for each cell that could not be read."""
    if not any(name in snap.sheets for name in (L.HEAD, L.PROGRAMMES, L.SUBHEADS)):
        raise NotOurBook(
            f"{snap.source}: not an Estimates workbook (no Head, Programmes or Subheads"
            " sheet); build one with 'estimates build DATA_DIR -o BOOK.xlsx'"
        )
    findings: list[Finding] = []
    extents, usable = _structure(snap, findings)
    findings += _book_findings(snap)
    cells = Cells(snap, findings)
    head = _read_head(cells)
    head.footnote_gaps = _footnote_gaps(snap, cells)
    read_tables(snap, cells, head, usable, extents)
    head.rolled_from = rolled_from(snap)
    head.shows_error = frozenset(f.ref for f in findings if f.rule == "D02")
    return Reading(head, findings, extents, usable=usable)


__all__ = ["NotOurBook", "Reading", "read_book"]
