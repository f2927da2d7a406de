"""Issue 10 Left 2 (trial 10f item 10): an unclosed quote ("185 on line 2) was
reported lines later, where the record happened to end, as "line 4: a long
row: 13 cells". Now the row is named by the line it starts on, and the message
says a quote opened there is not closed: in a published file (import), a source
folder (build) and a file of actual expenditure (rollforward --actual). Head
135, a generated Head and a real Head-year."""

from __future__ import annotations

import csv

from estimates.source import write_source
from workbook.io import save_book
from workbook.refresh import build_workbook

from .generated_heads import three_heads
from .hosts import cli_said
from .test_import_of_one_file_replaces_only_its_tables import published

OPENED = 'line 2: a quote (") opened on this line is not closed'


def _open_a_quote(path) -> None:
    """Line 2's first cell keyed with an opening quote and no closing one (its
    other cells plain); the lines below as they were, and a last one with a
    quoted cell, where the record then ends."""
    lines = path.read_text("utf-8-sig").splitlines()
    [cells] = csv.reader([lines[1]])
    lines[1] = ",".join(['"' + cells[0], *(c.replace(",", "") for c in cells[1:])])
    path.write_text("\n".join([*lines, f'"{cells[0]}",x']) + "\n", encoding="utf-8")


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path):
    for name, head in three_heads(tmp_path, seed=53, real_at=8).items():
        folder = tmp_path / f"{name} src"
        write_source(head, folder)
        _open_a_quote(folder / "programmes.csv")
        code, said = cli_said("build", folder, "-o", tmp_path / f"{name}.xlsx")
        assert code == 2, (name, said)
        assert any(f"programmes.csv: {OPENED}" in line for line in said), (name, said)

        files = published(head, tmp_path / f"{name} pub")
        _open_a_quote(files[1])
        year = ("--head", head.head, "--year", head.estimate_year)
        code, said = cli_said("import", *files, *year, "-o", tmp_path / f"{name} i")
        assert any(f"es.csv: {OPENED}" in line for line in said), (name, said)

        book = tmp_path / f"{name} book.xlsx"
        save_book(build_workbook(head)[0], book)
        actual = tmp_path / f"{name} actual.csv"
        lines = [[s.code, s.title_en or s.code, "5"] for s in head.subheads]
        rows = [["Subhead", "Subhead Name", "Actual"], *lines]
        actual.write_text("\n".join(",".join(r) for r in rows) + "\n", "utf-8")
        _open_a_quote(actual)
        code, said = cli_said("rollforward", book, "-o", tmp_path / f"{name} n.xlsx",
                              "--actual", actual)  # fmt: skip
        assert any("actual.csv: " in line and OPENED in line for line in said), (
            name, said)  # fmt: skip
