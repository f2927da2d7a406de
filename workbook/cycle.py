"""The yearly cycle on a book's snapshot, whatever the host: the Change log's
"new year" row that marks a rolled-forward book, and the plan that fills the
input tables from a Head (Import)."""

from __future__ import annotations

from . import layout as L
from .snapshot import Snapshot

NEW_YEAR = "new year from "
"""The Change log's action for a rolled-forward book, followed by the old year."""
ACTION_COL = 3


def rolled_from(snap: Snapshot) -> str:
    """The year the book was rolled forward from, by its Change log; "" if none."""
    log = snap.sheets.get(L.CHANGE_LOG, {})
    found = ""
    for row in sorted(r for r, c in log if c == ACTION_COL):
        action = log[(row, ACTION_COL)]
        if isinstance(action, str) and action.startswith(NEW_YEAR):
            found = action[len(NEW_YEAR) :].strip()
    return found
