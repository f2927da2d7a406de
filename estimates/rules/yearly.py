"""The yearly cycle: what a rolled-forward book leaves for the clerk.

F01 (info): a figure to key. In a rolled-forward book: an Actual, Revised or
    Estimate left blank, an Original whose Estimate was blank last year, the net
    change in posts, directorate posts at end, the ceiling. In any book: a blank
    Estimate (New year would roll it into a blank Original); any blank figure the
    COR prints (a programme's or subhead's), which prints blank, not as the keyed
    nil's "—"; a blank net change while posts at start are keyed (New year adds
    the two). A nil keyed as ``-`` is a figure, not a blank.
F02 (info): carried-over text (a footnote, a narrative sentence, the establishment
    note) still marked for review.
F03 (warning): a footnote mark with no text in either language (an imported
    ``208,988 Φ``): nothing explains the mark on the figure.
"""

from __future__ import annotations

from ..findings import Finding
from ..model import COLUMNS, Head
from ..results import Results
from ..rollforward import CARRIED, DRAFT, is_draft, undrafted
from .text import finding

COLUMN_WORDS = {
    "actual": ("Actual", "實際"),
    "original": ("Original", "原來預算"),
    "revised": ("Revised", "修訂"),
    "estimate": ("Estimate", "預算"),
}
COUNTS = {
    "net_change": ("the net change in posts", "職位淨變動"),
    "directorate_end": ("directorate posts at end", "年終首長級職位"),
    "ceiling": ("the establishment ceiling", "編制上限"),
}

ESTABLISHMENT = {
    **COUNTS,
    "posts_start": ("posts at start", "年初職位"),
    "directorate_start": ("directorate posts at start", "年初首長級職位"),
}
"""Every establishment count, in words."""


def _lines(head: Head):
    """Each line's words, figures and whether the COR prints its four figures
    (a programme, a subhead; not the breakdown of subhead 000)."""
    for p in head.programmes:
        en, zh = _named("programme", "綱領", p.number, p.ref)
        yield en, zh, p.amounts, True
    for s in head.subheads:
        en, zh = _named("subhead", "分目", s.code, s.ref)
        yield (
            f"{en} {s.title_en}".strip(),
            f"{zh} {s.title_zh}".strip(),
            s.amounts,
            True,
        )
    for b in head.breakdown:
        en, zh = f"subhead 000 item {b.item_en}", f"分目 000 項目 {b.item_zh}"
        yield en, zh, b.amounts, False


def _named(en: str, zh: str, number: str, ref) -> tuple[str, str]:
    """``programme 2``; a row with no number keyed names its row's cell instead
    (it said "programme  is blank", naming nothing)."""
    if number.strip() or ref is None:
        return f"{en} {number}".strip(), f"{zh} {number}".strip()
    return f"the {en} with no number at {ref}", f"{ref} 未編號的{zh}"


def _to_fill(head: Head) -> list[Finding]:
    out = []
    since = head.rolled_from
    for en, zh, amounts, printed in _lines(head):
        for column in COLUMNS if since or printed else ("estimate",):
            amount = amounts[COLUMNS.index(column)]
            if amount.blank:
                out.append(_blank(column, en, zh, amount, since))
    est = head.establishment
    if not since:
        return out + _half_keyed(head)
    if est.posts_start.value is None and not head.posts:
        return out  # a Head with no establishment has none to key (trial 10c 17)
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


def _half_keyed(head: Head) -> list[Finding]:
    """F01 at a blank count New year makes next year's from with another that is
    keyed (posts at start + net change, ``CARRIED``): New year refuses until it
    is keyed (trial 10e item 4: the posts were lost without a word)."""
    out = []
    for name, sources in CARRIED["head"].items():
        counts = [(a.split(".")[-1], getattr(head.establishment, a.split(".")[-1]))
                  for a in sources if a.startswith("establishment.")]  # fmt: skip
        keyed = [(k, c) for k, c in counts if c.value is not None]
        if len(counts) < 2 or not keyed:
            continue
        (has, value), made = keyed[0], name.split(".")[-1]
        for key, count in counts:
            if count.value is None:
                out.append(_half(key, has, value.value, made, count))
    return out


