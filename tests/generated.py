"""Hypothesis strategies for Heads and for a clerk's edits on the built book.

``heads()`` draws a Head the way clerks key them: 1-8 programmes; 3-40 subhead
lines across every section of both accounts, deduction lines under their subhead,
nil figures, zero changes and nil bases; a breakdown of subhead 000; an
establishment whose ranks have odd and even pay ranges. ``cases()`` adds up to
four clerk edits made through the cells of the built book (insert, delete, sort,
blank rows, append below, reclassify, formulas in input cells, a constant over a
computed cell). Each edit changes the book and, independently, the core's model,
so the core's figures for the edited data need nothing from the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from hypothesis import strategies as st

from estimates.model import (
    BreakdownItem,
    Count,
    EstablishmentSummary,
    Head,
    PayPoint,
    Post,
    Programme,
    Subhead,
    amounts,
)

from . import clerk
from .generated_heads import SECTIONS

TABLE_OF = {
    "programmes": "tblProgrammes",
    "subheads": "tblSubheads",
    "breakdown": "tblBreakdown",
    "posts": "tblEstablishment",
}
PAY = [PayPoint("MPS", p, 14_000 + 1_370 * p + (p * p * 7) % 500) for p in range(50)]
PAY += [PayPoint(f"D{d}", 0, 150_000 + 25_000 * d) for d in range(1, 9)]

thousands = st.integers(0, 60_000_000)
millions = st.integers(0, 600_000).map(lambda n: Decimal(n) / 10)


@st.composite
def four(draw, one):
    """Four column figures: some nil, some zero changes, some nil bases."""
    values = [
        draw(st.none() | one) if draw(st.integers(0, 5)) == 0 else draw(one)
        for _ in range(4)
    ]
    shape = draw(st.sampled_from(["free", "zero_change", "nil_base", "zero_base"]))
    if shape == "zero_change":
        values[3] = values[2]
    elif shape == "nil_base":
        values[1] = values[2] = None
    elif shape == "zero_base":
        values[2] = type(draw(one))(0)
    return tuple(values)


@st.composite
def subhead_lines(draw) -> list[Subhead]:
    n = draw(st.integers(3, 40))
    codes = draw(
        st.lists(
            st.integers(1, 999).map(lambda c: f"{c:03d}"),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    if draw(st.booleans()):
        codes[0] = "000" if "000" not in codes else codes[0]
    lines = []
    for i, code in enumerate(codes):
        account, section = SECTIONS[i % 4] if i < 4 else draw(st.sampled_from(SECTIONS))
        if code == "000":
            account, section = SECTIONS[0]
        title = f"Subhead {code}"
        lines.append(
            Subhead(
                account,
                section,
                code,
                title,
                f"分目{code}",
                amounts(draw(four(thousands))),
            )
        )
        if code != "000" and draw(st.integers(0, 7)) == 0:
            minus = tuple(
                None if v is None else -v // 10 for v in draw(four(thousands))
            )
            lines.append(
                Subhead(
                    account,
                    section,
                    code,
                    "Deduct reimbursements",
                    "扣除發還款額",
                    amounts(minus),
                )
            )
    return lines


@st.composite
def posts(draw, programmes: list[str]) -> list[Post]:
    out = []
    for r in range(draw(st.integers(0, 8))):
        directorate = draw(st.integers(0, 4)) == 0
        low = draw(st.integers(0, 40))
        width = draw(st.integers(0, 8))  # 0, 2, 4 ...: odd ranges; 1, 3 ...: even
        start, end = draw(st.integers(0, 60)), draw(st.integers(0, 60))
        out.append(
            Post(
                f"Rank {r}",
                f"職級{r}",
                directorate,
                f"D{draw(st.integers(1, 8))}" if directorate else "MPS",
                None if directorate else low,
                None if directorate else low + width,
                draw(st.sampled_from(programmes)),
                start,
                end,
            )
        )
    return out


@st.composite
def heads(draw) -> Head:
    n = draw(st.integers(1, 8))
    numbers = [str(i + 1) for i in range(n)]
    programmes = [
        Programme(p, f"Programme {p}", f"綱領{p}", amounts(draw(four(millions))))
        for p in numbers
    ]
    lines = draw(subhead_lines())
    breakdown = []
    if any(s.code == "000" for s in lines):
        for i in range(draw(st.integers(0, 5))):
            group = "Personal Emoluments" if i < 2 else "Departmental Expenses"
            breakdown.append(
                BreakdownItem(
                    group, f"Item {i}", f"項目{i}", amounts(draw(four(thousands)))
                )
            )
    staff = draw(posts(numbers))
    year = draw(st.integers(2008, 2030))
    count = st.none() | st.integers(0, 400)
    head = Head(
        head=str(draw(st.integers(1, 199))),
        title_en="Generated Head",
        title_zh="生成總目",
        estimate_year=f"{year}-{(year + 1) % 100:02d}",
        programmes=programmes,
        subheads=lines,
        breakdown=breakdown,
        posts=staff,
        pay_scale=list(PAY) if staff else [],
    )
    head.establishment = EstablishmentSummary(
        posts_start=Count(draw(count)),
        directorate_start=Count(draw(count)),
        directorate_end=Count(draw(count)),
        net_change=Count(draw(st.integers(-9, 9))),
        ceiling=Count(draw(st.none() | st.integers(0, 90_000_000))),
    )
    return head


# ----- clerk edits: each changes the book through its cells, and the model -----


def _table_row(table: str, item) -> list:
    if table == "tblProgrammes":
        return [
            item.number,
            item.title_en,
            item.title_zh,
            *(a.value for a in item.amounts),
            item.policy_area,
            item.policy_area_zh,
        ]
    if table == "tblSubheads":
        return [
            item.account,
            item.section,
            item.code,
            item.title_en,
            item.title_zh,
            *(a.value for a in item.amounts),
        ]
    if table == "tblBreakdown":
        return [
            item.group,
            item.item_en,
            item.item_zh,
            *(a.value for a in item.amounts),
        ]
    return [
        item.rank_en,
        item.rank_zh,
        "Y" if item.directorate else "N",
        item.scale,
        item.min_point,
        item.max_point,
        item.programme,
        item.posts_start,
        item.posts_end,
    ]


def _cell(value):
    """Numbers as a spreadsheet stores them (floats for one-decimal $ million)."""
    return float(value) if isinstance(value, Decimal) else value


def _sort_key(value):
    if isinstance(value, str):
        return (0, 0, value)
    return (1, 0 if value is None else 1, value or 0)


@dataclass
class Edit:
    """One clerk's edit of one input table: ``book`` makes it through the cells,
    ``model`` makes the same change to the core's Head, independently."""

    kind: str
    field: str  # the Head's list: programmes, subheads, breakdown, posts
    index: int = 0
    item: object = None
    detail: dict = field(default_factory=dict)

    def order(self, items: list) -> list[int]:
        column = self.detail["column"]
        table = TABLE_OF[self.field]
        return sorted(
            range(len(items)),
            key=lambda i: _sort_key(_table_row(table, items[i])[column]),
            reverse=self.detail["reverse"],
        )

    def model(self, head: Head) -> Head:
        items = list(getattr(head, self.field))
        if self.kind in ("insert", "append_below"):
            items.insert(
                len(items) if self.kind == "append_below" else self.index, self.item
            )
        elif self.kind == "delete":
            del items[self.index]
        elif self.kind == "sort":
            items = [items[i] for i in self.order(items)]
        elif self.kind == "reclassify":
            items[self.index] = replace(
                items[self.index],
                account=self.detail["account"],
                section=self.detail["section"],
            )
        return _with(head, self.field, items)

    def book(self, wb, head: Head) -> None:
        """Make the edit in ``wb``, whose table holds ``head``'s items in order."""
        table = TABLE_OF[self.field]
        t = clerk.Table(wb, table)
        if self.kind == "append_below":
            t.append_below([_cell(v) for v in _table_row(table, self.item)])
            return
        body = t.rows()
        filled = [
            i for i, row in enumerate(body) if any(v not in (None, "") for v in row)
        ]
        at = filled[self.index] if self.index < len(filled) else len(body)
        if self.kind == "insert":
            body.insert(at, [_cell(v) for v in _table_row(table, self.item)])
        elif self.kind == "delete":
            del body[at]
        elif self.kind == "blank":
            body.insert(at, [None] * t.width)
        elif self.kind == "sort":
            order = self.order(list(getattr(head, self.field)))
            body = [body[filled[i]] for i in order] + [
                r for i, r in enumerate(body) if i not in filled
            ]
        elif self.kind == "reclassify":
            body[at][0], body[at][1] = self.detail["account"], self.detail["section"]
        elif self.kind == "formula":
            body[at][self.detail["column"]] = _as_formula(
                body[at][self.detail["column"]], self.detail["part"]
            )
        t.put(body)


