"""The DRAFT mark: while the last refresh (or check) found errors, every printed
sheet says so, in its language, so no page that still holds an error looks final.

The mark is a native formula in the title band (the Report's row ``draft``, which
the COR sheets print too) over the Checks sheet's severity column, so it shows the
number of errors the Checks sheet lists and nothing once it lists none. The page
header carries the same words where the host can set a header (the CLI's).
Declared once here: the formulas, what they show, and the header.
"""

from __future__ import annotations

from dataclasses import replace

from . import layout as L
from .writes import Write

ROW_KEY = "draft"  # the Report's row holding the mark (computed.report_rows)
MARKED = (L.REPORT, L.REPORT_ZH, L.REPORT_EN, L.NARRATIVE)
"""The sheets whose page header carries the mark (the Narrative prints with the
COR: printed alone it must not look final); all but the Narrative also carry it
in their title band."""
LANGUAGE = {L.REPORT: "both", L.REPORT_ZH: "zh", L.REPORT_EN: "en", L.NARRATIVE: "both"}
STYLE = "draft"

_COUNT = f'COUNTIF({L.CHECKS}!$A${L.CHECKS_HEADER_ROW + 1}:$A$1048576,"error")'


def mark_text(errors: int, lang: str) -> str:
    """What the mark shows with ``errors`` errors listed ("" for none)."""
    if errors <= 0:
        return ""
    en = f"DRAFT - {errors} error{'' if errors == 1 else 's'}"
    zh = f"草稿 - 有 {errors} 項錯誤"
    return {"en": en, "zh": zh}.get(lang, f"{en}  {zh}")


def mark_formula(lang: str) -> str:
    """The mark as a native formula over the Checks sheet's count of errors."""
    n = _COUNT
    en = f'"DRAFT - "&{n}&IF({n}=1," error"," errors")'
    zh = f'"草稿 - 有 "&{n}&" 項錯誤"'
    said = {"en": en, "zh": zh}.get(lang, f'{en}&"  "&{zh}')
    return f'=IF({n}=0,"",{said})'


def with_shows(writes: list[Write], errors: int) -> list[Write]:
    """The mark's writes told what they will show, so that a values-only host,
    which sees the mark's text and not its formula, writes it only when that text
    is not the one the Checks sheet's errors make (with none, an empty cell is
    taken for the mark showing nothing)."""
    return [
        (
            replace(w, shows=mark_text(errors, LANGUAGE[w.sheet]))
            if errors > 0
            else replace(w, blank_ok=True)
        )
        if w.style == STYLE and w.sheet in LANGUAGE
        else w
        for w in writes
    ]


def mark_headers(wb, errors: int) -> None:
    """The page header's centre on every printed sheet: the mark while errors
    remain; a mark of before removed, a clerk's own centre text left alone."""
    for sheet in MARKED:
        if sheet not in wb.sheetnames:
            continue
        part = wb[sheet].oddHeader.center
        text = mark_text(errors, LANGUAGE[sheet])
        if text:
            part.text, part.size, part.color = text, 10, "C00000"
            part.font = "Arial,Bold"
        elif (part.text or "").startswith(("DRAFT - ", "草稿 - ")):
            part.text = None
