"""The cells that show computed figures, judged against the core's figures.

Rule ids: C01 (a constant typed over a computed cell), and for a shown value that
disagrees with its figure: T01 (a total line), T02 (a programme total), T04 (the
Head summary's Estimate), P01/P02/P03 (percentages), S01 (posts at end), S05 (a
rank's NAMS), R01 (any other report figure).
"""

from __future__ import annotations

from decimal import Decimal

from .. import figures
from ..findings import Finding
from ..model import COLUMNS, Head, Ref, Shown
from ..money import is_nil, round_half_up, to_decimal
from ..results import Results
from .text import finding, kind_of, mismatch, said, show

PROBLEM = {
    "T01": ("This total line is not the sum of its lines", "此總額不等於各項之和"),
    "T02": (
        "This programme total is not the sum of the programmes",
        "此綱領總額不等於各綱領之和",
    ),
    "T04": (
        "The Head summary's Estimate is not the programme total",
        "總目摘要的預算不等於綱領總額",
    ),
    "P01": (
        "This percentage does not agree with the figures",
        "此百分率與數字不符",
    ),
    "P02": ("A zero change should show a dash (—)", "零變動應以「—」表示"),
    "P03": (
        "A change against a nil base is not a number: leave it blank",
        "以零為基數的變動不是數字:應留空",
    ),
    "S01": (
        "Posts at the end are not posts at the start plus the net change",
        "年終職位不等於年初職位加淨變動",
    ),
    "S05": (
        "This rank's NAMS is not 12 times its mid-point salary",
        "此職級的薪級中點年薪值不是中點月薪的 12 倍",
    ),
    "R01": ("This report figure is not its source's", "此報告數字與來源不符"),
}
PERCENT_TOLERANCE = Decimal("0.1")
_ZERO_TEXTS = {"0", "0%", "0.0%", "+0.0%", "-0.0%", "(0.0%)", "(+0.0%)", "0.0"}


def rule_for(key: str) -> str:
    return figures.rule_of(key)


def _as_number(value: object, kind: str) -> Decimal | None:
    """The shown value as a number; None for blank or a dash.

    Raises:
        ValueError: text that is not a figure.
    """
    if is_nil(value):
        return None
    if isinstance(value, str) and kind == "percent":
        text = value.strip().strip("()").rstrip("%").strip()
        return to_decimal(text.lstrip("+"))
    return to_decimal(value)


def _number_or_text(value: object, kind: str) -> object:
    """The shown value as a Decimal when it is a figure, else as it is."""
    try:
        return _as_number(value, kind)
    except ValueError:
        return value


def _agrees(found: Decimal | None, expected: object, kind: str, typed: bool) -> bool:
    if kind == "percent":
        if expected is None:
            return found is None
        if found is None:
            return False
        diff = abs(round_half_up(found, 1) - Decimal(expected))  # type: ignore[arg-type]
        return diff == 0 or (typed and diff <= PERCENT_TOLERANCE)
    exp = Decimal(expected or 0)  # type: ignore[arg-type]
    got = found or Decimal(0)
    if kind == "millions":
        return round_half_up(got, 1) == round_half_up(exp, 1)
    if not typed:  # a formula's value, as printed: whole ($'000, $, posts)
        return round_half_up(got, 0) == round_half_up(exp, 0)
    return got == exp


def value_agrees(key: str, value: object, expected: object) -> bool:
    """Whether a cell showing ``value`` shows the figure ``expected`` for ``key``."""
    kind = kind_of(key)
    try:
        return _agrees(_as_number(value, kind), expected, kind, typed=False)
    except ValueError:
        return False


def _typed_found(cell: Shown, expected: object, kind: str, shown: tuple) -> tuple:
    """What C01 found: the typed figure, and when it equals the formula's, that it
    is a constant where the formula belongs (it will not follow the tables)."""
    if not (cell.value_known and value_agrees(cell.key, cell.value, expected)):
        return shown
    return (
        f"a typed constant {shown[0]} where the formula belongs (the same figure"
        " today, but it will not follow later changes)",
        f"在公式位置輸入的常數 {shown[1]}(現時數字相同,但不會隨日後更改而更新)",
    )


TYPED_OVER = (  # C01: a values-only host cannot tell a value from a formula (9e G)
    "A value or a formula of the clerk's was typed over this cell's formula",
    "此儲存格的公式被使用者輸入的數值或公式覆蓋",
)


