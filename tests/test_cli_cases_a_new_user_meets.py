"""What a new user meets at the command line: usage with no command, help for every
argument, a readable report, a closed pipe, a folder where a book belongs, an output
folder that does not exist, and the package type taken from the extension."""

import subprocess
import sys
import zipfile

import pytest

from workbook.cli import COMMANDS, _parser, run

MACRO_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
TEMPLATE_TYPE = "application/vnd.ms-excel.template.macroEnabled.main+xml"
PLAIN_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbook.cli", *args], capture_output=True, text=True
    )


def _main_type(book) -> str:
    with zipfile.ZipFile(book) as z:
        types = z.read("[Content_Types].xml").decode()
    for kind in (MACRO_TYPE, TEMPLATE_TYPE, PLAIN_TYPE):
        if f'ContentType="{kind}"' in types:
            return kind
    raise AssertionError(types)


def test_estimates_alone_prints_usage_and_exits_2():
    done = _cli()
    assert done.returncode == 2
    assert done.stderr.startswith("usage: estimates")
    for command in COMMANDS:
        assert command.name in done.stderr
    assert "Traceback" not in done.stderr


def test_top_level_help_is_plain_text():
    done = _cli("--help")
    assert done.returncode == 0
    assert "``" not in done.stdout
    assert "Exit codes: 0 no error finding" in done.stdout


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_argument_of_every_command_is_described(command):
    sub = _parser()._subparsers._group_actions[0].choices[command]
    for action in sub._actions:
        if action.dest != "help":
            assert action.help, f"estimates {command}: {action.dest} has no help"
    assert sub.description


def test_report_without_json_prints_a_readable_table(sample_book, capsys):
    assert run(["report", str(sample_book)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Head 135 Government Secretariat")
    total = next(line for line in lines if line.startswith("Total "))
    assert total.split() == ["Total", "198.8", "273.8", "233.6", "269.7", "+15.5%"]
    te = next(line for line in lines if line.startswith("Total Expenditure"))
    assert te.split()[-4:] == ["564,524", "660,263", "329,505", "269,731"]
    assert any(line.split()[-1] == "—" for line in lines if "Non-Recurrent" in line)
    assert "ceiling 52,021,000" in "\n".join(lines)
    assert "Findings: 0 error(s), 0 warning(s), 3 info" in lines
    assert sum(1 for line in lines if line.startswith("info    T03")) == 3


def test_a_closed_pipe_ends_quietly_with_exit_0(sample_book):
    child = subprocess.Popen(
        [sys.executable, "-m", "workbook.cli", "report", str(sample_book), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    child.stdout.close()  # the reader is gone before the first line: `| head -0`
    with child.stderr:
        stderr = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0
    assert stderr == ""


def test_refresh_given_a_folder_says_so(tmp_path, capsys):
    assert run(["refresh", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates refresh: {tmp_path} is a folder; give one workbook"
        " (check takes a folder)"
    )


def test_template_into_a_missing_folder_is_refused(tmp_path, capsys):
    target = tmp_path / "no such folder" / "Estimates.xltm"
    assert run(["template", "-o", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"estimates template: {target}: the folder {target.parent} does not exist"
    )
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("name", "kind"),
    [("b.xlsx", PLAIN_TYPE), ("b.xlsm", MACRO_TYPE), ("b.xltm", TEMPLATE_TYPE)],
)
def test_build_takes_the_package_type_from_the_extension(
    sample_dir, tmp_path, name, kind
):
    book = tmp_path / name
    assert run(["build", str(sample_dir), "-o", str(book)]) == 0
    assert _main_type(book) == kind
    with zipfile.ZipFile(book) as z:
        assert ("xl/vbaProject.bin" in z.namelist()) == (kind != PLAIN_TYPE)


@pytest.mark.parametrize(
    ("command", "name"),
    [("build", "b.xls"), ("build", "b.ods"), ("template", "t.xlsx"),
     ("template", "t.xltx")],
)  # fmt: skip
def test_a_mismatched_extension_is_refused(sample_dir, tmp_path, capsys, command, name):
    target = tmp_path / name
    args = ["-o", str(target)]
    args = [command, str(sample_dir), *args] if command == "build" else [command, *args]
    assert run(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"estimates {command}: {target}: the file type comes from")
    assert not target.exists()


def test_an_import_that_reads_no_row_writes_no_folder(sample_book, tmp_path, capsys):
    out = tmp_path / "imported"
    argv = ["import", str(sample_book), "--head", "135", "--year", "2025-26"]
    assert run([*argv, "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("estimates import: ")
    assert f"{sample_book}: a workbook, not a CSV file;" in err[0]  # trial 10c 18
    assert "Traceback" not in err[0]
    assert not out.exists()


@pytest.mark.parametrize("to_other_file", [False, True])
def test_a_book_of_another_template_version_is_not_refreshed(
    sample_book, tmp_path, capsys, to_other_file
):
    from workbook.io import load_book

    wb = load_book(sample_book)
    wb["Head"]["C23"] = "0.0.9"
    wb.save(sample_book)
    before = sample_book.read_bytes()
    out = tmp_path / "out.xlsx"
    argv = ["refresh", str(sample_book), *(["-o", str(out)] if to_other_file else [])]
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"estimates refresh: {sample_book}: not refreshed, nothing was written: "
    )
    assert "expected 0.1.0, found 0.0.9" in err and "estimates-addin==0.0.9" in err
    assert len(err.splitlines()) == 1
    assert sample_book.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [sample_book.name]
