"""Nothing a clerk keyed in the Narrative vanishes: a sentence whose line is gone
(New year leaves the net change of posts to key, so the "Programme (2) posts"
line goes; a programme deleted takes its line) stays in column D on a row of
its own, flagged N02, through every later refresh and an export and build; and
no C02 calls column D "typed in a rebuilt region". Head 135 and generated Heads."""

from pathlib import Path

import pytest

from estimates.narrative import narrative_keys
from estimates.rollforward import DRAFT
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook, check_file, refresh_file

from .generated_heads import write_head

SOURCES = {"head135": lambda _: SAMPLE_HEAD_135, **{
    f"generated{seed}": (lambda folder, s=seed: write_head(folder / f"g{s}", s))
    for seed in (3, 11, 29)
}}  # fmt: skip


def _typed_on_every_line(source: Path, book: Path) -> set[str]:
    """A book whose every Narrative line has a sentence of the clerk's own."""
    wb, _ = build_workbook(load_source(source))
    ws, typed = wb[L.NARRATIVE], set()
    for row in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1):
        key = ws.cell(row, L.NARRATIVE_KEY_COLUMN).value
        if key:
            text = f"Clerk's sentence on {key}."
            ws.cell(row, L.NARRATIVE_CLERK_COLUMN).value = text
            typed.add(text)
    save_book(wb, book)
    refresh_file(book)
    return typed


def _key(text: str) -> str:
    return text.removeprefix("Clerk's sentence on ").removesuffix(".")


def _clerk_column(book: Path) -> dict[str, int]:
    ws = load_book(book)[L.NARRATIVE]
    return {
        str(ws.cell(r, L.NARRATIVE_CLERK_COLUMN).value).removeprefix(DRAFT): r
        for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, L.NARRATIVE_CLERK_COLUMN).value
    }


def _narrative_findings(book: Path, rule: str) -> list:
    return [
        f
        for f in check_file(book).findings
        if f.rule == rule and f.ref and f.ref.sheet == L.NARRATIVE
    ]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_new_year_keeps_every_sentence_through_later_refreshes(name, tmp_path):
    book = tmp_path / "last.xlsx"
    typed = _typed_on_every_line(SOURCES[name](tmp_path), book)
    out = tmp_path / "next.xlsx"
    assert run(["rollforward", str(book), "-o", str(out)]) in (0, 1)
    for _ in range(2):
        c02 = [f.ref for f in refresh_file(out).findings if f.rule == "C02"]
        assert [r for r in c02 if r and r.sheet == L.NARRATIVE] == []
    rows = _clerk_column(out)
    assert typed <= set(rows)
    lines = {key for key, _ in narrative_keys(check_file(out).head)}
    gone = {f"D{rows[t]}" for t in typed if _key(t) not in lines}
    assert {f.ref.cell for f in _narrative_findings(out, "N02")} == gone


def test_a_deleted_programmes_sentence_stays_flagged(tmp_path):
    book = tmp_path / "book.xlsx"
    typed = _typed_on_every_line(SAMPLE_HEAD_135, book)
    wb = load_book(book)
    ws = wb[L.TABLES["tblProgrammes"].sheet]
    first = L.TABLES["tblProgrammes"].first_row
    ws.delete_rows(first + 1)  # programme (2) and its lines go
    save_book(wb, book)
    for _ in range(3):
        refresh_file(book)
    rows = _clerk_column(book)
    assert typed <= set(rows)
    n02 = {f.ref.cell for f in _narrative_findings(book, "N02")}
    deleted = rows["Clerk's sentence on programme:2."]
    assert f"D{deleted}" in n02
    export = tmp_path / "folder"
    assert run(["export", str(book), "-o", str(export)]) in (0, 1)
    again = tmp_path / "again.xlsx"
    assert run(["build", str(export), "-o", str(again)]) in (0, 1)
    assert typed <= set(_clerk_column(again))
