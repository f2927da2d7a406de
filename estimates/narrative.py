"""Sentences the COR prints about a change, in English and Traditional Chinese.

"Provision for 2025-26 is $1.4 million (6.1%) higher than the revised estimate for
2024-25." and
"二零二五至二六年度的撥款較二零二四至二五年度的修訂預算增加 140 萬元(6.1%)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .figures import key as figure_key
from .figures import programme_ids
from .model import COLUMNS
from .money import percent_change, round_half_up
from .years import first_year, is_year, previous_year

_DIGITS = "零一二三四五六七八九"
NO_BREAK = "\u00a0"
"""The space between a number and its unit ("140 萬元", "$1.4 million"): no line
breaks there, in Excel or LibreOffice. The only character the sentences hold that
a reader does not see: ``plain`` takes it out of every message and report."""
HIDDEN = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
"""Characters no reader sees and no sentence needs (a word joiner, zero-width
spaces and joiners, a soft hyphen, a byte-order mark): Excel's Find misses a word
holding one, and a paste into Word carries it (trial 11d item 17)."""


def plain(text: str) -> str:
    """A sentence as a reader sees it: no-break spaces as spaces, no hidden
    characters."""
    return HIDDEN.sub("", text).replace(NO_BREAK, " ")


def year_en(year: str) -> str:
    """``2025-26`` as the English text prints it: as the seed and the tables write
    it (a hyphen between digits never ends a line: Unicode line breaking keeps
    ``2025-26`` whole, where an en dash needed a hidden word joiner)."""
    return year


def wan_zh(millions: Decimal) -> str:
    """$ million in 萬元 as a Chinese COR writes them: ``140 萬元``, ``3,470 萬元``,
    ``2億6,430 萬元``, ``3億元``."""
    wan = int(round_half_up(abs(Decimal(millions)) * 100, 0))
    yi, rest = divmod(wan, 10_000)
    if not yi:
        return f"{wan:,}{NO_BREAK}萬元"
    return f"{yi:,}億元" if not rest else f"{yi:,}億{rest:,}{NO_BREAK}萬元"


def head_name_en(head) -> str:
    """The Head's owner as a sentence names it: "the Innovation ... Bureau", or,
    with no department name, "Head 33" (never "the Head 33")."""
    name = head.department_en or head.title_en
    if not name or re.fullmatch(r"Head\s*\d+", name):
        return f"Head{NO_BREAK}{head.head}"
    return f"the {name}"


def head_name_zh(head, short: bool = False) -> str:
    """``創新科技及工業局``, or with no department name ``總目 33 ``."""
    name = (head.department_short_zh if short else "") or head.department_zh
    name = name or head.title_zh
    if not name or re.fullmatch(r"總目\s*\d+", name):
        return f"總目{NO_BREAK}{head.head} "
    return name


def year_zh(year: str) -> str:
    """``2025-26`` as ``二零二五至二六年度``."""
    first, _, second = year.partition("-")
    spell = "".join(_DIGITS[int(d)] for d in first if d.isdigit())
    return f"{spell}至{''.join(_DIGITS[int(d)] for d in second if d.isdigit())}年度"


def _pct_en(new, base) -> str:
    """`` (6.1%)``; nothing against a nil base, or for a change under 0.05%."""
    pct = percent_change(new, base)
    return "" if not pct else f" ({abs(pct)}%)"


def _pct_zh(new, base) -> str:
    pct = percent_change(new, base)
    return "" if not pct else f"({abs(pct)}%)"


def change_en(new: Decimal | None, base: Decimal | None, year: str) -> str:
    """The English change sentence for a programme's Estimate against its Revised.
    A nil figure (``None``) is not zero: against a nil Revised, or of a nil
    Estimate, there is no change to quote, and the sentence says which is nil
    (docs/DOMAIN.md, "Numbers"); both nil are the same."""
    prior = year_en(previous_year(year))
    if base is None and new is not None:
        return (
            f"Provision for {year_en(year)} is {_millions_en(new)}; the revised"
            f" estimate for {prior} is nil."
        )
    if new is None and base is not None:
        return (
            f"No provision is made for {year_en(year)}; the revised estimate for"
            f" {prior} is {_millions_en(base)}."
        )
    diff = round_half_up(Decimal(new or 0) - Decimal(base or 0), 1)
    if diff == 0:
        return (
            f"Provision for {year_en(year)} is the same as the revised estimate"
            f" for {prior}."
        )
    pct_text = _pct_en(new, base)
    way = "higher" if diff > 0 else "lower"
    return (
        f"Provision for {year_en(year)} is ${abs(diff):,}{NO_BREAK}million{pct_text}"
        f" {way}"
        f" than the revised estimate for {prior}."
    )


def _millions_en(amount: Decimal) -> str:
    return f"${round_half_up(Decimal(amount), 1):,}{NO_BREAK}million"


def change_zh(new: Decimal | None, base: Decimal | None, year: str) -> str:
    """The Chinese change sentence; $ million changes are quoted in 萬元. A nil
    figure is not zero (``change_en``)."""
    prior = year_zh(previous_year(year))
    if base is None and new is not None:
        amount = wan_zh(round_half_up(Decimal(new), 1))
        return f"{year_zh(year)}的撥款為 {amount};{prior}的修訂預算為無。"
    if new is None and base is not None:
        amount = wan_zh(round_half_up(Decimal(base), 1))
        return f"{year_zh(year)}沒有撥款;{prior}的修訂預算為 {amount}。"
    diff = round_half_up(Decimal(new or 0) - Decimal(base or 0), 1)
    if diff == 0:
        return f"{year_zh(year)}的撥款與{prior}的修訂預算相同。"
    pct_text = _pct_zh(new, base)
    way = "增加" if diff > 0 else "減少"
    return f"{year_zh(year)}的撥款較{prior}的修訂預算{way} {wan_zh(diff)}{pct_text}。"


def to_key_en(year: str) -> str:
    """The English programme sentence while its Estimate or Revised is not keyed
    (blank, or unreadable): no change is quoted until both are."""
    return (
        f"The change in provision for {year_en(year)} from the revised estimate"
        f" for {year_en(previous_year(year))} is to be stated once both figures"
        " are keyed."
    )


def to_key_zh(year: str) -> str:
    """The Chinese programme sentence while a figure is not keyed."""
    return (
        f"{year_zh(year)}的撥款與{year_zh(previous_year(year))}的修訂預算的差額,"
        "須待兩項數字均已輸入後列明。"
    )


def not_keyed(programme) -> bool:
    """Whether a programme's Estimate or Revised is still to key: blank, or a
    cell that holds no figure (text, an error value). A nil keyed on purpose
    (``-``) is keyed: nil, which the sentence names (``change_en``)."""
    return any(
        not a.keyed
        for a, column in zip(programme.amounts, COLUMNS, strict=True)
        if column in ("revised", "estimate")
    )


_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count_en(n: int) -> str:
    """Numbers below ten spelt out, as the COR prints posts: "one", "12"."""
    return _SMALL[n] if 0 <= n < 10 else f"{n:,}"


def posts_en(n: int, kind: str = "") -> str:
    """``one post``, ``two directorate posts``, ``no posts``, ``12 posts``."""
    noun = f"{kind} post" if kind else "post"
    return f"{count_en(n)}{NO_BREAK}{noun}{'' if n == 1 else 's'}"


def estimated_posts_en(n: int, kind: str = "") -> str:
    """``an estimated nine directorate posts``; ``no directorate posts`` for nil."""
    return posts_en(n, kind) if n == 0 else f"an estimated {posts_en(n, kind)}"


def date_zh(year: int) -> str:
    """31 March of a year: ``二零二五年三月三十一日``."""
    return "".join(_DIGITS[int(d)] for d in str(year)) + "年三月三十一日"


def posts_change_en(net: int, year: str) -> str:
    if net == 0:
        return f"There will be no net change in the number of posts in {year_en(year)}."
    way = "increase" if net > 0 else "decrease"
    return f"There will be a net {way} of {posts_en(abs(net))} in {year_en(year)}."


def posts_change_zh(net: int, year: str) -> str:
    if net == 0:
        return f"在{year_zh(year)}職位數目不會有淨變動。"
    way = "增加" if net > 0 else "減少"
    return f"在{year_zh(year)}會淨{way} {abs(net):,}{NO_BREAK}個職位。"


def _change_en(diff: int, against: str) -> str:
    """``an increase of $X against ...``, or ``no change against ...``."""
    if diff == 0:
        return f"no change against {against}"
    way = "an increase" if diff > 0 else "a decrease"
    return f"{way} of ${abs(diff) * 1000:,} against {against}"


def _change_zh(diff: int, against: str) -> str:
    if diff == 0:
        return f"與{against}相同"
    return (
        f"較{against}{'增加' if diff > 0 else '減少'} {abs(diff) * 1000:,}{NO_BREAK}元"
    )


def head_total_en(totals: tuple, year: str, named: str) -> str:
    """The subheads' opening sentence; ``totals`` in $'000 (actual, ..., estimate)."""
    actual, _, revised, estimate = (t or 0 for t in totals)
    d_rev, d_act = estimate - revised, estimate - actual
    prior = f"the revised estimate for {year_en(previous_year(year))}"
    before = f"the actual expenditure in {year_en(previous_year(previous_year(year)))}"
    first, second = _change_en(d_rev, prior), _change_en(d_act, before)
    if d_rev and d_act and (d_act > 0) == (d_rev > 0):
        second = second.split(" ", 2)[2]  # "... and of $Y against ..."
    return (
        f"The estimate of the amount required in {year_en(year)} for the salaries and"
        f" expenses of {named} is ${estimate * 1000:,}. This represents"
        f" {first} and {second}."
    )


def head_total_zh(totals: tuple, year: str, department: str, short: str = "") -> str:
    """``department`` as ``head_name_zh`` gives it; ``short`` its short name."""
    actual, _, revised, estimate = (t or 0 for t in totals)
    d_rev, d_act = estimate - revised, estimate - actual
    prior = f"{year_zh(previous_year(year))}的修訂預算"
    before = f"{year_zh(previous_year(previous_year(year)))}的實際開支"
    name = f"{department}({short})" if short else department
    return (
        f"{year_zh(year)}{name}所需的薪金及開支預算為 {estimate * 1000:,}{NO_BREAK}元,"
        f"{_change_zh(d_rev, prior)},而{_change_zh(d_act, before)}。"
    )


def subhead_000_en(
    line: tuple, year: str, named: str, title: str = "Operational expenses"
) -> str:
    """``title``: the line's own English title."""
    _, _, revised, estimate = (v or 0 for v in line)
    diff = estimate - revised
    prior = year_en(previous_year(year))
    if diff == 0:
        change = f" Provision is the same as the revised estimate for {prior}."
    else:
        way = "higher" if diff > 0 else "lower"
        change = (
            f" Provision is ${abs(diff) * 1000:,}{_pct_en(line[3], line[2])} {way}"
            f" than the revised estimate for {prior}."
        )
    return (
        f"Provision of ${estimate * 1000:,} under Subhead 000 {title} is"
        " for the salaries, allowances and other operating expenses of"
        f" {named}.{change}"
    )


