"""build -> export -> build gives the same book: input tables, Head inputs, titles
in both languages, footnotes and establishment, for the Head 135 sample and for
50 real Head-years."""

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook.cli import run
from workbook.io import load_book, save_book
from workbook.populate import export_file
from workbook.refresh import build_file, build_workbook

from .conftest import head_from_published, published_heads
from .remote_actions import cells_of


def _cells(book):
    """Every cell but the time of the Change log's build row, which is the clock's,
    and its count of cells the build's refresh wrote: the footnote gaps a book
    recorded come back from head.toml keyed by build (trial 10g item 1), so a
    rebuilt book's refresh has those cells to write no more."""
    skip = (("ChangeLog", "A4"), ("ChangeLog", "I4"))
    return {k: v for k, v in cells_of(load_book(book)).items() if k not in skip}


def _round_trip(book, tmp_path):
    folder = tmp_path / "exported"
    export_file(book, folder)
    again = tmp_path / "again.xlsx"
    build_file(folder, again)
    return folder, again


def test_head_135_round_trips_to_the_same_book(tmp_path):
    book = tmp_path / "h135.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    folder, again = _round_trip(book, tmp_path)
    original = load_source(SAMPLE_HEAD_135)
    exported = load_source(folder)
    assert exported == original  # every input, footnote and the establishment
    assert exported.title_zh == "政府總部:創新科技及工業局"
    assert [f.mark for f in exported.footnotes] == ["¶", "Δ", "Φ"]
    assert exported.establishment.ceiling.value == 52021000
    assert len(exported.posts) == 19 and len(exported.pay_scale) == 50
    assert _cells(again) == _cells(book)


def test_export_on_the_command_line(tmp_path, capsys):
    book = tmp_path / "h135.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    assert run(["export", str(book), "-o", str(tmp_path / "out")]) == 0
    assert "exported Head 135 2025-26" in capsys.readouterr().out
    assert load_source(tmp_path / "out") == load_source(SAMPLE_HEAD_135)
    assert run(["export", str(tmp_path / "missing.xlsx"), "-o", "x"]) == 2


KEYS = sorted(published_heads())[::11][:50]


@pytest.mark.parametrize("key", KEYS)
def test_real_head_years_round_trip(key, tmp_path):
    head = head_from_published(published_heads()[key])
    wb, _ = build_workbook(head)
    book = tmp_path / "book.xlsx"
    save_book(wb, book)
    folder, again = _round_trip(book, tmp_path)
    exported = load_source(folder)
    assert exported.programmes == head.programmes
    assert exported.subheads == head.subheads
    assert (exported.head, exported.estimate_year) == (head.head, head.estimate_year)
    assert _cells(again) == _cells(book)


def test_the_clerks_narrative_text_survives_export_and_build(tmp_path):
    """Narrative column D (the clerk's own sentences) goes to head.toml's
    [narrative] by sentence key and comes back on build: build -> export -> build
    keeps it, on the row of its key."""
    book = tmp_path / "h135.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    wb = load_book(book)
    ws = wb["Narrative"]
    rows = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 6).value]
    keys = {r: ws.cell(r, 6).value for r in rows[:3]}
    texts = {r: f'Clerk\'s own "sentence" {i}: =not a formula\n第二行' for i, r in
             enumerate(keys)}  # fmt: skip
    for r, text in texts.items():
        ws.cell(r, 4).value = text
    save_book(wb, book)
    folder, again = _round_trip(book, tmp_path)
    exported = load_source(folder)
    assert {k: t for k, (t, _) in exported.narrative.items()} == {
        keys[r]: texts[r] for r in keys
    }
    back = load_book(again)["Narrative"]
    assert {back.cell(r, 6).value: back.cell(r, 4).value for r in keys} == {
        keys[r]: texts[r] for r in keys
    }
    count = ("ChangeLog", "I4")  # the build row counts the clerk's cells it wrote
    assert {k: v for k, v in _cells(again).items() if k != count} == {
        k: v for k, v in _cells(book).items() if k != count
    }
