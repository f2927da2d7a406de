"""A refresh killed in the middle of saving leaves the original book intact: the
save goes to a temporary file and only an atomic rename replaces the original.

Deterministic: the refresh runs in a child process whose save is made to stop at a
chosen point (half-way through writing the temporary file, or with the temporary
file complete and just before the rename); the child says so, and is killed there.
"""

import hashlib
import subprocess
import sys
import time
import zipfile

import pytest

from workbook.io import load_book

CHILD = r"""
import os, sys, time, zipfile
from pathlib import Path

book, point, ready = sys.argv[1], sys.argv[2], Path(sys.argv[3])

def stop_here():
    ready.write_text(point)
    time.sleep(600)  # until the parent kills us

if point == "mid-write":  # after the first worksheet part reaches the disk
    write = zipfile.ZipFile.write
    def write_then_stop(self, filename, arcname=None, *args, **kwargs):
        write(self, filename, arcname, *args, **kwargs)
        if arcname == "xl/worksheets/sheet1.xml":
            self.fp.flush()
            os.fsync(self.fp.fileno())
            stop_here()
    zipfile.ZipFile.write = write_then_stop
elif point == "before-rename":  # the temporary file is complete and on disk
    def stop_instead(src, dst):
        stop_here()
    os.replace = stop_instead

from workbook.refresh import refresh_file
refresh_file(book)
"""


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refresh_until(book, point, tmp_path) -> subprocess.Popen:
    """A child refreshing ``book``, stopped at ``point`` of its save."""
    ready = tmp_path / "ready"
    args = [sys.executable, "-c", CHILD, str(book), point, str(ready)]
    child = subprocess.Popen(args)
    deadline = time.monotonic() + 120
    while not ready.exists():
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            pytest.fail(f"the refresh never reached {point} (exit {child.poll()})")
        time.sleep(0.01)
    return child


@pytest.mark.parametrize("point", ["mid-write", "before-rename"])
def test_killing_a_refresh_mid_save_keeps_the_original(sample_book, tmp_path, point):
    before = _digest(sample_book)
    child = _refresh_until(sample_book, point, tmp_path)
    temps = list(sample_book.parent.glob(f".{sample_book.name}.*.tmp"))
    assert len(temps) == 1 and temps[0].stat().st_size > 0  # the save had begun
    # Half-written: not yet a zip; complete: a whole book, only not renamed yet.
    assert zipfile.is_zipfile(temps[0]) == (point == "before-rename")

    child.kill()
    child.wait(timeout=30)
    assert child.returncode != 0
    assert _digest(sample_book) == before  # not a byte changed
    assert load_book(sample_book)["Subheads"]["C5"].value is not None
