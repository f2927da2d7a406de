"""The narrative, from the figures, in Traditional Chinese and English: Head 135's
sentences character for character as the seed prints them (up to the clerk's
reason; a sentence the clerk leaves as it is ends with its full stop, 。 in Chinese;
read as printed, its no-break characters as plain text), the live formulas giving the same text in a real engine, and a clerk's
edited sentence read back against the tables."""

import pytest
from openpyxl import load_workbook

from estimates.narrative import plain, sentences
from estimates.results import compute
from workbook.io import load_book, save_book
from workbook.refresh import check_file, refresh_file

SEED_ZH = {
    "programme:1": "二零二五至二六年度的撥款較二零二四至二五年度的修訂預算增加 140 萬元(6.1%)。",
    "programme:2": "二零二五至二六年度的撥款較二零二四至二五年度的修訂預算增加 3,470 萬元(16.5%)。",
    "programme_posts:2": "在二零二五至二六年度會淨減少 1 個職位。",
    "head_total": "二零二五至二六年度創新科技及工業局(創科及工業局)所需的薪金及開支預算為"
    " 269,731,000 元,較二零二四至二五年度的修訂預算減少 59,774,000 元,而較二零二三至"
    "二四年度的實際開支減少 294,793,000 元。",
    "directorate": "此外,預算於二零二五年三月三十一日及二零二六年三月三十一日設有 9 個"
    "首長級職位。",
}
SEED_EN = {
    "programme:1": "Provision for 2025-26 is $1.4 million (6.1%) higher than the revised"
    " estimate for 2024-25.",
    "programme:2": "Provision for 2025-26 is $34.7 million (16.5%) higher than the revised"
    " estimate for 2024-25.",
    "programme_posts:2": "There will be a net decrease of one post in 2025-26.",
    "directorate": "In addition, there will be an estimated nine directorate posts as at"
    " 31 March 2025 and as at 31 March 2026.",
    "ceiling": "Establishment ceiling 2025-26 (notional annual mid-point salary value)"
    " representing an estimated 70 non-directorate posts as at 31 March 2025 reducing"
    " by one post to 69 posts as at 31 March 2026 ..... $52.0m",
}


def _sentences(head):
    return {s.key: s for s in sentences(head, compute(head))}


def test_chinese_lines_reproduce_the_seed(sample_head):
    got = _sentences(sample_head)
    for key, text in SEED_ZH.items():
        assert plain(got[key].zh) == text, key
    s000 = plain(got["subhead_000"].zh)
    assert s000.startswith("在分目 000 運作開支項下的撥款 175,587,000 元")
    assert s000.endswith("較二零二四至二五年度的修訂預算減少 67,913,000 元(27.9%)。")


def test_english_equivalents(sample_head):
    got = _sentences(sample_head)
    for key, text in SEED_EN.items():
        assert plain(got[key].en) == text, key
    assert plain(got["head_total"].en) == (
        "The estimate of the amount required in 2025-26 for the salaries and expenses"
        " of the Innovation, Technology and Industry Bureau is $269,731,000. This"
        " represents a decrease of $59,774,000 against the revised estimate for 2024-25"
        " and of $294,793,000 against the actual expenditure in 2023-24."
    )
    assert plain(got["subhead_000"].en) == (
        "Provision of $175,587,000 under Subhead 000 Operational expenses is for the"
        " salaries, allowances and other operating expenses of the Innovation,"
        " Technology and Industry Bureau. Provision is $67,913,000 (27.9%) lower than"
        " the revised estimate for 2024-25."
    )


@pytest.mark.engine
def test_the_live_formulas_give_the_core_sentences(sample_book, libreoffice, tmp_path):
    outcome = check_file(sample_book)
    expected = _sentences(outcome.head)
    wb = load_workbook(
        libreoffice.recalculate(sample_book, tmp_path / "lo"), data_only=True
    )
    ws = wb["Narrative"]
    seen = 0
    for r in range(5, ws.max_row + 1):
        key = ws.cell(r, 6).value
        if key:
            assert ws.cell(r, 2).value == expected[key].en, key
            assert ws.cell(r, 3).value == expected[key].zh, key
            seen += 1
    assert seen == len(expected) == 7


def _row(book, key):
    ws = load_book(book)["Narrative"]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == key)


def test_a_clerks_sentence_is_kept_and_checked(sample_book):
    row = _row(sample_book, "programme:2")
    wb = load_book(sample_book)
    right = (
        SEED_ZH["programme:2"][:-1] + ",主要由於科技統籌(整體撥款)所需的現金流量增加。"
    )
    wrong = "Provision for 2025-26 is $37.4 million (16.5%) higher, mainly due to ..."
    wb["Narrative"].cell(row, 4).value = right
    wb["Narrative"].cell(row + 1, 4).value = "在二零二五至二六年度會淨減少 1 個職位。"
    save_book(wb, sample_book)
    findings = refresh_file(sample_book).findings
    assert [f for f in findings if f.rule == "N01"] == []
    assert load_book(sample_book)["Narrative"].cell(row, 4).value == right  # kept

    wb = load_book(sample_book)
    wb["Narrative"].cell(row, 4).value = wrong
    wb["Narrative"].cell(row + 1, 4).value = "在二零二五至二六年度會淨減少 2 個職位"
    save_book(wb, sample_book)
    n01 = [f for f in refresh_file(sample_book).findings if f.rule == "N01"]
    assert [(f.sheet, f.cell) for f in n01] == [
        ("Narrative", f"D{row}"),
        ("Narrative", f"D{row + 1}"),
    ]
    assert (
        "expected $34.7 million, found $37.4 million (difference $2.7 million)"
        in n01[0].message_en
    )
    assert "應為 3,470 萬元,現為 3,740 萬元(相差 270 萬元)" in n01[0].message_zh
    assert "expected 1 post, found 2 posts (difference 1 post)" in n01[1].message_en
    assert "應為 1 個職位,現為 2 個職位(相差 1 個職位)" in n01[1].message_zh
    assert {c.sheet for c in n01[1].cells} == {"Narrative", "Establishment"}
    assert [str(c) for c in n01[0].cells][1:] == ["Programmes!F9", "Programmes!G9"]
    cell = load_book(sample_book)["Narrative"].cell(row, 4)
    assert cell.value == wrong and cell.fill.fgColor.rgb == "FFFFC7CE"


@pytest.mark.engine
def test_the_head_summary_shows_the_ceiling_line_in_both_languages(
    sample_book, libreoffice, tmp_path
):
    wb = load_workbook(
        libreoffice.recalculate(sample_book, tmp_path / "lo"), data_only=True
    )
    head = wb["Head"]
    assert plain(head["F7"].value) == SEED_EN["ceiling"]
    assert head["F8"].value.startswith(
        "二零二五至二六年度的編制上限(按薪級中點估計的年薪值)"
    )
    assert plain(head["F8"].value).endswith("..... 5,200 萬元")
    assert plain(head["F9"].value) == SEED_EN["directorate"]
    assert plain(head["F10"].value) == SEED_ZH["directorate"]
