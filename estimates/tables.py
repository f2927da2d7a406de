"""The input tables, declared once: each column's model field, parser, allowed
values and labels.

Pure (no host imports). ``workbook/layout.py`` places these columns on sheets and
gives them a heading, width, number format and drop-down; the source folder's
reader and writer (``source.py``), the importer's writer, the workbook reader and
the populate step all go through these declarations, so they cannot drift.

A ``Field`` is a descriptor in the spirit of openpyxl's: it names the model
attribute it reads and writes, parses a raw value (a cell's or a CSV cell's) and
turns a model value back into what a cell or a CSV file holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .model import (
    ACCOUNTS,
    COLUMNS,
    SECTIONS,
    Amount,
    BreakdownItem,
    Footnote,
    PayPoint,
    Post,
    Programme,
    Ref,
    Subhead,
)
from .money import NIL_CELL, NIL_MARK, parse_amount, parse_millions

TEXT, CODE, MILLIONS, THOUSANDS, INT, DOLLARS, FLAG, LIST = (
    "text",
    "code",
    "millions",
    "thousands",
    "int",
    "dollars",
    "flag",
    "list",
)
NUMBER_KINDS = frozenset({MILLIONS, THOUSANDS, INT, DOLLARS})
FLAG_VALUES = ("Y", "N")


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def programme_number(text: str) -> str:
    """``(2)`` and ``2`` are the same programme."""
    return text.strip().strip("()").strip()


NUMBER_LIKE = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
"""Text that reads as a number: a code keyed so is a number Excel or a CSV
writer turned into text (``885.0``), not a code (``88B`` and ``5001BX`` are)."""


class NotACode(ValueError):
    """A subhead code that reads as a number but not as a code (``885.0``,
    ``885.5``, ``-885``): the message names what was found; ``expected`` says what
    is wanted, in English and Chinese, and ``meant`` the code the clerk likely
    meant ("" if none)."""

    expected = ("a subhead code such as 000 or 700", "分目編號,如 000 或 700")

    def __init__(self, text: str):
        whole = re.fullmatch(r"(\d+)\.0*", text)
        self.meant = subhead_code(whole.group(1)) if whole else ""
        super().__init__(f"not a subhead code: {text!r} ({self.expected[0]})")


def subhead_code(text: str) -> str:
    """A numeric code keyed without its leading zeros (``0``) is ``000``.

    Raises:
        NotACode: text that reads as a number but not as a code (``885.0``).
    """
    if not text.isdigit() and NUMBER_LIKE.fullmatch(text):
        raise NotACode(text)
    return text.zfill(3) if text.isdigit() and len(text) < 3 else text


@dataclass(frozen=True)
class Field:
    """One column of an input table.

    ``name`` is the CSV heading and the key the layout places; ``attr`` the model
    attribute (a money column lives in the model's ``amounts``). ``allowed`` lists
    the known values (checked by rule D13, offered as a drop-down in the book).
    """

    name: str
    kind: str
    label_en: str
    label_zh: str
    attr: str = ""
    required: bool = False
    allowed: tuple[str, ...] = ()
    normalise: Callable[[str], str] | None = None

    @property
    def model_attr(self) -> str:
        return self.attr or self.name

    @property
    def is_money(self) -> bool:
        return self.name in COLUMNS

    def parse(self, raw: object) -> object:
        """The model value of a raw cell or CSV value.

        Raises:
            ValueError: not a value of this kind (the message says what is wanted).
        """
        if self.kind == MILLIONS:
            return parse_millions(raw)
        if self.kind in (THOUSANDS, INT, DOLLARS):
            value = parse_amount(raw)
            if value is None:
                if self.required:
                    raise ValueError("a whole number is required")
                return None
            if value != value.to_integral_value():
                raise ValueError(f"not a whole number: {raw!r}")
            return int(value)
        text = _text(raw)
        if self.kind == FLAG:
            if text.upper() not in (*FLAG_VALUES, ""):
                raise ValueError(f"must be Y or N, not {text!r}")
            return text.upper() == "Y"
        if self.kind == LIST:
            return tuple(p.strip().lower() for p in text.split(",") if p.strip())
        return self.normalise(text) if self.normalise else text

    def unparse(self, value: object) -> object:
        """What a cell holds for a model value (None for nil or empty)."""
        if self.kind == FLAG:
            return "Y" if value else "N"
        if self.kind == LIST:
            return ",".join(value) or None  # type: ignore[arg-type]
        if self.kind == MILLIONS and value is not None:
            return float(value)  # type: ignore[arg-type]  # shortest repr is exact
        if value == "":
            return None
        return value

    def csv(self, value: object) -> str:
        """The CSV text of a model value."""
        cell = self.unparse(value)
        if cell is None:
            return ""
        if isinstance(cell, float):
            return str(Decimal(repr(cell)))
        return str(cell)

    @property
    def empty(self) -> object:
        """The model value of an empty cell."""
        return {FLAG: False, LIST: ()}.get(
            self.kind, None if self.kind in NUMBER_KINDS else ""
        )

    def get(self, item: object) -> object:
        if self.is_money:
            return item.amounts[COLUMNS.index(self.name)].value  # type: ignore[attr-defined]
        return getattr(item, self.model_attr)


@dataclass(frozen=True)
class Table:
    """An input table: its fields in sheet/CSV order and the model row it makes."""

    name: str  # the Excel table's name
    csv: str  # the source folder's file
    model: type
    fields: tuple[Field, ...]
    csv_required: tuple[str, ...] = ()  # headings a CSV file must have
    ref_field: str = ""  # the column whose cell stands for the row (default first)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def make(
        self,
        values: Mapping[str, object],
        refs: Mapping[str, Ref] | None = None,
        ref: Ref | None = None,
        nils: Iterable[str] = (),
        unread: Iterable[str] = (),
        errors: Iterable[str] = (),
        found: dict[str, str] | None = None,
    ) -> object:
        """A model row from parsed values by field name, and their cells; ``nils``:
        the money fields keyed as a nil mark (``-``), not left blank; ``unread``:
        those of them that hold no nil mark but what could not be read; ``errors``
        those that hold an error value; ``found``: the text of a money cell read
        as a figure still to key ('n/a'), by field name."""
        nils, unread, errors = set(nils), set(unread), set(errors)
        refs = refs or {}
        if ref is None:
            ref = refs.get(self.ref_field or self.fields[0].name)
        kwargs: dict[str, object] = {}
        money = []
        for f in self.fields:
            if f.is_money:
                value = values.get(f.name)
                nil = value is None and f.name in nils
                money.append(Amount(value, refs.get(f.name),  # type: ignore[arg-type]
                                    nil, nil and f.name in unread,
                                    nil and f.name in errors,
                                    (found or {}).get(f.name, "")))  # fmt: skip
            else:
                kwargs[f.model_attr] = values.get(f.name, f.empty)
        if money:
            kwargs["amounts"] = tuple(money)
        if "ref" in self.model.__dataclass_fields__:
            kwargs["ref"] = ref
        if "refs" in self.model.__dataclass_fields__:
            kwargs["refs"] = dict(refs)
        return self.model(**kwargs)

    def cells(self, item: object) -> list[object]:
        """What each column's cell holds for a model row, in order (a keyed nil:
        its mark, so a blank and a nil stay apart)."""
        return [_nil(f, item, NIL_CELL) or f.unparse(f.get(item)) for f in self.fields]

    def csv_row(self, item: object) -> list[str]:
        return [_nil(f, item, NIL_MARK) or f.csv(f.get(item)) for f in self.fields]


def _nil(f: Field, item: object, mark: str) -> str:
    """``mark`` for a money field keyed as nil, else ""."""
    if not f.is_money:
        return ""
    amount = item.amounts[COLUMNS.index(f.name)]  # type: ignore[attr-defined]
    return mark if amount.nil else ""


def _money(kind: str) -> tuple[Field, ...]:
    labels = {
        "actual": ("Actual", "實際"),
        "original": ("Original", "原來預算"),
        "revised": ("Revised", "修訂"),
        "estimate": ("Estimate", "預算"),
    }
    return tuple(Field(c, kind, *labels[c]) for c in COLUMNS)


ALL_SECTIONS: tuple[str, ...] = tuple(s for a in ACCOUNTS for s in SECTIONS[a])

PROGRAMMES = Table(
    "tblProgrammes",
    "programmes.csv",
    Programme,
    (
        Field(
            "programme",
            CODE,
            "Programme",
            "綱領",
            attr="number",
            required=True,
            normalise=programme_number,
        ),
        # a title is required in each language the table uses (reader.titles)
        Field("title_en", TEXT, "Title (English)", "名稱(英文)"),
        Field("title_zh", TEXT, "Title (Chinese)", "名稱(中文)"),
        *_money(MILLIONS),
        Field("policy_area", TEXT, "Policy area (English)", "政策範圍(英文)"),
        Field("policy_area_zh", TEXT, "Policy area (Chinese)", "政策範圍(中文)"),
    ),
    ("programme", "title_en", "title_zh", *COLUMNS),
)
SUBHEADS = Table(
    "tblSubheads",
    "subheads.csv",
    Subhead,
    (
        Field("account", TEXT, "Account", "帳目", allowed=ACCOUNTS),
        Field("section", TEXT, "Section", "類別", allowed=ALL_SECTIONS),
        Field("code", CODE, "Subhead", "分目", required=True, normalise=subhead_code),
        Field("title_en", TEXT, "Title (English)", "名稱(英文)"),
        Field("title_zh", TEXT, "Title (Chinese)", "名稱(中文)"),
        *_money(THOUSANDS),
    ),
    ("account", "section", "code", "title_en", "title_zh", *COLUMNS),
    ref_field="code",
)
BREAKDOWN = Table(
    "tblBreakdown",
    "subhead_000.csv",
    BreakdownItem,
    (
        Field("group", TEXT, "Group", "類別"),
        Field("item_en", TEXT, "Item (English)", "項目(英文)"),
        Field("item_zh", TEXT, "Item (Chinese)", "項目(中文)"),
        *_money(THOUSANDS),
    ),
    ("group", "item_en", "item_zh", *COLUMNS),
)
ESTABLISHMENT = Table(
    "tblEstablishment",
    "establishment.csv",
    Post,
    (
        Field("rank_en", TEXT, "Rank (English)", "職級(英文)"),
        Field("rank_zh", TEXT, "Rank (Chinese)", "職級(中文)"),
        Field("directorate", FLAG, "Directorate", "首長級", allowed=FLAG_VALUES),
        Field("scale", CODE, "Pay scale", "薪級表"),
        Field("min_point", INT, "Min point", "最低薪點"),
        Field("max_point", INT, "Max point", "最高薪點"),
        Field("programme", CODE, "Programme", "綱領", normalise=programme_number),
        Field("posts_start", INT, "Posts at start", "年初職位", required=True),
        Field("posts_end", INT, "Posts at end", "年終職位", required=True),
    ),
    (
        "rank_en",
        "rank_zh",
        "directorate",
        "scale",
        "min_point",
        "max_point",
        "programme",
        "posts_start",
        "posts_end",
    ),
)
PAY_SCALE = Table(
    "tblPayScale",
    "pay_scale.csv",
    PayPoint,
    (
        Field("scale", CODE, "Scale", "薪級表"),
        Field("point", INT, "Point", "薪點", required=True),
        Field("monthly_salary", DOLLARS, "Monthly salary", "月薪", required=True),
    ),
    ("scale", "point", "monthly_salary"),
)
FOOTNOTES = Table(
    "tblFootnotes",
    "",  # footnotes live in head.toml's [[footnotes]]
    Footnote,
    (
        Field("mark", TEXT, "Mark", "標記"),
        Field("target", TEXT, "Target", "所註項目"),
        Field("columns", LIST, "Columns", "欄", allowed=COLUMNS),
        Field("text_en", TEXT, "Text (English)", "註釋(英文)"),
        Field("text_zh", TEXT, "Text (Chinese)", "註釋(中文)"),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (PROGRAMMES, SUBHEADS, BREAKDOWN, ESTABLISHMENT, PAY_SCALE, FOOTNOTES)
}
"""Every input table by its Excel name, in the order the book and folder hold them."""

HEAD_LISTS = {
    "tblProgrammes": "programmes",
    "tblSubheads": "subheads",
    "tblBreakdown": "breakdown",
    "tblEstablishment": "posts",
    "tblPayScale": "pay_scale",
    "tblFootnotes": "footnotes",
}
"""The ``Head`` attribute that holds each table's rows."""


def blank(values: Iterable[object]) -> bool:
    """A row with nothing keyed in it (skipped, shifting nothing)."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
