"""A book saved by Excel carries parts openpyxl does not model. A headless refresh
gives back each part it does not own byte for byte, with its relationships and
content type (a VBA signature, custom XML), or refuses with exit 2 naming the part
and pointing to the ribbon's Refresh, writing nothing (threaded comments, x14
extensions, images, form controls, slicers, pivot caches). No part is left
unreferenced (old VML). Read back with zipfile and lxml, not our writer."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from workbook.cli import run
from workbook.io import load_book

from .packages import (
    MS,
    OFFICE,
    Extra,
    content_type,
    reachable,
    read,
    relationships,
    sheet_part,
    write_book,
)

R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'
X15 = 'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"'
DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SIG = MS + "2006/relationships/vbaProjectSignature"
XL = "application/vnd.ms-excel."


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(
        b"IDAT", pixels
    ) + chunk(b"IEND", b"")  # fmt: skip


def signature(head: str) -> Extra:
    """[MS-OFFMACRO2]: three signatures off the VBA project's relationships."""
    parts, rels, types = {}, [], {}
    for n, (name, rel, ct) in enumerate(
        [
            ("vbaProjectSignature", SIG, "vbaProjectSignature"),
            (
                "vbaProjectSignatureAgile",
                MS + "2014/relationships/vbaProjectSignatureAgile",
                "vbaProjectSignatureAgile",
            ),
            (
                "vbaProjectSignatureV3",
                MS + "2020/07/relationships/vbaProjectSignatureV3",
                "vbaProjectSignatureV3",
            ),
        ],
        start=1,
    ):
        parts[f"xl/{name}.bin"] = b"\x30\x82\x05\x10" + bytes(range(n, 250))
        rels.append(("xl/vbaProject.bin", f"rId{n}", rel, f"{name}.bin"))
        types[f"xl/{name}.bin"] = f"application/vnd.ms-office.{ct}"
    return Extra(parts, rels, types)


def custom_xml(head: str) -> Extra:
    item = DECL + (
        b'<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/bibliography" SelectedStyle="\\APA.XSL" StyleName="APA"/>'
    )
    props = DECL + (
        b'<ds:datastoreItem ds:itemID="{6C2B1D0E-2F1A-4C4B-9D3A-0A1B2C3D4E5F}" '
        b'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        b'<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>'
    )
    return Extra(
        parts={"customXml/item1.xml": item, "customXml/itemProps1.xml": props},
        rels=[
            (
                "xl/workbook.xml",
                "rIdCX1",
                OFFICE + "customXml",
                "../customXml/item1.xml",
            ),
            (
                "customXml/item1.xml",
                "rId1",
                OFFICE + "customXmlProps",
                "itemProps1.xml",
            ),
        ],
        types={
            "customXml/itemProps1.xml": "application/vnd.openxmlformats-officedocument"
            ".customXmlProperties+xml"
        },
    )


def printer_settings(head: str) -> Extra:
    """A sheet's printer (a DEVMODE), named by its pageSetup's r:id."""
    return Extra(
        parts={"xl/printerSettings/printerSettings1.bin": bytes(range(220))},
        rels=[
            (
                head,
                "rIdPS",
                OFFICE + "printerSettings",
                "../printerSettings/printerSettings1.bin",
            ),
        ],
        types={
            "xl/printerSettings/printerSettings1.bin": "application/vnd."
            "openxmlformats-officedocument.spreadsheetml.printerSettings"
        },
        inserts=[(head, "/><headerFooter", f' {R} r:id="rIdPS"')],
    )


def threaded_comments(head: str) -> Extra:
    ns = b'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"'
    person = b"{4F1B7A2C-0D3E-4B5A-8C6D-7E8F9A0B1C2D}"
    return Extra(
        parts={
            "xl/threadedComments/threadedComment1.xml": DECL
            + b"<ThreadedComments "
            + ns
            + b'><threadedComment ref="C5" '
            b'dT="2025-01-06T09:00:00.00" personId="' + person + b'" '
            b'id="{0B1C2D3E-4F5A-6B7C-8D9E-0F1A2B3C4D5E}"><text>Confirm with'
            b" the Treasury.</text></threadedComment></ThreadedComments>",
            "xl/persons/person.xml": DECL + b"<personList " + ns + b"><person "
            b'displayName="Clerk A" id="' + person + b'" userId="clerk.a" '
            b'providerId="None"/></personList>',
        },
        rels=[
            (
                head,
                "rIdTC",
                MS + "2017/10/relationships/threadedComment",
                "../threadedComments/threadedComment1.xml",
            ),
            (
                "xl/workbook.xml",
                "rIdPS",
                MS + "2017/10/relationships/person",
                "persons/person.xml",
            ),
        ],
        types={
            "xl/threadedComments/threadedComment1.xml": "application/vnd.ms-excel"
            ".threadedcomments+xml",
            "xl/persons/person.xml": "application/vnd.ms-excel.person+xml",
        },
    )


