"""Trial 10c item 1: New year's --actual put one Actual on every line sharing a
subhead code (Head 156: 661 twice, 976 three times: Total Actual $66m too high,
"12 lines filled" from a 10-line file), and refused the Government's own file
that gives each 976 line its Actual ("give each line's Actual once"). Now a code
the book gives several lines is matched by code and title, never by the code
alone; a row whose title names none of them is said, not applied. Proved on the
real Head-years that share codes, with the next year's published Actuals."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from estimates.source import write_source
from workbook.populate import rollforward_file
from workbook.refresh import build_file, check_file

from .conftest import head_from_published, published_heads


def _shared(record: dict) -> set[str]:
    codes = Counter(s[2] for s in record["subheads"] if "educt" not in s[3])
    return {code for code, n in codes.items() if n > 1}


def _pairs() -> list[str]:
    """Head-years with a shared code whose next year is published too."""
    heads = published_heads()
    keys = []
    for key, record in sorted(heads.items()):
        year, number = key.split("-")
        if _shared(record) and f"{int(year) + 1}-{number}" in heads:
            keys.append(key)
    return keys[:: max(1, len(keys) // 4)][:4]


def _actual_file(record: dict, path: Path) -> dict[tuple[str, str], int | None]:
    """The next year's published Actuals, a row a line (the Government's file)."""
    year = record["estimate_year"]
    actual_year = f"{int(year[:4]) - 2}-{int(year[5:]) - 2:02d}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Head", "Subhead", "Subhead Name",
                      f"Actual expenditure {actual_year}"])  # fmt: skip
        for _, _, code, title, actual, *_ in record["subheads"]:
            out.writerow([record["head"], code, title,
                          "-" if actual is None else f"{actual:,}"])  # fmt: skip
    return {(s[2], s[3]): s[4] for s in record["subheads"]}


@pytest.mark.parametrize("key", _pairs())
def test_each_line_sharing_a_code_gets_its_own_actual(key, tmp_path):
    heads = published_heads()
    record = heads[key]
    year, number = key.split("-")
    following = heads[f"{int(year) + 1}-{number}"]
    book = tmp_path / "last year.xlsx"
    write_source(head_from_published(record), tmp_path / "src")
    build_file(tmp_path / "src", book)
    given = _actual_file(following, tmp_path / "published actual.csv")
    out = tmp_path / "new year.xlsx"
    rollforward_file(book, out, actual_files=(tmp_path / "published actual.csv",))
    head = check_file(out).head
    shared = _shared(record)
    assert any(s.code in shared for s in head.subheads)
    for s in head.subheads:
        want = given.get((s.code, s.title_en))
        assert s.value("actual") == want, (key, s.code, s.title_en)
    filled = sum(1 for s in head.subheads if s.value("actual") is not None)
    assert filled == sum(1 for s in head.subheads
                         if given.get((s.code, s.title_en)) is not None)  # fmt: skip


def test_a_row_whose_title_names_no_line_of_a_shared_code_is_said(tmp_path):
    key = _pairs()[0]
    record = published_heads()[key]
    code = sorted(_shared(record))[0]
    book = tmp_path / "last year.xlsx"
    write_source(head_from_published(record), tmp_path / "src")
    build_file(tmp_path / "src", book)
    year = record["estimate_year"]
    path = tmp_path / "accounts.csv"
    path.write_text(
        f"Head,Subhead,Subhead Name,Actual {int(year[:4]) - 1}-{year[2:4]}\n"
        f"{record['head']},{code},Something else,1000\n"
        f"{record['head']},000,Operational expenses,2000\n",
        encoding="utf-8",
    )
    _, issues = rollforward_file(book, tmp_path / "next.xlsx", actual_files=(path,))
    assert [str(i) for i in issues] == [
        f"{path}: line 2: subhead {code!r} is on several lines of the book, and the"
        " title 'Something else' names none of them: not applied"
    ]
    lines = [s for s in check_file(tmp_path / "next.xlsx").head.subheads]
    assert all(s.value("actual") is None for s in lines if s.code == code)
    assert [s.value("actual") for s in lines if s.code == "000"] == [2000]
