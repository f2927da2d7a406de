"""The ``estimates`` program's entry point.

Ctrl-C while the program is still loading its modules (before it has read or
written anything) ends it with the same one line and exit 130 as a Ctrl-C later,
rather than a traceback from deep inside an import; then ``workbook.cli`` runs, and
handles Ctrl-C itself (removing any unfinished output).
"""

from __future__ import annotations

import os
import signal

INTERRUPTED = b"estimates: interrupted; no unfinished output was left\n"


def _while_loading(signum, frame) -> None:
    os.write(2, INTERRUPTED)
    os._exit(130)


def main() -> None:
    signal.signal(signal.SIGINT, _while_loading)
    from workbook.cli import main as run_command

    signal.signal(signal.SIGINT, signal.default_int_handler)
    run_command()
