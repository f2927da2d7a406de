"""Trial 11 item 8: C01 read as no problem ("expected the formula's $269.7
million, found $269.7 million"). When the typed constant shows the formula's own
figure, the message says what differs: a constant where the formula belongs."""

from decimal import Decimal

from estimates.model import Ref, Shown
from estimates.rules.shown import check_one


def _c01(value, expected):
    cell = Shown("programme_total:estimate", Ref("Report", "G42"), value, False)
    return [f for f in check_one(cell, expected) if f.rule == "C01"]


def test_an_equal_constant_is_named_a_constant_where_the_formula_belongs():
    (f,) = _c01(269.7, Decimal("269.7"))
    assert "found a typed constant $269.7 million where the formula belongs" in (
        f.message_en
    )
    assert "在公式位置輸入的常數" in f.message_zh


def test_a_different_constant_still_shows_the_figure_found():
    (f,) = _c01(270.0, Decimal("269.7"))
    assert "found $270.0 million" in f.message_en
    assert "where the formula belongs" not in f.message_en
