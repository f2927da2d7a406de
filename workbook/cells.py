"""Input cells read as the core wants them, each bad cell a finding.

D01 number stored as text, D02 error value, D05 not a number (or a value its
column refuses), D06 required value missing, D15 a formula whose value cannot be
known until the book is recalculated. A clerk's formula is read by the value
stored with it, else evaluated when simple (``evaluate.py``); never nil silently.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from estimates import tables as T
from estimates.findings import Finding
from estimates.model import Ref
from estimates.money import (
    NOT_YET,
    is_nil,
    parse_number,
    round_half_up,
    to_decimal,
)
from estimates.rules.text import finding, said

from .evaluate import NotEvaluated, resolve
from .snapshot import ERROR_VALUES, CellError, Formula, Snapshot, address


class Label(str):
    """How a finding names a cell: the English (the text itself) and ``zh``, the
    same in Chinese (a Chinese line says no English words but the place)."""

    zh: str

    def __new__(cls, en: str, zh: str = "") -> Label:
        label = super().__new__(cls, en)
        label.zh = zh or en
        return label


def in_zh(label: str) -> str:
    """A label's Chinese (a plain string: itself)."""
    return getattr(label, "zh", label)


def _whole(value: Decimal, rounded: Decimal, kind: str) -> tuple[str, str]:
    """What a whole-number cell should hold; for $'000 keyed with decimals, the
    likely slip: the figure keyed in $ million (94.144 for 94,144)."""
    thousands = value * 1000
    if kind == T.THOUSANDS and thousands == thousands.to_integral_value():
        meant = f"{int(thousands):,}"
        return (
            f"whole $'000: {meant} if {value} was keyed in $ million",
            f"以千元計的整數:如 {value} 是以百萬元輸入,應為 {meant}",
        )
    return (f"a whole number such as {rounded}", f"整數,例如 {rounded}")


class Labelled(Protocol):
    """A table field or a fixed cell: what a D06 message names."""

    label_en: str
    label_zh: str