def x14_extensions(head: str) -> Extra:
    ext = (
        f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" {X14}>'
        "<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="
        '"http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule'
        ' type="dataBar" id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar'
        ' minLength="0" maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo'
        ' type="autoMax"/></x14:dataBar></x14:cfRule><xm:sqref>C5:C9</xm:sqref>'
        "</x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>"
    )
    return Extra(inserts=[(head, "</worksheet>", ext)])


def images(head: str) -> Extra:
    drawing = DECL + (
        b'<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
        b'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/'
        b'2006/main"><xdr:oneCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>'
        b"0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        b'<xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2"'
        b' name="Department logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
        b"<a:blip " + R.encode() + b' r:embed="rId1"/><a:stretch><a:fillRect/>'
        b'</a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/>'
        b"</a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>"
        b"</xdr:wsDr>"
    )
    return Extra(
        parts={"xl/drawings/drawing9.xml": drawing, "xl/media/image1.png": _png()},
        rels=[
            (head, "rIdPic", OFFICE + "drawing", "../drawings/drawing9.xml"),
            (
                "xl/drawings/drawing9.xml",
                "rId1",
                OFFICE + "image",
                "../media/image1.png",
            ),
        ],
        types={
            "xl/drawings/drawing9.xml": "application/vnd.openxmlformats-officedocument"
            ".drawing+xml",
            "xl/media/image1.png": "image/png",
        },
        inserts=[(head, "<tableParts", f'<drawing {R} r:id="rIdPic"/>')],
    )


def form_controls(head: str) -> Extra:
    vml = (
        b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-'
        b'microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:'
        b'excel"><v:shape id="_x0000_s1025" type="#_x0000_t201" style="position:'
        b'absolute;width:96pt;height:18pt"><x:ClientData ObjectType="Checkbox">'
        b"<x:Anchor>5, 0, 1, 0, 7, 0, 2, 0</x:Anchor><x:Checked>1</x:Checked>"
        b"</x:ClientData></v:shape></xml>"
    )
    control = DECL + (
        b'<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/'
        b'2009/9/main" objectType="CheckBox" checked="Checked" lockText="1"/>'
    )
    return Extra(
        parts={
            "xl/drawings/vmlDrawing7.vml": vml,
            "xl/ctrlProps/ctrlProp1.xml": control,
        },
        rels=[
            (head, "rIdVml", OFFICE + "vmlDrawing", "../drawings/vmlDrawing7.vml"),
            (head, "rIdCtl", OFFICE + "ctrlProp", "../ctrlProps/ctrlProp1.xml"),
        ],
        types={"xl/ctrlProps/ctrlProp1.xml": XL + "controlproperties+xml"},
        inserts=[(head, "<tableParts", f'<legacyDrawing {R} r:id="rIdVml"/>')],
    )


