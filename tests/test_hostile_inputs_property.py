"""Property: whatever source folder or workbook a clerk or a file throws at the CLI,
it ends with exit code 0, 1 or 2, never a traceback, and `check` never changes the
file. Hostile folders and books are generated: random types and values, missing
and extra pieces. Each property runs in seeded shards, each shard the hypothesis
profile's max_examples: 480 examples under the ``ci`` profile, about 50 under
``dev`` (tests/conftest.py; tests/test_property_tests_run_1000_examples_under_ci.py
counts them with the other property tests')."""

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, seed
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell

from estimates.source import SAMPLE_HEAD_135
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file

# Seeded shards, each running the profile's max_examples; a generated book costs
# about five times a generated folder, so it has fewer.
FOLDER_SHARDS, BOOK_SHARDS = 5, 3


def _run_shard(check, strategy, shard: int) -> None:
    """``check`` over the profile's max_examples drawn from ``strategy``, seeded by
    the shard: reproducible, and different in every shard."""
    seed(13_000 + shard)(given(strategy)(check))()


WORDS = st.sampled_from(
    [
        "",
        "-",
        "—",
        "1,234",
        "12.34",
        "=1+1",
        "+cmd",
        "@SUM(A1)",
        "#REF!",
        "N/A",
        "0",
        "-5",
        "1e9",
        "NaN",
        "inf",
        "Y",
        "N",
        "Operating",
        "Capital",
        "Recurrent",
        "000",
        "88B",
        "綱領",
    ]
)
CELL = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=12),
    WORDS,
)


def _cli(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(args)
    return code, err.getvalue()


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return '"' + text.replace('"', '""') + '"'


MILLIONS = st.integers(0, 99_999).map(lambda n: f"{n / 10:.1f}")
THOUSANDS = st.integers(0, 10**8).map(str)
VALID = {
    "programme": st.integers(1, 9).map(str),
    "account": st.sampled_from(["Operating", "Capital"]),
    "section": st.sampled_from(
        ["Recurrent", "Non-Recurrent", "Plant, Equipment and Works", "Subventions"]
    ),
    "code": st.sampled_from(["000", "700", "697", "661", "88B"]),
    "directorate": st.sampled_from(["Y", "N"]),
    "scale": st.just("MPS"),
    "min_point": st.integers(0, 49).map(str),
    "max_point": st.integers(0, 49).map(str),
    "point": st.integers(0, 49).map(str),
    "monthly_salary": st.integers(1, 10**6).map(str),
    "posts_start": st.integers(0, 50).map(str),
    "posts_end": st.integers(0, 50).map(str),
}
TABLES = {
    "programmes.csv": "programme,title_en,title_zh,actual,original,revised,estimate",
    "subheads.csv": "account,section,code,title_en,title_zh,actual,original,revised,"
    "estimate",
    "subhead_000.csv": "group,item_en,item_zh,actual,original,revised,estimate",
    "establishment.csv": "rank_en,rank_zh,directorate,scale,min_point,max_point,"
    "programme,posts_start,posts_end",
    "pay_scale.csv": "scale,point,monthly_salary",
}


def _column(name: str, file: str):
    if name in VALID:
        valid = VALID[name]
    elif name in ("actual", "original", "revised", "estimate"):
        valid = MILLIONS if file == "programmes.csv" else THOUSANDS
    else:
        valid = st.text(max_size=10)
    return st.one_of(valid, valid, valid, CELL)  # mostly valid, sometimes hostile


@st.composite
def source_folders(draw):
    files = {}
    head = draw(
        st.one_of(
            st.just('"135"'),
            st.integers(0, 999).map(str),
            st.text(max_size=5).map(repr),
        )
    )
    lines = [f"head = {head}", 'estimate_year = "2025-26"']
    if draw(st.booleans()):
        lines += [
            "[establishment]",
            f"posts_start = {draw(st.integers(-5, 200))}",
            f"ceiling = {draw(st.sampled_from(['1', '-3', '1.5', 'true']))}",
        ]
    if draw(st.booleans()):
        lines += [
            "[[footnotes]]",
            f'mark = "{draw(st.sampled_from(["¶", "", "x"]))}"',
            f'target = "{draw(st.sampled_from(["programme_total", "bad", ""]))}"',
            f'columns = ["{draw(st.sampled_from(["actual", "nope"]))}"]',
        ]
    if draw(st.integers(0, 9)) == 0:
        lines.append("this is = not [toml")
    if draw(st.integers(0, 9)):
        files["head.toml"] = "\n".join(lines) + "\n"
    for name, header in TABLES.items():
        if draw(st.integers(0, 5)) == 0:
            continue  # a missing piece
        columns = header.split(",")
        if draw(st.integers(0, 7)) == 0:
            columns = draw(st.permutations(columns))
        row = st.tuples(*(_column(c, name) for c in columns)).map(list)
        rows = draw(st.lists(row, max_size=8))
        if draw(st.integers(0, 7)) == 0 and rows:
            rows[0] = rows[0][:-1]  # a short row
        body = "\n".join(",".join(_csv_cell(v) for v in r) for r in rows)
        files[name] = ",".join(columns) + "\n" + body + "\n"
    if draw(st.booleans()):
        files["extra.csv"] = "anything,at,all\n1,2,3\n"
    return files


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(FOLDER_SHARDS))
def test_build_of_any_source_folder_ends_cleanly(shard):
    _run_shard(_build_ends_cleanly, source_folders(), shard)


