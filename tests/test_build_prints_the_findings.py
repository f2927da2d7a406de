"""Issue 10 Left 2 (trial 10f item 10): `estimates build` printed only the counts
("1 error(s), 13 warning(s)"), never the findings, while refresh and demo list
each one; a clerk had to run check to learn what was wrong. Now build lists every
finding as refresh does (severity, rule, cell, message), the same ones check
finds in the built book. Head 135, a generated Head and a real Head-year, each
with a Chinese title left out (D06) and a programme's Estimate changed (T03)."""

from __future__ import annotations

import io
from dataclasses import replace

from estimates.source import write_source
from workbook.cli import run
from workbook.refresh import check_file

from .generated_heads import three_heads


def test_build_lists_each_finding_as_refresh_does(tmp_path):
    for name, head in three_heads(tmp_path, seed=59, real_at=10).items():
        first = head.programmes[0]
        *others, estimate = first.amounts
        more = replace(estimate, value=(estimate.value or 0) + 1000)
        head.programmes[0] = replace(first, title_zh="", amounts=(*others, more))
        folder = tmp_path / f"{name} src"
        write_source(head, folder)
        out, book = io.StringIO(), tmp_path / f"{name}.xlsx"
        assert run(["build", str(folder), "-o", str(book)], out=out) == 1, name
        lines = out.getvalue().splitlines()
        findings = check_file(book).findings
        assert {"D06", "T03"} <= {f.rule for f in findings}, name
        assert len(lines) == 1 + len(findings), (name, lines)
        for f, line in zip(findings, lines[1:], strict=True):
            where = f"{f.sheet}!{f.cell}" if f.cell else (f.sheet or "-")
            assert line.split()[:3] == [f.severity.value, f.rule, where], (name, line)
            assert line.endswith(f.message_en), (name, line)
