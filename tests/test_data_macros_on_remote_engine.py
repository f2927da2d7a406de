"""The ribbon's Data group on xlwings' remote engine, from the JSON a client sends
for a real book: Import's actions, applied to the file, give the book the CLI's
'import' + 'build' gives; New year's, applied to the copy of last year's book the
ribbon saves and opens, give the book 'estimates rollforward' gives. Rows go in
blocks and each table is resized with one action."""

import collections
import shutil
from pathlib import Path

import pytest

from addin import macros
from addin.build import build_template
from estimates.source import SAMPLE_HEAD_135
from workbook.cli import run
from workbook.io import load_book
from workbook.layout import FILLS

from .hosts import remote_book
from .remote_actions import apply_actions, cells_of

pytestmark = pytest.mark.engine
DATA = Path(__file__).parent / "data" / "published"
CSV = [DATA / "fin_provision_en_total.csv", DATA / "es_en_totals.csv",
       DATA / "des_en.csv"]  # fmt: skip
IGNORED = ("ChangeLog", "_Revert", "xlwings.conf")
FLAG_FILLS = set(FILLS.values())
GENERATED = ("Report", "COR 中文", "COR English", "Narrative", "Checks")


def _look(cells: dict) -> dict:
    """Values, notes and fills; the Report's heading fills are the file host's
    styling of a regenerated sheet, which the xlwings host does not repaint."""
    out = {}
    for (sheet, cell), (value, fill, note) in cells.items():
        if sheet in GENERATED and fill not in FLAG_FILLS:
            fill = None
        if sheet not in IGNORED and (value, fill, note) != (None, None, None):
            out[(sheet, cell)] = (value, fill, note)
    return out


def _unmerged(path: Path):
    """The book with its generated sheets unmerged, as the file host leaves them
    before rewriting them. The xlwings host does not unmerge yet
    (tests/excel/CHECKLIST.md): the values compared here are what it writes."""
    wb = load_book(path)
    for sheet in GENERATED:
        for merged in list(wb[sheet].merged_cells.ranges):
            wb[sheet].unmerge_cells(str(merged))
    return wb


def _same(expected: dict, got: dict) -> dict:
    expected, got = _look(expected), _look(got)
    return {k: (expected.get(k), got.get(k)) for k in expected.keys() | got.keys()
            if expected.get(k) != got.get(k)}  # fmt: skip


def test_remote_import_equals_the_cli_import_and_build(libreoffice, tmp_path):
    blank = tmp_path / "Blank.xlsm"
    build_template(blank)
    wb = load_book(blank)
    wb["Head"]["C3"], wb["Head"]["C8"] = "135", "2025-26"
    wb.save(blank)
    assert run(["import", *map(str, CSV), "--head", "135", "--year", "2025-26",
                "-o", str(tmp_path / "src")]) == 0  # fmt: skip
    # 1: error findings (English files: no Chinese titles, marks without text)
    assert run(["build", str(tmp_path / "src"), "-o", str(tmp_path / "cli.xlsx")]) == 1

    book = remote_book(blank, libreoffice, tmp_path)
    done = macros.import_data([str(p) for p in CSV], book)
    actions = book.json()["actions"]
    remote = _unmerged(blank)
    leftover = apply_actions(remote, actions)
    assert [a["func"] for a in leftover] == ["alert"]
    said = leftover[0]["args"][0]
    assert "綱領 Programmes ($ million 百萬元): 2 row(s), were 0" in said
    assert "Establishment" not in said  # empty before and after: not listed
    differ = _same(cells_of(load_book(tmp_path / "cli.xlsx")), cells_of(remote))
    assert differ == {}  # exact: no stale Report cell left on the remote host
    log = [[c.value for c in r] for r in remote["ChangeLog"].iter_rows(min_row=4)]
    assert [r[2] for r in log if r[0]] == ["import"]
    counts = collections.Counter(a["func"] for a in actions)
    assert counts["resizeTable"] == len(done.replaced) == 4  # each grew from empty


def _import_actions(path, folder, libreoffice, tmp_path):
    book = remote_book(path, libreoffice, tmp_path)
    macros.import_data([str(folder)], book)
    return book.json()["actions"]


def test_import_actions_grow_with_tables_not_with_rows(
    sample_xlsm, libreoffice, tmp_path
):
    small = tmp_path / "small"
    shutil.copytree(SAMPLE_HEAD_135, small)
    large = tmp_path / "large"
    shutil.copytree(SAMPLE_HEAD_135, large)
    lines = (large / "pay_scale.csv").read_text(encoding="utf-8").splitlines()
    more = [line.replace("MPS", "XPS", 1) for line in lines[1:]]
    (large / "pay_scale.csv").write_text("\n".join([*lines, *more, *more]) + "\n",
                                         encoding="utf-8")  # fmt: skip
    base = _import_actions(sample_xlsm, small, libreoffice, tmp_path / "a")
    grown = _import_actions(sample_xlsm, large, libreoffice, tmp_path / "b")
    # 100 more pay-scale rows: one block of values (the 50 rows the book already
    # shows are not written again, so base writes none), one resize more, and its
    # rows record (the range the mid-point salaries' formulas cover) moved: three
    # actions, not a hundred
    assert len(grown) == len(base) + 3
    funcs = collections.Counter(a["func"] for a in grown)
    assert funcs["resizeTable"] == 1
    assert (
        funcs["setNameRefersTo"]
        == collections.Counter(a["func"] for a in base)["setNameRefersTo"] + 1
    )


def test_remote_new_year_equals_the_cli_rollforward(sample_xlsm, libreoffice, tmp_path):
    cli = tmp_path / "cli_2026-27.xlsm"
    assert run(["rollforward", str(sample_xlsm), "-o", str(cli)]) == 0
    copy = tmp_path / "Head135_2026-27.xlsm"  # what the ribbon's SaveCopyAs makes
    shutil.copy(sample_xlsm, copy)
    book = remote_book(copy, libreoffice, tmp_path)
    done = macros.new_year(book=book)
    assert done.head.estimate_year == "2026-27"
    remote = _unmerged(copy)
    leftover = apply_actions(remote, book.json()["actions"])
    assert [a["func"] for a in leftover] == ["save", "alert"]  # the new book kept
    assert "New year 新年度 2026-27" in leftover[1]["args"][0]
    assert _same(cells_of(load_book(cli)), cells_of(remote)) == {}
    assert remote["Head"]["C12"].value == 78
    log = [[c.value for c in r] for r in remote["ChangeLog"].iter_rows(min_row=4)]
    assert [r[2] for r in log if r[0]][-1] == "new year from 2025-26"


@pytest.mark.parametrize("seed", [7, 23])
def test_remote_import_of_a_generated_head_equals_the_cli_build(seed, libreoffice,
                                                               tmp_path):  # fmt: skip
    """Off the sample: a generated Head's folder imported into a blank template on
    the remote engine gives the book 'estimates build' gives, cell for cell."""
    from .generated_heads import write_head

    folder = write_head(tmp_path / "src", seed)
    blank = tmp_path / "Blank.xlsm"
    build_template(blank)
    assert run(["build", str(folder), "-o", str(tmp_path / "cli.xlsx")]) in (0, 1)
    book = remote_book(blank, libreoffice, tmp_path)
    macros.import_data([str(folder)], book)
    remote = _unmerged(blank)
    leftover = apply_actions(remote, book.json()["actions"])
    assert [a["func"] for a in leftover] == ["alert"]
    assert _same(cells_of(load_book(tmp_path / "cli.xlsx")), cells_of(remote)) == {}
