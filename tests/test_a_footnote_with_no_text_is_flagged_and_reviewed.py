"""Trial 10d item 5: Import turned a published `208,988 Φ` into a footnote with
no text; nothing said the note was still to key (no finding at all), and New year
moved its column on with no review mark (an empty text cannot be marked). Now a
footnote mark with no text in either language is F03 (warning) at the mark, and
New year carries it as a draft, the review mark alone in both languages (F02),
F03 staying until the text is keyed. Head 135, a generated Head and a real
Head-year; New year on both hosts (CLI and the ribbon on the remote engine)."""

from __future__ import annotations

import pytest

from estimates.model import Footnote
from estimates.rollforward import DRAFT
from workbook.io import save_book
from workbook.refresh import build_workbook, check_file

from .generated_heads import three_heads
from .test_new_year_does_not_carry_a_constant_typed_over_a_total import REMOTE, _roll

MARK = "※"


def _at(findings, rule: str) -> list[tuple[str, str]]:
    return [(str(f.ref), f.severity) for f in findings if f.rule == rule
            and f.ref is not None and MARK in f.message_en]  # fmt: skip


@pytest.mark.parametrize("host", ["cli", REMOTE])
def test_a_mark_with_no_text_is_f03_and_new_year_marks_it_for_review(
    host, tmp_path, request
):
    libreoffice = request.getfixturevalue("libreoffice") if host == "remote" else None
    for name, head in three_heads(tmp_path, seed=9, real_at=7).items():
        head.footnotes.append(Footnote(MARK, "programme_total", ("revised",)))
        book = tmp_path / f"{name}.xlsx"
        save_book(build_workbook(head)[0], book)
        last = check_file(book)
        [(mark_cell, severity)] = _at(last.findings, "F03")
        assert severity.value == "warning", name
        assert [n.text_en for n in last.head.footnotes if n.mark == MARK] == [""]
        out = tmp_path / f"{name}-next.xlsx"
        _roll(host, book, out, libreoffice, tmp_path / name)
        new = check_file(out)
        [note] = [n for n in new.head.footnotes if n.mark == MARK]
        assert (note.text_en.strip(), note.text_zh.strip()) == (DRAFT.strip(),) * 2
        assert note.columns == ("actual",)  # moved on with the years
        assert _at(new.findings, "F02") == [(mark_cell, new_severity("F02"))], name
        assert _at(new.findings, "F03") == [(mark_cell, severity)], name


def new_severity(rule: str):
    from estimates.rules.catalogue import RULES

    return RULES[rule].severity