def slicers(head: str) -> Extra:
    x14 = b"http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
    sheet_ext = (
        f'<extLst><ext uri="{{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}}" {X14}>'
        f'<x15:slicerList {X15}><x14:slicer {R} r:id="rIdSl"/></x15:slicerList>'
        "</ext></extLst>"
    )
    book_ext = (
        f'<extLst><ext uri="{{46BE6895-7355-4a93-B00E-2C351335B9C9}}" {X15}>'
        f'<x15:slicerCaches {X14}><x14:slicerCache {R} r:id="rIdSC"/>'
        "</x15:slicerCaches></ext></extLst>"
    )
    return Extra(
        parts={
            "xl/slicers/slicer1.xml": DECL + b'<slicers xmlns="' + x14 + b'">'
            b'<slicer name="Programme" cache="Slicer_Programme" caption="Programme"'
            b' rowHeight="241300"/></slicers>',
            "xl/slicerCaches/slicerCache1.xml": DECL + b"<slicerCacheDefinition"
            b' xmlns="' + x14 + b'" name="Slicer_Programme" sourceName="Programme">'
            b"</slicerCacheDefinition>",
        },
        rels=[
            (head, "rIdSl", MS + "2007/relationships/slicer", "../slicers/slicer1.xml"),
            (
                "xl/workbook.xml",
                "rIdSC",
                MS + "2007/relationships/slicerCache",
                "slicerCaches/slicerCache1.xml",
            ),
        ],
        types={
            "xl/slicers/slicer1.xml": "application/vnd.ms-excel.slicer+xml",
            "xl/slicerCaches/slicerCache1.xml": XL + "slicerCache+xml",
        },
        inserts=[
            (head, "</worksheet>", sheet_ext),
            ("xl/workbook.xml", "</workbook>", book_ext),
        ],
    )


def pivot_caches(head: str) -> Extra:
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sml = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    return Extra(
        parts={
            "xl/pivotCache/pivotCacheDefinition1.xml": DECL
            + b'<pivotCacheDefinition xmlns="'
            + main
            + b'" '
            + R.encode()
            + b' r:id="rId1" refreshOnLoad="1" recordCount="0"><cacheSource'
            b' type="worksheet"><worksheetSource ref="A4:C6" sheet="Programmes"/>'
            b'</cacheSource><cacheFields count="1"><cacheField name="No."'
            b' numFmtId="0"><sharedItems/></cacheField></cacheFields>'
            b"</pivotCacheDefinition>",
            "xl/pivotCache/pivotCacheRecords1.xml": DECL
            + b'<pivotCacheRecords xmlns="'
            + main
            + b'" count="0"/>',
        },
        rels=[
            (
                "xl/workbook.xml",
                "rIdPC",
                OFFICE + "pivotCacheDefinition",
                "pivotCache/pivotCacheDefinition1.xml",
            ),
            (
                "xl/pivotCache/pivotCacheDefinition1.xml",
                "rId1",
                OFFICE + "pivotCacheRecords",
                "pivotCacheRecords1.xml",
            ),
        ],
        types={
            "xl/pivotCache/pivotCacheDefinition1.xml": sml + "pivotCacheDefinition+xml",
            "xl/pivotCache/pivotCacheRecords1.xml": sml + "pivotCacheRecords+xml",
        },
        inserts=[
            (
                "xl/workbook.xml",
                "</workbook>",
                f'<pivotCaches><pivotCache cacheId="1" {R} r:id="rIdPC"/>'
                "</pivotCaches>",
            )
        ],
    )


def _book(sample_xlsm: Path, tmp_path: Path, make) -> tuple[Path, Extra]:
    head = sheet_part(read(sample_xlsm), "Head")
    extra = make(head)
    return write_book(sample_xlsm, tmp_path / f"{make.__name__}.xlsm", extra), extra


KEPT = [signature, custom_xml, printer_settings]


@pytest.mark.parametrize("make", KEPT, ids=lambda f: f.__name__)
def test_parts_it_does_not_own_come_back_byte_for_byte(make, sample_xlsm, tmp_path):
    book, extra = _book(sample_xlsm, tmp_path, make)
    before = read(book)
    assert run(["refresh", str(book)]) == 0
    assert run(["refresh", str(book)]) == 0  # and a second time
    after = read(book)
    for name in [*extra.parts, "xl/vbaProject.bin", "customUI/customUI14.xml"]:
        assert after[name] == before[name], name
        assert content_type(after, name) == content_type(before, name), name
    wanted = {
        rel
        for rel in relationships(before)
        if rel[2] in extra.parts or rel[0] in extra.parts
    }
    assert len(wanted) == len(extra.rels)
    assert wanted <= relationships(after)
    assert set(extra.parts) <= reachable(after)


