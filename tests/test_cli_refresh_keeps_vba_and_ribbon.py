"""A clerk's .xlsm refreshed by the CLI keeps its VBA, its ribbon (openpyxl drops
the customUI14 relationship on save: we put it back), code names and notes."""

import zipfile

from openpyxl.comments import Comment

from addin.build import UI14_REL
from workbook.cli import run
from workbook.io import load_book, save_book

from .vba import modules_of


def _root_rels(book) -> str:
    with zipfile.ZipFile(book) as z:
        return z.read("_rels/.rels").decode("utf-8")


def test_refresh_keeps_ribbon_vba_code_names_and_notes(
    sample_xlsm, template_dir, tmp_path
):
    wb = load_book(sample_xlsm)
    wb["Subheads"]["D5"].comment = Comment("title checked", "Clerk")
    wb["Programmes"]["B8"].comment = Comment("see LegCo paper", "Clerk")
    save_book(wb, sample_xlsm, original=sample_xlsm)
    before = modules_of(template_dir / "Head135.xlsm")
    out = tmp_path / "refreshed.xlsm"
    assert run(["refresh", str(sample_xlsm), "-o", str(out)]) == 0
    assert run(["refresh", str(out)]) == 0  # and again, in place
    assert UI14_REL in _root_rels(out)
    with zipfile.ZipFile(out) as z:
        assert z.read("customUI/customUI14.xml").startswith(b"<?xml")
    assert modules_of(out) == before
    again = load_book(out)
    assert again.code_name == "ThisWorkbook"
    assert again["Head"].sheet_properties.codeName == "wsHead"
    assert again["Subheads"]["D5"].comment.text == "title checked"
    assert again["Programmes"]["B8"].comment.text == "see LegCo paper"


def test_openpyxl_alone_drops_the_relationship_and_refresh_puts_it_back(
    sample_xlsm, tmp_path
):
    from openpyxl import load_workbook

    plain = tmp_path / "openpyxl-only.xlsm"
    load_workbook(sample_xlsm, keep_vba=True).save(plain)  # what openpyxl alone does
    assert UI14_REL not in _root_rels(plain)
    assert run(["refresh", str(plain)]) == 0
    assert UI14_REL in _root_rels(plain)