def subhead_000_zh(line: tuple, year: str, short: str, title: str = "運作開支") -> str:
    """``title``: the line's own Chinese title."""
    _, _, revised, estimate = (v or 0 for v in line)
    diff = estimate - revised
    prior = f"{year_zh(previous_year(year))}的修訂預算"
    change = (
        f"撥款{_change_zh(diff, prior)}{_pct_zh(line[3], line[2])}"
        if diff
        else f"撥款與{prior}相同"
    )
    return (
        f"在分目 000 {title}項下的撥款 {estimate * 1000:,}{NO_BREAK}元,"
        f"用以支付{short}的薪金、津貼及其他運作開支。{change}。"
    )


def ceiling_en(year: str, nd_start: int, nd_end: int, ceiling: int) -> str:
    """The Head summary's establishment ceiling line ($m to one decimal)."""
    first = first_year(year)
    change = nd_end - nd_start
    if change == 0:
        middle = f"as at 31 March {first} and as at 31 March {first + 1}"
    else:
        way = "rising" if change > 0 else "reducing"
        middle = (
            f"as at 31 March {first} {way} by {posts_en(abs(change))} to"
            f" {posts_en(nd_end) if nd_end else 'none'} as at 31 March {first + 1}"
        )
    millions = round_half_up(Decimal(ceiling) / 1_000_000, 1)
    return (
        f"Establishment ceiling {year_en(year)}"
        " (notional annual mid-point salary value)"
        f" representing {estimated_posts_en(nd_start, 'non-directorate')} {middle}"
        f" ..... ${millions}m"
    )


