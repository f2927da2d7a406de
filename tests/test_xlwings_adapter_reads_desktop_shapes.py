"""The xlwings adapter reads what desktop Excel returns (formulas as text, one cell
as a scalar) and groups writes into as few rectangles as there are runs."""

from addin.xlbook import _formulas, blocks
from workbook.snapshot import Formula
from workbook.writes import Write


class FakeRange:
    def __init__(self, formula, shape):
        self.formula, self.shape = formula, shape


def test_formulas_of_any_shape_become_rows():
    assert _formulas(FakeRange("=A1", (1, 1))) == [["=A1"]]
    assert _formulas(FakeRange(("=A1", "2"), (1, 2))) == [["=A1", "2"]]
    assert _formulas(FakeRange(("=A1", "2"), (2, 1))) == [["=A1"], ["2"]]
    assert _formulas(FakeRange((("1", "=B1"), ("2", "")), (2, 2))) == [
        ["1", "=B1"],
        ["2", ""],
    ]


class NoFormulas:
    @property
    def formula(self):
        raise NotImplementedError("values only")


def test_a_values_only_engine_gives_none():
    assert _formulas(NoFormulas()) is None


def test_writes_group_into_rectangles_and_text_stays_text():
    writes = [Write("S", r, c, r * 10 + c) for r in (2, 3) for c in (1, 2, 3)]
    writes += [Write("S", 9, 5, "=not a formula"), Write("S", 9, 6, Formula("=A1"))]
    got = blocks(writes)
    assert got == [
        ("S", 2, 1, [[21, 22, 23], [31, 32, 33]]),
        ("S", 9, 5, [["'=not a formula", "=A1"]]),
    ]


def test_a_column_apart_from_a_list_stacks_into_one_rectangle():
    """The Checks sheet's hidden record column beside its list: two actions, not
    two a row."""
    writes = [Write("S", r, c, c) for r in (6, 7, 8) for c in (1, 2, 75)]
    assert blocks(writes) == [
        ("S", 6, 1, [[1, 2], [1, 2], [1, 2]]),
        ("S", 6, 75, [[75], [75], [75]]),
    ]


class ComCell:
    def __init__(self, row, col, merged):
        self.row, self.col = row, col
        self.area = next((m for m in merged if (row, col) in m["cells"]), None)
        self.MergeCells = self.area is not None
        self.Address = f"${chr(64 + col)}${row}"

    @property
    def MergeArea(self):
        return ComArea(self.area["address"], min(self.area["cells"]))


class ComArea:
    def __init__(self, address, first):
        self.Address, self._first = address, first

    def Cells(self, i, j):
        return type(
            "C", (), {"Address": f"${chr(64 + self._first[1])}${self._first[0]}"}
        )


class ComSheet:
    """What desktop Excel's object model answers for a sheet (xlwings' .api)."""

    def __init__(self, protected, hidden, merged):
        self.ProtectContents, self._hidden, self._merged = protected, hidden, merged

    def Columns(self, col):
        return type("Col", (), {"Hidden": col in self._hidden})

    def Cells(self, row, col):
        return ComCell(row, col, self._merged)


class Sheet:
    def __init__(self, name, api):
        self.name, self.api = name, api


class UsedRange:
    row, column, shape = 1, 1, (3, 4)

    def __init__(self, any_merged):
        self.api = type("R", (), {"MergeCells": None if any_merged else False})


def test_desktop_excel_gives_protection_merged_cells_and_hidden_columns():
    from addin.xlbook import _shapes
    from workbook.snapshot import Snapshot

    merged = [{"address": "$B$2:$C$2", "cells": {(2, 2), (2, 3)}}]
    snap = Snapshot("book")
    _shapes(Sheet("Subheads", ComSheet(True, {4}, merged)), UsedRange(True), snap)
    assert snap.protected == {"Subheads"}
    assert snap.merged["Subheads"] == ["B2:C2"]
    assert snap.hidden["Subheads"] == {4}
    assert snap.shapes_known


def test_the_remote_engine_says_it_cannot_see_shapes():
    from addin.xlbook import _shapes
    from workbook.snapshot import Snapshot

    class Remote:
        name = "Subheads"

        @property
        def api(self):
            raise NotImplementedError("no object model")

    snap = Snapshot("book")
    _shapes(Remote(), UsedRange(False), snap)
    assert not snap.shapes_known and snap.protected == set()


class Chart:
    def __init__(self, calls):
        self.calls = calls

    def set_source_data(self, rng, plot_by=None):
        self.calls.append(("source", rng, plot_by))

    def set_x_axis_values(self, rng):
        self.calls.append(("labels", rng))


def test_the_programme_charts_are_set_through_xlwings_chart_calls():
    """Desktop Excel (COM SetSourceData, XValues) and the remote engine take the
    same xlwings calls: values by columns, then the category labels."""
    from addin.xlbook import _set_series
    from workbook.writes import ChartSeries

    calls: list = []
    charts_sheet = type(
        "S", (), {"charts": [Chart(calls), Chart(calls)], "range": lambda s, a: a}
    )()
    book = type("B", (), {"sheets": {"Charts": charts_sheet}})()
    _set_series(
        book,
        [
            ChartSeries(1, "$E$5:$E$7", "$D$5:$D$7"),
            ChartSeries(5, "$B$5:$B$7", "$A$5:$A$7"),  # no such chart: left alone
        ],
    )
    assert calls == [("source", "$E$5:$E$7", "columns"), ("labels", "$D$5:$D$7")]
