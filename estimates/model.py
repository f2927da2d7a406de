"""The Head's Estimates as the core sees them, whatever host they came from.

Every input value may carry the ``Ref`` of the cell it was read from, so that a
finding can point at it. A model built from a source data folder has no refs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .years import column_years

COLUMNS: tuple[str, ...] = ("actual", "original", "revised", "estimate")
"""The four money columns of every COR table, in print order."""

ACCOUNTS: tuple[str, ...] = ("Operating", "Capital")
SECTIONS: dict[str, tuple[str, ...]] = {
    "Operating": ("Recurrent", "Non-Recurrent"),
    "Capital": ("Plant, Equipment and Works", "Subventions"),
}


@dataclass(frozen=True, order=True, slots=True)
class Ref:
    """Where a value sits: a sheet name and an A1 address.

    Every input row keeps ``refs``, its cells by field name (``refs["account"]``),
    each holding the row's real sheet row, so a finding lands on the right cell.
    """

    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass(frozen=True)
class Amount:
    """One amount and the cell it came from; ``value`` None means nil.

    A nil is blank (still to key, the default) unless ``nil``: the clerk keyed a
    nil mark (``-``) on purpose. A keyed nil rolls forward as nil; a blank
    Estimate rolls into an Original still to key (rule F01)."""

    value: int | Decimal | None
    ref: Ref | None = None
    nil: bool = field(default=False, compare=False)
    unread: bool = field(default=False, compare=False)
    """A cell that holds something but no figure nor nil mark (an error value,
    text): its own finding says what; not to key (F01), yet no figure either."""
    error: bool = field(default=False, compare=False)
    """An error value (D02): the book's totals over it show the error too."""
    found: str = field(default="", compare=False)
    """What the cell of a figure still to key holds when not empty ('n/a', its
    own D05): F01 says it was found, not "a blank cell"."""

    @property
    def keyed(self) -> bool:
        """A figure, or a nil keyed on purpose (``-``): what a change is worked
        from (a nil counts as zero)."""
        return self.value is not None or (self.nil and not self.unread)

    @property
    def blank(self) -> bool:
        """No figure and no nil mark: a figure still to key."""
        return self.value is None and not self.nil


def amounts(values: tuple, refs: tuple | None = None) -> tuple[Amount, ...]:
    """Four ``Amount``s from four values (and optional refs)."""
    refs = refs or (None,) * len(COLUMNS)
    return tuple(Amount(v, r) for v, r in zip(values, refs, strict=True))


@dataclass(frozen=True)
class Programme:
    """A programme's financial provision, $ million to one decimal."""

    number: str
    title_en: str
    title_zh: str
    amounts: tuple[Amount, ...]
    policy_area: str = ""  # "27: Intra-Governmental Services", as keyed
    policy_area_zh: str = ""  # "27:政府內部服務(創新科技及工業局局長)"
    ref: Ref | None = None
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)

    def value(self, column: str) -> Decimal | None:
        return self.amounts[COLUMNS.index(column)].value  # type: ignore[return-value]


@dataclass(frozen=True)
class Subhead:
    """One subhead line, $'000 in whole thousands."""

    account: str
    section: str
    code: str
    title_en: str
    title_zh: str
    amounts: tuple[Amount, ...]
    ref: Ref | None = None
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)

    def value(self, column: str) -> int | None:
        return self.amounts[COLUMNS.index(column)].value  # type: ignore[return-value]

    @property
    def is_deduction(self) -> bool:
        """A "Deduct reimbursements" line under a subhead: negative by nature."""
        return self.title_en.lower().startswith("deduct") or "發還款額" in self.title_zh


