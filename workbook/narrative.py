"""The Narrative sheet: every narrative line in English and Chinese, and beside it
the clerk's own final text, which Refresh keeps and reads back (N01).

The programme sentences are live formulas (built with TEXT(), so an edit to the
Programmes table updates them without Python); the others are written by Refresh
from the core's figures. Each row's stable key sits in hidden column F.
"""

from __future__ import annotations

from openpyxl.utils.cell import get_column_letter

from estimates.model import Head, Ref
from estimates.narrative import (
    narrative_keys,
    previous_year,
    sentences,
    year_en,
    year_zh,
)
from estimates.results import Results

from . import layout as L
from .computed import Extent
from .snapshot import Formula, Snapshot

FIRST_ROW = 5
CLERK_COL = 4
KEY_COL = 6


def _write(row: int, col: int, value: object, style: str):
    from .plan import Write

    return Write(L.NARRATIVE, row, col, value, style)


def clerk_texts(snap: Snapshot, head: Head) -> dict:
    """The clerk's own sentences by key, placed where the new layout puts them."""
    sheet = snap.sheets.get(L.NARRATIVE, {})
    old = {
        value: row
        for (row, col), value in sheet.items()
        if col == KEY_COL and isinstance(value, str)
    }
    texts = {}
    for i, (key, _) in enumerate(narrative_keys(head)):
        text = sheet.get((old[key], CLERK_COL)) if key in old else None
        if isinstance(text, str) and text.strip():
            texts[key] = (text, Ref(L.NARRATIVE, f"D{FIRST_ROW + i}"))
    return texts


def _programme_formulas(head: Head, number: str, extents: dict[str, Extent]):
    spec = L.TABLES["tblProgrammes"]
    index = next(i for i, p in enumerate(head.programmes) if p.number == number)
    r = extents["tblProgrammes"].first + index
    year, prior = head.estimate_year, previous_year(head.estimate_year)
    s = spec.sheet
    F = f"{s}!{get_column_letter(spec.col('revised'))}{r}"
    G = f"{s}!{get_column_letter(spec.col('estimate'))}{r}"
    J = f"{s}!{get_column_letter(spec.col('estimate_vs_revised'))}{r}"
    diff = f"ROUND({G}-{F},1)"
    pct_en = f'IF({J}="",""," ("&TEXT(ABS({J}),"0.0")&"%)")'
    pct_zh = f'IF({J}="","","("&TEXT(ABS({J}),"0.0")&"%)")'
    en = (
        f'=IF({diff}=0,"Provision for {year_en(year)} is the same as the revised'
        f' estimate for {year_en(prior)}.","Provision for {year_en(year)} is $"&'
        f'TEXT(ABS({diff}),"#,##0.0")&" million"&{pct_en}&" "&IF({diff}>0,"higher",'
        f'"lower")&" than the revised estimate for {year_en(prior)}.")'
    )
    zh = (
        f'=IF({diff}=0,"{year_zh(year)}的撥款與{year_zh(prior)}的修訂預算相同",'
        f'"{year_zh(year)}的撥款較{year_zh(prior)}的修訂預算"&IF({diff}>0,"增加",'
        f'"減少")&" "&TEXT(ABS({diff})*100,"#,##0")&" 萬元"&{pct_zh})'
    )
    return Formula(en), Formula(zh)


def narrative_rows(head: Head, results: Results, extents: dict[str, Extent]) -> list:
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
    for i, sentence in enumerate(sentences(head, results)):
        row = FIRST_ROW + i
        en, zh = sentence.en, sentence.zh
        if sentence.key.startswith("programme:") and programmes_ok:
            en, zh = _programme_formulas(head, sentence.key.split(":", 1)[1], extents)
        out += [
            _write(row, 1, sentence.label, "label"),
            _write(row, 2, en, "wrap"),
            _write(row, 3, zh, "wrap"),
            _write(row, KEY_COL, sentence.key, "key"),
        ]
        if sentence.key in clerk:
            out.append(_write(row, CLERK_COL, clerk[sentence.key][0], "wrap"))
    return out
