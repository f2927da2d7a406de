"""Trial 11d item 10: with the Head summary's net change at +2 and the
establishment table's at -1, the printed COR said "rising by two posts to 81
posts" (the ceiling line, from the Head summary) beside "There will be a net
decrease of one post" (programme (2)'s posts, from the table); with directorate
posts at end keyed 0 against 9 in the table, "there will be no directorate posts"
beside the table's nine. S01/S02/S04 flag it, but the page contradicted itself.
Now a Head-wide establishment line the table contradicts is not stated until the
two agree ("to be stated once the Head summary's posts agree with the
establishment table"), in both languages; a Head whose counts agree prints them.

Head 135 and generated Heads (real Head-years have no establishment table),
each printed by LibreOffice in both languages in one batch."""

from __future__ import annotations

from dataclasses import replace

from estimates.model import Count
from estimates.results import compute
from estimates.rules import run_rules
from estimates.source import SAMPLE_HEAD_135, load_source

from .generated_heads import write_head
from .printed_pages import printed_pages

WAIT = {
    "en": ("to be stated once the Head summary's posts agree",
           "to be stated once the Head summary agrees"),
    "zh": ("須待總目摘要的職位與編制表相符後列明", "須待總目摘要與編制表相符後列明"),
}  # fmt: skip
SAID = {  # what the ceiling and directorate lines say when they state figures
    "en": ("(notional annual mid-point salary value) representing",
           "In addition, there will be"),
    "zh": ("(按薪級中點估計的年薪值)相等於", "此外,預算於"),
}  # fmt: skip


def _edited(head, **counts):
    """The Head with its summary's counts moved by ``counts`` (name -> delta)."""
    est = head.establishment
    moved = {k: Count(getattr(est, k).value + d, getattr(est, k).ref)
             for k, d in counts.items()}  # fmt: skip
    return replace(head, establishment=replace(est, **moved))


def _heads(tmp_path) -> dict:
    base = {"head135": load_source(SAMPLE_HEAD_135)}
    for seed in (3, 8):
        head = load_source(write_head(tmp_path / f"src{seed}", seed))
        if head.posts and head.establishment.directorate_end.value:
            base[f"generated{seed}"] = head
    assert len(base) >= 2
    out = {}
    for name, head in base.items():
        end = head.establishment.directorate_end.value
        out[f"{name}-agree"] = head
        out[f"{name}-net"] = _edited(head, net_change=3)
        out[f"{name}-dir"] = _edited(head, directorate_end=-end)  # keyed 0
    return out


def _page_text(pages: list[str]) -> str:
    """The pages' text with no white space: a wrapped sentence reads whole."""
    return "".join("".join(p.split()) for p in pages)


def _bare(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("".join(p.split()) for p in phrases)


def test_a_contradicted_head_summary_line_waits_for_the_table(tmp_path):
    heads = _heads(tmp_path)
    for name, head in heads.items():
        rules = {f.rule for f in run_rules(head, compute(head))}
        assert ("S01" in rules) == name.endswith("-net"), name
        assert ("S02" in rules) == name.endswith("-dir"), name
    pages = printed_pages(heads, tmp_path, ("en", "zh"))
    for (name, lang), printed in pages.items():
        text = _page_text(printed)
        ceiling_said, directorate_said = _bare(SAID[lang])
        posts_wait, directorate_wait = _bare(WAIT[lang])
        if name.endswith("-agree"):
            assert ceiling_said in text and directorate_said in text, (name, lang)
            assert posts_wait not in text and directorate_wait not in text
        elif name.endswith("-net"):  # the posts disagree: the ceiling line waits
            assert posts_wait in text and ceiling_said not in text, (name, lang)
            assert directorate_said in text, (name, lang)
        else:  # the directorate disagrees: both lines quoting it wait
            assert posts_wait in text and directorate_wait in text, (name, lang)
            assert ceiling_said not in text and directorate_said not in text
