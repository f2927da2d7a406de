"""The value a spreadsheet application stored with each formula, read by openpyxl
in the same pass as the formula.

openpyxl loads either formulas or stored values (``data_only``), never both; a
second load would parse the package twice. So its sheet parser is wrapped, once,
to keep the ``<v>`` of each formula cell it already reads (ECMA-376 Part 1,
18.3.1.4 ``c``: ``t`` gives the value's type; ``str`` is a formula's text
result). The wrap only records; openpyxl's own behaviour is unchanged.
"""

from __future__ import annotations

from openpyxl.worksheet import _reader

from .snapshot import NOT_CACHED, CellError

_parse_cell = _reader.WorkSheetParser.parse_cell
_bind_cells = _reader.WorksheetReader.bind_cells


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
            cached[(cell["row"], cell["column"])] = stored
    return cell


def _bind_cells_keeping_values(self) -> None:
    _bind_cells(self)
    self.ws.estimates_cached = getattr(self.parser, "estimates_cached", {})


def install() -> None:
    """Wrap openpyxl's sheet reader (idempotent)."""
    if _reader.WorkSheetParser.parse_cell is _parse_cell:
        _reader.WorkSheetParser.parse_cell = _parse_cell_keeping_value
        _reader.WorksheetReader.bind_cells = _bind_cells_keeping_values


def cached_values(ws) -> dict[tuple[int, int], object]:
    """The stored value of each formula cell of a sheet openpyxl loaded, by
    (row, col); empty for a sheet made in this process."""
    return getattr(ws, "estimates_cached", {})


install()
