"""Trial 10g item 2: Ctrl-C still gave a traceback (15-56 lines, exit 130):
workbook.cli.main imported workbook.io (openpyxl) after workbook.launch had put
back Python's own SIGINT handler, and outside main's try. Now a Ctrl-C at any
point gives the one line and exit 130, and no output is left. Deterministic: the
`estimates` program (workbook.launch.main) runs in a subprocess whose import
hook sends it SIGINT when a chosen module starts to load (the modules a build,
a rollforward and an export load, in order), and at chosen delays after Python
has started (not during the interpreter's own start-up, whose traceback no program
can prevent), as a clerk would. Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from estimates.source import write_source
from workbook.io import save_book
from workbook.refresh import build_workbook

from .generated_heads import three_heads

ROOT = Path(__file__).resolve().parents[1]
HOOKED = """
import importlib.abc, os, signal, sys
TARGET = sys.argv[1]
class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == TARGET:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Hook())
sys.argv = ["estimates", *sys.argv[2:]]
sys.stdout.write("started\\n")
sys.stdout.flush()
from workbook.launch import main
main()
"""
MODULES = ("workbook.cli", "workbook.io", "openpyxl", "workbook.refresh",
           "workbook.populate", "estimates.importer")  # fmt: skip
LINE = "interrupted; no unfinished output was left"


def _estimates(*argv, module: str = "", delay: float = 0.0):
    """``estimates ARGV`` in a subprocess, interrupted while ``module`` starts
    to load, or ``delay`` seconds after start: (exit code, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", HOOKED, module or "-", *map(str, argv)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout.readline() == "started\n"  # Python itself has started
    if delay:  # from then on, as a clerk presses Ctrl-C
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def _commands(name, head, tmp: Path) -> list[tuple]:
    src, book = tmp / f"{name} src", tmp / f"{name}.xlsx"
    write_source(head, src)
    save_book(build_workbook(head)[0], book)
    return [
        ("build", src, "-o", tmp / f"{name} built.xlsx"),
        ("rollforward", book, "-o", tmp / f"{name} next.xlsx"),
        ("export", book, "-o", tmp / f"{name} export"),
    ]


@pytest.mark.parametrize("module", MODULES)
def test_ctrl_c_while_a_module_loads_is_one_line(module, tmp_path):
    heads = list(three_heads(tmp_path, seed=71, real_at=13).items())
    name, head = heads[MODULES.index(module) % len(heads)]  # each Head in turn
    for argv in _commands(name, head, tmp_path):
        code, err = _estimates(*argv, module=module)
        assert "Traceback" not in err, (name, module, argv, err)
        if code == 130:
            assert len(err.splitlines()) == 1 and LINE in err, (name, argv, err)
            assert not Path(argv[-1]).exists(), (name, module, argv)
        else:  # the command does not load this module: it finished
            assert code in (0, 1), (name, module, argv, code, err)


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5])
def test_ctrl_c_after_a_delay_is_one_line(delay, tmp_path):
    head = three_heads(tmp_path, seed=71, real_at=13)["real"]
    for argv in _commands("real", head, tmp_path):
        code, err = _estimates(*argv, delay=delay)
        assert "Traceback" not in err, (delay, argv, err)
        assert code in (0, 1, 130), (delay, argv, code, err)
        if code == 130:
            assert len(err.splitlines()) == 1 and LINE in err, (delay, argv, err)