def _as_formula(value, part: int):
    """A formula that gives ``value``: what a clerk types to show the working."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        part %= abs(value) + 1
        return f"={value - part}+{part}"
    return f"={value}*1"


def _with(head: Head, name: str, items: list) -> Head:
    edited = replace(head)
    setattr(edited, name, items)
    return edited


MONEY_COLUMNS = {
    "programmes": (3, 4, 5, 6),
    "subheads": (5, 6, 7, 8),
    "breakdown": (3, 4, 5, 6),
    "posts": (7, 8),
}
SORT_COLUMNS = {
    "programmes": (0, 6),
    "subheads": (2, 8),
    "breakdown": (1, 6),
    "posts": (0, 8),
}
CONSTANT_TARGETS = (
    ("Head", "C19"),
    ("Head", "C22"),
    ("Subhead000", "G6"),
    ("Programmes", "K4"),
)


@dataclass
class Constant:
    """A constant a clerk types over a computed cell: kept, and flagged (C01)."""

    sheet: str
    cell: str
    value: int
    kind: str = "constant"
    field: str = ""

    def model(self, head: Head) -> Head:
        return head

    def book(self, wb, head: Head) -> None:
        wb[self.sheet][self.cell] = self.value


@st.composite
def edit_for(draw, head: Head) -> Edit:
    """One edit of an input table that fits the Head as it stands."""
    name = draw(
        st.sampled_from(["programmes", "subheads", "subheads", "breakdown", "posts"])
    )
    items = getattr(head, name)
    kinds = ["insert", "blank", "append_below"]
    if items:
        kinds += ["delete", "sort", "formula"]
    if items and name == "subheads":
        kinds += ["reclassify", "reclassify"]
    kind = draw(st.sampled_from(kinds))
    last = max(0, len(items) - (0 if kind == "insert" else 1))
    index = draw(st.integers(0, last))
    if kind in ("insert", "append_below"):
        return Edit(kind, name, index, draw(_new_item(head, name)))
    if kind == "sort":
        return Edit(
            kind,
            name,
            index,
            detail={
                "column": draw(st.sampled_from(SORT_COLUMNS[name])),
                "reverse": draw(st.booleans()),
            },
        )
    if kind == "reclassify":
        account, section = draw(st.sampled_from(SECTIONS))
        return Edit(kind, name, index, detail={"account": account, "section": section})
    if kind == "formula":
        return Edit(
            kind,
            name,
            index,
            detail={
                "column": draw(st.sampled_from(MONEY_COLUMNS[name])),
                "part": draw(st.integers(0, 10**6)),
            },
        )
    return Edit(kind, name, index)


@st.composite
def _new_item(draw, head: Head, name: str):
    if name == "programmes":
        number = str(max((int(p.number) for p in head.programmes), default=0) + 1)
        return Programme(
            number,
            f"New programme {number}",
            f"新綱領{number}",
            amounts(draw(four(millions))),
        )
    if name == "subheads":
        used = {s.code for s in head.subheads}
        code = draw(
            st.integers(1, 999)
            .map(lambda c: f"{c:03d}")
            .filter(lambda c: c not in used)
        )
        account, section = draw(st.sampled_from(SECTIONS))
        return Subhead(
            account,
            section,
            code,
            f"New subhead {code}",
            f"新分目{code}",
            amounts(draw(four(thousands))),
        )
    if name == "breakdown":
        return BreakdownItem(
            "Departmental Expenses",
            "New item",
            "新項目",
            amounts(draw(four(thousands))),
        )
    low = draw(st.integers(0, 40))
    programme = draw(st.sampled_from([p.number for p in head.programmes]))
    return Post(
        "New rank",
        "新職級",
        False,
        "MPS",
        low,
        low + draw(st.integers(0, 8)),
        programme,
        draw(st.integers(0, 9)),
        draw(st.integers(0, 9)),
    )


@dataclass
class Clerk:
    """A Head, and the edits a clerk then makes on its built book."""

    head: Head
    edits: list

    @property
    def edited(self) -> Head:
        """The core's Head after the edits, made with no workbook."""
        head = self.head
        for edit in self.edits:
            head = edit.model(head)
        return head

    def edit_book(self, wb) -> None:
        head = self.head
        for edit in self.edits:
            edit.book(wb, head)
            head = edit.model(head)

    def __repr__(self) -> str:
        said = [
            f"{e.kind}:{e.field or e.sheet + '!' + e.cell}@{getattr(e, 'index', '')}"
            for e in self.edits
        ]
        return (
            f"Clerk(Head {self.head.head}: {len(self.head.programmes)} programmes,"
            f" {len(self.head.subheads)} lines; edits {said})"
        )


@st.composite
def cases(draw, max_edits: int = 4, constants: bool = True) -> Clerk:
    """A Head and up to ``max_edits`` edits; rows typed below a table, and a
    constant over a computed cell, come last (they leave the table as it is)."""
    head = draw(heads())
    edits, current = [], head
    for _ in range(draw(st.integers(0, max_edits))):
        edit = draw(edit_for(current))
        edits.append(edit)
        current = edit.model(current)
        if edit.kind == "append_below":
            break
    if constants and draw(st.integers(0, 3)) == 0:
        sheet, cell = draw(st.sampled_from(CONSTANT_TARGETS))
        edits.append(Constant(sheet, cell, draw(st.integers(1, 10**6))))
    return Clerk(head, edits)
