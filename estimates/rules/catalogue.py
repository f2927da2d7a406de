"""Every rule the add-in knows, by stable id.

Families: ``T`` totals, ``P`` percentages, ``S`` establishment (staffing),
``C`` computed cells, ``R`` report figures, ``D`` data entry. An id, once
published, keeps its meaning; a retired rule's id is never reused.
"""

from __future__ import annotations

from ..findings import Rule, Severity

E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("T01", E, "A total line equals the sum of its lines", "總額等於各項之和"),
        Rule(
            "T02",
            E,
            "Programme total equals the sum of programmes",
            "綱領總額等於各綱領之和",
        ),
        Rule(
            "T03",
            E,
            "Programme total equals Total Expenditure / 1000 (one decimal)",
            "綱領總額等於開支總額除以 1000(一位小數)",
        ),
        Rule(
            "T04",
            E,
            "Head summary Estimate equals the programme total",
            "總目摘要的預算等於綱領總額",
        ),
        Rule(
            "T05",
            E,
            "Breakdown of subhead 000 sums to subhead 000",
            "分目 000 的分析總和等於分目 000",
        ),
        Rule(
            "P01",
            E,
            "A shown percentage equals the recomputed one",
            "所示百分率等於重新計算的百分率",
        ),
        Rule("P02", W, "Zero change shows a dash", "零變動以「—」表示"),
        Rule(
            "P03",
            E,
            "A change against a nil base is not a number",
            "以零為基數的變動不是數字",
        ),
        Rule(
            "S01",
            E,
            "Posts at end = posts at start + net change",
            "年終職位 = 年初職位 + 淨變動",
        ),
        Rule("S02", E, "Directorate counts agree", "首長級職位數目一致"),
        Rule(
            "S03",
            E,
            "NAMS of non-directorate posts is within the ceiling",
            "非首長級職位的薪級中點年薪值不超過上限",
        ),
        Rule(
            "S04",
            E,
            "Establishment table agrees with the Head summary",
            "編制表與總目摘要一致",
        ),
        Rule(
            "S05",
            E,
            "A rank's NAMS is 12 x its mid-point salary",
            "職級的薪級中點年薪值為中點月薪的 12 倍",
        ),
        Rule(
            "S06",
            E,
            "A rank's pay range exists in the pay scale",
            "職級的薪級範圍見於薪級表",
        ),
        Rule(
            "S07",
            W,
            "A rank's programme is one of the Head's",
            "職級所屬綱領為本總目的綱領",
        ),
        Rule(
            "N01",
            E,
            "A narrative sentence quotes the tables' figures",
            "說明文字引用的數字與表格相符",
        ),
        Rule(
            "N02",
            W,
            "A clerk's narrative sentence whose line is gone is kept",
            "所屬一行已不存在的說明句子已保留",
        ),
        Rule(
            "N03",
            Severity.INFO,
            "A clerk's narrative sentence holds no hidden characters",
            "說明句子不含看不見的字元",
        ),
        Rule(
            "C01",
            W,
            "A computed cell was typed over with a value or a formula",
            "計算儲存格的公式被數值或公式覆蓋",
        ),
        Rule(
            "C02",
            W,
            "Text typed where Refresh rebuilds the sheet was replaced",
            "在更新會重建的範圍內輸入的內容已被取代",
        ),
        Rule("R01", E, "A report figure equals its source", "報告數字等於來源數字"),
        Rule("D01", E, "A number stored as text", "以文字儲存的數字"),
        Rule("D02", E, "An error value in a cell", "儲存格中的錯誤值"),
        Rule("D03", W, "A negative amount", "負數金額"),
        Rule(
            "D04",
            E,
            "A subhead line entered twice (same code and title)",
            "分目項目重複輸入",
        ),
        Rule(
            "D05",
            E,
            "A value that is not a number where a number belongs",
            "應為數字之處不是數字",
        ),
        Rule("D06", E, "A required value is missing", "缺少必需的數值"),
        Rule(
            "D07",
            E,
            "A table or sheet of the template is missing",
            "範本的表格或工作表缺失",
        ),
        Rule("D09", E, "Merged cells over an input table", "輸入表格內有合併儲存格"),
        Rule(
            "D10",
            E,
            "An input table's columns were changed",
            "輸入表格的欄位被更改",
        ),
        Rule("D11", E, "An input table was moved", "輸入表格被移動"),
        Rule(
            "D12",
            W,
            "A protected sheet: Refresh leaves it as it is",
            "工作表受保護:更新不會改動",
        ),
        Rule(
            "D13",
            E,
            "An account, section or subhead code that is not a known value",
            "帳目、類別或分目編號不是已知的值",
        ),
        Rule("D14", E, "A programme number entered twice", "綱領編號重複"),
        Rule(
            "D15",
            E,
            "A formula in an input cell that cannot be read until recalculated",
            "輸入儲存格的公式須重新計算才能讀取",
        ),
        Rule(
            "D16",
            E,
            "A total line typed into an input table: totals are computed",
            "輸入表格內輸入了總額行:總額由系統計算",
        ),
        Rule(
            "D08",
            W,
            "One subhead code on two different lines",
            "同一分目編號用於兩個不同項目",
        ),
    )
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


RULES["F01"] = Rule(
    "F01",
    Severity.INFO,
    "A figure still to key (blank; key - for nil)",
    "尚待輸入的數字(空白;無數字請輸入 -)",
)
RULES["F02"] = Rule(
    "F02", Severity.INFO, "Carried-over text to review", "由上年度結轉、尚待覆核的文字"
)
RULES["F03"] = Rule("F03", W, "A footnote mark with no text", "沒有註釋文字的註釋標記")
RULES["V01"] = Rule(
    "V01", W, "The book's template version matches the add-in", "範本版本與工具相符"
)

