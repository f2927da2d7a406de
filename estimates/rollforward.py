"""Roll a Head's Estimates forward one year (the yearly cycle).

Pure: a ``Head`` in, the next year's ``Head`` out; the old one is never changed.

- the Estimate year moves one year on, and every year label follows from it;
- Original = last year's Estimate, on every programme, subhead and breakdown line
  (a nil keyed as ``-`` stays nil; a blank Estimate leaves the Original to key, F01);
- Actual, Revised and the new Estimate are left nil for the clerk to key (rule F01
  flags each until keyed), unless actual expenditure is given (``actuals``);
- posts at start = last year's posts at end, directorate likewise; the net change,
  directorate posts at end and the ceiling are left for the clerk (F01);
- each rank's posts at start and at end are last year's posts at end;
- footnotes and the clerk's narrative sentences are carried as drafts, their text
  marked ``DRAFT`` for review (rule F02 until the clerk removes the mark), a
  footnote's columns moved on with the years;
- titles, the controlling officer and the pay scale carried; the establishment
  note (it quotes last year's totals) carried as a draft, marked for review.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .model import (
    COLUMNS,
    Amount,
    BreakdownItem,
    Count,
    EstablishmentSummary,
    Footnote,
    Head,
    Programme,
    Subhead,
    amounts,
)
from .money import NIL_MARK
from .years import YearError, next_year, parse_year

DRAFT = "[Review 待覆核] "
"""The mark on carried-over text; the clerk deletes it once the text is reviewed."""
MOVED_COLUMNS = {"original": "actual", "revised": "actual", "estimate": "original"}
"""Last year's column -> this year's: year -1's figures are now the Actual's year."""

CARRIED: dict[str, dict[str, tuple[str, ...]]] = {
    "programmes": {"original": ("estimate",), "actual": (), "revised": (),
                   "estimate": ()},
    "subheads": {"original": ("estimate",), "actual": (), "revised": (),
                 "estimate": ()},
    "breakdown": {"original": ("estimate",), "actual": (), "revised": (),
                  "estimate": ()},
    "posts": {"posts_start": ("posts_end",)},
    "head": {
        "estimate_year": (),
        "establishment.posts_start": (
            "establishment.posts_start", "establishment.net_change"),
        "establishment.directorate_start": ("establishment.directorate_end",),
        "establishment.directorate_end": (),
        "establishment.net_change": (),
        "establishment.ceiling": (),
    },
}  # fmt: skip
"""Where each field of the new year comes from: last year's fields, by the kind of
line ("head" for the Head's own fields); a field not named comes from itself. One
field is carried as it is; none is left for the clerk (or Actual's file)."""
REWORDED = {"footnotes": ("columns", "text_en", "text_zh")}
"""Fields carried but changed on the way (moved with the years, marked draft)."""


def carried_from(kind: str, name: str) -> tuple[tuple[str, ...], bool]:
    """The fields of last year's line (of ``kind``) the new ``name`` is made from,
    and whether it is one of them as it was (so a cell can be copied verbatim)."""
    sources = CARRIED.get(kind, {}).get(name, (name,))
    as_is = len(sources) == 1 and name not in REWORDED.get(kind, ())
    return sources, as_is


Actuals = dict[tuple[str, str], object]
"""Actual expenditure by line: ("programme", "2"), ("subhead", "000"),
("subhead", "000|deduct reimbursements"), ("item", "Salaries"). A subhead code
the book gives several lines (Head 156's 976, a deduction under 000) is matched
by code and title only, never by the code alone. A value is a figure, ``NIL_MARK``
(the file's ``-``: a nil keyed on purpose, carried as one) or None (a blank or
n/a: still to key)."""


def title_key(code: str, title: str) -> tuple[str, str]:
    """A subhead line's key by its code and title (case, spaces and dots folded,
    as a published file and the book may write them differently)."""
    folded = re.sub(r"\s+", " ", title.replace(".", " ")).strip().lower()
    return ("subhead", f"{code}|{folded}")


def _by_code(head: Head) -> set[str]:
    """The subhead codes that name one line of the book only (a deduction line is
    never matched by its code)."""
    counts = Counter(s.code for s in head.subheads if not s.is_deduction)
    return {code for code, n in counts.items() if n == 1}


ASKED = ("--year", "--year")
"""How the command line names the year a clerk gives (the ribbon: its input box)."""


def target_year(estimate_year: str, year: str = "", where: str = "",
                asked: tuple[str, str] = ASKED) -> str:  # fmt: skip
    """The year a book of ``estimate_year`` (read at ``where``) rolls forward to:
    the next one; a ``year`` given (``asked``: where it was given, in English and
    Chinese) must be exactly that.

    Raises:
        YearError: the book's year is no year (naming ``where``), or ``year`` is
            not the next one.
    """
    want = next_year(estimate_year, where or "the book")
    if not year:
        return want
    try:
        given = parse_year(year)
    except YearError as exc:
        raise YearError(f"{asked[0]}: {exc}", f"{asked[1]}: {exc.zh}") from None
    if given != want:
        raise YearError(
            f"{asked[0]}: the new year must be {want}, the year after the book's"
            f" {estimate_year}; {year.strip()} was given",
            f"新年度應為 {estimate_year} 的下一年度 {want},現為 {year.strip()}。",
        )
    return want


def _moved(last_estimate: Amount, actual) -> tuple:
    """The new year's four amounts: Actual as given (``NIL_MARK``: a keyed nil),
    Original = last Estimate (a keyed nil stays one; a blank stays blank, to key)."""
    keyed_nil = actual == NIL_MARK
    moved = amounts((None if keyed_nil else actual, last_estimate.value, None, None))
    return (
        Amount(moved[0].value, nil=keyed_nil),
        Amount(last_estimate.value, nil=last_estimate.nil),
        *moved[2:],
    )


def _actual(actuals: Actuals, *keys: tuple[str, str]):
    for key in keys:
        if key in actuals:
            return actuals[key]
    return None


def actual_keys(head: Head) -> dict[tuple[str, str], object]:
    """The keys of ``Actuals`` that a Head's lines take, each with the line's title
    (a programme's in both languages, (English, Chinese): one matched by number
    whose file title differs, in the file's language, is said)."""
    keys: dict[tuple[str, str], object] = {
        ("programme", p.number): (p.title_en, p.title_zh) for p in head.programmes
    }
    unique = _by_code(head)
    for s in head.subheads:
        for title in (s.title_en, s.title_zh):
            if title:
                keys[title_key(s.code, title)] = s.title_en or s.title_zh
        if s.code in unique and not s.is_deduction:
            keys[("subhead", s.code)] = s.title_en or s.title_zh
    for b in head.breakdown:
        keys[("item", b.item_en)] = keys[("item", b.item_zh)] = b.item_en or b.item_zh
    return keys


def is_draft(text: str) -> bool:
    """Text carried over and not yet reviewed (it still has the mark, trailing
    space or not: a footnote carried with no text is the mark alone)."""
    return bool(text) and text.strip().startswith(DRAFT.strip())


def undrafted(text: str) -> str:
    """The text without the review mark."""
    text = text.strip()
    return text[len(DRAFT.strip()) :].strip() if is_draft(text) else text


def draft(text: str) -> str:
    """Carried-over text, marked for review (once)."""
    return text if not text or text.startswith(DRAFT) else DRAFT + text


def _footnote(note: Footnote) -> Footnote:
    columns = tuple(
        c for c in COLUMNS if any(MOVED_COLUMNS.get(o) == c for o in note.columns)
    )
    if not (note.text_en.strip() or note.text_zh.strip()):  # to key, to review
        return Footnote(note.mark, note.target, columns, DRAFT, DRAFT)
    return Footnote(note.mark, note.target, columns, draft(note.text_en),
                    draft(note.text_zh))  # fmt: skip


def _establishment(old: EstablishmentSummary) -> EstablishmentSummary:
    start, net = old.posts_start.value, old.net_change.value
    posts_end = None if start is None or net is None else start + net
    return EstablishmentSummary(
        posts_start=Count(posts_end),
        directorate_start=Count(old.directorate_end.value),
        note_en=draft(old.note_en),  # its totals are last year's: to review
        note_zh=draft(old.note_zh),
    )


def roll_forward(head: Head, year: str = "", actuals: Actuals | None = None) -> Head:
    """The next year's Head from this year's (see the module's rules).

    Raises:
        ValueError: the Head's Estimate year, or ``year``, is not a year label.
    """
    year = target_year(head.estimate_year, year)
    got, unique = actuals or {}, _by_code(head)
    new = Head(
        head=head.head, title_en=head.title_en, title_zh=head.title_zh,
        controlling_officer_en=head.controlling_officer_en,
        controlling_officer_zh=head.controlling_officer_zh,
        estimate_year=year, department_en=head.department_en,
        department_zh=head.department_zh,
        department_short_zh=head.department_short_zh,
        establishment=_establishment(head.establishment),
        rolled_from=head.estimate_year,
    )  # fmt: skip
    for p in head.programmes:
        actual = _actual(got, ("programme", p.number))
        new.programmes.append(
            Programme(p.number, p.title_en, p.title_zh,
                      _moved(p.amounts[-1], actual), p.policy_area,
                      p.policy_area_zh)
        )  # fmt: skip
    for s in head.subheads:
        keys = [title_key(s.code, t) for t in (s.title_en, s.title_zh) if t]
        if s.code in unique and not s.is_deduction:
            keys.append(("subhead", s.code))
        actual = _actual(got, *keys)
        new.subheads.append(
            Subhead(s.account, s.section, s.code, s.title_en, s.title_zh,
                    _moved(s.amounts[-1], actual))
        )  # fmt: skip
    for b in head.breakdown:
        actual = _actual(got, ("item", b.item_en), ("item", b.item_zh))
        new.breakdown.append(
            BreakdownItem(b.group, b.item_en, b.item_zh,
                          _moved(b.amounts[-1], actual))
        )  # fmt: skip
    new.posts = [
        replace(p, posts_start=p.posts_end, ref=None) for p in head.posts
    ]  # each rank's posts at end, unchanged until the clerk keys the year's changes
    new.pay_scale = [replace(p) for p in head.pay_scale]
    new.footnotes = [_footnote(f) for f in head.footnotes]
    new.narrative = {k: (draft(t), None) for k, (t, _) in head.narrative.items()}
    return new