def ceiling_zh(year: str, nd_start: int, nd_end: int, ceiling: int) -> str:
    first = first_year(year)
    change = nd_end - nd_start
    if change == 0:
        dates = f"{date_zh(first)}及{date_zh(first + 1)}"  # after 相等於: no second 於
        middle = f"{dates}的 {nd_start:,}{NO_BREAK}個非首長級職位"
    else:
        way = "增加" if change > 0 else "減少"
        middle = (
            f"由{date_zh(first)}的 {nd_start:,}{NO_BREAK}個非首長級職位"
            f"{way} {abs(change):,}{NO_BREAK}個"
            f"至{date_zh(first + 1)}的 {nd_end:,}{NO_BREAK}個職位"
        )
    # $ million to one decimal, quoted in 萬元 as the programme sentences are.
    millions = round_half_up(Decimal(ceiling) / 1_000_000, 1)
    return (
        f"{year_zh(year)}的編制上限(按薪級中點估計的年薪值)相等於{middle}"
        f" ..... {wan_zh(millions)}"
    )


def directorate_en(year: str, start: int, end: int) -> str:
    first = first_year(year)
    lead = f"In addition, there will be {estimated_posts_en(start, 'directorate')}"
    if start == end:
        return f"{lead} as at 31 March {first} and as at 31 March {first + 1}."
    then = "none" if end == 0 else count_en(end)
    return f"{lead} as at 31 March {first} and {then} as at 31 March {first + 1}."


