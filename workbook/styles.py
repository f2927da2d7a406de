"""Named looks for cells, mapped to openpyxl objects once and shared."""

from __future__ import annotations

from functools import cache

from openpyxl.styles import Alignment, Font, PatternFill

from . import layout as L

_BLUE = "FF1F4E79"


@cache
def look(style: str) -> dict:
    """Attributes to set on a cell for a named style."""
    fmt = L.NUMBER_FORMATS
    bold = Font(bold=True)
    looks: dict[str, dict] = {
        "title": {"font": Font(bold=True, size=14, color=_BLUE)},
        "heading": {"font": Font(bold=True, size=12, color=_BLUE)},
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
        "key": {"font": Font(color="FF808080", size=8)},
        "code": {"number_format": fmt["code"]},
        "text": {},
        "flag": {},
        "link": {"font": Font(color="FF0563C1", underline="single")},
        "computed": {"fill": PatternFill("solid", fgColor="FFF2F2F2")},
    }
    for kind in ("millions", "thousands", "percent", "int", "dollars"):
        looks[kind] = {"number_format": fmt[kind]}
        looks[f"total_{kind}"] = {"number_format": fmt[kind], "font": bold}
    for severity, colour in L.FILLS.items():
        looks[f"sev_{severity}"] = {"fill": PatternFill("solid", fgColor=colour)}
    return looks.get(style, {})


def apply_look(cell, style: str | None) -> None:
    if not style:
        return
    for attr, value in look(style).items():
        setattr(cell, attr, value)
