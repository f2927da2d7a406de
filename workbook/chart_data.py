"""The Charts sheet's data blocks (the cells the three charts plot), declared
once for the template build and for every refresh on either host.

Each programme slot references the sheet row the reader found that programme on
(its ``Ref``), never the table's first row plus a count: a blank or inserted row
inside tblProgrammes shifts nothing. Slots beyond the Head's programmes point at
the rows just below the table, so a programme typed there shows before the next
refresh. No chart objects here (a ribbon click imports this, not openpyxl's
charts).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from estimates.model import Head

from . import layout as L
from .snapshot import Formula, cell_position
from .writes import ChartSeries

SLOTS = 10  # programmes a chart shows; the published Heads have at most 10
FIRST = 5  # first data row of each block
HISTORY_INPUT_ROWS = 3  # earlier years' establishment, keyed by the clerk
OTHERS = "Others 其他"
SPAN = 500  # rows below a slot's programme the "Others" slot sums over

# The Charts sheet's charts, in the order the template adds them (a host finds
# each by its position on the sheet), and the (labels, figures) columns of the
# programme charts' series: those cover as many slots as the Head has programmes.
CHARTS = ("allocation", "staff", "establishment")
SERIES = {"allocation": ("A", "B"), "staff": ("D", "E")}
HISTORY = ("G", "H")  # the establishment chart's years and posts
PIE_NAMES_UP_TO = 4
"""Programmes whose pie slices carry their names "(1) 局長辦公室"; past this the
names crowd the pie to a dot under its labels and legend (the trial's eleven
programmes), so the pie's labels are the short "(n)" (the block beside names each)."""
# The defined name that records the range each programme chart was last set to
# (labels and figures): a host that cannot read a chart's series (xlwings'
# remote engine) resets them only when the programmes no longer fill it.
RECORDS = {
    "allocation": "ChartAllocation",
    "staff": "ChartStaff",
    "establishment": "ChartEstablishment",
}

# (column, short label or figure, style) of one slot's cells
SLOT_COLUMNS = (
    (1, "label", "label"),
    (2, "estimate", "millions"),
    (4, "short", "label"),
    (5, "posts", "int"),
)


@dataclass(frozen=True)
class ChartCell:
    """One cell of a data block: its place, formula and named style."""

    row: int
    col: int
    formula: Formula
    style: str


def history_from(shown=None) -> int:
    """The establishment chart's first row: the first earlier year the clerk
    keyed (``shown(row, col)``: what the Charts sheet shows), else the two years
    the Head sheet gives; an empty year slot is never plotted before them."""
    computed = FIRST + HISTORY_INPUT_ROWS
    if shown is None:
        return computed
    cols = [column_index_from_string(c) for c in HISTORY]
    keyed = (
        r
        for r in range(FIRST, computed)
        if any(shown(r, c) not in (None, "") for c in cols)
    )
    return next(keyed, computed)


HISTORY_STYLES = ("code", "int")  # the year, the posts


def _whole(value: object) -> object:
    """A number as the clerk keyed it: 79, not the 79.0 a values-only host sends."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def posts_history(shown) -> tuple[tuple[object, object], ...]:
    """The earlier years' establishment the clerk keyed on the Charts sheet
    (``shown(row, col)``), from the first row keyed: (year, posts) each, oldest
    first (what ``history_cells`` writes back)."""
    start = history_from(shown)
    cols = [column_index_from_string(c) for c in HISTORY]
    return tuple(
        tuple(_whole(shown(r, c)) for c in cols)  # type: ignore[misc]
        for r in range(start, FIRST + HISTORY_INPUT_ROWS)
    )


def history_cells(history) -> list[tuple[int, int, object, str]]:
    """Where each earlier year of ``posts_history`` goes back: (row, col, value,
    style), the newest on the row just above the Head's own two years."""
    start = FIRST + HISTORY_INPUT_ROWS - len(history)
    cols = [column_index_from_string(c) for c in HISTORY]
    return [
        (start + i, col, None if value == "" else value, style)
        for i, pair in enumerate(history)
        for col, value, style in zip(cols, pair, HISTORY_STYLES, strict=True)
    ]


def chart_ranges(
    slots: int = SLOTS, history: int | None = None
) -> dict[str, tuple[str, str]]:
    """Each chart's (categories, values) ranges on the Charts sheet, for a Head
    with ``slots`` programmes (at least one slot, at most SLOTS), the
    establishment's from row ``history`` (``history_from``)."""
    last = FIRST + max(1, min(slots, SLOTS)) - 1
    out = {
        chart: (f"${c}${FIRST}:${c}${last}", f"${v}${FIRST}:${v}${last}")
        for chart, (c, v) in SERIES.items()
    }
    if slots > PIE_NAMES_UP_TO:  # each slice named "(n)", as the staff bars are
        out["allocation"] = (out["staff"][0], out["allocation"][1])
    end, (c, v) = FIRST + HISTORY_INPUT_ROWS + 1, HISTORY
    start = history_from() if history is None else history
    out["establishment"] = (f"${c}${start}:${c}${end}", f"${v}${start}:${v}${end}")
    return out


def _record(categories: str, values: str) -> str:
    """The block a chart's series cover, as a range Excel keeps as written."""
    first, last = categories.split(":")[0], values.split(":")[1]
    columns = sorted({first.split("$")[1], last.split("$")[1]})
    rows = first.split("$")[2], last.split("$")[2]
    return f"{L.CHARTS}!${columns[0]}${rows[0]}:${columns[-1]}${rows[1]}"


