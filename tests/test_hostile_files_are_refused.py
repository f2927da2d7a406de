"""XML bombs, external entities, zip bombs and oversized files are refused with a
message before a parser sees them; formulas in a book are never executed."""

import zipfile

import pytest
from openpyxl import load_workbook

from workbook import safety
from workbook.cli import run
from workbook.io import load_book, snapshot_of
from workbook.snapshot import Formula


def _inject(src, dst, part, prolog, entity):
    with zipfile.ZipFile(src) as z:
        items = {n: z.read(n) for n in z.namelist()}
    text = items[part].decode("utf-8")
    text = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    at = text.index("<v>") + 3
    items[part] = prolog + (text[:at] + entity + text[at:]).encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("prolog", "entity"),
    [(BOMB, "&b;"), (XXE, "&e;")],
    ids=["xml-bomb", "external-entity"],
)
def test_entities_are_refused_with_a_message(
    sample_book, tmp_path, capsys, prolog, entity
):
    bad = tmp_path / "bad.xlsx"
    _inject(sample_book, bad, "xl/worksheets/sheet1.xml", prolog, entity)
    assert run(["check", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates check: {bad}: refused: part xl/worksheets/sheet1.xml declares a"
        " DTD or XML entities, which no Excel workbook needs (an XML bomb or"
        " external entity attack?)"
    )


def test_defusedxml_refuses_entities_even_past_our_check(sample_book, tmp_path):
    import defusedxml

    bad = tmp_path / "bad.xlsx"
    _inject(sample_book, bad, "xl/worksheets/sheet1.xml", XXE, "&e;")
    with bad.open("rb") as handle, pytest.raises(ValueError) as caught:
        load_workbook(handle)
    chain, exc = [], caught.value
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    assert any(isinstance(e, defusedxml.DefusedXmlException) for e in chain)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, capsys):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert run(["check", str(bomb)]) == 2
    err = capsys.readouterr().err
    assert "part xl/worksheets/sheet1.xml unpacks" in err and "(a zip bomb?)" in err


def test_an_oversized_file_is_refused(sample_book, monkeypatch, capsys):
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1000)
    assert run(["check", str(sample_book)]) == 2
    assert "is larger than the 1,000 bytes" in capsys.readouterr().err


def test_formulas_in_a_book_are_read_as_text_never_run(sample_book, tmp_path):
    wb = load_book(sample_book)
    wb["Head"]["E1"] = "=cmd|' /C calc'!A0"
    wb["Head"]["E2"] = '=WEBSERVICE("http://127.0.0.1:9/x")'
    wb.save(sample_book)
    snap = snapshot_of(load_book(sample_book), str(sample_book))
    assert snap.at("Head", "E1") == Formula("=cmd|' /C calc'!A0")
    assert isinstance(snap.at("Head", "E2"), Formula)
    assert run(["check", str(sample_book)]) == 0
