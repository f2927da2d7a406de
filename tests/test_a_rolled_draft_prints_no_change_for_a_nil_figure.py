"""Issue 11 (rolled draft): New year leaves Revised and Estimate empty; before
they are keyed, a nil figure has no % change. Before, the core counted a nil new
figure as zero, so every empty Revised printed "(-100.0%)" and every "or" line
"(or -100.0% on ... Original)" (or "###" where it did not fit), on the Report and
both COR sheets. A keyed zero is still -100%: only nil has no change.

Proved on Head 135, two generated Heads and a real Head-year, rolled forward, one
programme's Revised keyed (so its Revised change shows and its Estimate's does
not) and one programme's Estimate keyed as 0; refreshed on both hosts and
recalculated by LibreOffice: every computed cell equals the core's figure (the
oracle), no cell shows -100% but the keyed zero's, and every % cell over a nil
figure is blank."""

from __future__ import annotations

from decimal import Decimal

import pytest

from estimates.money import percent_change
from estimates.results import compute
from estimates.source import SAMPLE_HEAD_135, load_source
from estimates.variance import VARIANCES
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book, save_book, snapshot_of
from workbook.reader import read_book
from workbook.refresh import build_workbook
from workbook.snapshot import cell_position

from .conftest import head_from_published, published_heads
from .generated_heads import write_head
from .hosts import HOSTS, refresh_on
from .libreoffice import cell_text
from .oracle import SHEETS, figure_cells, mismatches


def test_a_nil_new_figure_has_no_change_and_a_zero_one_is_minus_100():
    assert percent_change(None, Decimal("5.0")) is None
    assert percent_change(Decimal("0"), Decimal("5.0")) == Decimal("-100.0")
    assert percent_change(Decimal("5.0"), None) is None


def _heads(folder) -> dict:
    real = published_heads()
    return {
        "head135": load_source(SAMPLE_HEAD_135),
        "generated5": load_source(write_head(folder / "g5", 5)),
        "generated17": load_source(write_head(folder / "g17", 17)),
        "real": head_from_published(real[sorted(real)[len(real) // 2]]),
    }


def _rolled(head, folder, name: str):
    """The Head's book rolled forward; programme 1's Revised keyed (its Estimate
    left nil) and, with two programmes or more, the last one's Estimate keyed 0."""
    built, rolled = folder / f"{name}.xlsx", folder / f"{name}-rolled.xlsx"
    wb, _ = build_workbook(head)
    save_book(wb, built)
    assert run(["rollforward", str(built), "-o", str(rolled)]) in (0, 1)
    wb = load_book(rolled)
    ws, spec = wb[L.PROGRAMMES], L.TABLES["tblProgrammes"]
    first = spec.header_row + 1
    ws.cell(first, spec.col("revised")).value = 12.3
    if len(head.programmes) > 1:
        ws.cell(first + len(head.programmes) - 1, spec.col("estimate")).value = 0
    save_book(wb, rolled)
    return rolled


@pytest.fixture(scope="module", params=HOSTS)
def drafts(request, tmp_path_factory, libreoffice) -> dict:
    """Each rolled draft refreshed on the host; its places, head and values."""
    folder = tmp_path_factory.mktemp(f"drafts-{request.param}")
    out = {}
    for name, head in _heads(folder).items():
        book = _rolled(head, folder, name)
        refresh_on(request.param, book, libreoffice, folder)
        places, _ = figure_cells(book)
        read = read_book(snapshot_of(load_book(book), book.name)).head
        out[name] = (book, places, read)
    grids = libreoffice.values_many(
        [b for b, _, _ in out.values()], (*SHEETS, L.REPORT_ZH, L.REPORT_EN)
    )
    return {n: (*v, g) for (n, v), g in zip(out.items(), grids, strict=True)}


def test_the_rolled_drafts_equal_the_core(drafts):
    for name, (_, places, head, grids) in drafts.items():
        assert mismatches(head, places, grids) == [], name


def _minus_100(grid) -> int:
    return sum(
        text.replace("%", "").strip() in ("-100", "-100.0")
        for row in grid
        for text in row
    )


def test_no_nil_figure_prints_a_change(drafts):
    for name, (_, places, head, grids) in drafts.items():
        expected = compute(head).expected
        over_nil = [  # a change of a nil figure over a keyed base: once -100%
            k
            for k, v in expected.items()
            if k.split(":")[0].endswith("_pct") and v is None and _base_keyed(head, k)
        ]
        assert over_nil, name
        for k in over_nil:
            sheet, cell = places[k]
            row, col = cell_position(cell)
            assert cell_text(grids[sheet], row, col) == "", (name, k, sheet, cell)
        minus = [
            k
            for k, v in expected.items()
            if v == -100 and k in places and places[k][0] == L.REPORT
        ]
        if any(p.value("estimate") == 0 for p in head.programmes):
            assert minus, name  # a keyed zero is -100%
        # -100% only where the core says so (the "or" line once more in English)
        shown = len(minus) + sum(k.endswith(":estimate_vs_original") for k in minus)
        assert _minus_100(grids[L.REPORT]) == shown, (name, minus)
        for sheet in (L.REPORT_ZH, L.REPORT_EN):  # each figure once, in its language
            assert _minus_100(grids[sheet]) == len(minus), (name, sheet)


def _base_keyed(head, k: str) -> bool:
    """The base of the change ``k`` is a keyed, non-zero figure."""
    family, *ident, variance = k.split(":")
    base = VARIANCES[variance][1]
    if family.startswith("programme_total") or family.startswith("report_programme"):
        values = [p.value(base) for p in head.programmes]
    else:
        values = [p.value(base) for p in head.programmes if p.number == ident[0]]
    return any(v for v in values)
