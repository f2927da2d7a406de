"""The UDFs' names, arguments and descriptions: the one source for the VBA wrapper
module and the function wizard (Application.MacroOptions).

xlwings' own ``@xw.func`` records nothing on Linux and its wrapper generator needs
a live Excel, so the wrapper text is generated here, in the shape xlwings writes.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from . import functions

MODULE = "udfs.functions"
CATEGORY = "Estimates"


@dataclass(frozen=True)
class Udf:
    name: str
    description: str
    args: tuple[tuple[str, str], ...]  # (argument, description)
    optional: tuple[str, ...] = ()


UDFS: tuple[Udf, ...] = (
    Udf(
        "EST_PCT",
        "Percentage change (points, one decimal, half away from zero).",
        (
            ("new_value", "The newer figure, e.g. the Estimate"),
            ("base_value", "The base figure, e.g. the Revised estimate"),
        ),
    ),
    Udf(
        "EST_PCT_TEXT",
        "Percentage change as the COR prints it: +6.1%, or — for none.",
        (("new_value", "The newer figure"), ("base_value", "The base figure")),
    ),
    Udf(
        "EST_CHANGE_EN",
        "The English change sentence of a programme.",
        (
            ("estimate", "Estimate, $ million"),
            ("revised", "Revised estimate, $ million"),
            ("estimate_year", "The Estimate year, e.g. 2025-26"),
        ),
    ),
    Udf(
        "EST_CHANGE_ZH",
        "The Chinese change sentence of a programme (in 萬元).",
        (
            ("estimate", "Estimate, $ million"),
            ("revised", "Revised estimate, $ million"),
            ("estimate_year", "The Estimate year, e.g. 2025-26"),
        ),
    ),
    Udf(
        "EST_NAMS",
        "Notional annual mid-point salary of one post of a rank.",
        (
            ("scale", "Pay scale, e.g. MPS"),
            ("min_point", "Lowest point of the range"),
            ("max_point", "Highest point of the range"),
            ("pay_scale", "Pay scale table: scale, point, monthly salary"),
        ),
    ),
    Udf(
        "EST_CHECK",
        "Findings for a block of lines whose last row is their total.",
        (
            (
                "block",
                "Lines and their total row; the last four columns are the amounts",
            ),
            ("has_total_row", "TRUE when the last row is the total (default)"),
        ),
        optional=("has_total_row",),
    ),
)


def _check_catalog() -> None:
    for udf in UDFS:
        params = list(inspect.signature(getattr(functions, udf.name)).parameters)
        if params != [a for a, _ in udf.args]:
            raise AssertionError(f"{udf.name}: catalog {udf.args} != function {params}")


def _vba_string(text: str) -> str:
    """A VBA string literal of ASCII text; any other character becomes ChrW().

    The module stream is stored in the project's code page; a byte over 127 would
    be read by a Chinese (Hong Kong) PC as half of a double-byte character."""
    parts, plain = [], ""
    for ch in text:
        if not ch.isascii():
            if plain:
                parts.append('"' + plain.replace('"', '""') + '"')
                plain = ""
            parts.append(f"ChrW({ord(ch)})")
        else:
            plain += ch
    if plain or not parts:
        parts.append('"' + plain.replace('"', '""') + '"')
    return " & ".join(parts)


def wrapper_module(module_name: str = "EstimatesUdfs") -> str:
    """The VBA module that exposes the UDFs, as xlwings' "Import Functions" writes
    it, plus ``RegisterEstimatesUdfs`` for the function wizard."""
    _check_catalog()
    lines = [
        f'Attribute VB_Name = "{module_name}"',
        "' Generated from udfs/catalog.py by 'estimates template'. Do not edit.",
        '#Const App = "Microsoft Excel" \'Adjust when using outside of Excel',
        "Option Explicit",
        "",
    ]
    for udf in UDFS:
        sig = ", ".join(
            ("Optional " if a in udf.optional else "") + a for a, _ in udf.args
        )
        args = ", ".join(a for a, _ in udf.args)
        lines += [
            f"Function {udf.name}({sig})",
            '    #If App = "Microsoft Excel" Then',
            "        If TypeOf Application.Caller Is Range Then On Error GoTo failed",
            f'        {udf.name} = XLPy.CallUDF("{MODULE}", "{udf.name}",'
            f" Array({args}), ThisWorkbook, Application.Caller)",
            "        Exit Function",
            "    #Else",
            f'        {udf.name} = XLPy.CallUDF("{MODULE}", "{udf.name}",'
            f" Array({args}))",
            "        Exit Function",
            "    #End If",
            "failed:",
            f"    {udf.name} = Err.Description",
            "End Function",
            "",
        ]
    lines.append("Public Sub RegisterEstimatesUdfs()")
    lines.append("    On Error Resume Next")
    for udf in UDFS:
        descriptions = ", ".join(_vba_string(d) for _, d in udf.args)
        lines.append(
            # Qualified with this book: two open Estimates books must not collide.
            '    Application.MacroOptions Macro:="\'" & ThisWorkbook.Name & "\'!'
            f'{udf.name}", Description:='
            f'{_vba_string(udf.description)}, Category:="{CATEGORY}", '
            f"ArgumentDescriptions:=Array({descriptions})"
        )
    lines.append("End Sub")
    return "\n".join(lines) + "\n"
