"""The Narrative sheet: each programme's change sentence as a live formula.

The same sentences as ``estimates.narrative``, built with TEXT() so that an edit to
the Programmes table updates them without Python.
"""

from __future__ import annotations

from openpyxl.utils.cell import get_column_letter

from estimates.model import Head
from estimates.narrative import previous_year, year_en, year_zh

from . import layout as L
from .computed import Extent
from .snapshot import Formula


def _write(row: int, col: int, value: object, style: str):
    from .plan import Write

    return Write(L.NARRATIVE, row, col, value, style)


def narrative_rows(head: Head, extents: dict[str, Extent]) -> list:
    spec = L.TABLES["tblProgrammes"]
    ext = extents["tblProgrammes"]
    out = [
        _write(1, 1, "說明 Narrative: analysis of financial provision", "title"),
        _write(
            2,
            1,
            "Sentences follow the Programmes sheet; the reason ('mainly due"
            " to ...') is the clerk's own text. 句子隨綱領工作表更新。",
            "note",
        ),
        _write(4, 1, "Programme 綱領", "header"),
        _write(4, 2, "English", "header"),
        _write(4, 3, "中文", "header"),
    ]
    if not head.estimate_year[:4].isdigit():
        return out
    year, prior = head.estimate_year, previous_year(head.estimate_year)
    rev = get_column_letter(spec.col("revised"))
    est = get_column_letter(spec.col("estimate"))
    pct = get_column_letter(spec.col("estimate_vs_revised"))
    s = spec.sheet
    for i, p in enumerate(head.programmes):
        r = ext.first + i
        F, G, J = f"{s}!{rev}{r}", f"{s}!{est}{r}", f"{s}!{pct}{r}"
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
        row = 5 + i
        out += [
            _write(row, 1, f"({p.number})", "label"),
            _write(row, 2, Formula(en), "wrap"),
            _write(row, 3, Formula(zh), "wrap"),
        ]
    return out
