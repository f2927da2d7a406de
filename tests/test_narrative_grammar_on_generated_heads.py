"""Property: on generated Heads the narrative is grammatical in both languages for
every count (0, 1, 2-9, 10 and over), zero change and a nil base: numbers under ten
spelt out in English, "post" singular for one, no "an estimated no", no "$0", no
"(0.0%)", no "0 個" or "增加 0"; and together the Heads cover every one of the forms."""

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from estimates.narrative import (
    ceiling_zh,
    directorate_en,
    directorate_zh,
    plain,
    sentences,
)
from estimates.results import compute
from estimates.source import load_source

from .generated_heads import write_head

BAD_EN = [
    r"an estimated no\b",
    r"\bone (?:[\w-]+ )?posts\b",
    r"\b[2-9] (?:[\w-]+ )?posts?\b",
    r"\b1 (?:[\w-]+ )?posts?\b",
    r"\$0(?![\d.,])",
    r"\$0\.0 million",
    r"\(0\.0%\)",
    r"\(-",
    r"\$-",
    r"of \$0,",
]
BAD_ZH = [
    r"(?<![\d,.])0 個",
    r"增加 0(?![\d.,])",
    r"減少 0(?![\d.,])",
    r"\(0\.0%\)",
    r"-",
    r"於於",  # "相等於於…" where the establishment did not change (trial 11d item 5)
]


def _sentences(seed: int):
    folder = write_head(Path(tempfile.mkdtemp()) / "head", seed)
    head = load_source(folder)
    return head, sentences(head, compute(head))


def _check(sentence) -> None:
    en, zh = plain(sentence.en), plain(sentence.zh)  # as printed
    for pattern in BAD_EN:
        assert not re.search(pattern, en), (pattern, en)
    for pattern in BAD_ZH:
        assert not re.search(pattern, zh), (pattern, zh)
    assert en.endswith((".", "m")), en


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 100_000))
def test_every_generated_sentence_is_grammatical(seed):
    _, lines = _sentences(seed)
    assert lines
    for sentence in lines:
        _check(sentence)


def _forms(lines) -> set[str]:
    forms = set()
    for s in lines:
        key, en = s.key.split(":")[0], plain(s.en)
        for word, n in (("no", 0), ("one", 1), ("two", 2), ("seven", 7), ("12", 12)):
            if re.search(rf"\b{word} (?:[\w-]+ )?posts?\b", en):
                forms.add(f"{key}:{n}")
        if "same as" in en or "no change" in en:
            forms.add(f"{key}:zero change")
        if key == "programme" and "%" not in en and "same as" not in en:
            forms.add("programme:no percentage")
    return forms


def test_the_generated_heads_cover_every_form():
    seen = set()
    for seed in range(40):
        seen |= _forms(_sentences(seed)[1])
    for count in (0, 1, 2, 7, 12):
        assert f"directorate:{count}" in seen
    for count in (1, 2, 7, 12):
        assert f"programme_posts:{count}" in seen
    for key in ("programme", "head_total", "subhead_000"):
        assert f"{key}:zero change" in seen
    assert "programme:no percentage" in seen  # a nil revised estimate


def test_directorate_line_for_each_count():
    assert plain(directorate_en("2025-26", 0, 0)) == (
        "In addition, there will be no directorate posts as at 31 March 2025 and as"
        " at 31 March 2026."
    )
    assert plain(directorate_en("2025-26", 1, 1)).startswith(
        "In addition, there will be an estimated one directorate post as at"
    )
    assert plain(directorate_en("2025-26", 12, 0)).endswith(
        "an estimated 12 directorate posts as at 31 March 2025 and none as at"
        " 31 March 2026."
    )
    assert plain(directorate_en("2025-26", 2, 3)).endswith(
        "an estimated two directorate posts as at 31 March 2025 and three as at"
        " 31 March 2026."
    )
    assert plain(directorate_zh("2025-26", 0, 0)) == (
        "此外,預算於二零二五年三月三十一日及二零二六年三月三十一日不設首長級職位。"
    )
    assert plain(directorate_zh("2025-26", 0, 2)) == (
        "此外,預算於二零二五年三月三十一日不設首長級職位,"
        "於二零二六年三月三十一日設有 2 個首長級職位。"
    )


def test_an_unchanged_establishment_reads_once_on_its_dates():
    said = plain(ceiling_zh("2025-26", 78, 78, 52_000_000))
    dates = "二零二五年三月三十一日及二零二六年三月三十一日"
    assert f"相等於{dates}的 78 個非首長級職位" in said