def _build_ends_cleanly(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        code, err = _cli(["build", str(folder), "-o", str(Path(tmp) / "b.xlsx")])
        assert code in (0, 1, 2)
        assert "Traceback" not in err
        said = err.strip().splitlines()  # one line, then (a refusal that counts
        assert len(said) <= 1 or "values cannot be read" in said[0]  # several) each
        assert all(line.startswith(f"  {folder}") for line in said[1:])  # value


SHEETS = [
    "Head",
    "Programmes",
    "Subheads",
    "Subhead000",
    "Establishment",
    "PayScale",
    "Report",
    "Checks",
    "_Flags",
    "Narrative",
]


@st.composite
def book_edits(draw):
    edits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(SHEETS), st.integers(1, 40), st.integers(1, 12), CELL
            ),
            max_size=25,
        )
    )
    pieces = draw(
        st.lists(
            st.sampled_from(
                [
                    "delete_sheet",
                    "rename_sheet",
                    "drop_table",
                    "extra_sheet",
                    "merge",
                    "protect",
                    "drop_name",
                ]
            ),
            max_size=2,
        )
    )
    target = draw(st.sampled_from(SHEETS))
    also_refresh = draw(st.booleans())
    return edits, pieces, target, also_refresh


_BOOK = {}


def _sample_book() -> Path:
    if "path" not in _BOOK:
        folder = Path(tempfile.mkdtemp(prefix="estimates-property-"))
        build_file(SAMPLE_HEAD_135, folder / "sample.xlsx")
        _BOOK["path"] = folder / "sample.xlsx"
    return _BOOK["path"]


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(BOOK_SHARDS))
def test_check_and_refresh_of_any_workbook_end_cleanly(shard):
    _run_shard(_check_and_refresh_end_cleanly, book_edits(), shard)


def _check_and_refresh_end_cleanly(spec):
    edits, pieces, target, also_refresh = spec
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book.xlsx"
        wb = load_book(_sample_book())
        for sheet, row, col, value in edits:
            if sheet not in wb.sheetnames:
                continue
            cell = wb[sheet].cell(row, col)
            if isinstance(cell, MergedCell):
                continue  # inside a merged range: Excel lets no one type there
            if isinstance(value, str):  # what a clerk can type: no control chars
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.value = value
        for piece in pieces:
            if target not in wb.sheetnames:
                continue
            ws = wb[target]
            if piece == "delete_sheet" and len(wb.sheetnames) > 1:
                wb.remove(ws)
            elif piece == "rename_sheet":
                ws.title = target[:3] + "_x"
            elif piece == "drop_table" and ws.tables:
                del ws.tables[next(iter(ws.tables))]
            elif piece == "extra_sheet":
                wb.create_sheet("Extra").append(["x", 1])
            elif piece == "merge":
                ws.merge_cells("A5:C6")
            elif piece == "protect":
                ws.protection.sheet = True
            elif piece == "drop_name" and "HeadNo" in wb.defined_names:
                del wb.defined_names["HeadNo"]
        wb.save(book)
        before = book.read_bytes()
        code, err = _cli(["check", str(book)])
        assert code in (0, 1, 2) and "Traceback" not in err
        assert book.read_bytes() == before  # check never writes
        if not also_refresh:
            return
        copy = Path(tmp) / "copy.xlsx"
        shutil.copy(book, copy)
        code, err = _cli(["refresh", str(copy)])
        assert code in (0, 1, 2) and "Traceback" not in err
