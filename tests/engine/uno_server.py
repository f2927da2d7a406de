"""One LibreOffice kept running, converting books on request through UNO.

Run by Debian's /usr/bin/python3 (the UNO bindings are built for it), by
tests/libreoffice.py, one per xdist worker:
    uno_server.py SOFFICE PROFILE_DIR
then one JSON request a line on stdin, ``{"book": PATH, "out": PATH, "filter":
NAME, "options": TEXT}``, each answered by one JSON line on stdout: ``{"ok": true,
"seconds": S}`` or ``{"ok": false, "error": TEXT}``. The book is loaded hidden
(with the profile's recalculate-on-load setting: the same load as
``soffice --convert-to``), stored with the export filter, and closed. End of input
ends LibreOffice.
"""

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(240):
        try:
            url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            ctx = resolver.resolve(url)
            return ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
        except Exception:
            time.sleep(0.25)
    raise SystemExit("LibreOffice did not start")


def convert(desktop, request):
    doc = desktop.loadComponentFromURL(
        Path(request["book"]).resolve().as_uri(),
        "_blank",
        0,
        (prop("Hidden", True),),
    )
    if doc is None:
        raise RuntimeError("LibreOffice could not load the book")
    try:
        edit(doc, request.get("insert", []), request.get("cells", []))
        args = [prop("FilterName", request["filter"]), prop("Overwrite", True)]
        if request.get("options"):
            args.append(prop("FilterOptions", request["options"]))
        doc.storeToURL(Path(request["out"]).resolve().as_uri(), tuple(args))
    finally:
        doc.close(True)


def edit(doc, inserts, cells):
    """Rows inserted (``[sheet, row, count]``, 1-based: the spreadsheet moves every
    reference, range and name below as a clerk's insert does), then cells typed
    (``[sheet, row, col, value]``: a number, or text; "=..." a formula)."""
    for name, row, count in inserts:
        doc.Sheets.getByName(name).Rows.insertByIndex(row - 1, count)
    for name, row, col, value in cells:
        cell = doc.Sheets.getByName(name).getCellByPosition(col - 1, row - 1)
        if isinstance(value, int | float):
            cell.setValue(value)
        elif str(value).startswith("="):
            cell.setFormula(value)
        else:
            cell.setString(value)
    if inserts or cells:
        doc.calculateAll()


def serve(desktop):
    for line in sys.stdin:
        started = time.monotonic()
        try:
            convert(desktop, json.loads(line))
            answer = {"ok": True, "seconds": time.monotonic() - started}
        except Exception as e:  # reported to the test, which names the book
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        print(json.dumps(answer), flush=True)


def die_with_parent():
    """SIGTERM when the test process that started this one dies (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))


def main(soffice, profile):
    die_with_parent()
    pipe = f"estimates-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
         "--invisible", "--norestore", "--nologo", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        desktop = connect(pipe)
        print(json.dumps({"ok": True, "ready": True}), flush=True)
        serve(desktop)
        with contextlib.suppress(Exception):  # the bridge drops as it ends
            desktop.terminate()
        proc.wait(timeout=30)
    finally:  # LibreOffice (oosplash and soffice.bin) never outlives this process
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    main(*sys.argv[1:3])
