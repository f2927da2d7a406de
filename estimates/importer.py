"""Import the Government's published Estimates CSV files for one Head into a
source data folder (DOMAIN.md section 6).

Survives the traps seen in those files: header cells with line breaks, English
files carrying Big5 punctuation bytes (an en dash read as ``¡V``), thousands
separators, ``-`` as nil, and "Deduct reimbursement" lines under a subhead. A row
that cannot be read is reported with its line number and why; the rest imports.
Columns are found by their headings, in English or Chinese, not by position.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import COLUMNS
from .money import parse_millions, parse_thousands

MOJIBAKE = {"¡V": "–", "¡¦": "’", "¡¥": "‘", "¡§": "“", "¡¨": "”", "¡K": "…", "¡@": " "}
DEDUCTION = re.compile(r"deduct\s+reimbursements?|減除發還款額|減:?發還款額", re.I)
ACCOUNTS = {
    "operating": "Operating",
    "經營帳目": "Operating",
    "capital": "Capital",
    "非經營帳目": "Capital",
}
SECTIONS = {
    "recurrent": "Recurrent",
    "經常開支": "Recurrent",
    "non-recurrent": "Non-Recurrent",
    "非經常開支": "Non-Recurrent",
    "plant, equipment and works": "Plant, Equipment and Works",
    "機器、設備及工程": "Plant, Equipment and Works",
    "subventions": "Subventions",
    "資助金": "Subventions",
}
HEADINGS = {
    "head": ("head", "head no", "總目", "總目編號"),
    "head_title": ("head name", "head title", "總目名稱"),
    "programme": ("programme no", "programme number", "prog no", "綱領編號"),
    "programme_title": ("programme", "programme name", "綱領", "綱領名稱"),
    "account": ("account", "帳目"),
    "section": ("section", "category", "type of expenditure", "開支類別", "類別"),
    "code": ("subhead", "sub-head", "subhead no", "subhead code", "分目", "分目編號"),
    "title": (
        "subhead name",
        "subhead title",
        "description",
        "title",
        "分目名稱",
        "名稱",
    ),
    "group": ("group", "category of expenses", "組別", "開支類別"),
    "item": ("item", "items", "項目", "細目"),
}
AMOUNT_WORDS = (
    ("actual", ("actual", "實際")),
    ("original", ("original", "approved", "原來", "核准")),
    ("revised", ("revised", "修訂")),
    ("estimate", ("estimate", "預算")),
)


@dataclass
class Issue:
    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: line {self.line}: {self.reason}"


@dataclass
class Imported:
    programmes: list[list[str]] = field(default_factory=list)
    subheads: list[list[str]] = field(default_factory=list)
    breakdown: list[list[str]] = field(default_factory=list)
    head_title: str = ""
    head_title_zh: bool = False
    chinese: bool = False
    issues: list[Issue] = field(default_factory=list)


def decode(data: bytes) -> str:
    """UTF-8 if it is, else Big5 (cp950); then mend Big5 punctuation read as Latin-1."""
    for encoding in ("utf-8-sig", "cp950"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    for bad, good in MOJIBAKE.items():
        text = text.replace(bad, good)
    return text


def norm(heading: str) -> str:
    """A heading with line breaks, repeated spaces, dots and case folded away."""
    text = re.sub(r"-\s+", "-", heading.replace(".", " "))  # "Sub-\nhead"
    return re.sub(r"\s+", " ", text).strip().lower()


def _find(headings: list[str], key: str) -> int | None:
    wanted = HEADINGS[key]
    for i, h in enumerate(headings):
        if h in wanted:
            return i
    return None


def amount_columns(headings: list[str]) -> dict[str, int]:
    """Columns of the four amounts: by their words, else by their years in order."""
    found: dict[str, int] = {}
    for i, h in enumerate(headings):
        for column, words in AMOUNT_WORDS:
            if column not in found and any(w in h for w in words):
                if column == "estimate" and any(
                    w in h
                    for w in ("revised", "approved", "original", "修訂", "核准", "原來")
                ):
                    continue  # "revised estimate" is the revised column
                found[column] = i
                break
    if len(found) == 4:
        return found
    years = [
        i for i, h in enumerate(headings) if re.fullmatch(r"\d{4}\s*[-–]\s*\d{2}", h)
    ]
    if len(years) == 4:  # e.g. 2023-24, 2024-25, 2024-25, 2025-26
        return dict(zip(COLUMNS, years, strict=True))
    return found


def _rows(path: Path, imported: Imported):
    text = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headings = [norm(h) for h in next(reader)]
    except StopIteration:
        imported.issues.append(Issue(path, 1, "the file is empty"))
        return [], []
    except csv.Error as exc:
        imported.issues.append(Issue(path, reader.line_num, f"not CSV ({exc})"))
        return [], []
    rows = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            imported.issues.append(Issue(path, reader.line_num, f"not CSV ({exc})"))
            break
        rows.append((reader.line_num, row))  # the physical line where the row ends
    return headings, rows


def _kind(headings: list[str]) -> str:
    if _find(headings, "programme") is not None:
        return "programmes"
    if _find(headings, "code") is not None:
        return "subheads"
    if _find(headings, "item") is not None:
        return "breakdown"
    return ""


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def import_files(paths: list[Path], head: str) -> Imported:
    """Read the published CSV files and keep the lines of one Head."""
    imported = Imported()
    for path in paths:
        path = Path(path)
        headings, rows = _rows(path, imported)
        if not headings:
            continue
        kind = _kind(headings)
        if not kind:
            imported.issues.append(
                Issue(
                    path,
                    1,
                    "no programme, subhead or item column: not an Estimates CSV file",
                )
            )
            continue
        amounts = amount_columns(headings)
        chinese = any(re.search(r"[\u4e00-\u9fff]", h) for h in headings)
        imported.chinese = imported.chinese or chinese

        def titled(text: str, chinese=chinese) -> list[str]:
            return ["", text] if chinese else [text, ""]

        missing = [c for c in COLUMNS if c not in amounts]
        if missing:
            imported.issues.append(
                Issue(path, 1, f"cannot tell which column is {', '.join(missing)}")
            )
            continue
        head_col = _find(headings, "head")
        parser = parse_millions if kind == "programmes" else parse_thousands
        last_code = ""
        for line, row in rows:
            if not any(c.strip() for c in row):
                continue
            if head_col is not None:
                digits = re.sub(r"\D", "", _cell(row, head_col))
                if digits.lstrip("0") != head.lstrip("0"):
                    continue
            try:
                values = [parser(_cell(row, amounts[c]) or None) for c in COLUMNS]
            except ValueError as exc:
                imported.issues.append(Issue(path, line, str(exc)))
                continue
            shown = ["" if v is None else str(v) for v in values]
            if not imported.head_title:
                imported.head_title = _cell(row, _find(headings, "head_title"))
                imported.head_title_zh = chinese
            if kind == "programmes":
                number = re.sub(r"[()\s]", "", _cell(row, _find(headings, "programme")))
                if not number:
                    imported.issues.append(Issue(path, line, "no programme number"))
                    continue
                title = _cell(row, _find(headings, "programme_title"))
                imported.programmes.append([number, *titled(title), *shown])
            elif kind == "subheads":
                title = _cell(row, _find(headings, "title"))
                code = _cell(row, _find(headings, "code"))
                if DEDUCTION.search(title) or DEDUCTION.search(code):
                    if not last_code:
                        imported.issues.append(
                            Issue(
                                path, line, "a deduction line with no subhead above it"
                            )
                        )
                        continue
                    negative = ["" if v is None else str(-abs(v)) for v in values]
                    imported.subheads.append(
                        [
                            *imported.subheads[-1][:2],
                            last_code,
                            "Deduct reimbursements",
                            "減除發還款額",
                            *negative,
                        ]
                    )  # its own line, counted in every total
                    continue
                account = ACCOUNTS.get(
                    norm(_cell(row, _find(headings, "account"))).replace(
                        " account", ""
                    ),
                    "",
                )
                section = SECTIONS.get(norm(_cell(row, _find(headings, "section"))), "")
                if not code or not account or not section:
                    imported.issues.append(
                        Issue(
                            path,
                            line,
                            "a subhead line needs a code, an account and a section",
                        )
                    )
                    continue
                last_code = code
                imported.subheads.append(
                    [account, section, code, *titled(title), *shown]
                )
            else:
                imported.breakdown.append(
                    [
                        _cell(row, _find(headings, "group")),
                        *titled(_cell(row, _find(headings, "item"))),
                        *shown,
                    ]
                )
    return imported


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_source(imported: Imported, folder: Path, head: str, year: str) -> None:
    """Write the imported lines as a source data folder (README, "Data format")."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f'head = "{head}"', f'estimate_year = "{year}"']
    if imported.head_title:
        key = "title_zh" if imported.head_title_zh else "title_en"
        escaped = imported.head_title.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{key} = "{escaped}"')
    (folder / "head.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _write_csv(
        folder / "programmes.csv",
        ["programme", "title_en", "title_zh", *COLUMNS],
        imported.programmes,
    )
    _write_csv(
        folder / "subheads.csv",
        ["account", "section", "code", "title_en", "title_zh", *COLUMNS],
        imported.subheads,
    )
    if imported.breakdown:
        _write_csv(
            folder / "subhead_000.csv",
            ["group", "item_en", "item_zh", *COLUMNS],
            imported.breakdown,
        )
