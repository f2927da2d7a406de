"""The establishment and its ceiling.

Rule ids: S01 (posts at end = posts at start + net change), S02 (directorate
counts), S03 (NAMS of non-directorate posts within the ceiling), S04 (the
establishment table's posts at start agree with the Head summary), S06 (a rank's
pay range is in the pay scale), S07 (a rank's programme is one of the Head's).
S05 judges shown NAMS cells: see ``shown``.
"""

from __future__ import annotations

from ..figures import key
from ..findings import Finding
from ..model import Head
from ..results import Results
from .text import difference, finding, mismatch, said, show


def _ref(head: Head, figure: str):
    cell = head.shown.get(figure)
    return cell.ref if cell else None


def _s01(head: Head, results: Results, start: int, net: int) -> list[Finding]:
    """Posts at end against posts at start plus the net change."""
    expected_end = start + net
    if results.posts_end_total == expected_end:
        return []
    en, zh = mismatch(
        (
            f"Posts at the end of the year are not the {start} at the start plus"
            f" the net change of {net:+d}",
            f"年終職位不等於年初 {start} 個加淨變動 {net:+d} 個",
        ),
        expected_end,
        results.posts_end_total,
        "count",
    )
    return [
        finding(
            "S01",
            _ref(head, key("establishment_posts_end")),
            en,
            zh,
            show(expected_end, "count"),
            show(results.posts_end_total, "count"),
            (head.establishment.posts_start.ref, head.establishment.net_change.ref),
        )
    ]


def _s04(head: Head, results: Results, start: int) -> list[Finding]:
    """The establishment table's posts at start against the Head summary's."""
    if results.posts_start_total == start:
        return []
    en, zh = mismatch(
        (
            "The establishment table's posts at the start of the year are not the"
            " Head summary's",
            "編制表的年初職位與總目摘要不符",
        ),
        start,
        results.posts_start_total,
        "count",
    )
    return [
        finding(
            "S04",
            _ref(head, key("establishment_posts_start")),
            en,
            zh,
            show(start, "count"),
            show(results.posts_start_total, "count"),
            (head.establishment.posts_start.ref,),
        )
    ]


def _s02(head: Head, results: Results) -> list[Finding]:
    """The Head summary's directorate posts against the establishment table's."""
    est, out = head.establishment, []
    for when, declared, counted, zh_when in (
        ("start", est.directorate_start, results.directorate_start_total, "年初"),
        ("end", est.directorate_end, results.directorate_end_total, "年終"),
    ):
        if declared.value is None or declared.value == counted:
            continue
        en, zh = mismatch(
            (
                f"The Head summary's directorate posts at the {when} of the year are"
                " not the establishment table's",
                f"總目摘要的{zh_when}首長級職位與編制表不符",
            ),
            counted,
            declared.value,
            "count",
        )
        out.append(
            finding(
                "S02",
                declared.ref,
                en,
                zh,
                show(counted, "count"),
                show(declared.value, "count"),
                (_ref(head, f"establishment_directorate_{when}"),),
            )
        )
    return out


def _s03(head: Head, results: Results, ceiling) -> list[Finding]:
    """NAMS of non-directorate posts at end against the ceiling."""
    if results.nams_end <= ceiling:
        return []
    en, zh = said(
        (
            "NAMS of non-directorate posts at the end of the year is over the ceiling",
            "年終非首長級職位的薪級中點估計年薪值超出上限",
        ),
        (
            f"at most {show(ceiling, 'dollars')}",
            f"不超過 {show(ceiling, 'dollars', 'zh')}",
        ),
        (
            show(results.nams_end, "dollars")
            + difference(ceiling, results.nams_end, "dollars", "en"),
            show(results.nams_end, "dollars", "zh")
            + difference(ceiling, results.nams_end, "dollars", "zh"),
        ),
    )
    return [
        finding(
            "S03",
            _ref(head, key("head_nams_end")) or head.establishment.ceiling.ref,
            en,
            zh,
            f"<= {show(ceiling, 'dollars')}",
            show(results.nams_end, "dollars"),
            (head.establishment.ceiling.ref,),
        )
    ]


def _s06(head: Head, results: Results) -> list[Finding]:
    """A rank whose pay range the pay scale does not hold."""
    out = []
    for post, rank in zip(head.posts, results.ranks, strict=True):
        if not rank.error:
            continue
        points = f"{post.scale} {post.min_point}-{post.max_point}"
        en, zh = said(
            (
                f"The pay range of {post.rank_en or post.rank_zh} is not in the pay"
                " scale",
                f"{post.rank_zh or post.rank_en} 的薪級範圍不見於薪級表",
            ),
            (
                f"a salary for every middle point of {points}",
                f"{points} 的每個中點均有月薪",
            ),
            (rank.error.split(": ", 1)[-1], "薪級表沒有所需的薪點"),
            (
                "Paste that point into the pay scale or correct the rank's range.",
                "請在薪級表加入該薪點,或更正職級的薪級範圍。",
            ),
        )
        out.append(finding("S06", post.ref, en, zh, found=points))
    return out


def _number(text: str) -> str:
    return text.strip().strip("()").strip()


def _s07(head: Head) -> list[Finding]:
    """A rank whose programme the Head no longer has (its row deleted, or the
    number mistyped): the staff-by-programme chart and sentences leave it out
    (trial 10e item 12)."""
    numbers = [_number(p.number) for p in head.programmes]
    out = []
    for post in head.posts:
        if not _number(post.programme) or _number(post.programme) in numbers:
            continue
        en, zh = said(
            (
                f"The programme of {post.rank_en or post.rank_zh} is not one of"
                " this Head's",
                f"{post.rank_zh or post.rank_en} 的綱領不是本總目的綱領",
            ),
            (f"one of {', '.join(numbers) or 'none'}",
             f"{'、'.join(numbers) or '沒有'}之一"),
            (f"programme {post.programme.strip()}",
             f"綱領 {post.programme.strip()}"),
            (
                "Its posts are left out of the staff by programme: give the rank"
                " its programme now, or delete the rank.",
                "其職位不計入按綱領劃分的人手:請填上該職級現屬的綱領,或刪除該職級。",
            ),
        )  # fmt: skip
        ref = post.refs.get("programme", post.ref)
        out.append(finding("S07", ref, en, zh, found=post.programme.strip()))
    return out


def check(head: Head, results: Results) -> list[Finding]:
    est = head.establishment
    if not head.posts:
        return []
    out: list[Finding] = []
    start, net = est.posts_start.value, est.net_change.value
    if start is not None and net is not None:
        out += _s01(head, results, start, net)
    if start is not None:
        out += _s04(head, results, start)
    out += _s02(head, results)
    if est.ceiling.value is not None:
        out += _s03(head, results, est.ceiling.value)
    return out + _s06(head, results) + _s07(head)