def directorate_zh(year: str, start: int, end: int) -> str:
    first = first_year(year)

    def has(n: int) -> str:
        return f"設有 {n}{NO_BREAK}個首長級職位" if n else "不設首長級職位"

    if start == end:
        return f"此外,預算於{date_zh(first)}及{date_zh(first + 1)}{has(start)}。"
    return f"此外,預算於{date_zh(first)}{has(start)},於{date_zh(first + 1)}{has(end)}。"


def _blank_counts(head, key: str) -> bool:
    """Whether a Head-wide line quotes a figure still to key (a Revised or
    Estimate blank, the ceiling or a directorate count to key): it would quote
    "$0" or "none" in a rolled-forward book (trial 10e), and in any book a total
    short of the blank line, stated as fact ("$175,587,000 ... a decrease of
    $153,918,000" with one Estimate cleared: trial 11e item 1)."""
    est = head.establishment
    if key == "ceiling":
        counts = (est.posts_start, est.directorate_start, est.directorate_end,
                  est.net_change, est.ceiling)  # fmt: skip
        return any(c.value is None for c in counts)
    if key == "directorate":
        return est.directorate_start.value is None or est.directorate_end.value is None
    if key not in ("head_total", "subhead_000"):
        return False  # a programme's line says so itself (to_key_en)
    lines = [s for s in head.subheads if key == "head_total" or s.code == "000"]
    return any(a.blank for s in lines for a in s.amounts[2:])  # Revised, Estimate


def _to_key(head, key: str) -> tuple[str, str]:
    """A Head-wide line whose figures are still to key: says so, quoting none."""
    year = head.estimate_year
    first = first_year(year)
    return {
        "head_total": (
            f"The estimate of the amount required in {year_en(year)} for the"
            f" salaries and expenses of {head_name_en(head)} is to be stated once"
            " every subhead's Revised and Estimate figures are keyed.",
            f"{year_zh(year)}{head_name_zh(head)}所需的薪金及開支預算,須待所有分目的"
            "修訂預算及預算均已輸入後列明。",
        ),
        "subhead_000": (
            "Provision under Subhead 000 for the salaries, allowances and other"
            f" operating expenses of {head_name_en(head)} is to be stated once its"
            " Revised and Estimate figures are keyed.",
            f"分目 000 項下用以支付{head_name_zh(head, short=True)}的薪金、津貼及"
            "其他運作開支的撥款,須待修訂預算及預算均已輸入後列明。",
        ),
        "ceiling": (
            f"Establishment ceiling {year_en(year)} (notional annual mid-point"
            " salary value): to be stated once the ceiling and the posts at start"
            " and end are keyed.",
            f"{year_zh(year)}的編制上限(按薪級中點估計的年薪值),須待編制上限及年初、"
            "年終職位均已輸入後列明。",
        ),
        "directorate": (
            f"The directorate posts as at 31 March {first} and as at 31 March"
            f" {first + 1} are to be stated once both are keyed.",
            f"{date_zh(first)}及{date_zh(first + 1)}的首長級職位,須待兩者均已輸入後"
            "列明。",
        ),
    }[key]