def check_one(
    cell: Shown, expected: object, source: Ref | None = None
) -> list[Finding]:
    if cell.formula_intact:
        return []
    kind = kind_of(cell.key)
    out: list[Finding] = []
    typed = cell.formula_intact is False
    shown_text = (
        show(_number_or_text(cell.value, kind), kind) if cell.value_known else "?"
    )
    shown_zh = (
        show(_number_or_text(cell.value, kind), kind, "zh") if cell.value_known else "?"
    )
    if typed:
        en, zh = said(
            TYPED_OVER,
            (
                f"the formula's {show(expected, kind)}",
                f"{show(expected, kind, 'zh')}(公式結果)",
            ),
            _typed_found(cell, expected, kind, (shown_text, shown_zh)),
            ("The clerk's value is kept.", "已保留該數值。"),
        )
        out.append(finding("C01", cell.ref, en, zh, show(expected, kind), shown_text))
    if not cell.value_known:
        return out
    zero_as_text = (
        kind == "percent"
        and expected == 0
        and isinstance(cell.value, str)
        and cell.value.strip() in _ZERO_TEXTS
    )
    try:
        found = _as_number(cell.value, kind)
    except ValueError:
        found = None
        agrees = False
    else:
        agrees = _agrees(found, expected, kind, typed)
    if agrees and not zero_as_text:
        return out
    rule_id = rule_for(cell.key)
    if kind == "percent" and expected is None:
        rule_id = "P03"
    elif zero_as_text:
        rule_id = "P02"
    en, zh = mismatch(PROBLEM[rule_id], expected, found, kind)
    if found is None and not is_nil(cell.value):
        en = en.replace("found nil (—)", f"found {shown_text}")
        zh = zh.replace("現為 無(—)", f"現為 {shown_text}")
    out.append(
        finding(
            rule_id,
            cell.ref,
            en,
            zh,
            show(expected, kind),
            shown_text,
            compared=(source,) if rule_id == "R01" else (),
        )
    )
    return out


def typed_value(head: Head, key: str) -> Decimal | None:
    """The number a constant typed over ``key``'s formula shows, or a formula
    that is not the template's (a total over fewer rows than its table: Check);
    None when the template's formula is there, the value is unknown or is not a
    number."""
    cell = head.shown.get(key)
    if cell is None or cell.formula_intact is True or not cell.value_known:
        return None
    try:
        return _as_number(cell.value, kind_of(key))
    except ValueError:
        return None


def showing(head: Head, key: str, computed: Decimal | None) -> Decimal | None:
    """What the cell of ``key`` shows: a constant typed over it, else the figure
    its formula computes. Rules judge the value a reader of the book sees."""
    typed = typed_value(head, key)
    return computed if typed is None else typed


def _shows_error(head: Head, results: Results) -> dict[str, Ref]:
    """Each total whose formula shows an error value (a line it adds up holds
    one, D02), and the first such cell: its figure is no sum to compare."""
    out: dict[str, Ref] = {}
    ids = figures.total_ids(results.total_lines)
    for line, ident in zip(results.total_lines, ids, strict=True):
        within = [s for s in head.subheads if line.covers(s)]
        for k, column in enumerate(COLUMNS):
            bad = next((s.amounts[k].ref for s in within if s.amounts[k].error), None)
            if bad is not None:
                out[figures.key("subhead_total", ident, column)] = bad
    for k, column in enumerate(COLUMNS):
        bad = next((p.amounts[k].ref for p in head.programmes
                    if p.amounts[k].error), None)  # fmt: skip
        if bad is not None:
            for family in ("programme_total", "report_programme_total"):
                out[figures.key(family, column)] = bad
    return out


def _over_error(cell: Shown, error_at: Ref) -> list[Finding]:
    """A total whose formula shows an error value: C01 where the clerk typed
    over it, quoting the error, not a sum without the line (trial 9e item F);
    no comparison (T03 says the totals cannot be compared)."""
    if cell.formula_intact is not False:
        return []
    en, zh = said(
        TYPED_OVER,
        (
            f"the formula's error value (from {error_at})",
            f"公式結果為錯誤值(來自 {error_at})",
        ),
        ("the clerk's value", "使用者輸入的數值"),
        ("The clerk's value is kept.", "已保留該數值。"),
    )
    expected = f"an error value (from {error_at})"
    return [finding("C01", cell.ref, en, zh, expected, str(cell.value))]


def check(head: Head, results: Results) -> list[Finding]:
    out: list[Finding] = []
    where = figures.sources(head)
    errors = _shows_error(head, results)
    for key, cell in head.shown.items():
        if key in errors:
            out.extend(_over_error(cell, errors[key]))
        elif key in results.expected:
            out.extend(check_one(cell, results.expected[key], where.get(key)))
    return out
