"""One output policy for every command that writes (workbook/outputs.py): the
extension gives the file type, an existing output is refused unless --force, a
missing folder is refused, the output is never an input (refresh's -o BOOK is its
in-place default), and each refusal is one line naming the path, exit 2."""

import json
import os
import shutil
import subprocess

import pytest

import workbook.outputs
from workbook.cli import COMMANDS, run

WRITERS = {c.name for c in COMMANDS if c.output is not None}


def _argv(command, sample_book, sample_dir, tmp_path, out):
    """The command line of each writing command, with -o ``out``."""
    csv = tmp_path / "subheads.csv"
    csv.write_text("Head,Subhead\n", encoding="utf-8")
    return {
        "build": ["build", str(sample_dir), "-o", str(out)],
        "refresh": ["refresh", str(sample_book), "-o", str(out)],
        "check": ["check", str(sample_book.parent), "-o", str(out)],
        "template": ["template", "-o", str(out)],
        "import": ["import", str(csv), "--head", "135", "--year", "2025-26",
                   "-o", str(out)],
        "rollforward": ["rollforward", str(sample_book), "-o", str(out)],
        "export": ["export", str(sample_book), "-o", str(out)],
        "pdf": ["pdf", str(sample_book), "-o", str(out)],
        "demo": ["demo", "-o", str(out)],
    }[command]  # fmt: skip


NAMES = {"build": "b.xlsx", "refresh": "r.xlsx", "check": "findings",
         "template": "t.xltm", "import": "imported", "rollforward": "next.xlsx",
         "export": "exported", "pdf": "r.pdf", "demo": "demo"}  # fmt: skip


def test_the_table_covers_every_writing_command():
    assert set(NAMES) == WRITERS


@pytest.mark.parametrize("command", sorted(WRITERS - {"export"}))  # export judges
def test_an_existing_output_is_refused_unless_forced(
    command, sample_book, sample_dir, tmp_path, capsys
):
    out = tmp_path / "outputs" / NAMES[command]
    out.parent.mkdir()
    if command == "demo":
        out.mkdir()
        existing = out / "head135_2025-26.xlsx"
    elif command == "check":
        existing = out.with_name("findings.xlsx")
    elif command in ("import", "export"):
        out.mkdir()
        existing = out / "head.toml"
    else:
        existing = out
    existing.write_bytes(b"a clerk's own file")
    assert run(_argv(command, sample_book, sample_dir, tmp_path, out)) == 2
    err = capsys.readouterr().err
    shown = out if command in ("import", "export") else existing
    assert err.startswith(f"estimates {command}: {shown}: already exists")
    assert "--force" in err and len(err.splitlines()) == 1
    assert existing.read_bytes() == b"a clerk's own file"
    there = {existing, out} if out.exists() else {existing}
    assert set(out.parent.rglob("*")) == there  # nothing else written


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_missing_folder_is_refused(command, sample_book, sample_dir, tmp_path,
                                     capsys):  # fmt: skip
    out = tmp_path / "no such folder" / NAMES[command]
    assert run(_argv(command, sample_book, sample_dir, tmp_path, out)) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates {command}: {out}: the folder {out.parent} does not exist"
    )
    assert not out.parent.exists()


def test_pdf_onto_its_own_book_is_refused(sample_book, capsys):
    before = sample_book.read_bytes()
    assert run(["pdf", str(sample_book), "-o", str(sample_book), "--force"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates pdf: {sample_book}: the file type comes from its extension:"
        " give .pdf (a PDF)"
    )
    assert sample_book.read_bytes() == before


def test_rollforward_onto_its_own_book_is_refused(sample_book, capsys):
    before = sample_book.read_bytes()
    argv = ["rollforward", str(sample_book), "-o", str(sample_book), "--force"]
    assert run(argv) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates rollforward: {sample_book}: is an input of this command; give"
        " another name"
    )
    assert sample_book.read_bytes() == before


def test_refresh_onto_its_own_book_is_the_in_place_refresh(sample_book, capsys):
    same = sample_book.parent / "." / sample_book.name
    assert run(["refresh", str(sample_book), "-o", str(same)]) == 0
    assert capsys.readouterr().out.startswith(f"refreshed {sample_book}:")


@pytest.mark.parametrize(
    ("command", "name", "allowed"),
    [("rollforward", "next.txt", ".xlsx (a plain book)"),
     ("refresh", "r.xlsm", ".xlsx (a plain book)"),
     ("pdf", "r.xlsx", ".pdf (a PDF)"),
     ("build", "b.csv", ".xlsx (a plain book) or .xlsm (a macro-enabled book) or"
      " .xltm (a macro-enabled template)")],
)  # fmt: skip
def test_the_extension_must_be_the_commands(
    command, name, allowed, sample_book, sample_dir, tmp_path, capsys
):
    out = tmp_path / name
    assert run(_argv(command, sample_book, sample_dir, tmp_path, out)) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates {command}: {out}: the file type comes from its extension: give"
        f" {allowed}"
    )
    assert not out.exists()


