"""New year: rolling a book forward. Head 135 2025-26 gives 2026-27 with Original =
2025-26's Estimate on every line, 78 posts at start, Actual and Revised empty and
flagged to fill (info), and no error finding; the old book is never changed.
Proved off the sample too: generated Heads and a clerk's narrative text."""

import hashlib

import pytest

from estimates.model import COLUMNS
from estimates.rollforward import DRAFT, next_year, roll_forward
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook.cli import run
from workbook.io import load_book
from workbook.refresh import build_file, check_file, refresh_file

from .generated_heads import write_head


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rolled(sample_book, tmp_path):
    before = _digest(sample_book)
    out = tmp_path / "head135_2026-27.xlsx"
    assert run(["rollforward", str(sample_book), "-o", str(out)]) == 0
    assert _digest(sample_book) == before  # the old book is never changed
    return out


def test_original_is_last_years_estimate_on_every_line(rolled):
    old = load_source(SAMPLE_HEAD_135)
    new = check_file(rolled).head
    assert new.estimate_year == "2026-27" and new.rolled_from == "2025-26"
    lines = (("programmes", "value"), ("subheads", "value"))
    for kind, _ in lines:
        for a, b in zip(getattr(old, kind), getattr(new, kind), strict=True):
            assert b.value("original") == a.value("estimate"), (kind, b)
            assert [b.value(c) for c in ("actual", "revised", "estimate")] == [None] * 3
            assert (b.title_en, b.title_zh) == (a.title_en, a.title_zh)
    for a, b in zip(old.breakdown, new.breakdown, strict=True):
        assert b.amounts[1].value == a.amounts[3].value
    assert len(new.programmes) == 2 and len(new.subheads) == 3


def test_establishment_rolls_on_and_the_ceiling_is_left_to_key(rolled):
    head = check_file(rolled).head
    est = head.establishment
    assert est.posts_start.value == 78  # 79 - 1
    assert est.directorate_start.value == 9
    assert (est.net_change.value, est.directorate_end.value, est.ceiling.value) == (
        None, None, None
    )  # fmt: skip
    old = load_source(SAMPLE_HEAD_135).posts
    assert [p.posts_start for p in head.posts] == [p.posts_end for p in old]


def test_actual_and_revised_are_flagged_to_fill_and_nothing_is_an_error(rolled):
    outcome = check_file(rolled)
    errors = [f for f in outcome.findings if f.severity.value != "info"]
    assert errors == []
    to_fill = {(f.sheet, f.cell) for f in outcome.findings if f.rule == "F01"}
    programmes = load_book(rolled)["Programmes"]
    for row in (8, 9):  # two programmes: D actual, F revised, G estimate
        for col in "DFG":
            assert ("Programmes", f"{col}{row}") in to_fill
            cell = programmes[f"{col}{row}"]
            assert cell.value is None
            assert cell.fill.fgColor.rgb == "FFDDEBF7"  # the info fill
            assert "rolled forward from 2025-26" in cell.comment.text
        assert programmes[f"E{row}"].value is not None  # Original is there
    assert ("Head", "C16") in to_fill  # the ceiling, left for the clerk
    assert len(to_fill) == (2 + 3 + 6) * 3 + 3
    blank = [f for f in outcome.findings if f.rule == "F01" and f.cell[0] in "DFG"]
    assert {(f.found, f.message_en.endswith("found a blank cell.")) for f in blank} == {
        ("a blank cell", True)  # trial 10d: it said "found nil (—)" of a blank
    }


def test_year_labels_move_on_and_footnotes_become_drafts(rolled):
    wb = load_book(rolled)
    assert wb["Head"]["C8"].value == "2026-27"
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row}
    assert any(isinstance(t, str) and "2026-27" in t for t in texts)
    head = check_file(rolled).head
    assert [f.columns for f in head.footnotes] == [("actual",)] * 3  # year -1
    assert all(f.text_en.startswith(DRAFT) for f in head.footnotes)
    reviews = [f for f in check_file(rolled).findings if f.rule == "F02"]
    assert sorted(str(f.ref) for f in reviews if f.ref.sheet == "Establishment") == [
        "Establishment!A2",
        "Establishment!A3",
    ]  # the carried note, en and zh
    assert len(reviews) == 5  # and the three footnotes


