"""The narrative parts a COR prints above its figures, on each one-language COR
sheet (``printed``), placed as the seed COR places them: the controlling officer
line, the establishment sentences, then "Controlling Officer's Report" and the
programmes, each with its policy area; the figures ("Details") follow.

Every line is a native formula over the cell that holds it (Head's controlling
officer, the Narrative's computed sentence in the sheet's language, the
Programmes table's row read), so an edit there shows here without a refresh.
"""

from __future__ import annotations

from openpyxl.utils.cell import get_column_letter

from estimates.model import Head
from estimates.narrative import narrative_keys

from . import layout as L
from .computed import Extent, row_of
from .snapshot import Formula

HEADINGS = {
    "report": ("管制人員報告", "Controlling Officer's Report"),
    "programmes": ("綱領", "Programmes"),
}
ESTABLISHMENT_KEYS = ("ceiling", "directorate")
NARRATIVE_TEXT_COLUMN = {"en": 2, "zh": 3}  # the Narrative's computed sentence


def _cell(sheet: str, row: int, col: int) -> str:
    """An absolute reference from a COR sheet: ``Head!$C$6``."""
    quoted = f"'{sheet}'" if not sheet.isalnum() else sheet
    return f"{quoted}!${get_column_letter(col)}${row}"


def _fixed(name: str) -> str:
    fixed = next(f for f in L.HEAD_INPUTS if f.name == name)
    return f"{fixed.sheet}!${fixed.cell[0]}${fixed.cell[1:]}"


def _officer(lang: str) -> Formula:
    cell = _fixed("ControllingOfficerEn" if lang == "en" else "ControllingOfficerZh")
    said = "Controlling officer: " if lang == "en" else "管制人員:"
    return Formula(f'=IF({cell}="","","{said}"&{cell})')


def _sentences(head: Head, lang: str, rows: dict | None) -> list[Formula]:
    """The Narrative's establishment sentences, where the Head has them
    (``rows``: each line's Narrative row by key, as the refresh lays it out)."""
    keys = [k for k, _ in narrative_keys(head)]
    rows = rows or {k: L.NARRATIVE_FIRST_ROW + i for i, k in enumerate(keys)}
    col = NARRATIVE_TEXT_COLUMN[lang]
    return [
        Formula(f"={_cell(L.NARRATIVE, rows[k], col)}")
        for k in ESTABLISHMENT_KEYS
        if k in rows
    ]


def _programme(row: int, lang: str, zh_title: bool) -> tuple[Formula, Formula]:
    """A programme's title line and its policy area sentence, from its row; in
    Chinese, the English title where it has no Chinese one (``zh_title``)."""
    spec = L.TABLES["tblProgrammes"]

    def ref(key: str) -> str:
        return _cell(spec.sheet, row, spec.col(key))

    number, area = ref("programme"), ref("policy_area")
    if lang == "en":
        title = f'="Programme ("&{number}&") "&{ref("title_en")}'
        policy = (
            f'=IF({area}="","","This programme contributes to Policy Area "&{area}&".")'
        )
    else:  # the Chinese area as keyed; else the English one's number alone
        title = f'="綱領("&{number}&") "&{ref("title_zh" if zh_title else "title_en")}'
        zh = ref("policy_area_zh")
        code = f'IFERROR(LEFT({area},FIND(":",{area})-1),{area})'
        said = f'IF({zh}<>"",{zh},{code})'
        policy = f'=IF({zh}&{area}="","","這綱領納入政策範圍 "&{said}&"。")'
    return Formula(title), Formula(policy)


def intro_lines(
    head: Head, extents: dict[str, Extent], lang: str, rows: dict | None = None
) -> list[tuple[object, str]]:
    """The lines above "Details" on the ``lang`` COR sheet: (value, look), a
    blank line as (None, "")."""
    zh_en = 0 if lang == "zh" else 1
    out: list[tuple[object, str]] = [(_officer(lang), "sentence")]
    out += [(s, "sentence") for s in _sentences(head, lang, rows)]
    out += [(None, ""), (HEADINGS["report"][zh_en], "heading")]
    ext = extents.get("tblProgrammes")
    if head.programmes and ext is not None:
        out.append((HEADINGS["programmes"][zh_en], "heading"))
        for i, p in enumerate(head.programmes):
            row = row_of(p.ref, ext.first + i)
            title, policy = _programme(row, lang, bool(p.title_zh.strip()))
            out += [(title, "item_title"), (policy, "sentence")]
    return [*out, (None, "")]
