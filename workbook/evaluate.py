"""The simple formulas a clerk types in an input cell, evaluated when the file
stored no value with them (a book written by a script, never recalculated).

Arithmetic on numbers (``=175000+587``, ``=4*12/2``, brackets, signs) and ``SUM``
over numbers, cells and ranges of the book (``=SUM(F5:F9)``, ``=SUM(4,12)``).
Anything else raises ``NotEvaluated``: the reader then says that the cell
cannot be read until the book is recalculated. Exact: Decimal throughout.
"""

from __future__ import annotations

import re
from decimal import Decimal, DivisionByZero, InvalidOperation

from .snapshot import CellError, Formula, Snapshot, address, cell_position, table_bounds

_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)"
    r"|(?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d+"
    r"(?::\$?[A-Za-z]{1,3}\$?\d+)?)"
    r"|(?P<sum>SUM\s*\()"
    r"|(?P<na>NA\s*\(\s*\))"
    r"|(?P<op>[-+*/(),])"
    r")",
    re.IGNORECASE,
)
MAX_DEPTH = 20
MAX_CELLS = 100_000


class NotEvaluated(ValueError):
    """Not one of the simple cases."""


class _ErrorValue(Exception):
    """The formula's result is an error value (``=NA()``, a division by zero)."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise NotEvaluated(f"not a simple formula at {text[pos:]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind).strip()))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, snap: Snapshot, sheet: str, text: str, depth: int):
        self.snap, self.sheet, self.depth = snap, sheet, depth
        self.tokens = _tokens(text.removeprefix("="))
        self.i = 0

    def peek(self) -> str:
        return self.tokens[self.i][1] if self.i < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        if self.i >= len(self.tokens):
            raise NotEvaluated("the formula ends too soon")
        self.i += 1
        return self.tokens[self.i - 1]

    def run(self) -> Decimal:
        value = self.expr()
        if self.i != len(self.tokens):
            raise NotEvaluated(f"unexpected {self.peek()!r}")
        return value

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            right = self.term()
            value = value + right if op == "+" else value - right
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            right = self.factor()
            try:
                value = value * right if op == "*" else value / right
            except (DivisionByZero, InvalidOperation):
                raise _ErrorValue("#DIV/0!") from None
        return value

    def factor(self) -> Decimal:
        kind, text = self.take()
        if text in ("+", "-"):
            value = self.factor()
            return -value if text == "-" else value
        if kind == "num":
            return Decimal(text)
        if text == "(":
            value = self.expr()
            self.close()
            return value
        if kind == "sum":
            return self.sum()
        if kind == "na":
            raise _ErrorValue("#N/A")
        if kind == "ref" and ":" not in text:
            return self.number(*self.cell(text), in_sum=False) or Decimal(0)
        raise NotEvaluated(f"not a simple formula at {text!r}")

    def close(self) -> None:
        if self.take()[1] != ")":
            raise NotEvaluated("a bracket is not closed")

    def sum(self) -> Decimal:
        total = Decimal(0)
        while True:
            if self.peek() == ")":
                break
            kind, text = self.tokens[self.i] if self.i < len(self.tokens) else ("", "")
            nxt = self.tokens[self.i + 1][1] if self.i + 1 < len(self.tokens) else ""
            if kind == "ref" and nxt in (",", ")"):
                self.take()
                for s, r, c in self.cells(text):
                    total += self.number(s, r, c, in_sum=True) or 0
            else:
                total += self.expr()
            if self.peek() != ",":
                break
            self.take()
        self.close()
        return total

    def cell(self, text: str) -> tuple[str, int, int]:
        sheet, _, address = text.rpartition("!")
        sheet = sheet.strip("'").replace("''", "'") if sheet else self.sheet
        if sheet not in self.snap.sheets:
            raise NotEvaluated(f"no sheet {sheet!r}")
        return (sheet, *cell_position(address))

    def cells(self, text: str):
        sheet, _, address = text.rpartition("!")
        if ":" not in address:
            yield self.cell(text)
            return
        prefix = f"{sheet}!" if sheet else ""
        first = self.cell(prefix + address.split(":")[0])[0]
        c0, r0, c1, r1 = table_bounds(address)
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS:
            raise NotEvaluated("a range too large to add up here")
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                yield first, r, c

    def number(self, sheet: str, row: int, col: int, in_sum: bool) -> Decimal | None:
        """A cell's number; ``SUM`` skips text as Excel does."""
        raw = self.snap.value(sheet, row, col)
        if isinstance(raw, Formula):
            raw = _resolved_at(self.snap, sheet, row, col, raw, self.depth + 1)
        if isinstance(raw, CellError):
            raise _ErrorValue(str(raw))
        if raw is None or isinstance(raw, bool):
            return None
        if isinstance(raw, int | float | Decimal):
            return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if in_sum:
            return None
        raise NotEvaluated(f"text {raw!r} in arithmetic")


class _Named(NotEvaluated):
    """Not a simple case, in a cell the formula refers to, which it names."""


def _resolved_at(snap, sheet: str, row: int, col: int, formula: Formula, depth: int):
    """A referred cell's formula resolved; where it cannot be, the message names
    that cell and its formula (not only the formula the clerk looks at)."""
    try:
        return resolve(snap, sheet, formula, depth)
    except _Named:
        raise
    except NotEvaluated as exc:
        where = f"{sheet}!{address(row, col)}"
        raise _Named(f"{where} holds {formula}: {exc}") from exc


def resolve(snap: Snapshot, sheet: str, formula: Formula, depth: int = 0) -> object:
    """A formula cell's value: the value stored with it, else the simple cases
    evaluated here (an error result is a ``CellError``).

    Raises:
        NotEvaluated: no stored value, and not a simple case.
    """
    if formula.cached is not None:
        return formula.cached
    if depth > MAX_DEPTH:
        raise NotEvaluated("formulas refer to each other too deeply")
    try:
        return _Parser(snap, sheet, str(formula), depth).run()
    except _ErrorValue as exc:
        return CellError(str(exc))
