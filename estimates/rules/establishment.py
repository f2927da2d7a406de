"""The establishment and its ceiling.

Rule ids: S01 (posts at end = posts at start + net change), S02 (directorate
counts), S03 (NAMS of non-directorate posts within the ceiling), S04 (the
establishment table's posts at start agree with the Head summary), S06 (a rank's
pay range is in the pay scale). S05 judges shown NAMS cells: see ``shown``.
"""

from __future__ import annotations

from ..figures import key
from ..findings import Finding
from ..model import Head
from ..results import Results
from .text import finding, show


def _ref(head: Head, figure: str):
    cell = head.shown.get(figure)
    return cell.ref if cell else None


def check(head: Head, results: Results) -> list[Finding]:
    est = head.establishment
    out: list[Finding] = []
    start, net = est.posts_start.value, est.net_change.value
    if head.posts and start is not None and net is not None:
        expected_end = start + net
        if results.posts_end_total != expected_end:
            out.append(
                finding(
                    "S01",
                    _ref(head, key("establishment_posts_end")),
                    f"Posts at the end of the year total {results.posts_end_total},"
                    f" but {start} at the start with a net change of {net:+d}"
                    f" gives {expected_end}.",
                    f"年終職位合共 {results.posts_end_total} 個,但年初 {start} 個"
                    f"加淨變動 {net:+d} 應為 {expected_end} 個。",
                    str(expected_end),
                    str(results.posts_end_total),
                    (est.posts_start.ref, est.net_change.ref),
                )
            )
    if head.posts and start is not None and results.posts_start_total != start:
        out.append(
            finding(
                "S04",
                _ref(head, key("establishment_posts_start")),
                f"The establishment table has {results.posts_start_total} posts at"
                f" the start of the year; the Head summary says {start}.",
                f"編制表的年初職位為 {results.posts_start_total} 個;"
                f"總目摘要為 {start} 個。",
                str(start),
                str(results.posts_start_total),
                (est.posts_start.ref,),
            )
        )
    for when, declared, counted, zh_when in (
        ("start", est.directorate_start, results.directorate_start_total, "年初"),
        ("end", est.directorate_end, results.directorate_end_total, "年終"),
    ):
        if head.posts and declared.value is not None and declared.value != counted:
            out.append(
                finding(
                    "S02",
                    declared.ref,
                    f"The Head summary has {declared.value} directorate posts at the"
                    f" {when} of the year; the establishment table has {counted}.",
                    f"總目摘要的{zh_when}首長級職位為 {declared.value} 個;"
                    f"編制表為 {counted} 個。",
                    str(counted),
                    str(declared.value),
                    (_ref(head, f"establishment_directorate_{when}"),),
                )
            )
    ceiling = est.ceiling.value
    if head.posts and ceiling is not None and results.nams_end > ceiling:
        out.append(
            finding(
                "S03",
                _ref(head, key("head_nams_end")) or est.ceiling.ref,
                f"NAMS of non-directorate posts at the end of the year is"
                f" {show(results.nams_end, 'dollars')}, over the ceiling of"
                f" {show(ceiling, 'dollars')} by"
                f" {show(results.nams_end - ceiling, 'dollars')}.",
                f"年終非首長級職位的薪級中點估計年薪值為"
                f" {show(results.nams_end, 'dollars')},超出上限"
                f" {show(ceiling, 'dollars')}。",
                f"<= {show(ceiling, 'dollars')}",
                show(results.nams_end, "dollars"),
                (est.ceiling.ref,),
            )
        )
    for post, rank in zip(head.posts, results.ranks, strict=True):
        if rank.error:
            out.append(
                finding(
                    "S06",
                    post.ref,
                    f"{rank.error}: paste that point into the pay scale or correct"
                    " the rank's range.",
                    f"{post.rank_zh or post.rank_en}:薪級表沒有所需的薪點。",
                    found=f"{post.scale} {post.min_point}-{post.max_point}",
                )
            )
    return out
