"""Where a command may write: the one output policy of every ``estimates`` command.

Each command declares its output once (an ``Output`` in ``workbook.cli.COMMANDS``);
``claim`` checks it before the command runs: the extension gives the file type, an
existing output is refused unless ``--force``, a missing folder is refused, the
output is never an input (unless the command works in place), and each refusal is
one line naming the path (exit 2). ``staged`` gives the command temporary paths
beside its outputs and renames them when it is done, so that an output is complete
or absent, even after Ctrl-C.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

PLAIN, MACRO = (".xlsx",), (".xlsm", ".xltm")
KINDS = {
    ".xlsx": "a plain book",
    ".xlsm": "a macro-enabled book",
    ".xltm": "a macro-enabled template",
    ".pdf": "a PDF",
}


# names a careless clerk may give a folder output: a file's extension
FILE_SUFFIXES = (*KINDS, ".xls", ".xltx", ".csv", ".txt", ".json", ".toml")


class UsageError(Exception):
    """Bad usage: one line for stderr, exit 2."""


@dataclass(frozen=True)
class Output:
    """What a command writes with ``-o``: checked by ``_claim`` before it runs.

    ``kind`` is "file" (of ``suffixes``; () means those of the input book's kind),
    "folder" (created; its parent must exist; with ``inside``, the one file written
    in it) or "tables" (BASE.csv and BASE.xlsx). Every command with an output has
    ``--force``: without it an existing output is refused. The output is never an
    input, except for ``in_place`` commands (refresh), where it is the default.
    """

    kind: str
    help: str
    suffixes: tuple[str, ...] = ()
    # the output given with -o or by default: called with the arguments
    default: Callable[[object], Path | None] | None = None
    required: bool = False
    in_place: bool = False
    inside: str = ""
    files: tuple[str, ...] = ()  # the files a folder command writes in the folder
    # with --force, the command itself decides whether a folder that holds files
    # may be written into (export: only one of the same Head and year)
    judges_folder: bool = False
    flags: tuple[str, ...] = ("-o", "--output")


def _refuse(args, path: Path, why: str):
    raise UsageError(f"estimates {args.command}: {path}: {why}")


def _inputs(args) -> list[Path]:
    named = [getattr(args, name, None) for name in ("book", "data_dir")]
    return [p for p in named if p] + [*getattr(args, "files", ()),
                                      *getattr(args, "actual", ())]  # fmt: skip


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False


def refuse_macro_less(args) -> None:
    """A book named macro-enabled (.xlsm) with no macros in it (a plain .xlsx
    renamed): a book written from it, in place or of its kind, would be a
    macro-enabled book with no VBA and no ribbon tab, and no word said.

    Raises:
        UsageError: naming the book and what to do (exit 2).
    """
    book = getattr(args, "book", None)
    if book is None or book.suffix.lower() not in MACRO or not zipfile.is_zipfile(book):
        return
    with zipfile.ZipFile(book) as z:
        names = set(z.namelist())
    if "xl/vbaProject.bin" in names or "xl/workbook.xml" not in names:
        return  # macros; or no workbook at all, which the reader names
    _refuse(
        args, book,
        f"has no macros (a plain .xlsx renamed {book.suffix}?), so the book written"
        " would have no Estimates tab: rename it .xlsx and run this again; for a"
        " book with the tab, 'estimates export' it and 'estimates build' the folder"
        " with -o BOOK.xlsm",
    )  # fmt: skip


def claim(args, spec: Output) -> list[Path]:
    """The files (or folder) the command will write, each checked against the
    policy; refused with exit 2 and one line naming the path. A book written of
    the input book's kind (or in place) needs that kind's contents
    (``refuse_macro_less``)."""
    if spec.in_place or (spec.kind == "file" and not spec.suffixes):
        refuse_macro_less(args)
    if spec.default is not None:
        args.output = spec.default(args)
    out: Path | None = args.output
    if out is None:
        return []
    if spec.in_place and _same(out, args.book):
        args.output = None  # -o BOOK: the in-place default
        return []
    if not out.parent.is_dir():
        _refuse(args, out, f"the folder {out.parent} does not exist")
    _writable(args, out)
    if spec.kind == "folder":
        return _claim_folder(args, spec, out)
    targets = _table_files(out) if spec.kind == "tables" else [out]
    if spec.kind == "file":
        if out.is_dir():
            _refuse(args, out, "is a folder; give a file name")
        _check_suffix(args, spec, out)
    for target in targets:
        _claim_file(args, target)
    return targets


def _writable(args, out: Path) -> None:
    """Refuse an output in a folder this user cannot write in, before any work:
    the folder the temporary file goes in, and a folder the output is written
    into."""
    for folder in (out.parent, out) if out.is_dir() else (out.parent,):
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            _refuse(args, out, f"cannot write in the folder {folder}"
                    f" ({exc.strerror or exc}); nothing was written")  # fmt: skip


def _check_suffix(args, spec: Output, out: Path) -> None:
    kinds = spec.suffixes
    if not kinds:
        kinds = MACRO if args.book.suffix.lower() in MACRO else PLAIN
    if out.suffix.lower() not in kinds:
        allowed = " or ".join(f"{k} ({KINDS.get(k, 'a ' + k[1:].upper())})"
                              for k in kinds)  # fmt: skip
        _refuse(args, out, f"the file type comes from its extension: give {allowed}")


def _claim_file(args, target: Path) -> None:
    from workbook.io import refuse_in_use

    if target.is_dir():
        _refuse(args, target, "is a folder; give a file name")
    for given in _inputs(args):
        if _same(target, given):
            _refuse(args, target, "is an input of this command; give another name")
    if target.exists():
        # template --keep-current keeps a current template, replaces another one
        if not (args.force or getattr(args, "keep_current", False)):
            _refuse(args, target, "already exists; give a new name, or --force to"
                    " replace it")  # fmt: skip
        refuse_in_use(target)


def _claim_folder(args, spec: Output, out: Path) -> list[Path]:
    if out.exists() and not out.is_dir():
        _refuse(args, out, "is a file; give a folder")
    if not spec.inside and out.suffix.lower() in FILE_SUFFIXES:
        _refuse(args, out, f"this command writes a folder, not a {out.suffix} file;"
                " give a folder name")  # fmt: skip
    for given in _inputs(args):
        if _same(out, given):
            _refuse(args, out, "is an input of this command; give another folder")
    for name in spec.files:  # an input named like an output in it: not replaced
        if any(_same(out / name, given) for given in _inputs(args)):
            _refuse(args, out / name, "is an input of this command; give another"
                    " folder")  # fmt: skip
    if spec.inside:
        target = out / spec.inside
        _claim_file(args, target)
        return [target]
    if out.is_dir() and any(out.iterdir()) and not args.force:
        earlier = " (only an earlier export of the same Head and year)"
        also = earlier if spec.judges_folder else ""
        _refuse(args, out, "already exists and is not empty; give a new folder, or"
                f" --force to write into it{also}")  # fmt: skip
    return [out]


def _table_files(base: Path) -> list[Path]:
    """BASE.csv and BASE.xlsx (a .csv or .xlsx ending on BASE is dropped)."""
    if base.suffix.lower() in (".csv", ".xlsx"):
        base = base.with_suffix("")
    return [base.with_name(base.name + ".csv"), base.with_name(base.name + ".xlsx")]


@contextmanager
def staged(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside ``targets`` (same extension, hidden names) to write;
    renamed onto the targets when the block ends, removed if it fails or is
    interrupted: an output is there complete, or not at all. A folder made for
    an output (demo's) is removed again if nothing came into it."""
    made = sorted({t.parent for t in targets if not t.parent.exists()})
    for folder in made:
        folder.mkdir()
    temps = [t.with_name(f".{t.stem}.partial-{os.getpid()}{t.suffix}")
             for t in targets]  # fmt: skip
    done = False
    try:
        yield temps
        _committing()  # from here the command is done: Ctrl-C no longer undoes it
        for temp, target in zip(temps, targets, strict=True):
            _move(temp, target)
        done = True
    finally:
        for temp in temps:
            _remove(temp)
        for folder in made if not done else ():
            with suppress(OSError):
                folder.rmdir()


HOLD = {"interrupts": False}
"""Set by the CLI's process (``workbook.cli.main``): once its outputs are being put
in place, Ctrl-C is ignored until it exits, so that it has either finished (its
outputs whole, its success said, exit 0) or not (nothing left, exit 130), never a
success line then exit 130. A command run inside another program (a test) leaves
that program's Ctrl-C alone."""


def _committing() -> None:
    if HOLD["interrupts"]:
        with suppress(ValueError):  # not the main thread: nothing to hold
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _move(temp: Path, target: Path) -> None:
    if not temp.is_dir():
        os.replace(temp, target)
        return
    target.mkdir(exist_ok=True)
    for part in temp.iterdir():
        os.replace(part, target / part.name)


def _remove(temp: Path) -> None:
    if temp.is_dir():
        shutil.rmtree(temp, ignore_errors=True)
    else:
        temp.unlink(missing_ok=True)
