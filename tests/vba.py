"""Read a built book's VBA project back with oletools (an independent parser)."""

from __future__ import annotations

from pathlib import Path

from oletools.olevba import VBA_Parser


def modules_of(book: Path) -> dict[str, str]:
    """Module name -> source text, as olevba decompresses it."""
    parser = VBA_Parser(str(book))
    try:
        return {
            name.rsplit(".", 1)[0]: code.replace("\r\n", "\n")
            for _, _, name, code in parser.extract_macros()
        }
    finally:
        parser.close()


def same_source(a: str, b: str) -> bool:
    """Equal but for line endings and trailing blank lines."""

    def norm(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")

    return norm(a) == norm(b)
