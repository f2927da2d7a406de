"""A refresh killed in the middle of saving leaves the original book intact: the
save goes to a temporary file and only an atomic rename replaces the original."""

import hashlib
import signal
import subprocess
import sys
import time

import pytest

from workbook.io import load_book

pytestmark = pytest.mark.engine


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_killing_a_refresh_mid_save_keeps_the_original(sample_book, tmp_path):
    wb = load_book(sample_book)
    ws = wb["Subheads"]
    for i in range(60_000):  # a large book, so that its save takes a while
        for c, v in enumerate(["Operating", "Recurrent", f"X{i:05d}", "Line", None,
                               1, 2, 3, 4], start=1):  # fmt: skip
            ws.cell(8 + i, c, v)
    ws.tables["tblSubheads"].ref = f"A4:I{8 + 59_999}"
    wb.save(sample_book)
    before = _digest(sample_book)

    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from workbook.refresh import refresh_file;"
         " refresh_file(sys.argv[1])", str(sample_book)],
    )  # fmt: skip
    deadline = time.monotonic() + 300
    temp = None
    while time.monotonic() < deadline and child.poll() is None:
        temps = list(sample_book.parent.glob(f".{sample_book.name}.*.tmp"))
        if temps and temps[0].stat().st_size > 0:
            temp = temps[0]
            break
        time.sleep(0.005)
    assert temp is not None, "the save never started (or finished before it was seen)"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert _digest(sample_book) == before  # not a byte changed
    assert load_book(sample_book)["Subheads"]["C8"].value == "X00000"
