"""Named looks for cells, mapped to openpyxl objects once and shared."""

from __future__ import annotations

import re
from copy import copy
from functools import cache
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Font, PatternFill

from . import layout as L

_BLUE = "FF1F4E79"


@cache
def look(style: str) -> dict:
    """Attributes to set on a cell for a named style."""
    if L.MARK in style:
        base, _, marks = style.partition(L.MARK)
        looks = dict(look(base))
        looks["number_format"] = L.marked_format(looks["number_format"], marks)
        return looks
    fmt = L.NUMBER_FORMATS
    bold = Font(bold=True)
    looks: dict[str, dict] = {
        "title": {"font": Font(bold=True, size=13, color=_BLUE)},
        "heading": {"font": Font(bold=True, size=11, color=_BLUE)},
        "subheading": {"font": Font(bold=True, italic=True)},
        "header": {
            "font": Font(bold=True, color="FFFFFFFF"),
            "fill": PatternFill("solid", fgColor=_BLUE),
            "alignment": Alignment(wrap_text=True, vertical="center"),
        },
        "year": {
            "font": Font(bold=True, color=_BLUE),
            "alignment": Alignment(horizontal="right"),
        },
        "label": {},
        "total_label": {"font": bold},
        "note": {
            "font": Font(italic=True, color="FF595959"),
            "alignment": Alignment(wrap_text=False),
        },
        "wrap": {"alignment": Alignment(wrap_text=True, vertical="top")},
        "sentence": {"alignment": Alignment(wrap_text=True, vertical="top")},
        "item_title": {"font": Font(bold=True, italic=True)},  # a spanning subheading
        "key": {"font": Font(color="FF808080", size=8)},
        "code": {  # centred: a code never runs into the figure beside it ("492")
            "number_format": fmt["code"],
            "alignment": Alignment(horizontal="center"),
        },
        # clear of a figure on its left; an indent needs a left alignment (with
        # "general", Excel and LibreOffice ignore it: "24.327: Intra-...")
        "text": {"alignment": Alignment(horizontal="left", indent=1)},
        "flag": {},
        "draft": {"font": Font(bold=True, size=12, color="FFC00000")},  # draft.py
        "link": {"font": Font(color="FF0563C1", underline="single")},
        "computed": {"fill": PatternFill("solid", fgColor="FFF2F2F2")},
    }
    # right-aligned: a keyed nil shows as the text "—", which would sit at the
    # left edge, against the figure before it ("60,000 —", "—12,000")
    right = Alignment(horizontal="right")
    for kind in ("millions", "thousands", "percent", "int", "dollars", "pct_line"):
        looks[kind] = {"number_format": fmt[kind], "alignment": right}
        looks[f"total_{kind}"] = looks[kind] | {"font": bold}
    for severity, colour in L.FILLS.items():
        looks[f"sev_{severity}"] = {"fill": PatternFill("solid", fgColor=colour)}
    if style.startswith(L.OR_LINE_STYLES):
        lang, _, year = style[3:].partition(":")
        return {
            "number_format": L.or_line_format(lang, year),
            "alignment": Alignment(horizontal="left"),
        }
    return looks.get(style, {})


LATIN_FONT = "Arial"
CJK_FONT = "Microsoft JhengHei"
"""Traditional Chinese on a Hong Kong government PC: Microsoft JhengHei (or
PMingLiU), which carries Latin letters too; LibreOffice falls back to Noto Sans CJK."""
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


BODY_SIZE = 10
_LETTERS = re.compile(r"[A-Za-z]")


def font_for(value: object) -> str:
    """The font a cell's text needs: the CJK font when it is mostly Chinese; a
    mixed label ("Item 項目") keeps the Latin font and Excel links the CJK glyphs."""
    if not isinstance(value, str):
        return LATIN_FONT
    cjk = len(_CJK.findall(value))
    return CJK_FONT if cjk and cjk > len(_LETTERS.findall(value)) / 2 else LATIN_FONT


def set_default_font(wb) -> None:
    """The workbook's body font (cells never styled, and Excel's width unit)."""
    from openpyxl.utils.indexed_list import IndexedList

    wb._fonts = IndexedList([Font(name=LATIN_FONT, sz=BODY_SIZE, family=2)])


_DONE: WeakKeyDictionary = WeakKeyDictionary()
"""Per workbook: (a cell's style before, named look, font) -> its style after.
Styling a cell through openpyxl's attributes copies and indexes a style object
per attribute; a book repeats a few hundred combinations over thousands of cells."""


def apply_look(cell, style: str | None) -> None:
    if not style:
        return
    done = _DONE.setdefault(cell.parent.parent, {})
    before = cell._style  # None: openpyxl's default style, not yet set
    key = (b"" if before is None else bytes(before), style, font_for(cell.value))
    if key not in done:
        _apply_look(cell, style)
        done[key] = copy(cell._style)
    cell._style = copy(done[key])


def _apply_look(cell, style: str) -> None:
    for attr, value in look(style).items():
        setattr(cell, attr, value)
    name = font_for(cell.value)
    if cell.font is None or cell.font.name != name or not cell.font.sz:
        font = copy(cell.font) if cell.font is not None else Font()
        font.name = name
        font.sz = font.sz or BODY_SIZE
        cell.font = font


def is_header_fill(fill) -> bool:
    """Whether a fill is the "header" look's: a table's header row (a total
    band's lighter fill is not)."""
    return fill is not None and fill.fill_type == "solid" and fill.fgColor.rgb == _BLUE


def looks_like(cell, style: str) -> bool:
    """Whether a cell wears a named style's font (a laid-out sheet read back)."""
    want = look(style).get("font")
    font = cell.font
    if want is None or font is None or cell.value is None:
        return False
    colour = font.color.rgb if font.color is not None else None
    wanted = want.color.rgb if want.color is not None else None
    return (
        bool(font.i) == bool(want.i)
        and colour == wanted
        and bool(font.b) == bool(want.b)
    )
