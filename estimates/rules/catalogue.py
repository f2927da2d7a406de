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
            "N01",
            E,
            "A narrative sentence quotes the tables' figures",
            "說明文字引用的數字與表格相符",
        ),
        Rule(
            "C01",
            W,
            "A computed cell was typed over with a constant",
            "計算儲存格的公式被常數覆蓋",
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
            "D08",
            W,
            "One subhead code on two different lines",
            "同一分目編號用於兩個不同項目",
        ),
    )
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
