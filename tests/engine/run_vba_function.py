"""Run a plain VBA function from a workbook in LibreOffice through UNO.

Run by Debian's /usr/bin/python3 (the UNO bindings are built for it):
    run_vba_function.py SOFFICE PROFILE_DIR BOOK MODULE FUNCTION
prints the function's result on stdout.
"""

import contextlib
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


def main(soffice, profile, book, module, function):
    pipe = f"estimates-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(120):
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        doc = desktop.loadComponentFromURL(
            Path(book).resolve().as_uri(),
            "_blank",
            0,
            (prop("Hidden", True), prop("MacroExecutionMode", 4)),
        )
        script = doc.getScriptProvider().getScript(
            f"vnd.sun.star.script:VBAProject.{module}.{function}"
            "?language=Basic&location=document"
        )
        result = script.invoke((), (), ())[0]
        print(result, flush=True)
        doc.close(True)
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main(*sys.argv[1:6])
