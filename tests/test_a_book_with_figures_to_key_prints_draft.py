"""Issue 11 (note6 Left; trial 10f item 8): a rolled-forward book with nothing
keyed printed with no DRAFT mark (the mark counted errors only, and a figure to
key is F01, info), and a blank Actual the COR prints blank did not turn it on
either: a page of blanks looked final. Now every figure to key (F01) the Checks
sheet lists keeps the mark on, in both languages, on every printed COR page
("DRAFT - 36 figures to key" / "草稿 - 36 個數字待輸入"); a keyed nil (-) does
not. And ``estimates report`` prints a figure to key as "(to key)", a keyed nil
as "—", naming the columns to key in ``--json`` (``to_key``).

On Head 135, a generated Head and a real Head-year: rolled forward (CLI, printed
by LibreOffice in one batch), and a blank Actual against a keyed nil on both
hosts."""

from __future__ import annotations

import json

import pytest

from workbook import layout as L
from workbook.draft import TO_KEY, mark_text
from workbook.io import load_book, save_book
from workbook.pdf import make_pdfs
from workbook.populate import rollforward_file
from workbook.refresh import build_file, check_file

from .clerk import retype_first
from .generated_heads import built_books, source_folder
from .hosts import HOSTS, cli_printed, refresh_on
from .printed_pages import pdf_pages

pytestmark = pytest.mark.engine

KINDS = ("sample", "real", "generated")
SHEETS = {L.REPORT: "both", L.REPORT_ZH: "zh", L.REPORT_EN: "en"}
WORDS = {"en": "DRAFT - ", "zh": "草稿 - "}


def _rolled(tmp_path) -> dict[str, tuple]:
    """Each kind's book rolled forward, nothing keyed: (book, F01 count)."""
    out = {}
    for kind in KINDS:
        book, nxt = tmp_path / f"{kind}.xlsx", tmp_path / f"{kind}-next.xlsx"
        build_file(source_folder(kind, tmp_path / kind, "2013-22", 61), book)
        rollforward_file(book, nxt)
        findings = check_file(nxt).findings
        assert not [f for f in findings if f.severity.value == "error"], kind
        out[kind] = nxt, sum(f.rule == TO_KEY for f in findings)
    return out


def test_a_rolled_book_with_nothing_keyed_prints_draft_on_every_page(tmp_path):
    rolled = _rolled(tmp_path)
    jobs = [(book, lang, tmp_path / f"{kind}-{lang}.pdf")
            for kind, (book, _) in rolled.items() for lang in WORDS]  # fmt: skip
    make_pdfs(jobs)  # one LibreOffice run for every book and language
    for kind, (book, waiting) in rolled.items():
        assert waiting >= 3, kind
        wb = load_book(book)
        for sheet, lang in (SHEETS | {L.NARRATIVE: "both"}).items():
            header = wb[sheet].oddHeader.center.text
            assert header == mark_text(0, lang, waiting), (kind, sheet)
        for lang, word in WORDS.items():
            pages = [p for p in pdf_pages(tmp_path / f"{kind}-{lang}.pdf") if p.strip()]
            said = mark_text(0, lang, waiting)
            assert word in said and str(waiting) in said
            other = WORDS["zh" if lang == "en" else "en"]
            for number, page in enumerate(pages, start=1):
                assert said in page, (kind, lang, number, page[:300])
                assert other not in page, (kind, lang, number)  # its language alone


def test_report_prints_a_figure_to_key_apart_from_a_keyed_nil(tmp_path):
    for kind, (book, _) in _rolled(tmp_path).items():
        wb = load_book(book)
        spec = L.TABLES["tblProgrammes"]
        row = spec.header_row + 1
        wb[spec.sheet].cell(row, spec.col("actual")).value = "-"  # a keyed nil
        save_book(wb, book)
        figures = json.loads(_stdout("report", book, "--json"))
        first, total = figures["programmes"][0], figures["programme_total"]
        assert first["actual"] is None and "actual" not in first["to_key"], kind
        assert first["estimate"] is None and "estimate" in first["to_key"], kind
        assert "estimate" in total["to_key"], kind
        table = _stdout("report", book).splitlines()
        line = next(t for t in table if t.startswith(f"({first['programme']}) "))
        shown = [line[44 + 12 * i : 56 + 12 * i].strip() for i in range(4)]
        assert shown[0] == "—" and shown[2:] == ["(to key)"] * 2, (kind, line)
        total = next(t for t in table if t.startswith("Total "))
        assert total[80:92].strip() == "(to key)", (kind, total)


def _stdout(*args) -> str:
    return cli_printed(*args)[1]


@pytest.mark.parametrize("host", HOSTS)
def test_a_blank_actual_turns_the_mark_on_and_a_keyed_nil_does_not(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=11, real_at=5):
        # blank: the COR prints it blank (F01)
        base = retype_first(book, "tblProgrammes", "actual", None)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        errors = sum(f.severity.value == "error" for f in findings)
        waiting = sum(f.rule == TO_KEY for f in findings)
        assert waiting >= 1, name
        values = libreoffice.values(book, tuple(SHEETS))
        marks = {s: values[s][1][0] for s in SHEETS}
        assert marks == {s: mark_text(errors, lang, waiting)
                         for s, lang in SHEETS.items()}, name  # fmt: skip
        assert "to key" in marks[L.REPORT_EN] and "待輸入" in marks[L.REPORT_ZH]
        retype_first(book, "tblProgrammes", "actual", "-")  # a keyed nil: none to key
        findings = refresh_on(host, book, libreoffice, tmp_path)
        errors = sum(f.severity.value == "error" for f in findings)
        assert sum(f.rule == TO_KEY for f in findings) == waiting - 1, name
        values = libreoffice.values(book, tuple(SHEETS))
        marks = {s: values[s][1][0] for s in SHEETS}
        assert marks == {s: mark_text(errors, lang, waiting - 1)
                         for s, lang in SHEETS.items()}, name  # fmt: skip
        assert base is not None


def test_report_prints_whole_titles_and_falls_back_per_language(tmp_path):
    """Trial 10g: ``report`` cut long titles ("Corporate Liaison and ... Vi…")
    and printed a bare "(1)" when the English title was blank."""
    for name, head, book in built_books(tmp_path, "openpyxl", seed=4, real_at=7):
        wb = load_book(book)
        spec = L.TABLES["tblProgrammes"]
        first, second = spec.header_row + 1, spec.header_row + 2
        long = " ".join(["Corporate Liaison and Education and Visitor Services"] * 2)
        wb[spec.sheet].cell(first, spec.col("title_en")).value = None
        wb[spec.sheet].cell(second, spec.col("title_en")).value = long
        zh = wb[spec.sheet].cell(first, spec.col("title_zh")).value or "局長辦公室"
        wb[spec.sheet].cell(first, spec.col("title_zh")).value = zh
        save_book(wb, book)
        table = _stdout("report", book)
        number = head.programmes[0].number
        assert f"({number}) {zh}" in table, name
        assert _label(table, head.programmes[1].number) == long, name  # wrapped
        assert "…" not in table, name


def _label(table: str, number: str) -> str:
    """Programme ``number``'s label as the table prints it, its lines joined."""
    lines = table.splitlines()
    at = next(i for i, t in enumerate(lines) if t.startswith(f"({number}) "))
    words = [lines[at][:44].split(" ", 1)[1].strip()]
    words += [t.strip() for t in lines[at + 1 :] if t.startswith("    ")][:9]
    rest = lines[at + 1 :]
    more = next((i for i, t in enumerate(rest) if not t.startswith("    ")), 0)
    return " ".join(words[: 1 + more])
