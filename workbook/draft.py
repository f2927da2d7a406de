"""The DRAFT mark: while the last refresh (or check) found errors, or figures
still to key (F01: a figure the COR prints blank, a rolled-forward book's Revised
and Estimate), every printed sheet says so, in its language, so no page that
still holds an error or a gap looks final.

The mark is a native formula in the title band (the Report's row ``draft``, which
the COR sheets print too) over the Checks sheet's severity and rule columns, so it
shows the number of errors and of figures to key the Checks sheet lists and
nothing once it lists none. The page header carries the same words where the host
can set a header (the CLI's), so every printed page says it.
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

TO_KEY = "F01"
"""The rule of a figure still to key (estimates.rules.yearly): each one listed on
the Checks sheet keeps the mark on, and ``estimates report`` prints it as to key."""

_FIRST = L.CHECKS_HEADER_ROW + 1
_COUNT = f'COUNTIF({L.CHECKS}!$A${_FIRST}:$A$1048576,"error")'
_TO_KEY = f'COUNTIF({L.CHECKS}!$B${_FIRST}:$B$1048576,"{TO_KEY}")'


def count_to_key(findings) -> int:
    """How many figures the findings say are still to key."""
    return sum(1 for f in findings if f.rule == TO_KEY)


def mark_text(errors: int, lang: str, to_key: int = 0) -> str:
    """What the mark shows with ``errors`` errors and ``to_key`` figures to key
    listed ("" for none)."""
    if errors <= 0 and to_key <= 0:
        return ""
    en = [f"{errors} error{'' if errors == 1 else 's'}"] if errors > 0 else []
    en += [f"{to_key} figure{'' if to_key == 1 else 's'} to key"] if to_key > 0 else []
    zh = [f"有 {errors} 項錯誤"] if errors > 0 else []
    zh += [f"{to_key} 個數字待輸入"] if to_key > 0 else []
    en_said, zh_said = "DRAFT - " + ", ".join(en), "草稿 - " + "、".join(zh)
    return {"en": en_said, "zh": zh_said}.get(lang, f"{en_said}  {zh_said}")


def _said(lang: str) -> str:
    """The mark's words as a formula over the two counts (E errors, K to key)."""
    e, k = _COUNT, _TO_KEY
    en = (
        f'"DRAFT - "&IF({e}>0,{e}&IF({e}=1," error"," errors")&IF({k}>0,", ",""),"")'
        f'&IF({k}>0,{k}&IF({k}=1," figure"," figures")&" to key","")'
    )
    zh = (
        f'"草稿 - "&IF({e}>0,"有 "&{e}&" 項錯誤"&IF({k}>0,"、",""),"")'
        f'&IF({k}>0,{k}&" 個數字待輸入","")'
    )
    return {"en": en, "zh": zh}.get(lang, f'{en}&"  "&{zh}')


def mark_formula(lang: str) -> str:
    """The mark as a native formula over the Checks sheet's counts of errors and
    of figures to key."""
    return f'=IF({_COUNT}+{_TO_KEY}=0,"",{_said(lang)})'


def with_shows(writes: list[Write], errors: int, to_key: int = 0) -> list[Write]:
    """The mark's writes told what they will show, so that a values-only host,
    which sees the mark's text and not its formula, writes it only when that text
    is not the one the Checks sheet's errors make (with none, an empty cell is
    taken for the mark showing nothing)."""
    return [
        (
            replace(w, shows=mark_text(errors, LANGUAGE[w.sheet], to_key))
            if errors > 0 or to_key > 0
            else replace(w, blank_ok=True)
        )
        if w.style == STYLE and w.sheet in LANGUAGE
        else w
        for w in writes
    ]


def mark_headers(wb, errors: int, to_key: int = 0) -> None:
    """The page header's centre on every printed sheet: the mark while errors
    or figures to key remain; a mark of before removed, a clerk's own centre text
    left alone."""
    for sheet in MARKED:
        if sheet not in wb.sheetnames:
            continue
        part = wb[sheet].oddHeader.center
        text = mark_text(errors, LANGUAGE[sheet], to_key)
        if text:
            part.text, part.size, part.color = text, 10, "C00000"
            part.font = "Arial,Bold"
        elif (part.text or "").startswith(("DRAFT - ", "草稿 - ")):
            part.text = None


def in_language(text: str, lang: str) -> str:
    """A bilingual mark (a sheet printed in both languages) in ``lang`` alone,
    for that language's PDF; any other text as it is."""
    en, sep, zh = text.partition("  草稿 - ")
    if not sep or not en.startswith("DRAFT - "):
        return text
    return en if lang == "en" else "草稿 - " + zh
