"""The Narrative sheet: every narrative line in English and Chinese, and beside it
the clerk's own final text, which Refresh keeps and reads back (N01).

The programme sentences are live formulas (built with TEXT(), so an edit to the
Programmes table updates them without Python); the others are written by Refresh
from the core's figures. Each row's stable key sits in hidden column F, and the
clerk's text in column D follows its key, not its row.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter

from estimates.model import Head
from estimates.money import KEYED_NIL_MARKS
from estimates.narrative import (
    NO_BREAK,
    error_en,
    error_zh,
    narrative_keys,
    previous_year,
    programmes_by_id,
    sentences,
    to_key_en,
    to_key_zh,
    year_en,
    year_zh,
)
from estimates.results import Results

from . import layout as L
from .computed import Extent, row_of
from .formulas import percent
from .snapshot import Formula
from .writes import Write

FIRST_ROW = L.NARRATIVE_FIRST_ROW
CLERK_COL = L.NARRATIVE_CLERK_COLUMN
KEY_COL = L.NARRATIVE_KEY_COLUMN


GONE_LABEL = "Line gone 已無此行"
GONE_NOTE = (
    "Kept: this sentence's line is no longer in the Report. Move the text to"
    " another line or delete it.",
    "已保留:此句子所屬的一行已不在報告內。請把文字移往另一行或刪除。",
)


Inserted = dict[str | None, list[int]]
"""The rows a clerk inserted among the Narrative's lines, by the key of the line
above each (None: above the first line), in row order."""


@dataclass(frozen=True)
class ClerkRow:
    """A row a clerk inserted among the Narrative's lines (no key): the key of
    the line above it (None: above the first) and its cells by column (A:E)."""

    under: str | None
    cells: dict[int, object]


def line_rows(
    head: Head, keys=(), inserted: Inserted | None = None
) -> tuple[dict[str, int], dict[int, int]]:
    """The Narrative's layout: each line's row by key, then a row for each key of
    ``keys`` (those with a clerk sentence) whose line is gone; and the new row of
    each row a clerk inserted (old row -> new row), right below the line it was
    inserted under, so it moves with that line (or, that line gone, after all)."""
    lines = [key for key, _ in narrative_keys(head)]
    placed = lines + [key for key in keys if key not in lines]
    inserted = inserted or {}
    rows: dict[str, int] = {}
    moved: dict[int, int] = {}
    order = [
        *inserted.get(None, []),
        *(x for k in placed for x in [k, *inserted.get(k, [])]),
    ]
    orphans = sorted(r for k, olds in inserted.items() if k is not None
                     and k not in placed for r in olds)  # fmt: skip
    for row, item in enumerate([*order, *orphans], start=FIRST_ROW):
        if isinstance(item, str):
            rows[item] = row
        else:
            moved[item] = row
    return rows, moved


def clerk_rows(head: Head, keys, inserted: Inserted | None = None) -> dict[str, int]:
    """The Narrative row of each clerk sentence, by key (``keys``: those with
    text): its line's row; or, when its line is gone (a figure now nil, a
    programme deleted, a year rolled forward), a row after the lines, where the
    text stays, flagged (N02), until the clerk moves or deletes it."""
    rows = line_rows(head, keys, inserted)[0]
    return {key: rows[key] for key in keys}


def _kept_rows(head: Head, inserted: Inserted | None) -> list[Write]:
    """The rows of clerk sentences whose line is gone (see ``clerk_rows``)."""
    lines = {key for key, _ in narrative_keys(head)}
    out = []
    for key, row in clerk_rows(head, list(head.narrative), inserted).items():
        if key in lines:
            continue
        out += [
            _write(row, 1, f"{GONE_LABEL} ({key})", "label"),
            _write(row, 2, GONE_NOTE[0], "wrap"),
            _write(row, 3, GONE_NOTE[1], "wrap"),
            _write(row, KEY_COL, key, "key"),
            _write(row, CLERK_COL, head.narrative[key][0], "wrap"),
        ]
    return out


def _write(row: int, col: int, value: object, style: str | None) -> Write:
    return Write(L.NARRATIVE, row, col, value, style)


def _wan(wan: str) -> str:
    """As ``estimates.narrative.wan_zh``, in Excel: ``wan`` a count of 萬元."""
    yi, rest = f"INT({wan}/10000)", f"MOD({wan},10000)"
    in_wan = f'"{NO_BREAK}萬元"'
    return (
        f'IF({wan}>=10000,TEXT({yi},"#,##0")&"億"&IF({rest}=0,"元",'
        f'TEXT({rest},"#,##0")&{in_wan}),TEXT({wan},"#,##0")&{in_wan})'
    )


def _programme_formulas(head: Head, ident: str, extents: dict[str, Extent]):
    """The programme's sentence as live formulas on the row it was read from
    (``ident``: the row's identity, a repeated number told apart)."""
    spec = L.TABLES["tblProgrammes"]
    index = list(programmes_by_id(head)).index(ident)
    r = row_of(head.programmes[index].ref, extents["tblProgrammes"].first + index)
    year, prior = head.estimate_year, previous_year(head.estimate_year)
    s = spec.sheet
    F = f"{s}!{get_column_letter(spec.col('revised'))}{r}"
    G = f"{s}!{get_column_letter(spec.col('estimate'))}{r}"
    # the change worked here, not read from the table's % cell: a constant a
    # clerk typed there (C01) is not the core's figure, and the sentence is
    J = percent(G, F).removeprefix("=")
    diff = f"ROUND(N({G})-N({F}),1)"  # text in a cell: nil, as the core reads it
    # as the core: no percentage against a nil base, nor one that rounds to 0.0
    pct_en = f'IF(N({J})=0,""," ("&TEXT(ABS({J}),"0.0")&"%)")'
    pct_zh = f'IF(N({J})=0,"","("&TEXT(ABS({J}),"0.0")&"%)")'
    en = (
        f'IF({diff}=0,"Provision for {year_en(year)} is the same as the revised'
        f' estimate for {year_en(prior)}.","Provision for {year_en(year)} is $"&'
        f'TEXT(ABS({diff}),"#,##0.0")&"{NO_BREAK}million"&{pct_en}&" "&IF({diff}>0,'
        f'"higher","lower")&" than the revised estimate for {year_en(prior)}.")'
    )
    zh = (
        f'IF({diff}=0,"{year_zh(year)}的撥款與{year_zh(prior)}的修訂預算相同。",'
        f'"{year_zh(year)}的撥款較{year_zh(prior)}的修訂預算"&IF({diff}>0,"增加",'
        f'"減少")&" "&{_wan(f"ROUND(ABS({diff})*100,0)")}&{pct_zh}&"。")'
    )
    en, zh = _nil_sentences(F, G, year, en, zh)
    keyed = f"AND({_keyed(F)},{_keyed(G)})"  # else no change to quote (F01)
    en = f'IF({keyed},{en},"{to_key_en(year)}")'
    zh = f'IF({keyed},{zh},"{to_key_zh(year)}")'
    key = f"programme:{ident}"
    for cell in (G, F):  # as the core names it: the Revised's error first
        en = f'IF(ISERROR({cell}),"{error_en(head, key, cell)}",{en})'
        zh = f'IF(ISERROR({cell}),"{error_zh(head, key, cell)}",{zh})'
    return Formula(f"={en}"), Formula(f"={zh}")


def _nil_sentences(F: str, G: str, year: str, en: str, zh: str) -> tuple[str, str]:
    """As ``estimates.narrative.change_en``: a nil Revised (``F``) or a nil
    Estimate (``G``) is not zero; the sentence says which is nil (both keyed: a
    figure or a nil mark, so a cell that is no number is nil)."""
    y_en, p_en = year_en(year), year_en(previous_year(year))
    y_zh, p_zh = year_zh(year), year_zh(previous_year(year))

    def m(cell: str) -> str:
        return f'"$"&TEXT(ROUND({cell},1),"#,##0.0")&"{NO_BREAK}million"'

    def w(cell: str) -> str:
        return _wan(f"ROUND(ABS(ROUND({cell},1))*100,0)")

    only_new = f"AND(NOT(ISNUMBER({F})),ISNUMBER({G}))"
    only_base = f"AND(ISNUMBER({F}),NOT(ISNUMBER({G})))"
    en = (
        f'IF({only_new},"Provision for {y_en} is "&{m(G)}&"; the revised estimate'
        f' for {p_en} is nil.",IF({only_base},"No provision is made for {y_en}; the'
        f' revised estimate for {p_en} is "&{m(F)}&".",{en}))'
    )
    zh = (
        f'IF({only_new},"{y_zh}的撥款為 "&{w(G)}&";{p_zh}的修訂預算為無。",'
        f'IF({only_base},"{y_zh}沒有撥款;{p_zh}的修訂預算為 "&{w(F)}&"。",{zh}))'
    )
    return en, zh


_NIL_MARKS = ",".join(f'"{m}"' for m in KEYED_NIL_MARKS)


def _keyed(cell: str) -> str:
    """True where ``cell`` holds a figure or a nil keyed on purpose (as
    ``estimates.narrative.not_keyed`` reads it); ISNUMBER takes an error value
    for FALSE, so the sentence shows no error."""
    mark = f"ISNUMBER(MATCH(LOWER(TRIM({cell})),{{{_NIL_MARKS}}},0))"
    return f"OR(ISNUMBER({cell}),{mark})"


def narrative_rows(
    head: Head,
    results: Results,
    extents: dict[str, Extent],
    shown=None,
    inserted: dict[int, ClerkRow] | None = None,
) -> list:
    """The Narrative sheet's owned cells; column D is the clerk's text, by key.

    ``shown(row, col)``: what a values-only host shows there; a sentence formula
    is then written again wherever that is not the sentence the core makes (the
    formula there is another row's, or stale). ``inserted``: the rows a clerk
    inserted among the lines (their cells by column, by old row), each written
    where ``line_rows`` moves it."""
    inserted = inserted or {}
    anchors = inserted_under(inserted)
    rows, moved = line_rows(head, list(head.narrative), anchors)
    out = [
        _write(1, 1, "說明 Narrative", "title"),
        _write(
            2,
            1,
            "Columns B and C follow the tables. Write the final sentence, with"
            " its reason ('mainly due to ...'), in column D: Refresh keeps it and"
            " checks every figure it quotes. 請在 D 欄撰寫定稿;更新時會核對所引數字。",
            "note",
        ),
        _write(4, 1, "Item 項目", "header"),
        _write(4, 2, "English (computed)", "header"),
        _write(4, 3, "中文(計算所得)", "header"),
        _write(4, CLERK_COL, "Clerk's text 定稿(由文員填寫)", "header"),
    ]
    clerk = head.narrative
    programmes_ok = "tblProgrammes" in extents
    for sentence in sentences(head, results):
        row = rows[sentence.key]
        en, zh = sentence.en, sentence.zh
        force = {2: False, 3: False}
        if sentence.key.startswith("programme:") and programmes_ok:
            en, zh = _programme_formulas(head, sentence.key.split(":", 1)[1], extents)
            if shown is not None:
                force = {
                    2: shown(row, 2) != sentence.en,
                    3: shown(row, 3) != sentence.zh,
                }
        out += [
            _write(row, 1, sentence.label, "label"),
            Write(L.NARRATIVE, row, 2, en, "wrap", force[2]),
            Write(L.NARRATIVE, row, 3, zh, "wrap", force[3]),
            _write(row, KEY_COL, sentence.key, "key"),
        ]
        text = clerk[sentence.key][0] if sentence.key in clerk else None
        out.append(_write(row, CLERK_COL, text, "wrap"))
    out += [
        _write(moved[old], col, value, "label" if col == 1 else "wrap")
        for old, clerk_row in inserted.items()
        if moved[old] != old
        for col, value in clerk_row.cells.items()
        if col <= CLERK_COL
    ]
    return out + _kept_rows(head, anchors)


def inserted_under(inserted: dict[int, ClerkRow]) -> Inserted:
    """The rows a clerk inserted (by old row) as ``line_rows`` takes them."""
    out: Inserted = {}
    for row in sorted(inserted):
        out.setdefault(inserted[row].under, []).append(row)
    return out
