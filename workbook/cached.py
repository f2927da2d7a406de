"""The value a spreadsheet application stored with each formula, read by openpyxl
in the same pass as the formula, and written back on save where the formula is
still the one read.

openpyxl loads either formulas or stored values (``data_only``), never both; a
second load would parse the package twice. So its sheet parser is wrapped, once,
to keep the ``<v>`` of each formula cell it already reads (ECMA-376 Part 1,
18.3.1.4 ``c``: ``t`` gives the value's type; ``str`` is a formula's text
result). openpyxl writes every formula with an empty ``<v>``: a clerk's formula
in an input cell that no reader here can evaluate (``=G9+head C3``) would read
as D15 on the next refresh instead of its value. So its cell writer is wrapped
too, to write the stored value back with a formula of an input sheet that is
still the formula read (refresh writes no input cell; a formula it wrote is
another text, and the application recalculates it).
"""

from __future__ import annotations

from openpyxl.compat import safe_string
from openpyxl.worksheet import _reader, _writer
from openpyxl.xml.functions import Element, SubElement

from . import layout as L
from .snapshot import NOT_CACHED, CellError

_parse_cell = _reader.WorkSheetParser.parse_cell
_bind_cells = _reader.WorksheetReader.bind_cells
_write_cell = _writer.write_cell

INPUT_SHEETS = frozenset({L.HEAD} | {spec.sheet for spec in L.TABLES.values()})
"""The sheets whose formulas are the clerk's: their stored values are kept."""


def _stored(element) -> object:
    """The value stored with a formula, or ``NOT_CACHED`` (an empty ``<v/>`` with
    no type is what a script such as openpyxl writes)."""
    kind = element.get("t", "n")
    text = element.findtext(_reader.VALUE_TAG)
    if kind == "str":
        return text or ""
    if not text:
        return NOT_CACHED
    if kind == "e":
        return CellError(text)
    if kind == "b":
        return text.strip() == "1"
    if kind == "n":
        return _reader._cast_number(text)
    return text


def _parse_cell_keeping_value(self, element) -> dict:
    cell = _parse_cell(self, element)
    if cell["data_type"] == "f":
        stored = _stored(element)
        if stored is not NOT_CACHED:
            cached = self.__dict__.setdefault("estimates_cached", {})
            cached[(cell["row"], cell["column"])] = (stored, cell["value"])
    return cell


def _bind_cells_keeping_values(self) -> None:
    _bind_cells(self)
    self.ws.estimates_cached = getattr(self.parser, "estimates_cached", {})


def _typed(value: object) -> tuple[str | None, str]:
    """A stored value as ``<c t=...>`` and the text of its ``<v>``."""
    if isinstance(value, CellError):
        return "e", str(value)
    if isinstance(value, bool):
        return "b", "1" if value else "0"
    if isinstance(value, str):
        return "str", value
    return None, safe_string(value)


def _write_cell_keeping_value(xf, worksheet, cell, styled=None) -> None:
    kept = None
    if cell.data_type == "f" and worksheet.title in INPUT_SHEETS:
        kept = getattr(worksheet, "estimates_cached", {}).get((cell.row, cell.column))
    if kept is None or kept[1] != cell.value or not isinstance(cell.value, str):
        _write_cell(xf, worksheet, cell, styled)
        return
    kind, text = _typed(kept[0])
    attrs = {"r": cell.coordinate}
    if styled:
        attrs["s"] = f"{cell.style_id}"
    if kind:
        attrs["t"] = kind
    el = Element("c", attrs)
    SubElement(el, "f").text = cell.value[1:]
    SubElement(el, "v").text = text
    xf.write(el)


def install() -> None:
    """Wrap openpyxl's sheet reader (idempotent)."""
    if _reader.WorkSheetParser.parse_cell is _parse_cell:
        _reader.WorkSheetParser.parse_cell = _parse_cell_keeping_value
        _reader.WorksheetReader.bind_cells = _bind_cells_keeping_values
        _writer.write_cell = _write_cell_keeping_value


def cached_values(ws) -> dict[tuple[int, int], object]:
    """The stored value of each formula cell of a sheet openpyxl loaded, by
    (row, col); empty for a sheet made in this process."""
    return {k: v[0] for k, v in getattr(ws, "estimates_cached", {}).items()}


install()
