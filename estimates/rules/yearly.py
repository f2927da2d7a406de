"""The yearly cycle: what a rolled-forward book leaves for the clerk.

F01 (info): a figure to key after rolling forward: an Actual, Revised or Estimate
    amount still nil, the net change in posts, directorate posts at end, the ceiling.
F02 (info): carried-over text (a footnote, a narrative sentence) still marked for
    review.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import COLUMNS, Head
from ..results import Results
from ..rollforward import DRAFT, TO_KEY
from .text import finding

COLUMN_WORDS = {
    "actual": ("Actual", "實際"),
    "revised": ("Revised", "修訂"),
    "estimate": ("Estimate", "預算"),
}
COUNTS = {
    "net_change": ("the net change in posts", "職位淨變動"),
    "directorate_end": ("directorate posts at end", "年終首長級職位"),
    "ceiling": ("the establishment ceiling", "編制上限"),
}


def _lines(head: Head):
    for p in head.programmes:
        yield f"programme {p.number}", f"綱領 {p.number}", p.amounts
    for s in head.subheads:
        yield f"subhead {s.code} {s.title_en}", f"分目 {s.code} {s.title_zh}", s.amounts
    for b in head.breakdown:
        yield f"subhead 000 item {b.item_en}", f"分目 000 項目 {b.item_zh}", b.amounts


def _to_fill(head: Head) -> list[Finding]:
    out = []
    since = head.rolled_from
    for en, zh, amounts in _lines(head):
        for column in TO_KEY:
            amount = amounts[COLUMNS.index(column)]
            if amount.value is not None:
                continue
            word_en, word_zh = COLUMN_WORDS[column]
            out.append(finding(
                "F01", amount.ref,
                f"{word_en} of {en} is to be keyed (the book was rolled forward"
                f" from {since}): expected a figure, found nil (—).",
                f"{zh}的{word_zh}數字尚待輸入(本工作簿由 {since} 年度結轉):"
                "應為 數字,現為 空白(—)。",
                "a figure", "nil (—)",
            ))  # fmt: skip
    for key, (en, zh) in COUNTS.items():
        count = getattr(head.establishment, key)
        if count.value is None:
            out.append(finding(
                "F01", count.ref,
                f"{en.capitalize()} is to be keyed for {head.estimate_year} (the"
                f" book was rolled forward from {since}): expected a figure, found"
                " nil (—).",
                f"{head.estimate_year} 年度的{zh}尚待輸入(本工作簿由 {since} 年度結轉):"
                "應為 數字,現為 空白(—)。",
                "a figure", "nil",
            ))  # fmt: skip
    return out


def _texts(head: Head):
    for note in head.footnotes:
        yield f"footnote {note.mark}", f"註釋 {note.mark}", note.text_en, note.ref
        yield f"footnote {note.mark}", f"註釋 {note.mark}", note.text_zh, note.ref
    for key, (text, ref) in head.narrative.items():
        yield f"narrative sentence {key}", f"說明句子 {key}", text, ref


def _to_review(head: Head) -> list[Finding]:
    out, seen = [], set()
    for en, zh, text, ref in _texts(head):
        if not text.startswith(DRAFT) or (en, ref) in seen:
            continue
        seen.add((en, ref))
        out.append(finding(
            "F02", ref,
            f"The {en} was carried over from last year: expected reviewed text,"
            f" found a draft. Review it, then delete {DRAFT.strip()!r}.",
            f"{zh}由上年度結轉:應為 已覆核文字,現為 草稿。"
            f"請覆核,然後刪除 {DRAFT.strip()!r}。",
            "reviewed text", "a draft",
        ))  # fmt: skip
    return out


def check(head: Head, results: Results) -> list[Finding]:
    """F01 on a rolled-forward book's figures still to key; F02 on drafts anywhere."""
    return (_to_fill(head) if head.rolled_from else []) + _to_review(head)