def _half(key: str, has: str, value: int, made: str, count) -> Finding:
    (en, zh), (has_en, has_zh) = ESTABLISHMENT[key], ESTABLISHMENT[has]
    made_en, made_zh = ESTABLISHMENT[made]
    return finding(
        "F01", count.ref,
        f"{en.capitalize()} is blank while {has_en} is {value:,}: expected a"
        f" figure (0 for none), found a blank cell. New year makes next year's"
        f" {made_en} from both and refuses until it is keyed.",
        f"{zh}為空白,但{has_zh}為 {value:,}:應為 數字(如無則輸入 0),現為 空白"
        f"儲存格。「新年度」須以兩者計算下年度的{made_zh},未輸入前不會執行。",
        "a figure (0 for none)", "a blank cell",
    )  # fmt: skip


def _blank(column: str, en: str, zh: str, amount, since: str) -> Finding:
    """F01 at a blank figure: in a rolled-forward book, one still to key (an
    Original whose Estimate last year was blank); else a blank Estimate, which
    New year would roll into a blank Original."""
    word_en, word_zh = COLUMN_WORDS[column]
    found_en, found_zh = (
        (f"the text {amount.found!r}", f"文字 {amount.found!r}")
        if amount.found
        else ("a blank cell", "空白儲存格")
    )
    if not since:
        why_en, why_zh = (
            (" New year leaves next year's Original of a blank Estimate to key.",
             "「新年度」會把空白預算的原來預算留待輸入。")
            if column == "estimate"
            else (f" The COR prints it as '?{amount.found}', not a figure.",
                  f"COR 會把它印作「?{amount.found}」,而非數字。")
            if amount.found
            else (" The COR prints it blank, not as a nil (—).",
                  "COR 會把它印作空白,而非無(—)。")
        )  # fmt: skip
        return finding(
            "F01", amount.ref,
            f"{word_en} of {en} is {'not keyed' if amount.found else 'blank'}:"
            f" expected a figure (or - for nil), found {found_en}.{why_en}",
            f"{zh}的{word_zh}{'未有輸入' if amount.found else '為空白'}:應為"
            f" 數字(或以 - 表示無),現為 {found_zh}。{why_zh}",
            "a figure (or - for nil)", found_en,
        )  # fmt: skip
    why_en, why_zh = (
        (f" ({since}'s book gave no Estimate for it: a line new this year, or"
         " one whose Estimate was left blank)",
         f"({since} 年度的工作簿沒有其預算:屬本年度新增的項目,或上年度預算留空)")
        if column == "original"
        else (f" (the book was rolled forward from {since})",
              f"(本工作簿由 {since} 年度結轉)")
    )  # fmt: skip
    return finding(
        "F01", amount.ref,
        f"{word_en} of {en} is to be keyed{why_en}: expected a figure (or - for"
        f" nil), found {found_en}.",
        f"{zh}的{word_zh}數字尚待輸入{why_zh}:應為 數字(或以 - 表示無),"
        f"現為 {found_zh}。",
        "a figure (or - for nil)", found_en,
    )  # fmt: skip


def _texts(head: Head):
    for note in head.footnotes:
        yield f"footnote {note.mark}", f"註釋 {note.mark}", note.text_en, note.ref
        yield f"footnote {note.mark}", f"註釋 {note.mark}", note.text_zh, note.ref
    for key, (text, ref) in head.narrative.items():
        yield f"narrative sentence {key}", f"說明句子 {key}", text, ref
    est = head.establishment
    for attr in ("note_en", "note_zh"):
        text = getattr(est, attr)
        yield "establishment note", "編制附註", text, est.refs.get(attr)


def _to_review(head: Head) -> list[Finding]:
    out, seen = [], set()
    for en, zh, text, ref in _texts(head):
        if not is_draft(text) or (en, ref) in seen:
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


def _unexplained(head: Head) -> list[Finding]:
    """F03 at each footnote's mark whose text is empty in both languages."""
    return [
        finding(
            "F03",
            note.ref,
            f"The footnote {note.mark} explains the mark on the figures it is on:"
            " expected its text (English or Chinese), found none. Key the text,"
            " or remove the footnote and the mark.",
            f"註釋 {note.mark} 須說明數字上的標記:應為 註釋文字(英文或中文),"
            "現為 沒有文字。請輸入文字,或刪除該註釋及標記。",
            "its text",
            "none",
        )
        for note in head.footnotes
        if note.mark.strip()
        and not (undrafted(note.text_en) or undrafted(note.text_zh))
    ]


def check(head: Head, results: Results) -> list[Finding]:
    """F01 on figures still to key (every blank figure of a rolled-forward book;
    a blank Estimate in any book); F02 on drafts anywhere; F03 on a footnote
    with no text."""
    return _to_fill(head) + _to_review(head) + _unexplained(head)