def test_a_signed_books_signature_keeps_its_own_content_type(sample_xlsm, tmp_path):
    """Defect 1: openpyxl alone drops xl/_rels/vbaProject.bin.rels and types the
    signature as a VBA project; Excel would then see no signature."""
    book, _ = _book(sample_xlsm, tmp_path, signature)
    assert run(["refresh", str(book)]) == 0
    after = read(book)
    assert "xl/_rels/vbaProject.bin.rels" in after
    assert (content_type(after, "xl/vbaProjectSignature.bin")) == (
        "application/vnd.ms-office.vbaProjectSignature"
    )
    assert ("xl/vbaProject.bin", SIG, "xl/vbaProjectSignature.bin") in relationships(
        after
    )


def test_printer_settings_are_named_again_by_the_saved_page_setup(
    sample_xlsm, tmp_path
):
    from lxml import etree

    book, _ = _book(sample_xlsm, tmp_path, printer_settings)
    assert run(["refresh", str(book)]) == 0
    after = read(book)
    head = sheet_part(after, "Head")
    setup = etree.fromstring(after[head]).find(
        "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}pageSetup"
    )
    rid = setup.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    )
    rels = etree.fromstring(after[head.replace("sheets/", "sheets/_rels/") + ".rels"])
    (rel,) = [r for r in rels if r.get("Id") == rid]
    assert rel.get("Target").endswith("printerSettings/printerSettings1.bin")


REFUSED = {
    threaded_comments: ["xl/threadedComments/threadedComment1.xml"],
    x14_extensions: ["x14 extensions"],
    images: ["xl/media/image1.png", "xl/drawings/drawing9.xml"],
    form_controls: ["xl/ctrlProps/ctrlProp1.xml", "xl/drawings/vmlDrawing7.vml"],
    slicers: ["xl/slicers/slicer1.xml", "xl/slicerCaches/slicerCache1.xml"],
    pivot_caches: ["xl/pivotCache/pivotCacheDefinition1.xml"],
}


@pytest.mark.parametrize("make", list(REFUSED), ids=lambda f: f.__name__)
def test_parts_it_cannot_keep_make_it_refuse_naming_them(
    make, sample_xlsm, tmp_path, capsys
):
    book, _ = _book(sample_xlsm, tmp_path, make)
    before = book.read_bytes()
    out = tmp_path / "out.xlsm"
    assert run(["refresh", str(book), "-o", str(out)]) == 2
    assert run(["refresh", str(book)]) == 2
    err = capsys.readouterr().err
    for name in REFUSED[make]:
        assert name in err, err
    assert "Estimates > Refresh" in err and "Nothing was written" in err
    assert book.read_bytes() == before
    assert not out.exists()
    assert len(err.strip().splitlines()) == 2  # one line each time


def test_old_vml_is_not_left_dangling(sample_xlsm, tmp_path):
    """Excel names a notes drawing vmlDrawingN.vml; openpyxl writes a fresh one and
    also copied the old one, which nothing referred to any more."""
    parts = read(sample_xlsm)
    old = next(n for n in parts if n.endswith(".vml"))
    extra = Extra(renames={old: "xl/drawings/vmlDrawing1.vml"})
    book = write_book(sample_xlsm, tmp_path / "excel-named.xlsm", extra)
    assert "xl/drawings/vmlDrawing1.vml" in reachable(read(book))
    assert run(["refresh", str(book)]) == 0
    after = read(book)
    parts_only = {
        n for n in after if not n.endswith(".rels") and n != "[Content_Types].xml"
    }
    assert parts_only == reachable(after), parts_only - reachable(after)
    noted = [  # one notes drawing per sheet with notes (T03 marks two sheets)
        ws for ws in load_book(book).worksheets if any(c.comment for r in ws for c in r)
    ]
    assert len([n for n in after if n.endswith(".vml")]) == len(noted) == 2


def test_a_book_libreoffice_saved_refreshes_keeping_its_parts(
    libreoffice, sample_xlsm, tmp_path
):
    """Another application's save is not refused for its harmless extensions
    (LibreOffice's loext:extCalcPr); what refresh does not own still comes back."""
    saved = libreoffice.convert(sample_xlsm, tmp_path / "lo", "xlsx")
    before = read(saved)
    assert run(["refresh", str(saved)]) == 0
    after = read(saved)
    assert after["docProps/custom.xml"] == before["docProps/custom.xml"]
    assert after["customUI/customUI14.xml"] == before["customUI/customUI14.xml"]
    assert "customUI/customUI14.xml" in reachable(after)