def _or_to_key(head, results, line: Sentence) -> Sentence:
    if _blank_counts(head, line.key):
        return Sentence(line.key, line.label, *_to_key(head, line.key))
    if _disagrees(head, results, line.key):
        return Sentence(line.key, line.label, *_to_agree(head, line.key))
    return line


def _disagrees(head, results, key: str) -> bool:
    """Whether a Head-wide establishment line would quote Head summary counts the
    establishment table contradicts (S01, S02, S04): printed beside the
    programmes' posts lines, which the table gives, the page would say two
    things ("rising by two posts" beside "a net decrease of one post": trial 11d
    item 10). Such a line waits until they agree."""
    est = head.establishment
    if key not in ("ceiling", "directorate") or not head.posts:
        return False
    directorate = any(
        declared.value is not None and declared.value != counted
        for declared, counted in (
            (est.directorate_start, results.directorate_start_total),
            (est.directorate_end, results.directorate_end_total),
        )
    )
    if key == "directorate":
        return directorate
    start, net = est.posts_start.value, est.net_change.value
    posts = start is not None and (
        start != results.posts_start_total
        or (net is not None and start + net != results.posts_end_total)
    )
    return directorate or posts


def _to_agree(head, key: str) -> tuple[str, str]:
    """A Head-wide establishment line the establishment table contradicts."""
    year = head.estimate_year
    first = first_year(year)
    if key == "ceiling":
        return (
            f"Establishment ceiling {year_en(year)} (notional annual mid-point"
            " salary value): to be stated once the Head summary's posts agree with"
            " the establishment table.",
            f"{year_zh(year)}的編制上限(按薪級中點估計的年薪值),須待總目摘要的職位"
            "與編制表相符後列明。",
        )
    return (
        f"The directorate posts as at 31 March {first} and as at 31 March"
        f" {first + 1} are to be stated once the Head summary agrees with the"
        " establishment table.",
        f"{date_zh(first)}及{date_zh(first + 1)}的首長級職位,須待總目摘要與編制表"
        "相符後列明。",
    )


def _inputs(head, key: str) -> list:
    """The input cells whose figures a narrative line quotes, in the order an
    error among them is named (a programme's Revised before its Estimate)."""
    est = head.establishment
    family, _, item = key.partition(":")
    if family == "programme":
        p = programmes_by_id(head).get(item)
        return [a.ref for a in p.amounts[2:]] if p else []
    if family == "programme_posts":
        return [p.refs.get(f) for p in head.posts if p.programme == item
                for f in ("posts_start", "posts_end")]  # fmt: skip
    if family in ("head_total", "subhead_000"):
        lines = [s for s in head.subheads if family == "head_total" or s.code == "000"]
        quoted = (0, 2, 3) if family == "head_total" else (2, 3)
        return [s.amounts[k].ref for s in lines for k in quoted]
    counts = {
        "ceiling": (
            est.posts_start,
            est.directorate_start,
            est.directorate_end,
            est.net_change,
            est.ceiling,
        ),
        "directorate": (est.directorate_start, est.directorate_end),
    }
    return [c.ref for c in counts.get(family, ())]


def error_at(head, key: str):
    """The first input cell of a narrative line that shows an error value, or
    None: the book shows no figure there, so the line quotes none."""
    return next((r for r in _inputs(head, key) if r in head.shows_error), None)


def _subject(head, key: str) -> tuple[str, str]:
    """What a line states, as its 'to be stated' sentence names it."""
    year, family = head.estimate_year, key.partition(":")[0]
    first, prior = first_year(year), previous_year(year)
    return {
        "head_total": (
            f"The estimate of the amount required in {year_en(year)} for the"
            f" salaries and expenses of {head_name_en(head)} is",
            f"{year_zh(year)}{head_name_zh(head)}所需的薪金及開支預算",
        ),
        "subhead_000": (
            "Provision under Subhead 000 for the salaries, allowances and other"
            f" operating expenses of {head_name_en(head)} is",
            f"分目 000 項下用以支付{head_name_zh(head, short=True)}的薪金、津貼及"
            "其他運作開支的撥款",
        ),
        "ceiling": (
            f"The establishment ceiling {year_en(year)} (notional annual mid-point"
            " salary value) is",
            f"{year_zh(year)}的編制上限(按薪級中點估計的年薪值)",
        ),
        "directorate": (
            f"The directorate posts as at 31 March {first} and as at 31 March"
            f" {first + 1} are",
            f"{date_zh(first)}及{date_zh(first + 1)}的首長級職位",
        ),
        "programme": (
            f"The change in provision for {year_en(year)} from the revised"
            f" estimate for {year_en(prior)} is",
            f"{year_zh(year)}的撥款與{year_zh(prior)}的修訂預算的差額",
        ),
        "programme_posts": (
            f"The net change in the number of posts in {year_en(year)} is",
            f"{year_zh(year)}職位數目的淨變動",
        ),
    }[family]


