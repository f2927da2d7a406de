"""Refuse hostile files before a parser sees them: zip bombs, oversized packages,
and XML that declares a DTD or entities (XML bombs, external entities).

openpyxl parses with defusedxml when it is installed (a project dependency), which
refuses entities too; this check comes first so the clerk gets a plain message
naming the part, and nothing is decompressed beyond the first bytes of each part.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MiB
XML_SUFFIXES = (".xml", ".rels", ".vml")


class UnsafeBook(ValueError):
    """A file refused for safety; the message says why, naming the file."""


def inspect_package(path: Path) -> None:
    """Raise UnsafeBook unless ``path`` looks like a safe Office package."""
    path = Path(path)
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise UnsafeBook(
            f"{path}: refused: {size:,} bytes is larger than the"
            f" {MAX_FILE_BYTES:,} bytes a Head's workbook can need"
        )
    if not zipfile.is_zipfile(path):
        raise UnsafeBook(f"{path}: not an Excel workbook (it is not a zip package)")
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise UnsafeBook(
                f"{path}: refused: it would unpack to {total:,} bytes (a zip bomb?)"
            )
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise UnsafeBook(
                    f"{path}: refused: part {info.filename} unpacks"
                    f" {info.file_size // max(info.compress_size, 1):,} times its"
                    " size (a zip bomb?)"
                )
            if info.filename.lower().endswith(XML_SUFFIXES):
                with z.open(info) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise UnsafeBook(
                        f"{path}: refused: part {info.filename} declares a DTD or"
                        " XML entities, which no Excel workbook needs (an XML bomb"
                        " or external entity attack?)"
                    )
