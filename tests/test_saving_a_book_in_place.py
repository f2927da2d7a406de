"""Writing a book in place: the file keeps its permissions and group, a read-only
book or one open in Excel or LibreOffice is refused (exit 2, one line naming it),
and a save that fails names the book, not the hidden temporary file."""

import os
import stat
import subprocess
import sys

import pytest

from workbook import io
from workbook.cli import run


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args], capture_output=True, text=True
    )


def test_refresh_keeps_the_mode_and_group(sample_book):
    os.chmod(sample_book, 0o640)
    os.chown(sample_book, -1, 100)  # 'users': not the default group of root
    done = _cli("refresh", str(sample_book))
    assert done.returncode in (0, 1), done.stderr
    st = sample_book.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    assert st.st_gid == 100


def test_a_read_only_book_is_refused_and_left_alone(sample_book):
    before = sample_book.read_bytes()
    os.chmod(sample_book, 0o444)
    done = _cli("refresh", str(sample_book))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "read-only" in done.stderr and sample_book.name in done.stderr
    assert sample_book.read_bytes() == before
    assert stat.S_IMODE(sample_book.stat().st_mode) == 0o444


@pytest.mark.parametrize(
    ("lock", "content", "program", "user"),
    [
        ("~${}", bytes([5]) + b"alice" + b" " * 49, "Excel", "alice"),
        (
            ".~lock.{}#",
            b",bob,pc7,27.11.2026 05:00,file:///home/bob;",
            "LibreOffice",
            "bob",
        ),
    ],
    ids=["excel", "libreoffice"],
)
@pytest.mark.parametrize("command", ["refresh", "revert"])
def test_a_book_open_elsewhere_is_refused(
    sample_book, lock, content, program, user, command
):
    (sample_book.parent / lock.format(sample_book.name)).write_bytes(content)
    before = sample_book.read_bytes()
    done = _cli(command, str(sample_book))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"estimates {command}: {sample_book.name} is open in {program} by {user};"
        " close it and try again"
    )
    assert sample_book.read_bytes() == before


def test_a_failed_save_names_the_book_and_leaves_it(sample_book, monkeypatch, capsys):
    before = sample_book.read_bytes()

    def denied(src, dst):
        raise PermissionError(13, "Permission denied", src)

    monkeypatch.setattr(io.os, "replace", denied)
    assert run(["refresh", str(sample_book)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates refresh: {sample_book}: could not be saved (Permission denied);"
        " the book is left as it was"
    )
    assert ".tmp" not in err
    assert sample_book.read_bytes() == before
    assert sorted(p.name for p in sample_book.parent.iterdir()) == [sample_book.name]