class Cells:
    """Reads a snapshot's input cells, adding a finding for each bad one."""

    def __init__(self, snap: Snapshot, findings: list[Finding]):
        self.snap = snap
        self.findings = findings

    def add(
        self, rule: str, ref: Ref, en: str, zh: str, expected: str, found: str,
        severity=None,
    ):  # fmt: skip
        self.findings.append(
            finding(rule, ref, en, zh, expected, found, severity=severity)
        )

    def raw(self, sheet: str, row: int, col: int, label: str) -> object:
        """A cell's value; a formula's is the value stored with it or evaluated.
        An error value is D02 and a formula that cannot be read D15 (both None)."""
        raw = self.snap.value(sheet, row, col)
        ref = Ref(sheet, address(row, col))
        if isinstance(raw, Formula):
            try:
                raw = resolve(self.snap, sheet, raw)
            except NotEvaluated as exc:
                en, zh = said(
                    (
                        f"{label} holds a formula the file stores no value for ({exc})",
                        f"{in_zh(label)} 的公式在檔案中沒有儲存數值",
                    ),
                    ("a value", "數值"),
                    (f"the formula {raw}", f"公式 {raw}"),
                    (
                        "It cannot be read until the book is recalculated: open and"
                        " save it in Excel or LibreOffice, or type the value.",
                        "須重新計算活頁簿(在 Excel 或 LibreOffice 開啟並儲存)"
                        "或直接輸入數值才能讀取。",
                    ),
                )
                self.add("D15", ref, en, zh, "a value", str(raw))
                return None
        if isinstance(raw, str) and raw.strip() in ERROR_VALUES:
            raw = CellError(raw.strip())  # what a values-only host sends for one
        if isinstance(raw, CellError):
            # which error is not named: the file stores the one its last
            # calculation gave, a values-only host is sent the one it gives now,
            # and the two can differ (#NAME? and #VALUE!): one text on both hosts
            en, zh = said(
                (f"{label} holds an error value", f"{in_zh(label)} 含錯誤值"),
                ("a value", "數值"),
                ("an error value", "錯誤值"),
                (
                    "Correct the cell or what its formula uses (the cell shows"
                    " which error: #N/A, #DIV/0!, #REF!, #NAME?, #VALUE!, ...).",
                    "請更正該儲存格或其公式所用的儲存格(儲存格會顯示錯誤類別,如"
                    " #N/A、#DIV/0!、#REF!、#NAME?、#VALUE!)。",
                ),
            )
            self.add("D02", ref, en, zh, "a value", "an error value")
            return None
        return raw

    def number(self, sheet: str, row: int, col: int, kind: str, label: str):
        """A number of ``kind`` (millions, thousands, int, dollars) or None, and
        its cell."""
        ref = Ref(sheet, address(row, col))
        raw = self.raw(sheet, row, col, label)
        if isinstance(raw, str) and is_nil(raw) and raw.strip().lower() in NOT_YET:
            self._nil_as_text(raw, ref, label)
        if is_nil(raw):
            return None, ref
        value = self._decimal(raw, ref, label)
        if value is None:
            return None, ref
        return self._precise(value, kind, ref, label), ref

    def _nil_as_text(self, raw: str, ref: Ref, label: str) -> None:
        """D05: 'n/a' typed in a figure cell: read as nil, as the book's totals
        leave it out, but the cell prints the text. A dash or 'nil' is a nil keyed
        on purpose (as the COR prints nil) and no finding."""
        en, zh = said(
            (f"{label} holds the text {raw!r}", f"{in_zh(label)} 含文字 {raw!r}"),
            ("a number, or - for nil", "數字,或以 - 表示無數字"),
            (f"the text {raw!r}", f"文字 {raw!r}"),
            (
                "It is read as nil, as the book's totals leave it out, but the"
                " cell prints the text. Key the figure, or - for nil.",
                "此格作無數字處理(總額不計入),但會印出該文字。"
                "請輸入數字,或以 - 表示無數字。",
            ),
        )
        self.add("D05", ref, en, zh, "a number", repr(raw))

    def _decimal(self, raw: object, ref: Ref, label: str) -> Decimal | None:
        try:
            if isinstance(raw, str):
                value = parse_number(raw)
                en, zh = said(
                    (
                        f"{label} is a number stored as text",
                        f"{in_zh(label)} 為以文字儲存的數字",
                    ),
                    ("a number", "數字"),
                    (f"the text {raw!r}", f"文字 {raw!r}"),
                    (
                        "Excel leaves it out of totals, and so do the figures and"
                        f" sentences here (as nil, not {value}). Re-enter it as a"
                        " number.",
                        f"Excel 不會計入總額,本工具的數字及句子亦不計入(作無數字,"
                        f"而非 {value})。請以數字重新輸入。",
                    ),
                )
                self.add("D01", ref, en, zh, "a number", repr(raw))
                return None  # nil, as the book's SUM and N() see it
            return to_decimal(raw)
        except ValueError:
            en, zh = said(
                (f"{label} is not a number", f"{in_zh(label)} 不是數字"),
                ("a number", "數字"),
                (repr(raw), repr(raw)),
            )
            self.add("D05", ref, en, zh, "a number", repr(raw))
            return None

    def _precise(self, value: Decimal, kind: str, ref: Ref, label: str):
        places = 1 if kind == T.MILLIONS else 0
        rounded = round_half_up(value, places)
        if rounded != value:
            if kind == T.MILLIONS:
                what = (
                    f"{label} has more than one decimal ($ million figures are keyed"
                    " to one decimal)",
                    f"{in_zh(label)} 多於一位小數(百萬元數字應只有一位小數)",
                )
                should = (
                    f"{rounded} or another one-decimal figure",
                    f"{rounded} 等一位小數",
                )
            else:
                what = (f"{label} is not a whole number", f"{in_zh(label)} 不是整數")
                should = _whole(value, rounded, kind)
            en, zh = said(what, should, (str(value), str(value)))
            self.add("D05", ref, en, zh, str(rounded), str(value))
        return rounded if kind == T.MILLIONS else int(rounded)

    def text(self, sheet: str, row: int, col: int) -> str:
        raw = self.raw(sheet, row, col, f"{sheet}!{address(row, col)}")
        if raw is None:
            return ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, Decimal) and raw.is_finite() and raw % 1 == 0:
            raw = int(raw)
        return str(raw).strip()

    def parsed(self, f: T.Field, sheet: str, row: int, col: int) -> object:
        """A text, code, flag or list cell as its field parses it; a value the
        field refuses is a D05 finding and reads as empty."""
        text = self.text(sheet, row, col)
        try:
            return f.parse(text)
        except T.NotACode as exc:  # kept as keyed: Export refuses, New year copies
            self._not_a_code(exc, f, Ref(sheet, address(row, col)), text)
            return text
        except ValueError as exc:
            where = f"{sheet}!{address(row, col)}"
            allowed = " or ".join(f.allowed) or str(exc)
            en, zh = said(
                (
                    f"{f.label_en} ({where}) is not a value it takes",
                    f"{f.label_zh}({where})不是可選的值",
                ),
                (allowed, " 或 ".join(f.allowed) or str(exc)),
                (repr(text), repr(text)),
            )
            self.add("D05", Ref(sheet, address(row, col)), en, zh, allowed, text)
            return f.empty

    def _not_a_code(self, exc: T.NotACode, f: T.Field, ref: Ref, text: str) -> None:
        """D05 at a code cell: expected digits, found the text; the code meant."""
        meant = (
            (f"Key it as {exc.meant}.", f"請輸入 {exc.meant}。") if exc.meant else None
        )
        en, zh = said(
            (f"{f.label_en} code ({ref})", f"{f.label_zh}編號({ref})"),
            exc.expected,
            (repr(text), repr(text)),
            *([meant] if meant else []),
        )
        self.add("D05", ref, en, zh, exc.expected[0], repr(text))

    def required(self, f: T.Field, value, ref: Ref, label: str):
        """A required number left blank is D06 and reads as 0; one the clerk
        keyed that is not a number is D05 (or D02, D15) only: it is not blank."""
        if value is None and f.required:
            if not (self.findings and self.findings[-1].ref == ref):
                self.missing(f, ref, label)
            return 0
        return value

    def missing(
        self, f: Labelled, ref: Ref, label: str, severity=None, why=None
    ) -> None:
        row = label.strip()
        named = row and "()" not in row and row != f.label_en
        where = f"{ref}, {row}" if named else ref
        where_zh = f"{ref},{in_zh(label).strip()}" if named else ref
        want = (f"a value for {f.label_en}", f"{f.label_zh}的數值")
        en, zh = said(
            (f"{f.label_en} is missing ({where})", f"缺少{f.label_zh}({where_zh})"),
            want,
            ("a blank cell", "空白"),
            *([why] if why else []),  # why it is an error (a title: reader._why)
        )
        self.add("D06", ref, en, zh, want[0], "blank", severity)