def error_en(head, key: str, cell: str) -> str:
    """A line one of whose input cells (``cell``) shows an error value: to be
    stated once it is corrected, quoting no figure (trial 9d item 4)."""
    subject = _subject(head, key)[0]
    return f"{subject} to be stated once the error value in {cell} is corrected."


def error_zh(head, key: str, cell: str) -> str:
    return f"{_subject(head, key)[1]},須待 {cell} 的錯誤值更正後列明。"


def _or_error(head, line: Sentence) -> Sentence:
    ref = error_at(head, line.key)
    if ref is None:
        return line
    en, zh = error_en(head, line.key, str(ref)), error_zh(head, line.key, str(ref))
    return Sentence(line.key, line.label, en, zh)


@dataclass(frozen=True)
class Sentence:
    """One narrative line: a stable key, a label, and the sentence in each language."""

    key: str
    label: str
    en: str
    zh: str


def programme_net_posts(head) -> dict[str, int]:
    """Net change in posts over the year, per programme, from the establishment."""
    net: dict[str, int] = {}
    for post in head.posts:
        net[post.programme] = (
            net.get(post.programme, 0) + post.posts_end - post.posts_start
        )
    return net


def programmes_by_id(head) -> dict:
    """Each programme by its row's identity (``figures.programme_ids``: a
    repeated number is told apart), so a line keyed by it is that row's."""
    return dict(zip(programme_ids(head.programmes), head.programmes, strict=True))


def narrative_keys(head) -> list[tuple[str, str]]:
    """(key, label) of every narrative line the Head has, in print order."""
    keys = []
    est = head.establishment
    if est.posts_start.value is not None and est.directorate_start.value is not None:
        keys.append(("ceiling", "Establishment ceiling 編制上限"))
        keys.append(("directorate", "Directorate posts 首長級職位"))
    net = programme_net_posts(head)
    for ident, p in programmes_by_id(head).items():
        keys.append((f"programme:{ident}", f"Programme ({p.number}) 綱領({p.number})"))
        if net.get(p.number) and ident == p.number:  # posts name the number
            keys.append(
                (f"programme_posts:{p.number}", f"Programme ({p.number}) posts 職位")
            )
    if head.subheads:
        keys.append(("head_total", "Details of expenditure 開支詳情"))
    if any(s.code == "000" for s in head.subheads):
        keys.append(("subhead_000", "Subhead 000 分目 000"))
    return keys


def sources(head, key: str) -> tuple:
    """The cells a narrative line's figures come from (N01 marks them)."""
    est = head.establishment
    family, _, item = key.partition(":")
    if family == "programme":
        p = programmes_by_id(head).get(item)
        return tuple(a.ref for a in p.amounts[2:]) if p else ()
    if family == "programme_posts":
        return tuple(p.ref for p in head.posts if p.programme == item)
    if family == "subhead_000":
        return tuple(a.ref for s in head.subheads if s.code == "000" for a in s.amounts)
    if family == "head_total":
        cells = (
            head.shown.get(figure_key("subhead_total", "Total Expenditure", c))
            for c in COLUMNS
        )
        return tuple(c.ref for c in cells if c)
    counts = {
        "ceiling": (
            est.posts_start,
            est.directorate_start,
            est.net_change,
            est.ceiling,
        ),
        "directorate": (est.directorate_start, est.directorate_end),
    }
    return tuple(c.ref for c in counts.get(family, ()))


