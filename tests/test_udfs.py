"""The worksheet functions give the core's figures, and the generated VBA wrapper
calls each with its arguments in order, in the shape xlwings writes."""

import inspect
import re

import pytest

from estimates.narrative import plain
from udfs import functions as f
from udfs.catalog import MODULE, UDFS, wrapper_module

PAY = [["MPS", 30, 71010.0], ["MPS", 31, 74345.0], ["MPS", 13, 31795.0]]


def test_percentages_as_the_cor_prints_them():
    assert f.EST_PCT(24.3, 22.9) == 6.1
    assert f.EST_PCT(200.1, 200.0) == 0.1  # a float would round this down
    assert f.EST_PCT(5.0, None) == ""
    assert f.EST_PCT_TEXT(24.3, 22.7) == "+7.0%"
    assert f.EST_PCT_TEXT(10.0, 10.0) == "—"
    assert f.EST_PCT_TEXT(233.6, 273.8) == "-14.7%"


def test_change_sentences_reproduce_the_seed():
    assert plain(f.EST_CHANGE_ZH(24.3, 22.9, "2025-26")) == (
        "二零二五至二六年度的撥款較二零二四至二五年度的修訂預算增加 140 萬元(6.1%)。"
    )
    zh = plain(f.EST_CHANGE_ZH(245.4, 210.7, "2025-26"))
    assert zh.endswith("增加 3,470 萬元(16.5%)。")
    assert plain(f.EST_CHANGE_EN(24.3, 22.9, "2025-26")) == (
        "Provision for 2025-26 is $1.4 million (6.1%) higher than the revised"
        " estimate for 2024-25."
    )
    assert "lower" in f.EST_CHANGE_EN(20.0, 22.9, "2025-26")


def test_nams_from_a_pay_scale_range():
    assert f.EST_NAMS("MPS", 28, 33, PAY) == 872130.0  # (71,010 + 74,345) / 2 * 12
    assert f.EST_NAMS("MPS", 9, 17, PAY) == 381540.0  # odd: point 13
    assert f.EST_NAMS("MPS", 40, 49, PAY).startswith("#N/A")


def test_check_returns_findings_for_a_block():
    block = [
        ["000", 419593, 480593, 243500, 175587],
        ["700", 60400, 60000, None, None],
        ["Total", 479993, 540593, 243500, 175587],
    ]
    assert f.EST_CHECK(block) == [["OK"]]
    block[2][4] = 175000
    assert f.EST_CHECK(block) == [
        ["T01 error: estimate total is 175000 but its lines sum to 175587"]
    ]
    assert f.EST_CHECK([[1, 2, 3, -4]], False) == [
        ["D03 warning: row 1, estimate: negative amount -4"]
    ]


def test_the_catalog_matches_the_functions():
    names = {u.name for u in UDFS}
    defined = {
        n for n, obj in vars(f).items() if n.startswith("EST_") and callable(obj)
    }
    assert names == defined
    for udf in UDFS:
        params = list(inspect.signature(getattr(f, udf.name)).parameters)
        assert [a for a, _ in udf.args] == params
        assert getattr(f, udf.name).__doc__


@pytest.mark.parametrize("udf", UDFS, ids=lambda u: u.name)
def test_the_vba_wrapper_calls_each_udf_with_its_arguments_in_order(udf):
    text = wrapper_module()
    args = ", ".join(a for a, _ in udf.args)
    signature = ", ".join(
        ("Optional " if a in udf.optional else "") + a for a, _ in udf.args
    )
    assert f"Function {udf.name}({signature})\n" in text
    assert (
        f'{udf.name} = XLPy.CallUDF("{MODULE}", "{udf.name}", Array({args}),'
        " ThisWorkbook, Application.Caller)"
    ) in text
    assert f"    {udf.name} = Err.Description\n" in text
    assert re.search(
        rf'MacroOptions Macro:="\'" & ThisWorkbook\.Name & "\'!{udf.name}",'
        r' Description:=".+?", '
        r'Category:="Estimates", ArgumentDescriptions:=Array\(',
        text,
    )


def test_the_wrapper_module_is_plain_cp1252_vba():
    text = wrapper_module()
    text.encode("cp1252")  # the VBA project's code page: Chinese goes through ChrW()
    assert "ChrW(33836)" in text  # 萬
    assert text.startswith('Attribute VB_Name = "EstimatesUdfs"\n')
    assert '#Const App = "Microsoft Excel"' in text
