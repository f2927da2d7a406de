"""Trial 10d item 8: Ctrl-C just as New year finished printed the success line,
left the whole new book, and exited 130 with no "interrupted" line: a batch
script saw "interrupted", ran it again and met "already exists". Now a command
has either finished (its book in place, its success said, exit 0) or not (no
book, one "interrupted" line, exit 130): once the CLI's process puts its outputs
in place, Ctrl-C is ignored until it exits. The interrupt is sent from inside the
process at the two moments around that point (just before and just after the
book is put in place), for Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .generated_heads import built_books

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import os, signal, sys, time
from workbook import cli, outputs

# as at a terminal: a suite run as a background job (CI) hands its children
# SIGINT ignored, and then the interrupt below would never be raised
signal.signal(signal.SIGINT, signal.default_int_handler)

def interrupt():
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.5)  # the KeyboardInterrupt is raised here, unless ignored

real_move, real_committing = outputs._move, outputs._committing
if sys.argv[1] == "after":
    def _move(temp, target):
        real_move(temp, target)
        interrupt()
    outputs._move = _move
else:
    def _committing():
        interrupt()
        real_committing()
    outputs._committing = _committing
sys.argv = ["estimates", "rollforward", sys.argv[2], "-o", sys.argv[3]]
cli.main()
"""


def _rolled(when: str, book: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, when, str(book), str(out)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("when", ["before", "after"])
def test_new_year_interrupted_has_finished_or_left_nothing(when, tmp_path):
    for name, _head, book in built_books(tmp_path, "cli", seed=5, real_at=8):
        out = tmp_path / f"{name} 2.xlsx"
        done = _rolled(when, book, out)
        if when == "after":  # the book was in place: finished
            assert (done.returncode, done.stderr) == (0, ""), name
            assert done.stdout.startswith(f"rolled {book} forward to {out}"), name
            assert out.exists(), name
        else:
            assert done.returncode == 130, (name, done.stderr)
            assert done.stdout == "", name
            assert done.stderr == (
                "estimates rollforward: interrupted; no unfinished output was left\n"
            ), name
            assert not out.exists(), name
            assert (
                sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []
            )