def test_keyed_figures_clear_their_flags(rolled):
    wb = load_book(rolled)
    wb["Programmes"]["D8"] = 19.9
    wb["Head"]["C16"] = 52021000
    wb.save(rolled)
    outcome = refresh_file(rolled)
    to_fill = {(f.sheet, f.cell) for f in outcome.findings if f.rule == "F01"}
    assert ("Programmes", "D8") not in to_fill and ("Head", "C16") not in to_fill
    assert ("Programmes", "D9") in to_fill


def test_a_clerks_narrative_text_is_carried_as_a_draft(sample_book, tmp_path):
    wb = load_book(sample_book)
    narrative = wb["Narrative"]
    row = next(r for r in range(1, 200) if narrative.cell(r, 6).value)
    narrative.cell(row, 4).value = "Our own sentence, up by $9.9 million."
    wb.save(sample_book)
    refresh_file(sample_book)
    out = tmp_path / "next.xlsx"
    assert run(["rollforward", str(sample_book), "-o", str(out)]) == 0
    head = check_file(out).head
    (text, ref), *_ = head.narrative.values()
    assert text == DRAFT + "Our own sentence, up by $9.9 million."
    rules = {f.rule for f in check_file(out).findings if f.ref == ref}
    assert rules == {"F02"}  # reviewed, not N01, until the clerk edits it


def test_actual_is_filled_from_a_csv_of_actual_expenditure(sample_book, tmp_path):
    csv = tmp_path / "actual.csv"
    csv.write_text(
        "Head,Subhead,Subhead Name,Actual expenditure 2024-25\n"
        '135,000,Operational expenses,"240,100"\n'
        '135,697,TechConnect (block vote),"85,000 Φ"\n'
        '135,,Total Expenditure,"325,100"\n',
        encoding="utf-8",
    )
    items = tmp_path / "des.csv"
    items.write_text(
        "Head,Group,Item,Actual (2024-25)\n"
        '135,Personal Emoluments,Salaries,"200,000"\n'
        '135,Departmental Expenses,General departmental expenses,"40,100"\n',
        encoding="utf-8",
    )
    progs = tmp_path / "fin.csv"  # the programmes must add up too (T03, footnotes
    progs.write_text(  # carried over are drafts and explain nothing until reviewed)
        "Head,Programme No.,Programme,Actual 2024-25\n135,(1),Office,30.0\n"
        "135,(2),Innovation,295.1\n",
        encoding="utf-8",
    )
    out = tmp_path / "next.xlsx"
    assert run(["rollforward", str(sample_book), "-o", str(out), "--actual",
                str(csv), str(items), str(progs)]) == 0  # fmt: skip
    head = check_file(out).head
    subheads = {s.code: s.value("actual") for s in head.subheads}
    assert subheads == {"000": 240100, "700": None, "697": 85000}
    assert [b.amounts[0].value for b in head.breakdown] == [
        200000, None, None, None, None, 40100
    ]  # fmt: skip
    # Without the breakdown's actuals, subhead 000's no longer agrees: T05 says so.
    assert run(["rollforward", str(sample_book), "-o", str(tmp_path / "t.xlsx"),
                "--actual", str(csv)]) == 1  # fmt: skip
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(csv.read_text().replace("2024-25", "2023-24"), encoding="utf-8")
    assert run(["rollforward", str(sample_book), "-o", str(tmp_path / "w.xlsx"),
                "--actual", str(wrong)]) == 2  # fmt: skip
    assert not (tmp_path / "w.xlsx").exists()  # refused before writing


