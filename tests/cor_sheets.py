"""Reading the COR sheets (the Report in one language) as LibreOffice computed
them: each programme's provision block and the analysis' Total with their % lines,
against the core's figures. Rows are found by their printed labels, the way a
reader of the COR finds them, not by the layout code."""

from __future__ import annotations

from estimates.model import COLUMNS
from estimates.results import compute

from .clerk import labelled_rows
from .libreoffice import Grid, cell_text
from .oracle import same

SHEETS = {"zh": "COR 中文", "en": "COR English"}
PCT_UNDER = {"revised_vs_original": 5, "estimate_vs_revised": 6}  # printed columns
OR_COLUMN = 3


def _title(p, lang: str) -> str:
    """A block's title: in its language, else the other's (a published
    Head-year is English only), never a colon with nothing after it."""
    zh, en = p.title_zh.strip(), p.title_en.strip()
    if lang == "zh":
        return f"綱領({p.number}):{zh or en}" if zh or en else f"綱領({p.number})"
    title = en or zh
    return f"Programme ({p.number}): {title}" if title else f"Programme ({p.number})"


def provision_mismatches(head, grids: dict[str, Grid]) -> tuple[list, int]:
    """(every disagreement, figures checked) over both COR sheets."""
    results = compute(head)
    wrong, checked = [], 0
    for lang, sheet in SHEETS.items():
        grid = grids[sheet]
        rows = labelled_rows(grid, 2)
        blocks = [
            (p.number, rows.get(_title(p, lang)), 2, p, results.programme_variances)
            for p in head.programmes
        ]
        total = rows.get("總計" if lang == "zh" else "Total")
        blocks.append(("total", total, 0, None, None))
        for name, row, offset, p, table in blocks:
            if row is None:
                wrong.append((sheet, name, "no such block"))
                continue
            amounts = row + offset
            for i, c in enumerate(COLUMNS):
                want = p.value(c) if p is not None else results.programme_total[c]
                got = cell_text(grid, amounts, 3 + i)
                checked += 1
                if not same(want, got):
                    wrong.append((sheet, name, c, str(want), got))
            pct = (
                table[p.number] if p is not None else results.programme_total_variances
            )
            places = {n: (amounts + 1, col) for n, col in PCT_UNDER.items()}
            places["estimate_vs_original"] = (amounts + 2, OR_COLUMN)
            for variance, (r, col) in places.items():
                got = cell_text(grid, r, col)
                checked += 1
                if not same(pct[variance], got):
                    wrong.append((sheet, name, variance, str(pct[variance]), got))
    return wrong, checked
