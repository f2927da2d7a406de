"""A rolled-forward book exported mid-cycle builds back into the same book: its
head.toml says which year it was rolled from, so the empty Actual, Revised and
Estimate stay "to be keyed" (F01), not nil (Head 135 and generated Heads)."""

import pytest

from estimates.source import SAMPLE_HEAD_135, SourceError, load_source
from workbook.cli import run
from workbook.io import save_book
from workbook.refresh import build_workbook, check_file

from .generated_heads import write_head


def _cells(findings, rule):
    return sorted((f.sheet, f.cell) for f in findings if f.rule == rule)


@pytest.mark.parametrize("seed", [0, 4, 21])
def test_export_then_build_of_a_rolled_book_keeps_every_f01(seed, tmp_path):
    source = SAMPLE_HEAD_135 if seed == 0 else write_head(tmp_path / "g", seed)
    book = tmp_path / "last.xlsx"
    save_book(build_workbook(load_source(source))[0], book)
    rolled = tmp_path / "rolled.xlsx"
    assert run(["rollforward", str(book), "-o", str(rolled)]) == 0
    before = check_file(rolled)
    assert _cells(before.findings, "F01")
    folder = tmp_path / "folder"
    assert run(["export", str(rolled), "-o", str(folder)]) in (0, 1)
    assert 'rolled_from = "' in (folder / "head.toml").read_text(encoding="utf-8")
    assert load_source(folder).rolled_from == before.head.rolled_from
    again = tmp_path / "again.xlsx"
    assert run(["build", str(folder), "-o", str(again)]) in (0, 1)
    after = check_file(again)
    assert _cells(after.findings, "F01") == _cells(before.findings, "F01")
    assert after.head.rolled_from == before.head.rolled_from


def test_a_bad_rolled_from_year_names_the_file(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for f in SAMPLE_HEAD_135.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    toml = folder / "head.toml"
    toml.write_text(
        'rolled_from = "last year"\n' + toml.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"head\.toml: rolled_from"):
        load_source(folder)
