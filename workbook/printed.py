"""The Report in one language, as the COR prints it: a sheet for Chinese and a
sheet for English, which a clerk prints from Excel as they are and which
``estimates pdf --lang`` prints.

Each is made from the Report's own rows (``computed.report_rows``), so the layout
is declared once: every figure is a formula that refers to the Report's cell
(itself a native formula over the input tables, or a constant a clerk typed and
Refresh flagged), the text is the row's text in that language, and the rows that
belong to the other language (its footnotes, its "or" line) are left out.
"""

from __future__ import annotations

from . import draft
from . import layout as L
from .computed import Bi, ReportRow
from .snapshot import Formula, Snapshot, Text, address
from .writes import Write

SHEETS = {"zh": L.REPORT_ZH, "en": L.REPORT_EN}
TEXT_COLUMN = {"zh": 2, "en": 3}  # the Report's column of each language's text
OTHER_ROWS = {  # rows of the Report in one language only, by the key's shape
    "zh": ("footnote_en:", ":or_en"),
    "en": ("footnote:", ":or"),
}


def _source_columns(lang: str) -> dict[int, int]:
    """Printed column -> the Report's column: code, text, the four years (the
    footnote marks are on the figures, in their number format)."""
    columns = {1: 1, 2: TEXT_COLUMN[lang], 3: 4, 4: 5, 5: 6, 6: 7}
    assert len(columns) == len(L.WHOLLY_OURS[SHEETS[lang]])
    return columns


def _other_language(key: str, lang: str) -> bool:
    start, end = OTHER_ROWS[lang]
    return key.startswith(start) or key.endswith(end)


def printed_rows(
    rows: list[ReportRow], lang: str, intro: dict[str, list] | None = None
) -> list[Write]:
    """The one-language sheet's cells, from the Report's rows as laid out, with
    the narrative lines (``cor_intro``, by language) after the DRAFT mark."""
    sheet, out, printed = SHEETS[lang], [], 0
    for r, row in enumerate(rows, start=1):
        if _other_language(row.key, lang):
            continue
        printed += 1
        for col, source in _source_columns(lang).items():
            if source not in row.cells:
                continue
            source = _stated(row, source, lang)
            value, style = row.cells[source]
            out.append(
                Write(sheet, printed, col, _value(value, lang, r, source), style)
            )
        if row.key == draft.ROW_KEY:
            for value, look in (intro or {}).get(lang, ()):
                printed += 1
                if value is not None:
                    out.append(Write(sheet, printed, 1, value, look))
    return out


def _stated(row: ReportRow, source: int, lang: str) -> int:
    """The Report column to print: a title blank in this language (a published
    Head-year is English only) prints the other language's, never a blank."""
    other = TEXT_COLUMN["en" if lang == "zh" else "zh"]
    if source != TEXT_COLUMN[lang] or other not in row.cells:
        return source
    value = row.cells[source][0]
    blank = isinstance(value, str) and not value.strip() and not isinstance(value, Bi)
    return other if blank else source


def _value(value: object, lang: str, row: int, col: int) -> object:
    if isinstance(value, Bi):  # its language's own text, or formula (draft.mark)
        said = value.said(lang)
        return Formula(said) if isinstance(said, Formula) else said
    if isinstance(value, str) and value.startswith("=") and not isinstance(value, Text):
        return Formula(f"={L.REPORT}!{address(row, col)}")
    return value


def printed_sheets(
    rows: list[ReportRow],
    snap: Snapshot,
    errors: int = 0,
    intro: dict[str, list] | None = None,
    to_key: int = 0,
) -> tuple[dict[str, list[Write]], list[Write]]:
    """Each language's sheet to rebuild, by sheet name; and the DRAFT marks of
    the sheets left as they are (``errors``, ``to_key``: what the Checks sheet
    will list). A
    values-only host (the remote engine) sees no formulas, nor a formula showing
    "" apart from an empty cell: there a sheet whose text is as this layout
    writes it has its rows where they were, so its formulas are too, and it is
    left alone but for its mark (written where it does not show the errors)."""
    rebuilt, marks = {}, []
    for lang, sheet in SHEETS.items():
        writes = draft.with_shows(printed_rows(rows, lang, intro), errors, to_key)
        if snap.formulas_known or texts_differ(snap, sheet, writes):
            rebuilt[sheet] = writes
        else:
            marks += [w for w in writes if w.style == draft.STYLE]
    return rebuilt, marks


def texts_differ(snap: Snapshot, sheet: str, writes: list[Write]) -> bool:
    """Whether the sheet's text is not as these writes lay it out (its rows have
    moved)."""
    if sheet not in snap.sheets:
        return True
    old = {k: v for k, v in snap.sheets[sheet].items() if v not in (None, "")}
    texts = {
        (w.row, w.col): w.value
        for w in writes
        if not isinstance(w.value, Formula) and w.value not in (None, "")
    }
    formulas = {(w.row, w.col) for w in writes if isinstance(w.value, Formula)}
    return {k: v for k, v in old.items() if k not in formulas} != texts