@pytest.mark.parametrize(("command", "why"), [
    ("build", "is a folder; give a file name"),
    ("export", "is a file; give a folder"),
])  # fmt: skip
def test_a_folder_for_a_file_and_a_file_for_a_folder_are_refused(
    command, why, sample_book, sample_dir, tmp_path, capsys
):
    out = sample_dir if command == "build" else sample_book
    argv = _argv(command, sample_book, sample_dir, tmp_path, out)
    assert run([*argv, "--force"]) == 2
    assert capsys.readouterr().err.strip() == f"estimates {command}: {out}: {why}"


def test_forced_outputs_are_replaced(sample_book, sample_dir, tmp_path, capsys):
    out = tmp_path / "b.xlsx"
    out.write_bytes(b"old")
    assert run(["build", str(sample_dir), "-o", str(out), "--force"]) == 0
    assert out.read_bytes()[:2] == b"PK"
    demo = tmp_path / "demo"
    assert run(["demo", "-o", str(demo)]) == 0
    assert run(["demo", "-o", str(demo), "--force"]) == 0
    assert [p.name for p in demo.iterdir()] == ["head135_2025-26.xlsx"]


def _books(tmp_path, sample_book, n=2):
    folder = tmp_path / "books"
    folder.mkdir()
    for i in range(n):
        shutil.copy(sample_book, folder / f"h{i}.xlsx")
    return folder


def test_check_folder_json_is_json_only_and_writes_no_table(
    sample_book, tmp_path, capsys, monkeypatch
):
    folder = _books(tmp_path, sample_book)
    monkeypatch.chdir(tmp_path)
    assert run(["check", str(folder), "--json", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert [r["rule"] for r in rows] == ["T03"] * 6
    assert captured.err.startswith(f"checked 2 book(s) in {folder}: 0 error")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["books", "head135.xlsx"]


def test_a_findings_table_inside_the_checked_folder_is_not_a_book(
    sample_book, tmp_path, capsys
):
    folder = _books(tmp_path, sample_book)
    base = folder / "findings"
    assert run(["check", str(folder), "-o", str(base), "--workers", "1"]) == 0
    assert (folder / "findings.xlsx").exists()
    first = capsys.readouterr().out
    assert first.startswith(f"checked 2 book(s) in {folder}: 0 error finding(s)")
    argv = ["check", str(folder), "-o", str(base), "--workers", "1", "--force"]
    assert run(argv) == 0
    assert capsys.readouterr().out == first


def test_check_of_one_book_takes_no_table(sample_book, tmp_path, capsys):
    out = tmp_path / "t"
    assert run(["check", str(sample_book), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates check: -o writes the findings table of a folder; {sample_book}"
        " is one book (use --json for its findings)"
    )


@pytest.mark.parametrize("workers", ["-3", "0", "two"])
def test_workers_must_be_a_positive_number(sample_book, workers, capsys):
    argv = ["check", str(sample_book.parent), f"--workers={workers}"]
    assert run(argv) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates check: argument --workers: {workers!r} is not a whole number"
        " of 1 or more"
    )


def _read_only(folder, monkeypatch):
    """``folder`` made unwritable for this user (root ignores the mode bits: the
    immutable flag then, where the file system has it)."""
    folder.chmod(0o555)
    if os.geteuid() == 0:
        folder.chmod(0o755)
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:  # no chattr here: the refusal, as the OS gives it

            def refused(*args, **kwargs):
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(workbook.outputs.tempfile, "TemporaryFile", refused)
            return lambda: None
        return lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)
    return lambda: folder.chmod(0o755)


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_unwritable_folder_is_refused_naming_the_output(
    command, sample_book, sample_dir, tmp_path, capsys, monkeypatch
):
    locked = tmp_path / "locked"
    locked.mkdir()
    out = locked / NAMES[command]
    undo = _read_only(locked, monkeypatch)
    try:
        assert run(_argv(command, sample_book, sample_dir, tmp_path, out)) == 2
    finally:
        undo()
    err = capsys.readouterr().err
    assert err.startswith(
        f"estimates {command}: {out}: cannot write in the folder {locked} ("
    )
    assert err.endswith("); nothing was written\n") and len(err.splitlines()) == 1
    assert list(locked.iterdir()) == []


def test_import_never_replaces_its_own_input_file(tmp_path, capsys):
    folder = tmp_path / "head135"
    folder.mkdir()
    published = folder / "subheads.csv"  # a published file, saved under our name
    published.write_text("Head,Subhead\n135,000\n", encoding="utf-8")
    argv = ["import", str(published), "--head", "135", "--year", "2025-26"]
    assert run([*argv, "-o", str(folder), "--force"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"estimates import: {published}: is an input of this command; give another"
        " folder"
    )
    assert published.read_text(encoding="utf-8") == "Head,Subhead\n135,000\n"