HOW: dict[str, tuple[str, str]] = {
    "T01": (
        "The sum of its lines, column by column (SUM of the lines above).",
        "同一欄各項之和。",
    ),
    "T02": ("The sum of the programmes' figures in the column.", "各綱領數字之和。"),
    "T03": (
        "Total Expenditure ($'000) / 1000, rounded half away from zero to one"
        " decimal; a difference of up to 0.1 is rounding of the parts.",
        "開支總額(千元)除以 1000,四捨五入至一位小數;相差 0.1 以內屬進位差異。",
    ),
    "T04": (
        "The programme total of the Estimate column.",
        "綱領總額的預算欄。",
    ),
    "T05": (
        "Each column of the breakdown summed, against subhead 000's line.",
        "分析各欄之和與分目 000 比較。",
    ),
    "P01": (
        "(new / base - 1) x 100, rounded half away from zero to one decimal; a"
        " typed percentage within 0.1 point is accepted.",
        "(新數 / 基數 - 1) x 100,四捨五入至一位小數。",
    ),
    "P02": ("A change of exactly zero prints as a dash.", "零變動以「—」表示。"),
    "P03": ("A nil or zero base has no percentage change.", "基數為零時沒有百分率。"),
    "S01": (
        "Posts at start + net change, against the establishment table's posts at end.",
        "年初職位加淨變動,與編制表的年終職位比較。",
    ),
    "S02": (
        "Directorate (Y) rows of the establishment table, summed.",
        "編制表中首長級職位之和。",
    ),
    "S03": (
        "Sum over non-directorate ranks of 12 x mid-point monthly salary x posts"
        " at end, against the ceiling.",
        "非首長級職級的 12 x 中點月薪 x 年終職位之和,與上限比較。",
    ),
    "S04": (
        "The establishment table's posts at start, summed.",
        "編制表年初職位之和。",
    ),
    "S05": (
        "12 x the monthly salary at the mid-point of the rank's range (the mean"
        " of the two middle points for an even number of points).",
        "12 x 薪級範圍中點的月薪(雙數薪點取中間兩點的平均)。",
    ),
    "S06": (
        "The middle point(s) of the rank's range looked up in the pay scale.",
        "在薪級表查找職級範圍的中點。",
    ),
    "S07": (
        "The rank's programme number against the Programmes table's numbers.",
        "以職級的綱領編號對照綱領表的編號。",
    ),
    "C01": (
        "The template's formula for this cell, evaluated by the core.",
        "此儲存格的範本公式。",
    ),
    "C02": (
        "The cell lies in a region Refresh rebuilds (the Report's columns A:M, the"
        " Narrative's A:D, F and G), or a computed cell of an input sheet; what was"
        " there is on the revert record.",
        "此儲存格位於更新會重建的範圍;原有內容已記入還原紀錄。",
    ),
    "R01": (
        "The source cell's figure, as the report line refers to it.",
        "報告所引用的來源數字。",
    ),
    "N01": (
        "Every amount, percentage and post count quoted, in common units, against"
        " the sentence computed from the tables.",
        "所引金額、百分率及職位數目與按表格計算的句子比較。",
    ),
    "N02": (
        "The sentence's key (Narrative column F) against the lines the Head has now.",
        "句子的鍵(說明工作表 F 欄)與現有各行比較。",
    ),
    "N03": (
        "Each character of the sentence against the hidden ones (word joiner U+2060,"
        " zero-width spaces and joiners, soft hyphen, byte-order mark).",
        "句子的每個字元與看不見的字元(U+2060 等)比較。",
    ),
    "F01": (
        "A blank figure cell: every Estimate, every figure of a programme or"
        " subhead (the COR prints it blank, not as a nil), the net change in"
        " posts when posts at start are keyed, and in a rolled-forward book (its"
        " Change log has a 'new year' row) Actual, Revised and Estimate, and an"
        " Original whose Estimate was blank last year. A nil keyed as - is not"
        " blank.",
        "空白的數字儲存格:所有預算、綱領或分目的所有數字(COR 會印作空白,而非無)、"
        "已輸入年初職位時的職位淨變動;結轉後的工作簿另包括實際、修訂及預算,以及上年度"
        "預算為空白的原來預算。以 - 輸入的「無」不屬空白。",
    ),
    "F02": (
        "Text that starts with the review mark was carried from last year.",
        "以覆核標記開首的文字由上年度結轉。",
    ),
    "F03": (
        "A footnote's English and Chinese text (besides the review mark): a mark"
        " on a figure (such as an imported 208,988 Φ) needs the note that"
        " explains it.",
        "註釋的英文及中文文字(覆核標記以外):數字上的標記(例如匯入的 208,988 Φ)"
        "須有說明的註釋。",
    ),
    "D13": (
        "The value against the allowed values of its column (the drop-down list);"
        " a subhead code against the form of a code (three digits).",
        "與該欄的可選值(下拉清單)比較;分目編號則核對其格式(三位數字)。",
    ),
    "V01": (
        "The TemplateVersion cell against the installed add-in.",
        "範本版本儲存格與已安裝工具比較。",
    ),
}


def how(rule_id: str) -> tuple[str, str]:
    """How a rule's expected value is computed, for the Checks sheet."""
    return HOW.get(rule_id, ("As the cell reads in the template.", "按範本讀取。"))