def _same(refers_to: str | None, ref: str) -> bool:
    """Whether a defined name refers to ``ref`` (however a host spells it)."""
    if refers_to is None:
        return False
    plain = refers_to.lstrip("=").replace("'", "").replace("$", "")
    return plain == ref.replace("$", "")


def chart_series(
    programmes: int, charts: int, names: dict[str, str], history: int | None = None
) -> tuple[list[ChartSeries], dict[str, str]]:
    """The charts' series for a Head with ``programmes`` programmes (and the
    establishment's years from row ``history``), and the records (defined
    names) that say so, where the record is not that already; only for the
    ``charts`` charts the Charts sheet has."""
    series, records = [], {}
    for key, (categories, values) in chart_ranges(programmes, history).items():
        index = CHARTS.index(key)
        if key not in RECORDS or index >= charts:
            continue
        record = _record(categories, values)
        if not _same(names.get(RECORDS[key]), record):
            series.append(ChartSeries(index, values, categories))
            records[RECORDS[key]] = record
    return series, records


def _cols() -> dict[str, str]:
    """Column letters of the tables the blocks read (declared once)."""
    prog, est = L.TABLES["tblProgrammes"], L.TABLES["tblEstablishment"]
    return {
        "code": get_column_letter(prog.col("programme")),
        "title": get_column_letter(prog.col("title_zh")),
        "estimate": get_column_letter(prog.col("estimate")),
        "est_programme": get_column_letter(est.col("programme")),
        "posts_end": get_column_letter(est.col("posts_end")),
    }


def source_rows(head: Head | None = None, last: int | None = None) -> list[int]:
    """The Programmes sheet row each slot reads: the programmes' own rows (as the
    reader found them), then the rows after the table's ``last`` data row."""
    first = L.TABLES["tblProgrammes"].first_row
    rows = []
    for p in head.programmes if head is not None else ():
        ref = getattr(p, "ref", None)
        if ref is None:
            return [first + i for i in range(SLOTS)]  # no references: in order
        rows.append(cell_position(ref.cell)[0])
    below = max([last or first - 1, *rows]) + 1
    rows += range(below, below + SLOTS)
    return rows[:SLOTS]


def _count() -> str:
    c, first = _cols()["code"], L.TABLES["tblProgrammes"].first_row
    return f"COUNTA({L.PROGRAMMES}!${c}${first}:${c}${first + SPAN})"


def _code(src: int) -> str:
    return f"{L.PROGRAMMES}!${_cols()['code']}${src}"


def _label(i: int, src: int, short: bool) -> Formula:
    """Slot ``i``'s label: "(n) title", or "(n)"; the last slot is "Others" when
    the Head has more programmes than slots."""
    title = "" if short else f'&" "&{L.PROGRAMMES}!${_cols()["title"]}${src}'
    own = f'IF({_code(src)}="","","("&{_code(src)}&")"{title})'
    if i < SLOTS - 1:
        return Formula(f"={own}")
    return Formula(f'=IF({_count()}>{SLOTS},"{OTHERS}",{own})')


def _value(i: int, rows: list[int], column: str) -> Formula:
    """Slot ``i``'s figure; the last slot sums every programme beyond the others."""
    src, c = rows[i], _cols()
    if column == "estimate":
        est = c["estimate"]
        own = f"{L.PROGRAMMES}!${est}${src}"
        rest = f"SUM({L.PROGRAMMES}!${est}${src}:${est}${src + SPAN})"
    else:
        first, last = L.TABLES["tblEstablishment"].first_row, 5000
        sheet = L.ESTABLISHMENT
        where = f"{sheet}!${c['est_programme']}${first}:${c['est_programme']}${last}"
        posts = f"{sheet}!${c['posts_end']}${first}:${c['posts_end']}${last}"
        before = "+".join(
            f'SUMPRODUCT(--({where}=""&{_code(rows[k])}),{posts})' for k in range(i)
        )
        own = f'SUMPRODUCT(--({where}=""&{_code(src)}),{posts})'
        rest = f"SUM({posts})-({before})" if before else f"SUM({posts})"
    plain = f'IF({_code(src)}="","",{own})'
    if i < SLOTS - 1:
        return Formula(f"={plain}")
    return Formula(f"=IF({_count()}>{SLOTS},{rest},{plain})")


def slot_cells(rows: list[int]) -> list[ChartCell]:
    """Every programme slot's cells (labels, Estimate, posts at end)."""
    out = []
    for i, src in enumerate(rows[:SLOTS]):
        row = FIRST + i
        for col, what, style in SLOT_COLUMNS:
            if what in ("label", "short"):
                formula = _label(i, src, short=what == "short")
            else:
                formula = _value(i, rows, what)
            out.append(ChartCell(row, col, formula, style))
    return out


def expected_labels(head: Head) -> dict[tuple[int, int], str]:
    """What each slot's short label ("(n)") shows for ``head``: a values-only host,
    which cannot see formulas, compares them to tell a block reading wrong rows."""
    out = {}
    many = len(head.programmes) > SLOTS
    for i in range(SLOTS):
        p = head.programmes[i] if i < len(head.programmes) else None
        label = OTHERS if i == SLOTS - 1 and many else f"({p.number})" if p else ""
        out[(FIRST + i, 4)] = label
    return out
