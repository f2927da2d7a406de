"""The source data folder a Head's workbook is built from (see README, "Data format").

``head.toml``, ``programmes.csv`` and ``subheads.csv`` are required;
``subhead_000.csv``, ``establishment.csv`` and ``pay_scale.csv`` are optional.
Total lines are never read: they are computed.
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .model import (
    COLUMNS,
    BreakdownItem,
    Count,
    EstablishmentSummary,
    Footnote,
    Head,
    PayPoint,
    Post,
    Programme,
    Subhead,
    amounts,
)
from .money import parse_millions, parse_thousands

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_HEAD_135 = SAMPLES / "head135"

REQUIRED_COLUMNS = {
    "programmes.csv": ("programme", "title_en", "title_zh", *COLUMNS),
    "subheads.csv": ("account", "section", "code", "title_en", "title_zh", *COLUMNS),
    "subhead_000.csv": ("group", "item_en", "item_zh", *COLUMNS),
    "establishment.csv": (
        "rank_en",
        "rank_zh",
        "directorate",
        "scale",
        "min_point",
        "max_point",
        "programme",
        "posts_start",
        "posts_end",
    ),
    "pay_scale.csv": ("scale", "point", "monthly_salary"),
}
FOOTNOTE_TARGETS = ("programme_total", "total_expenditure", "programme:", "subhead:")


class SourceError(ValueError):
    """A source file that cannot be read; the message names file, line and column."""


@dataclass(frozen=True)
class Row:
    path: Path
    line: int
    data: dict[str, str]

    def where(self, column: str) -> str:
        return f"{self.path}: line {self.line}, column '{column}'"

    def text(self, column: str) -> str:
        return (self.data.get(column) or "").strip()

    def parse(self, column: str, parser):
        try:
            return parser(self.data.get(column))
        except ValueError as exc:
            raise SourceError(f"{self.where(column)}: {exc}") from None

    def whole(self, column: str, required: bool = True) -> int | None:
        value = self.parse(column, parse_thousands)
        if value is None and required:
            raise SourceError(f"{self.where(column)}: a whole number is required")
        return value


def read_rows(path: Path, required: tuple[str, ...]) -> list[Row]:
    """Rows of a UTF-8 CSV file whose header has at least ``required``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [" ".join(h.split()) for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    reader.fieldnames = header
    rows = []
    for record in reader:
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue
        rows.append(Row(path, reader.line_num, record))
    return rows


def _money(rows: Row, parser) -> tuple:
    return amounts(tuple(rows.parse(c, parser) for c in COLUMNS))


def read_head_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SourceError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: {exc}") from None


def _count(info: dict, key: str, path: Path) -> Count:
    value = info.get(key)
    if value is None:
        return Count(None)
    if not isinstance(value, int) or isinstance(value, bool):
        raise SourceError(f"{path}: [establishment] {key}: a whole number is required")
    return Count(value)


def _footnotes(meta: dict, path: Path) -> list[Footnote]:
    notes = []
    for i, note in enumerate(meta.get("footnotes", []), start=1):
        where = f"{path}: footnote {i}"
        if not isinstance(note, dict) or not note.get("mark"):
            raise SourceError(f"{where}: 'mark' is required")
        target = str(note.get("target", ""))
        if not target.startswith(FOOTNOTE_TARGETS):
            raise SourceError(
                f"{where}: 'target' must be one of programme_total, total_expenditure,"
                f" programme:N or subhead:CODE, not {target!r}"
            )
        columns = tuple(note.get("columns", []))
        bad = [c for c in columns if c not in COLUMNS]
        if bad:
            raise SourceError(f"{where}: unknown column(s) {bad}; use {list(COLUMNS)}")
        notes.append(
            Footnote(
                str(note["mark"]),
                target,
                columns,
                str(note.get("text_en", "")),
                str(note.get("text_zh", "")),
            )
        )
    return notes


def load_source(folder: Path) -> Head:
    """Read a source data folder into a Head.

    Raises:
        SourceError: a file is missing or a value cannot be read.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"{folder}: not a folder of source data")
    meta_path = folder / "head.toml"
    meta = read_head_toml(meta_path)
    if not str(meta.get("head", "")).strip():
        raise SourceError(f"{meta_path}: 'head' is required")
    info = meta.get("establishment", {})
    head = Head(
        head=str(meta["head"]),
        title_en=str(meta.get("title_en", "")),
        title_zh=str(meta.get("title_zh", "")),
        controlling_officer_en=str(meta.get("controlling_officer_en", "")),
        controlling_officer_zh=str(meta.get("controlling_officer_zh", "")),
        estimate_year=str(meta.get("estimate_year", "")),
        department_en=str(meta.get("department_en", "")),
        department_zh=str(meta.get("department_zh", "")),
        department_short_zh=str(meta.get("department_short_zh", "")),
        footnotes=_footnotes(meta, meta_path),
        establishment=EstablishmentSummary(
            posts_start=_count(info, "posts_start", meta_path),
            directorate_start=_count(info, "directorate_start", meta_path),
            directorate_end=_count(info, "directorate_end", meta_path),
            net_change=_count(info, "net_change", meta_path),
            ceiling=_count(info, "ceiling", meta_path),
            note_en=str(info.get("note_en", "")),
            note_zh=str(info.get("note_zh", "")),
        ),
    )
    for name in ("programmes.csv", "subheads.csv"):
        if not (folder / name).exists():
            raise SourceError(f"{folder / name}: file not found (it is required)")
    for row in read_rows(folder / "programmes.csv", REQUIRED_COLUMNS["programmes.csv"]):
        head.programmes.append(
            Programme(
                row.text("programme"),
                row.text("title_en"),
                row.text("title_zh"),
                _money(row, parse_millions),
                row.text("policy_area"),
            )
        )
    for row in read_rows(folder / "subheads.csv", REQUIRED_COLUMNS["subheads.csv"]):
        head.subheads.append(
            Subhead(
                row.text("account"),
                row.text("section"),
                row.text("code"),
                row.text("title_en"),
                row.text("title_zh"),
                _money(row, parse_thousands),
            )
        )
    optional = {
        name: folder / name
        for name in ("subhead_000.csv", "establishment.csv", "pay_scale.csv")
    }
    if optional["subhead_000.csv"].exists():
        for row in read_rows(
            optional["subhead_000.csv"], REQUIRED_COLUMNS["subhead_000.csv"]
        ):
            head.breakdown.append(
                BreakdownItem(
                    row.text("group"),
                    row.text("item_en"),
                    row.text("item_zh"),
                    _money(row, parse_thousands),
                )
            )
    if optional["establishment.csv"].exists():
        for row in read_rows(
            optional["establishment.csv"], REQUIRED_COLUMNS["establishment.csv"]
        ):
            head.posts.append(
                Post(
                    row.text("rank_en"),
                    row.text("rank_zh"),
                    row.text("directorate").upper() in ("Y", "YES", "TRUE", "1"),
                    row.text("scale"),
                    row.whole("min_point", required=False),
                    row.whole("max_point", required=False),
                    row.text("programme"),
                    row.whole("posts_start") or 0,
                    row.whole("posts_end") or 0,
                )
            )
    if optional["pay_scale.csv"].exists():
        for row in read_rows(
            optional["pay_scale.csv"], REQUIRED_COLUMNS["pay_scale.csv"]
        ):
            head.pay_scale.append(
                PayPoint(
                    row.text("scale"),
                    row.whole("point") or 0,
                    row.whole("monthly_salary") or 0,
                )
            )
    return head
