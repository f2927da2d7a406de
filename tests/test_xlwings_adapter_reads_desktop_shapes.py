"""The xlwings adapter reads what desktop Excel returns (formulas as text, one cell
as a scalar) and groups writes into as few rectangles as there are runs."""

from addin.xlbook import _formulas, blocks
from workbook.snapshot import Formula
from workbook.writes import Write


class FakeRange:
    def __init__(self, formula, shape):
        self.formula, self.shape = formula, shape


def test_formulas_of_any_shape_become_rows():
    assert _formulas(FakeRange("=A1", (1, 1))) == [["=A1"]]
    assert _formulas(FakeRange(("=A1", "2"), (1, 2))) == [["=A1", "2"]]
    assert _formulas(FakeRange(("=A1", "2"), (2, 1))) == [["=A1"], ["2"]]
    assert _formulas(FakeRange((("1", "=B1"), ("2", "")), (2, 2))) == [
        ["1", "=B1"],
        ["2", ""],
    ]


class NoFormulas:
    @property
    def formula(self):
        raise NotImplementedError("values only")


def test_a_values_only_engine_gives_none():
    assert _formulas(NoFormulas()) is None


def test_writes_group_into_rectangles_and_text_stays_text():
    writes = [Write("S", r, c, r * 10 + c) for r in (2, 3) for c in (1, 2, 3)]
    writes += [Write("S", 9, 5, "=not a formula"), Write("S", 9, 6, Formula("=A1"))]
    got = blocks(writes)
    assert got == [
        ("S", 2, 1, [[21, 22, 23], [31, 32, 33]]),
        ("S", 9, 5, [["'=not a formula", "=A1"]]),
    ]
