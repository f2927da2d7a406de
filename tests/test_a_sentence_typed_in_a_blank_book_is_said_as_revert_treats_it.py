"""Trial 10e item 1 (note5 "Issue 10" Left 1), in part: a clerk's sentence typed
in Narrative column D of a blank book was replaced by Import, and its C02 said
"Revert cannot put it back this time" while Revert did put it back. An Import is
undone whole by its own Revert, so its C02s now say Revert puts the text back,
which it does. On the Head 135 sample and a generated Head (file host)."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.build import new_template
from workbook.checks import CANNOT_PUT_BACK, PUTS_BACK
from workbook.io import load_book, save_book
from workbook.refresh import revert_file

from .generated_heads import write_head
from .hosts import import_on_file

TEXT = "My sentence in a blank book."


@pytest.mark.parametrize("kind", ["sample", "generated"])
def test_an_imports_c02_says_revert_puts_the_text_back(kind, tmp_path):
    from estimates.source import SAMPLE_HEAD_135

    folder = SAMPLE_HEAD_135 if kind == "sample" else write_head(tmp_path / "g", 7)
    book = tmp_path / "blank.xlsx"
    save_book(new_template(), book)
    wb = load_book(book)
    wb[L.NARRATIVE]["D5"] = TEXT
    save_book(wb, book)
    done, _ = import_on_file(book, [folder])
    c02 = [
        f
        for f in done.findings
        if (f.rule, f.sheet, f.cell) == ("C02", L.NARRATIVE, "D5")
    ]
    assert c02 and PUTS_BACK[0] in c02[0].message_en, kind
    assert CANNOT_PUT_BACK[0] not in c02[0].message_en
    assert revert_file(book) > 0
    assert load_book(book)[L.NARRATIVE]["D5"].value == TEXT