def test_bad_years_and_paths_are_refused(sample_book, tmp_path, capsys):
    assert next_year("2025-26") == "2026-27" and next_year("1999-00") == "2000-01"
    with pytest.raises(ValueError):
        next_year("2025")
    out = str(tmp_path / "n.xlsx")
    assert run(["rollforward", str(sample_book), "-o", out, "--year", "2026-28"]) == 2
    assert run(["rollforward", str(sample_book), "-o", str(sample_book)]) == 2
    assert run(["rollforward", str(sample_book), "-o", str(tmp_path / "n.xlsm")]) == 2
    assert run(["rollforward", str(sample_book), "-o", out, "--year", "2027-28"]) == 2
    assert run(["rollforward", str(sample_book), "-o", out, "--year", "2026-27"]) == 0
    assert check_file(tmp_path / "n.xlsx").head.estimate_year == "2026-27"
    assert all("\n" not in line for line in capsys.readouterr().err.splitlines())


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_generated_heads_roll_forward_clean(seed, tmp_path):
    folder = write_head(tmp_path / "src", seed)
    book = tmp_path / "b.xlsx"
    build_file(folder, book)
    out = tmp_path / "next.xlsx"
    assert run(["rollforward", str(book), "-o", str(out)]) == 0
    old, new = load_source(folder), check_file(out)
    for a, b in zip(old.subheads + old.programmes,
                    new.head.subheads + new.head.programmes, strict=True):  # fmt: skip
        assert b.value("original") == a.value("estimate")
    assert [f for f in new.findings if f.severity.value != "info"] == []
    est = old.establishment
    assert new.head.establishment.posts_start.value == (
        est.posts_start.value + est.net_change.value
    )
    assert roll_forward(old).estimate_year == next_year(old.estimate_year)
    assert set(COLUMNS) >= {"actual", "revised"}


def test_real_head_years_roll_forward_with_no_new_error():
    """Every clean published Head-year: Original = its Estimate on every line,
    Actual and Revised nil and flagged F01, no error finding and no new warning."""
    from estimates.results import compute
    from estimates.rules import run_rules

    from .conftest import head_from_published, published_heads

    heads = published_heads()
    clean = [k for k, h in sorted(heads.items()) if not h["programme_vs_subhead_gap"]]
    assert len(clean) == 499
    for key in clean:
        blank = _blanked(head_from_published(heads[key]))  # "—" left blank instead
        old = head_from_published(heads[key])  # as printed: "—", a keyed nil
        new = roll_forward(old)
        for a, b in zip(old.programmes + old.subheads, new.programmes + new.subheads,
                        strict=True):  # fmt: skip
            assert b.value("original") == a.value("estimate"), key
        findings = run_rules(new, compute(new))
        assert [f.rule for f in findings if f.severity.value == "error"] == [], key
        warned = {f.rule for f in run_rules(old, compute(old)) if f.severity.value
                  == "warning"}  # fmt: skip
        assert {f.rule for f in findings if f.severity.value == "warning"} <= warned
        to_fill = sum(1 for f in findings if f.rule == "F01")
        # no establishment published: none to key (the counts' F01 are not said)
        assert to_fill == 3 * (len(new.programmes) + len(new.subheads)), key
        rolled = roll_forward(blank)  # a blank Estimate: its Original is to key
        originals = [
            f.message_en
            for f in run_rules(rolled, compute(rolled))
            if f.rule == "F01" and f.message_en.startswith("Original")
        ]
        assert len(originals) == sum(
            1 for line in blank.programmes + blank.subheads
            if line.value("estimate") is None), key  # fmt: skip


def _blanked(head):
    """The Head with every nil figure left blank (a figure still to key) instead."""
    from dataclasses import replace

    def marked(line):
        return replace(line, amounts=tuple(
            replace(a, nil=False) for a in line.amounts))  # fmt: skip

    head.programmes = [marked(p) for p in head.programmes]
    head.subheads = [marked(s) for s in head.subheads]
    return head


def test_the_establishment_chart_keeps_last_years_posts(rolled, tmp_path):
    charts = load_book(rolled)["Charts"]
    assert [[charts.cell(r, c).value for c in (7, 8)] for r in (5, 6, 7)] == [
        [None, None], [None, None], ["2025", 79]
    ]  # fmt: skip
    wb = load_book(rolled)
    wb["Programmes"]["G8"] = 25.0  # a 2026-27 Estimate keyed: it can roll on
    wb["Head"]["C15"] = 0  # and the net change in posts (New year adds it)
    wb.save(rolled)
    again = tmp_path / "head135_2027-28.xlsx"
    assert run(["rollforward", str(rolled), "-o", str(again)]) == 1  # T03: one keyed
    charts = load_book(again)["Charts"]
    assert [[charts.cell(r, c).value for c in (7, 8)] for r in (5, 6, 7)] == [
        [None, None], ["2025", 79], ["2026", 78]
    ]  # fmt: skip
