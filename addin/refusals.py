"""A refusal in Chinese, for the ribbon's message box: every box a ribbon button
shows is in both languages. A raiser that gives its Chinese (``exc.zh``) is
shown as it says it; for a reader's message that has none (a source file's line
or value), the box names the same place and the reason, from the phrases below;
a reason not listed is pointed to the English line above it."""

from __future__ import annotations

import re

PHRASES: tuple[tuple[str, str], ...] = (
    (r"file not found", "找不到檔案"),
    (r"no such folder", "沒有此資料夾"),
    (r"not a folder of source data", "不是來源資料的資料夾(沒有 head.toml)"),
    (
        r"a quote \(\"\) opened",
        "此行的引號未有關閉,以下各行被當作此行的一部分:請關閉引號,未有讀取",
    ),
    (r"a long row", "該行的儲存格多於標題(有逗號的數字須加引號),未有讀取"),
    (r"a short row", "該行的儲存格少於標題,未有讀取"),
    (r"is a total line", "這是總計行:總額由工具計算,請刪除此行"),
    (r"not an Estimates CSV file", "不是預算 CSV 檔案(沒有綱領、分目或項目欄)"),
    (r"no rows for Head|not Head \S+'s|of another Head|holds Head", "屬於另一總目"),
    (r"not a number|not a whole number|is required", "數值無法讀取"),
    (r"two files give", "兩個檔案提供同一類資料:請只提供一個"),
    (r"Estimate year|the year", "年度不符"),
    (r"'head' is required", "head.toml 缺少總目編號"),
    (r"a workbook|save it as", "這是活頁簿,不是 CSV 檔案"),
)
"""English phrase of a reader's refusal -> its reason in Chinese."""
_WHERE = (
    re.compile(r"^(.*?line \d+(?:, column '[^']*')?):\s"),  # a file's line
    re.compile(r"^(.*?(?:\.\w+|![A-Z]+\d+)):\s"),  # a file, a folder's file, a cell
)


def reason_zh(text: str) -> str:
    """The reason an English line gives, in Chinese (from ``PHRASES``)."""
    for phrase, zh in PHRASES:
        if re.search(phrase, text):
            return zh
    return "原因見英文說明"


def in_chinese(exc: Exception) -> str:
    """The refusal's Chinese line: the raiser's own, else the place it names and
    the reason (from ``PHRASES``), else the place and a pointer to the English."""
    own = getattr(exc, "zh", "")
    if own:
        return own
    first = (str(exc).splitlines() or [""])[0]
    match = next((m for m in (w.match(first) for w in _WHERE) if m), None)
    where = f"{match.group(1)}: " if match else ""
    return f"{where}未能處理:{reason_zh(first)}。"
