"""Trial 9e item B: on the ribbon (values only) template formulas downstream of
a clerk's figure were flagged as constants typed over (T01 and C01) though they
still held the template's formula: Total, Capital Account (=SUM(D76,D80)) after
`=1500+1` typed over subhead 661's actual on the Report (the section total over
it was not flagged, the account total over that was); and, after a non-whole
`=SUM(F5:H5)/3` as subhead 000's Estimate (D05), Subhead000!G5 and the Report's
Total, Recurrent, "expected $31,680,138,000, found $31,680,137,666.6667". The
command line said only what the clerk did. Now the ribbon says the same: a total
that follows a clerk's figure follows it at every level, and a formula's value is
compared as printed (whole thousands). On Head 135, a generated Head and a real
Head-year, one book edited in LibreOffice and refreshed on each host. C01 no
longer calls the clerk's formula "a constant" (9e item G): a value or a formula
(a values-only host cannot tell which)."""

from __future__ import annotations

import shutil

import pytest

from workbook import layout as L
from workbook.io import load_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _edits(book, head) -> list[tuple]:
    """A formula of the clerk's over the first subhead line's actual on the
    Report, and a non-whole formula as the first line's Estimate."""
    spec = L.TABLES["tblSubheads"]
    line = head.subheads[0]
    report = load_book(book)[L.REPORT]
    row = next(
        r
        for r in range(1, report.max_row + 1)
        if report.cell(r, L.REPORT_KEY_COLUMN).value == f"subhead:{line.code}"
    )
    actual = line.value("actual") or 0
    estimate = line.value("estimate") or 0
    return [
        (L.REPORT, row, 4, f"={actual}+1"),
        (spec.sheet, spec.first_row, spec.col("estimate"), f"=({estimate}*3+1)/3"),
    ]


def _said(findings) -> set[tuple[str, str]]:
    return {(f.rule, str(f.ref)) for f in findings if f.severity.value != "info"}


def test_a_clerks_figure_is_said_once_on_both_hosts(libreoffice, tmp_path):
    for name, head, book in built_books(tmp_path, "both", seed=23, real_at=13):
        edited = libreoffice.edit(book, tmp_path / f"e-{book.name}", [],
                                  _edits(book, head))  # fmt: skip
        said = {}
        for host in HOSTS:
            copy = tmp_path / f"{host}-{edited.name}"
            shutil.copy(edited, copy)
            findings = refresh_on(host, copy, libreoffice, tmp_path)
            said[host] = _said(findings)
            for f in (f for f in findings if f.rule == "C01"):  # not "a constant"
                assert "value or a formula of the clerk's" in f.message_en, host
        assert said["openpyxl"] == said["remote"], name
        rules = {rule for rule, _ in said["remote"]}
        assert {"C01", "D05"} <= rules and "T01" not in rules, (name, said)