@dataclass(frozen=True)
class BreakdownItem:
    """One line of the breakdown of subhead 000, $'000."""

    group: str
    item_en: str
    item_zh: str
    amounts: tuple[Amount, ...]
    ref: Ref | None = None
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Post:
    """A rank's posts in the establishment at the start and end of the year."""

    rank_en: str
    rank_zh: str
    directorate: bool
    scale: str
    min_point: int | None
    max_point: int | None
    programme: str
    posts_start: int
    posts_end: int
    ref: Ref | None = None
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class PayPoint:
    """A monthly salary at one point of a pay scale, whole HK$."""

    scale: str
    point: int
    monthly_salary: int
    ref: Ref | None = None
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Footnote:
    """A footnote mark that explains restated comparatives.

    ``target`` names what the mark sits on: ``programme_total``,
    ``total_expenditure``, ``programme:N`` or ``subhead:CODE``.
    """

    mark: str
    target: str
    columns: tuple[str, ...]
    text_en: str = ""
    text_zh: str = ""
    ref: Ref | None = None
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Count:
    """A whole number the clerk keys (posts, HK$ ceiling) and its cell."""

    value: int | None
    ref: Ref | None = None


@dataclass(frozen=True)
class EstablishmentSummary:
    """The Head summary's establishment figures."""

    posts_start: Count = Count(None)
    directorate_start: Count = Count(None)
    directorate_end: Count = Count(None)
    net_change: Count = Count(None)
    ceiling: Count = Count(None)
    note_en: str = ""
    note_zh: str = ""
    refs: dict[str, Ref] = field(default_factory=dict, compare=False, repr=False)
    """The cells of the notes, by field name (``refs["note_en"]``), when read from
    a book."""


@dataclass(frozen=True)
class Shown:
    """A computed figure as the book shows it.

    ``formula_intact`` is True when the cell still holds the template's formula,
    False when a constant was typed over it, None when the host cannot tell
    (a values-only host). ``value`` is what the cell shows, when known.
    """

    key: str
    ref: Ref
    value: object = None
    formula_intact: bool | None = None
    value_known: bool = True


@dataclass
class Head:
    """One Head's Estimates for one year."""

    head: str
    title_en: str = ""
    title_zh: str = ""
    controlling_officer_en: str = ""
    controlling_officer_zh: str = ""
    estimate_year: str = ""
    department_en: str = ""
    department_zh: str = ""
    department_short_zh: str = ""
    programmes: list[Programme] = field(default_factory=list)
    subheads: list[Subhead] = field(default_factory=list)
    breakdown: list[BreakdownItem] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    pay_scale: list[PayPoint] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    establishment: EstablishmentSummary = field(default_factory=EstablishmentSummary)
    shown: dict[str, Shown] = field(default_factory=dict)
    narrative: dict[str, tuple[str, Ref | None]] = field(default_factory=dict)
    """A clerk's own sentences, by narrative key, and where each sits."""
    rolled_from: str = ""
    """The Estimate year this book was rolled forward from ("" if it was not)."""
    footnote_gaps: tuple[Amount, ...] = field(default=(), compare=False)
    """Per column, the programme-total gap ($ million) the footnotes were accepted
    as explaining, as recorded in the book (() where nothing was read)."""
    notes: dict[str, str] = field(default_factory=dict)
    """A clerk's own notes outside the tables (on the Narrative sheet, below or
    beside its lines), by cell ("Narrative!A30"): Export and build carry them."""
    shows_error: frozenset[Ref] = field(default=frozenset(), compare=False)
    """The input cells that show an error value (D02, ``=NA()``): a figure
    worked over one is no figure the book can show, so no sentence quotes it."""
    posts_history: tuple[tuple[str | int, int | None], ...] = field(
        default=(), compare=False
    )
    """Earlier years' establishment the clerk keys for the chart, oldest first:
    (the year "as at 31 March", the posts then); Export, build and New year carry
    it (() where the book or folder gives none)."""

    def year_labels(self) -> tuple[str, str, str, str]:
        """Column years: ``("2023-24", "2024-25", "2024-25", "2025-26")``."""
        return year_labels(self.estimate_year)


def year_labels(estimate_year: str) -> tuple[str, str, str, str]:
    """The four column years for an Estimate year such as ``2025-26``."""
    return column_years(estimate_year)
