"""Exact money and the COR's rounding rules, on hand-made cases."""

from decimal import Decimal as D

import pytest

from estimates.money import (
    format_percent,
    parse_millions,
    parse_thousands,
    percent_change,
    round_half_up,
    sum_amounts,
    thousands_to_millions,
    to_decimal,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("0.05", 1, "0.1"),
        ("-0.05", 1, "-0.1"),
        ("0.15", 1, "0.2"),
        ("2.25", 1, "2.3"),
        ("587.163", 1, "587.2"),
        ("1.449", 1, "1.4"),
        ("0.5", 0, "1"),
        ("-2.5", 0, "-3"),
    ],
)
def test_rounding_is_half_away_from_zero(value, places, expected):
    assert round_half_up(D(value), places) == D(expected)


def test_percent_change_is_exact_where_floats_are_not():
    # 200.1 / 200 - 1 is 0.0005 exactly; in binary floats it falls just below.
    assert (200.1 / 200 - 1) * 100 < 0.05
    assert percent_change(D("200.1"), D("200.0")) == D("0.1")


@pytest.mark.parametrize(
    ("new", "base", "expected"),
    [
        ("24.3", "22.9", "6.1"),
        ("22.9", "22.7", "0.9"),
        ("24.3", "22.7", "7.0"),
        ("210.7", "251.1", "-16.1"),
        ("245.4", "210.7", "16.5"),
        ("245.4", "251.1", "-2.3"),
        ("10.0", "10.0", "0.0"),
    ],
)
def test_percent_change_on_seed_figures(new, base, expected):
    assert percent_change(D(new), D(base)) == D(expected)


def test_a_nil_or_zero_base_or_a_nil_new_is_not_a_number_a_zero_new_is_minus_100():
    assert percent_change(D("5.0"), None) is None
    assert percent_change(D("5.0"), D("0")) is None
    assert percent_change(None, D("5.0")) is None
    assert percent_change(D("0"), D("5.0")) == D("-100.0")


def test_thousands_to_millions_as_verified_on_real_heads():
    assert thousands_to_millions(587163) == D("587.2")
    assert thousands_to_millions(269731) == D("269.7")
    assert thousands_to_millions(None) is None


def test_parsing_survives_printed_forms():
    assert parse_thousands("1,234") == 1234
    assert parse_thousands("—") is None
    assert parse_thousands("-") is None
    assert parse_thousands(" ") is None
    assert parse_thousands(419593.0) == 419593
    assert parse_millions(24.3) == D("24.3")
    assert to_decimal(0.1) == D("0.1")
    with pytest.raises(ValueError, match="whole number"):
        parse_thousands("12.5")
    with pytest.raises(ValueError, match="one decimal"):
        parse_millions("1.25")
    with pytest.raises(ValueError, match="not a number"):
        parse_thousands("abc")


def test_nil_sums_stay_nil_and_zero_prints_a_dash():
    assert sum_amounts([None, None]) is None
    assert sum_amounts([None, 3, 4]) == 7
    assert format_percent(D("0.0")) == "—"
    assert format_percent(D("6.1")) == "+6.1%"
    assert format_percent(D("-1.5")) == "-1.5%"
    assert format_percent(None) == ""


def test_a_figure_too_large_for_any_head_is_refused_not_crashed():
    with pytest.raises(ValueError, match="too large"):
        parse_thousands("1" + "0" * 27)
    with pytest.raises(ValueError, match="exponent"):
        parse_thousands("1e27")  # not an amount as printed (one number parser)
    with pytest.raises(ValueError, match="too large"):
        to_decimal(1e27)
    assert parse_thousands("46,452,403") == 46452403  # the largest Head in the data