def sentences(head, results) -> list[Sentence]:
    """Every narrative line of the Head from its figures (DOMAIN.md sections 1-2)."""
    if not is_year(head.estimate_year):
        return []
    year, out = head.estimate_year, []
    est = head.establishment
    net = programme_net_posts(head)
    named_en = head_name_en(head)
    for key, label in narrative_keys(head):
        if key == "ceiling":
            start = (est.posts_start.value or 0) - (est.directorate_start.value or 0)
            end_posts = (est.posts_start.value or 0) + (est.net_change.value or 0)
            end = end_posts - (est.directorate_end.value or 0)
            ceiling = est.ceiling.value or 0
            out.append(
                Sentence(
                    key,
                    label,
                    ceiling_en(year, start, end, ceiling),
                    ceiling_zh(year, start, end, ceiling),
                )
            )
        elif key == "directorate":
            a, b = est.directorate_start.value or 0, est.directorate_end.value or 0
            out.append(
                Sentence(
                    key, label, directorate_en(year, a, b), directorate_zh(year, a, b)
                )
            )
        elif key.startswith("programme:"):
            p = programmes_by_id(head)[key.split(":", 1)[1]]
            new, base = p.value("estimate"), p.value("revised")
            en, zh = change_en(new, base, year), change_zh(new, base, year)
            if not_keyed(p):
                en, zh = to_key_en(year), to_key_zh(year)
            out.append(Sentence(key, label, en, zh))
        elif key.startswith("programme_posts:"):
            n = net[key.split(":", 1)[1]]
            out.append(
                Sentence(key, label, posts_change_en(n, year), posts_change_zh(n, year))
            )
        elif key == "head_total":
            totals = results.total_expenditure
            out.append(
                Sentence(
                    key,
                    label,
                    head_total_en(totals, year, named_en),
                    head_total_zh(
                        totals, year, head_name_zh(head), head.department_short_zh
                    ),
                )
            )
        elif key == "subhead_000":
            line = tuple(
                results.subhead_000[c]
                for c in ("actual", "original", "revised", "estimate")
            )
            own = [s for s in head.subheads if s.code == "000" and not s.is_deduction]
            en = (own[0].title_en.strip() if own else "") or "Operational expenses"
            zh = (own[0].title_zh.strip() if own else "") or "運作開支"
            out.append(
                Sentence(
                    key,
                    label,
                    subhead_000_en(line, year, named_en, en),
                    subhead_000_zh(line, year, head_name_zh(head, short=True), zh),
                )
            )
    return [_or_error(head, _or_to_key(head, results, line)) for line in out]


_FIGURES = re.compile(
    r"\$\s?(?P<dollars>\d[\d,]*(?:\.\d+)?)\s*(?P<mega>million|m\b)?"
    r"|(?:(?P<yi>\d[\d,]*)\s*億\s*)?(?P<wan>\d[\d,]*(?:\.\d+)?)\s*萬元"
    r"|(?P<yi_only>\d[\d,]*)\s*億元"
    r"|(?P<yuan>\d[\d,]*(?:\.\d+)?)\s*元"
    r"|(?P<pct>\d+(?:\.\d+)?)\s*%"
    r"|(?P<posts>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine)\s*"
    r"(?:個職位|個非首長級職位|個首長級職位|(?:(?:non-)?directorate )?posts?\b)",
    re.IGNORECASE,
)


def figures_in(text: str) -> set[tuple[str, Decimal]]:
    """The money, percentages and post counts a sentence quotes, in common units:
    ("$", whole dollars), ("%", points), ("posts", count)."""
    found = set()
    for m in _FIGURES.finditer(text):
        if m.group("wan") or m.group("yi_only"):
            found.add(("$", _yuan(m)))
            continue
        kind, raw = next((k, v) for k, v in m.groupdict().items() if v and k != "mega")
        if kind == "posts":
            value = Decimal(
                _SMALL.index(raw.lower()) if raw.isalpha() else raw.replace(",", "")
            )
            found.add(("posts", value))
            continue
        value = Decimal(raw.replace(",", ""))
        if kind == "pct":
            found.add(("%", value))
        elif kind == "dollars" and m.group("mega"):
            found.add(("$", value * 1_000_000))
        else:
            found.add(("$", value))
    return found


def _yuan(m: re.Match) -> Decimal:
    """Whole dollars of "2億6,430 萬元", "3,470 萬元" or "3億元"."""

    def number(name: str) -> Decimal:
        return Decimal((m.group(name) or "0").replace(",", ""))

    yi = number("yi") + number("yi_only")
    return yi * 100_000_000 + number("wan") * 10_000
