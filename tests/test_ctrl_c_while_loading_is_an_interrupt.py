"""Trial 10f item 4: Ctrl-C during a load was once reported as
"not a readable Excel workbook (expected <class 'int'>)", exit 2: openpyxl's
descriptors (``descriptors/base.py::_convert``) have a bare ``except:`` that
turns the KeyboardInterrupt into a TypeError, which load_book took for an
unreadable book. Now the CLI's Ctrl-C handler counts each press and load_book
reports a load during which one arrived as interrupted (exit 130), whatever
openpyxl made of it. Head 135, a generated Head and a real Head-year, through
rollforward, refresh and export; a real SIGINT sent to this process."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal

import pytest
from openpyxl import load_workbook as real_load

from workbook import io as book_io
from workbook.cli import EXIT_INTERRUPTED, run

from .generated_heads import built_books


def _swallowing(*args, **kwargs):
    """openpyxl's _convert when Ctrl-C lands in it: the bare except turns the
    KeyboardInterrupt into TypeError."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
        real_load(*args, **kwargs)
    except:  # noqa: E722  (as openpyxl's descriptors do)
        raise TypeError("expected <class 'int'>") from None


def _swallowed_whole(*args, **kwargs):
    """A bare except that goes on reading after the press."""
    with contextlib.suppress(BaseException):
        os.kill(os.getpid(), signal.SIGINT)
    return real_load(*args, **kwargs)


@pytest.fixture
def counted():
    old = signal.getsignal(signal.SIGINT)
    book_io.count_interrupts()
    yield
    signal.signal(signal.SIGINT, old)


def _run(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run([str(a) for a in argv])
    return code, err.getvalue()


@pytest.mark.parametrize("load", [_swallowing, _swallowed_whole])
def test_ctrl_c_in_a_load_is_said_as_interrupted(load, counted, tmp_path,
                                                 monkeypatch):  # fmt: skip
    for name, _, book in built_books(tmp_path, "cli", seed=31, real_at=2):
        md5 = hashlib.md5(book.read_bytes()).hexdigest()
        monkeypatch.setattr(book_io, "load_workbook", load)
        rolled, folder = tmp_path / f"{name} n.xlsx", tmp_path / name
        for argv in (["rollforward", book, "-o", rolled], ["refresh", book],
                     ["export", book, "-o", folder]):  # fmt: skip
            code, said = _run(*argv)
            assert code == EXIT_INTERRUPTED, (name, argv, said)
            assert "interrupted" in said and "not a readable" not in said, said
        monkeypatch.setattr(book_io, "load_workbook", real_load)
        assert hashlib.md5(book.read_bytes()).hexdigest() == md5, name
        assert not list(tmp_path.glob(f"{name} n*")) and not (tmp_path / name).exists()


def test_an_unreadable_book_is_still_said_unreadable(counted, tmp_path, monkeypatch):
    _, _, book = next(built_books(tmp_path, "cli", seed=31, real_at=2))

    def broken(*args, **kwargs):
        raise TypeError("expected <class 'int'>")

    monkeypatch.setattr(book_io, "load_workbook", broken)
    code, said = _run("refresh", book)
    assert code == 2 and "not a readable Excel workbook" in said, said
