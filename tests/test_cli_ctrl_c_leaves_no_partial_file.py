"""Ctrl-C at any point of a command: one line on stderr, exit 130, no traceback, and
no unfinished output left behind (a book being refreshed in place stays as it was).
The interruption is raised at a chosen point, mid-write, so the cases are exact."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from openpyxl import Workbook

import workbook.batch
from workbook.cli import run


def _interrupt_after(monkeypatch, owner, name, calls=1):
    """Make ``owner.name`` do its work ``calls`` times, then raise KeyboardInterrupt
    right after its next piece of work (the file is half there)."""
    real = getattr(owner, name)
    done = []

    def interrupted(*args, **kwargs):
        result = real(*args, **kwargs)
        done.append(1)
        if len(done) >= calls:
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(owner, name, interrupted)


def _only(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _stopped(capsys, command):
    captured = capsys.readouterr()
    assert captured.err == (
        f"estimates {command}: interrupted; no unfinished output was left\n"
    )


def test_build_interrupted_while_saving(sample_dir, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    _interrupt_after(monkeypatch, Workbook, "save")
    assert run(["build", str(sample_dir), "-o", str(out / "b.xlsx")]) == 130
    _stopped(capsys, "build")
    assert _only(out) == []


def test_refresh_in_place_interrupted_leaves_the_book(sample_book, capsys,
                                                      monkeypatch):  # fmt: skip
    before = sample_book.read_bytes()
    _interrupt_after(monkeypatch, Workbook, "save")
    assert run(["refresh", str(sample_book)]) == 130
    _stopped(capsys, "refresh")
    assert sample_book.read_bytes() == before
    assert _only(sample_book.parent) == [sample_book.name]


def test_demo_interrupted_leaves_no_folder(tmp_path, capsys, monkeypatch):
    _interrupt_after(monkeypatch, Workbook, "save")
    assert run(["demo", "-o", str(tmp_path / "demo")]) == 130
    _stopped(capsys, "demo")
    assert _only(tmp_path) == []


def test_check_folder_interrupted_while_writing_the_table(
    sample_book, tmp_path, capsys, monkeypatch
):
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(sample_book, books / "a.xlsx")
    _interrupt_after(monkeypatch, workbook.batch, "_dress")  # the CSV is written
    argv = ["check", str(books), "-o", str(tmp_path / "findings"), "--workers", "1"]
    assert run(argv) == 130
    _stopped(capsys, "check")
    assert _only(tmp_path) == ["books", "books/a.xlsx", sample_book.name]


STOP_AFTER_FIRST_BOOK = """
import os, signal, sys
import workbook.batch

# Ctrl-C as at a terminal: a job started in the background by a shell (as CI
# may start the suite) inherits SIGINT ignored, and the interrupt would not come.
signal.signal(signal.SIGINT, signal.default_int_handler)

class Bar:  # the progress bar: Ctrl-C (to the whole group) after book N
    def __init__(self, *args, **kwargs): self.n = 0
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def set_postfix_str(self, *args, **kwargs): pass
    def update(self):
        self.n += 1
        if self.n == int(os.environ["STOP_AFTER"]):
            os.killpg(0, signal.SIGINT)

workbook.batch._progress = Bar
from workbook.cli import main
sys.argv = ["estimates", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize("stop_after", [1, 5])  # workers busy; workers idle
def test_ctrl_c_during_a_parallel_check_is_one_line(sample_book, tmp_path,
                                                    stop_after):  # fmt: skip
    books = tmp_path / "books"
    books.mkdir()
    for i in range(5):
        shutil.copy(sample_book, books / f"h{i}.xlsx")
    argv = ["check", str(books), "-o", str(tmp_path / "findings"), "--workers", "2"]
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(STOP_AFTER_FIRST_BOOK), *argv],
        capture_output=True, text=True, timeout=300, start_new_session=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path),
             "STOP_AFTER": str(stop_after)},
    )  # fmt: skip
    assert done.returncode == 130
    assert done.stderr == (
        "estimates check: interrupted; no unfinished output was left\n"
    )  # the workers print nothing: no traceback
    assert done.stdout == ""
    assert _only(tmp_path) == ["books", *[f"books/h{i}.xlsx" for i in range(5)],
                               sample_book.name]  # fmt: skip


STOP_WHILE_LOADING = """
import os, signal, sys

class Stop:  # Ctrl-C while the program imports its modules
    def find_spec(self, name, path=None, target=None):
        if name == "workbook.outputs":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Stop())
sys.argv = ["estimates", *sys.argv[1:]]
from workbook.launch import main
main()
"""


def test_ctrl_c_while_the_program_loads_is_one_line(sample_book):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(STOP_WHILE_LOADING), "refresh",
         str(sample_book)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (130, "")
    assert done.stderr == "estimates: interrupted; no unfinished output was left\n"


def test_the_estimates_program_starts_through_the_launcher():
    import tomllib
    from pathlib import Path

    project = Path(__file__).resolve().parents[1] / "pyproject.toml"
    scripts = tomllib.loads(project.read_text())["project"]["scripts"]
    assert scripts == {"estimates": "workbook.launch:main"}
