"""What Export and New year must not lose: the input cells the reader could not
read as keyed, and the tables it could not find.

The reader turns a bad cell into a finding and a value (nil for a formula it
cannot evaluate, an error value or text where a number belongs; a number stored
as text as its number; a required value left blank as 0; a figure with too many
decimals rounded). Written out as read, each would be lost or silently changed.
So Export refuses a book with any of them, and New year copies each cell it
carries over verbatim (the new book flags it again) or, when it cannot (a formula
or error value, or a value the new year makes from more than one cell), refuses;
either refusal is one line naming the file, the sheet and the cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from estimates.findings import Finding
from estimates.model import Head, Ref
from estimates.rollforward import CARRIED, carried_from
from estimates.source import SourceError, read_head_toml
from estimates.tables import HEAD_LISTS, TABLES

from . import layout as L
from .reader import TITLES
from .snapshot import CellError, Formula, Snapshot, address, cell_position
from .writes import Plan, Write

CELL_RULES = frozenset({"D01", "D02", "D05", "D06", "D15"})
"""A cell read otherwise than as keyed."""
TABLE_RULES = frozenset({"D07", "D10", "D11"})
"""A table or sheet that could not be read at all."""
INPUT_SHEETS = frozenset({f.sheet for f in L.HEAD_INPUTS} | {
    s.sheet for s in L.TABLES.values()})  # fmt: skip


class CannotCarry(SourceError):
    """A cell Export or New year would lose; the message names file and cell."""


TITLE_COLUMNS = frozenset(
    (s.sheet, s.col(c.key)) for s in L.TABLES.values() for c in s.columns
    if c.key in TITLES
)  # fmt: skip
HEAD_TITLES = frozenset(Ref(f.sheet, f.cell) for f in L.HEAD_INPUTS if f.attr in TITLES)


def _a_title(f: Finding) -> bool:
    """A blank title (D06, an error or a warning): carried as blank, so nothing
    is lost or changed; a blank required number would be carried as 0."""
    column = (f.ref.sheet, cell_position(f.ref.cell)[1])
    return f.rule == "D06" and (f.ref in HEAD_TITLES or column in TITLE_COLUMNS)


def unread(findings: list[Finding]) -> dict[Ref, Finding]:
    """The input cells read otherwise than as keyed, each with its finding."""
    return {
        f.ref: f
        for f in findings
        if f.rule in CELL_RULES and f.ref is not None
        and f.ref.sheet in INPUT_SHEETS and not _a_title(f)
    }  # fmt: skip


ACTION_ZH = {"Export": "匯出", "New year": "新年度", "Import": "匯入"}


def _at(f: Finding) -> str:
    """Where a finding is, before its message: its cell ("" for a sheet that is
    missing: the message names it)."""
    return f"{f.ref}: " if f.ref is not None else ""


def _refuse(source: str, what: tuple[str, str], cells: list[Finding],
            advice: tuple[str, str], noun: tuple[str, str] = ("cells", "個儲存格"),
            ) -> None:  # fmt: skip
    """One cell: one line. Several: a line that counts them, then every one of
    them, a line each (the clerk mends them all at once; none said twice). In
    English, and in Chinese (``what``, ``advice`` and ``noun`` are each a pair)."""
    first = cells[0]
    said = f"{_at(first)}{what[0]}: {first.message_en.rstrip('.')}"
    zh = f"{source}: {_at(first)}{what[1]}:{first.message_zh.rstrip('。')}。{advice[1]}"
    if len(cells) == 1:
        raise CannotCarry(f"{source}: {said}. {advice[0]}", zh)
    raise CannotCarry(
        "\n".join(
            [f"{source}: {len(cells)} {noun[0]}: {what[0]}. {advice[0]}"]
            + [f"  {_at(f)}{f.message_en.rstrip('.')}" for f in cells]
        ),
        f"{source}: 共 {len(cells)} {noun[1]}:{what[1]}。{advice[1]}",
    )


def _order(f: Finding) -> tuple:
    """A cell's place: its sheet in the book's order, then row and column."""
    sheets = [name for name, _ in L.SHEETS]
    at = sheets.index(f.ref.sheet) if f.ref.sheet in sheets else len(sheets)
    return (at, *cell_position(f.ref.cell))


def _strangers(sheets) -> tuple[str, str]:
    """The book's sheets the template does not have (a renamed one, perhaps),
    said for the clerk ("" if none): trial 10e item 10 ('Programs')."""
    names = [s for s in sheets if s not in dict(L.SHEETS) and not s.startswith("_")]
    names = [s for s in names if s != "xlwings.conf"]
    if not names:
        return "", ""
    listed = ", ".join(repr(n) for n in names)
    return (f" (the book has {listed}, a sheet the template does not: renamed?)",
            f"(本工作簿有範本沒有的工作表 {listed}:是否曾改名?)")  # fmt: skip


def refuse_lost_tables(source: str, findings: list[Finding], action: str,
                       sheets=()) -> None:  # fmt: skip
    """A table the reader could not find would be carried as empty; ``sheets``:
    the book's sheet names (one the template lacks is said: renamed?).

    Raises:
        CannotCarry: naming the first such table's sheet and cell.
    """
    lost = [f for f in findings if f.rule in TABLE_RULES]
    if lost:
        en, zh = _strangers(sheets)
        advice = (f"Put the table back as the template has it{en}, then try again.",
                  f"請按範本把表格放回原處{zh},然後再試。")  # fmt: skip
        what = (f"{action} cannot read this table",
                f"「{ACTION_ZH.get(action, action)}」無法讀取此表格")  # fmt: skip
        _refuse(source, what, lost, advice, ("tables or sheets", "個表格或工作表"))


def refuse_unread(source: str, findings: list[Finding], action: str,
                  sheets=()) -> None:  # fmt: skip
    """Export: every input cell must be read as keyed.

    Raises:
        CannotCarry: naming the first cell that is not (and how many more).
    """
    refuse_lost_tables(source, findings, action, sheets)
    cells = sorted(unread(findings).values(), key=_order)
    if cells:
        what = (f"{action} would lose or change what it holds",
                f"「{ACTION_ZH.get(action, action)}」會遺失或更改其內容")  # fmt: skip
        _refuse(source, what, cells,
                ("Correct the cell (see Checks), then try again.",
                 "請更正該儲存格(見「檢查結果」),然後再試。"))  # fmt: skip


def refuse_unkeyed(source: str, old: Head) -> None:
    """New year from a book with no Estimate keyed (a book just rolled forward,
    rolled again; an empty template) would give a book with every Original empty.

    Raises:
        CannotCarry: naming the first Estimate cell.
    """
    lines = [*old.programmes, *old.subheads]
    if any(line.value("estimate") is not None for line in lines):
        return
    spec = L.TABLES["tblProgrammes"]
    first = lines[0].amounts[-1].ref if lines else None
    where = first or Ref(spec.sheet, address(spec.first_row, spec.col("estimate")))
    since = (
        f" (it was rolled forward from {old.rolled_from})" if old.rolled_from else ""
    )
    since_zh = f"(本工作簿由 {old.rolled_from} 年度結轉)" if old.rolled_from else ""
    raise CannotCarry(
        f"{source}: {where}: no Estimate is keyed in this book{since}, so New year"
        " would leave every Original empty. Key this year's Estimates first.",
        f"{source}: {where}: 本工作簿未輸入任何預算{since_zh},「新年度」會令所有原來"
        "預算留空。請先輸入本年度的預算。",
    )


def _count(head: Head, attr: str):
    """A Head input by its dotted attribute (``establishment.net_change``)."""
    value: object = head
    for part in attr.split("."):
        value = getattr(value, part)
    return value


def _low(field: L.FixedCell) -> str:
    """A label inside a sentence: "posts at 31 March before the year"."""
    return field.label_en[:1].lower() + field.label_en[1:]


def refuse_half_keyed(source: str, old: Head, shown=lambda ref: None) -> None:
    """A Head input the new year makes from several of last year's (posts at
    start = posts at start + net change, ``CARRIED``), some keyed and some blank,
    would be carried as blank: what was keyed would be lost without a word.
    ``shown(ref)``: what a cell holds, so that one read as no number ('+2') is
    said as found, not called blank.

    Raises:
        CannotCarry: naming the blank cell and the keyed one (trial 10e item 4).
    """
    labels = {f.attr: f for f in L.HEAD_INPUTS}
    for name, sources in CARRIED["head"].items():
        counts = [(labels[a], _count(old, a)) for a in sources if a in labels]
        keyed = [(f, c) for f, c in counts if c.value is not None]
        blank = [(f, c) for f, c in counts if c.value is None]
        if len(counts) < 2 or not keyed or not blank:
            continue
        made, (gap, count), (has, value) = labels[name], blank[0], keyed[0]
        where, at = count.ref or Ref(gap.sheet, gap.cell), value.ref or has.cell
        raw = shown(where)
        typed = raw not in (None, "") and not str(raw).isspace()
        is_en, is_zh = (
            (f"holds {raw!r}, not a whole number", f"為 {raw!r},並非整數")
            if typed
            else ("is blank", "為空白")
        )
        raise CannotCarry(
            f"{source}: {where}: {_low(gap)} {is_en}, while"
            f" {_low(has)} is {value.value:,} ({at}); New year makes next"
            f" year's {_low(made)} from both. Key the {_low(gap)}"
            f"{' as a number, such as 2' if typed else ''} (0 for none), then try"
            " again.",
            f"{source}: {where}:{gap.label_zh}{is_zh},但{has.label_zh}為"
            f" {value.value:,}({at});「新年度」須以兩者計算下年度的{made.label_zh}。"
            f"請{'以數字(如 2)' if typed else ''}輸入{gap.label_zh}(如無則輸入 0),"
            "然後再試。",
        )


def refuse_other_folder(folder: Path, head: Head) -> None:
    """Export writes a source data folder: into a new or empty folder, or over the
    export of the same Head and year; never over other files, nor over the data
    of another Head or year (a careless pick would lose them).

    Raises:
        CannotCarry: naming the folder and what it holds.
    """
    if not folder.exists():
        return
    if not folder.is_dir():
        raise CannotCarry(
            f"{folder}: a file, not a folder; give a folder to export to",
            f"{folder}: 這是檔案,不是資料夾;請選擇匯出的資料夾。",
        )
    own = {t.csv for t in TABLES.values() if t.csv} | {"head.toml"}
    others = sorted(p.name for p in folder.iterdir() if p.name not in own)
    if others:
        names = f"{', '.join(others[:3])}{', ...' if len(others) > 3 else ''}"
        raise CannotCarry(
            f"{folder}: holds other files ({names}); export to a new or empty folder",
            f"{folder}: 內有其他檔案({names});請匯出至新的或空的資料夾。",
        )
    if not (folder / "head.toml").exists():
        return
    meta = read_head_toml(folder / "head.toml")
    there = (str(meta.get("head", "")).strip(), str(meta.get("estimate_year", "")))
    if there != (head.head, head.estimate_year):
        raise CannotCarry(
            f"{folder}: holds the data of Head {there[0]} {there[1]}, not of this"
            f" book's Head {head.head} {head.estimate_year}; export to a new folder",
            f"{folder}: 存有總目 {there[0]} {there[1]} 的資料,不是本工作簿總目"
            f" {head.head} {head.estimate_year} 的資料;請匯出至新的資料夾。",
        )


@dataclass(frozen=True)
class Carried:
    """One cell of the new year's book and the cells of last year's it is made of."""

    target: tuple[str, int, int]
    sources: tuple[Ref, ...]
    as_is: bool


def _table_cells(old: Head) -> Iterator[Carried]:
    for name, spec in L.TABLES.items():
        kind = HEAD_LISTS[name]
        for i, item in enumerate(getattr(old, kind)):
            for col, column in enumerate(spec.columns, start=1):
                keys, as_is = carried_from(kind, column.key)
                refs = tuple(item.refs[k] for k in keys if k in item.refs)
                yield Carried((spec.sheet, spec.first_row + i, col), refs, as_is)


def _head_cells(old: Head) -> Iterator[Carried]:
    by_attr = {f.attr: f for f in L.HEAD_INPUTS}
    for fixed in L.HEAD_INPUTS:
        keys, as_is = carried_from("head", fixed.attr)
        refs = tuple(Ref(by_attr[k].sheet, by_attr[k].cell) for k in keys)
        row, col = cell_position(fixed.cell)
        yield Carried((fixed.sheet, row, col), refs, as_is)


def _readable(raw: object) -> bool:
    """A cell that can be copied as it is: not a formula the reader could not
    evaluate, nor an error value."""
    return not isinstance(raw, Formula | CellError) and not (
        isinstance(raw, str) and raw.strip().startswith("#")
    )


def keep_verbatim(snap: Snapshot, old: Head, findings: list[Finding],
                  plan: Plan) -> None:  # fmt: skip
    """New year: each cell carried over from one the reader could not read as
    keyed is written as the clerk keyed it (in place of the value read).

    Raises:
        CannotCarry: such a cell cannot be copied (a formula or error value, or
            one of several the new value is made from), naming it.
    """
    refuse_lost_tables(snap.source, findings, "New year", snap.sheets)
    bad = unread(findings)
    kept: dict[tuple[str, int, int], object] = {}
    refused: list[Finding] = []
    for carried in (*_table_cells(old), *_head_cells(old)):
        flagged = [bad[r] for r in carried.sources if r in bad]
        if not flagged:
            continue
        row, col = cell_position(carried.sources[0].cell)
        raw = snap.value(carried.sources[0].sheet, row, col)
        if not carried.as_is or not _readable(raw):
            refused += [f for f in flagged if f not in refused]
        kept[carried.target] = raw
    if refused:  # every cell at once, in sheet and row order
        _refuse(snap.source, ("New year cannot carry it over",
                              "「新年度」無法結轉此儲存格"),
                sorted(refused, key=_order),
                ("Correct the cells (see Checks), then try again.",
                 "請更正這些儲存格(見「檢查結果」),然後再試。"))  # fmt: skip
    styles = {(w.sheet, w.row, w.col): w.style for w in plan.writes}
    plan.writes = [w for w in plan.writes if (w.sheet, w.row, w.col) not in kept]
    plan.writes += [Write(*cell, value, styles.get(cell)) for cell, value in
                    kept.items()]  # fmt: skip
