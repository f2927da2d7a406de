"""Every VBA module in the built project reads back (olevba) equal to its text
source, line endings aside; the writer's compression agrees with olevba's
decompressor on hard cases."""

import random
from importlib import resources

import pytest
import xlwings
from oletools.olevba import decompress_stream

from addin.build import VBA_DIR, class_module_code, our_modules
from addin.ovba import compress, decrypt, encrypt
from udfs.catalog import wrapper_module

from .vba import modules_of, same_source


def test_our_modules_round_trip(template_dir):
    modules = modules_of(template_dir / "Estimates.xltm")
    ours = our_modules()
    assert {m.name for m in ours} == {"EstimatesRibbon", "EstimatesInfo"}
    for m in ours:
        assert same_source(modules[m.name], m.code), m.name
    this = (VBA_DIR / "ThisWorkbook.cls").read_text(encoding="utf-8")
    assert same_source(modules["ThisWorkbook"], this)


def test_udf_wrappers_and_xlwings_modules_round_trip(template_dir):
    modules = modules_of(template_dir / "Estimates.xltm")
    assert same_source(modules["EstimatesUdfs"], wrapper_module())
    root = resources.files(xlwings)
    assert same_source(modules["xlwings"], (root / "xlwings.bas").read_text("utf-8"))
    dictionary = (root / "addin" / "Dictionary.cls").read_text("utf-8")
    assert dictionary.startswith("VERSION 1.0 CLASS")
    assert same_source(modules["Dictionary"], class_module_code(dictionary))
    assert "VERSION 1.0 CLASS" not in modules["Dictionary"]
    assert len(modules["xlwings"]) > 40_000


def test_template_version_is_filled_in(template_dir):
    from workbook.layout import TEMPLATE_VERSION

    modules = modules_of(template_dir / "Estimates.xltm")
    assert (
        f'ESTIMATES_TEMPLATE_VERSION As String = "{TEMPLATE_VERSION}"'
        in (modules["EstimatesInfo"])
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"a",
        b"abcabcabcabc" * 500,
        bytes(range(256)) * 16,
        random.Random(13).randbytes(4096),  # seeded: xdist workers collect alike
        b"x" * 4097,
        b'Attribute VB_Name = "M"\r\n' + b"Sub A()\r\nEnd Sub\r\n" * 900,
    ],
    ids=["empty", "one", "repeats", "all-bytes", "random", "run", "module"],
)
def test_compression_agrees_with_olevba(data):
    assert bytes(decompress_stream(bytearray(compress(data)))) == data


def test_protection_fields_decrypt_as_an_unprotected_project():
    pid = "{5CF9CDAB-B77B-4FE4-BD7E-D29900070E1B}"
    # Values from a workbook Excel saved (xlwings' quickstart): not protected.
    assert decrypt("8D8FA61394EA98EA98EA98EA98") == b"\0\0\0\0"
    assert decrypt("8D8FA61394EF95EF9510") == b"\xff"
    for seed in (0, 7, 0x8D, 255):
        assert decrypt(encrypt(pid, b"\0\0\0\0", seed)) == b"\0\0\0\0"
