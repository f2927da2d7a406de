"""The estimates command: build, refresh, check and report Estimates workbooks with
no Excel.

Exit codes: 0 no error finding; 1 error findings; 2 unreadable input or bad usage
(one line naming the file, sheet and cell; never a traceback).

Each subcommand is one ``Command`` in ``COMMANDS``: a function that declares its
arguments (each with a help text) and one that runs it and returns the exit code.
To add one, write the two functions and add a line to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from estimates import __version__
from estimates.findings import Finding, Severity, count_by_severity
from estimates.source import SAMPLE_HEAD_135, SourceError
from estimates.tables import TABLES

from .outputs import (
    HOLD,
    MACRO,
    PLAIN,
    Output,
    UsageError,
    claim,
    refuse_macro_less,
    staged,
)

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
COLUMNS = ("actual", "original", "revised", "estimate")
DEMO_BOOK = "head135_2025-26.xlsx"
SOURCE_FILES = ("head.toml", *(t.csv for t in TABLES.values() if t.csv))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, object], int]
    output: Output | None = None  # what -o writes: see workbook/outputs.py


# Arguments shared by several commands -------------------------------------------


def _book(p: argparse.ArgumentParser, what: str = "the workbook") -> None:
    p.add_argument("book", type=Path, metavar="BOOK", help=f"{what} (.xlsx, .xlsm)")


def _one_book(args: argparse.Namespace) -> Path:
    """``args.book``, refused with exit 2 if it is a folder."""
    if args.book.is_dir():
        raise UsageError(
            f"estimates {args.command}: {args.book} is a folder; give one workbook"
            + (" (check takes a folder)" if args.command != "check" else "")
        )
    return args.book


# Output helpers ------------------------------------------------------------------


def _summary(findings: list[Finding]) -> str:
    counts = count_by_severity(findings)
    return (
        f"{counts['error']} error(s), {counts['warning']} warning(s),"
        f" {counts['info']} info"
    )


def _print_findings(findings: list[Finding], out) -> None:
    for f in findings:
        where = f"{f.sheet}!{f.cell}" if f.cell else (f.sheet or "-")
        print(f"{f.severity.value:7} {f.rule} {where:16} {f.message_en}", file=out)


def _exit_for(findings: list[Finding]) -> int:
    return (
        EXIT_FINDINGS
        if any(f.severity is Severity.ERROR for f in findings)
        else EXIT_OK
    )


def _dump(data, out) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    print(file=out)


# build ----------------------------------------------------------------------------


def _build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "data_dir",
        type=Path,
        metavar="DATA_DIR",
        help="a source data folder: head.toml, programmes.csv, subheads.csv and the"
        " optional subhead_000.csv, establishment.csv, pay_scale.csv",
    )


def _build(args, out) -> int:
    from workbook.refresh import build_file, check_file

    (target,) = args.targets
    with staged(args.targets) as (temp,):
        if target.suffix.lower() in MACRO:
            from addin.build import build_template

            build_template(temp, args.data_dir)
            outcome = check_file(temp)
        else:
            outcome = build_file(args.data_dir, temp)
    print(f"built {target}: {_summary(outcome.findings)}", file=out)
    _print_findings(outcome.findings, out)  # as refresh and demo list them
    return _exit_for(outcome.findings)


# refresh, check, report, revert ------------------------------------------------


def _refresh_arguments(p: argparse.ArgumentParser) -> None:
    _book(p, "the workbook to refresh, in place unless -o is given")


def _refresh(args, out) -> int:
    from workbook.refresh import refresh_file

    book, target = args.book, args.output
    if target is None:
        outcome = _refreshed(book, refresh_file(book))
    else:
        with staged(args.targets) as (temp,):
            outcome = _refreshed(book, refresh_file(book, temp))
    print(f"refreshed {target or book}: {_summary(outcome.findings)}", file=out)
    _print_findings(outcome.findings, out)
    return _exit_for(outcome.findings)


def _refreshed(book: Path, outcome):
    """``outcome``, or a one-line refusal when the refresh wrote nothing (a book of
    another template version: V01 says what to do)."""
    from workbook.io import BookError

    if outcome.refused:
        why = outcome.refused.splitlines()[0]
        raise BookError(f"{book}: not refreshed, nothing was written: {why}")
    return outcome


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "book",
        type=Path,
        metavar="BOOK_OR_DIR",
        help="a workbook; or a folder: every workbook below it, in parallel",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="findings as JSON on stdout (a folder: the table's rows; the table"
        " files only with -o)",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="folder mode: parallel processes (default: one per core)",
    )


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number


def _findings_table(args) -> Path | None:
    """check's default output: a folder's table as findings.csv and .xlsx, unless
    --json; a single book has no table (-o is refused for it)."""
    if not args.book.is_dir():
        if args.output is not None:
            raise UsageError(
                f"estimates check: -o writes the findings table of a folder;"
                f" {args.book} is one book (use --json for its findings)"
            )
        if args.workers is not None:
            raise UsageError(
                f"estimates check: --workers checks the books of a folder in"
                f" parallel; {args.book} is one book"
            )
        return None
    return args.output or (None if args.json else Path("findings"))


def _check(args, out) -> int:
    from workbook.refresh import check_file

    if args.book.is_dir():
        return _check_folder(args, out)
    outcome = check_file(args.book)
    if args.json:
        _dump([f.as_dict() for f in outcome.findings], out)
    else:
        print(f"{args.book}: {_summary(outcome.findings)}", file=out)
        _print_findings(outcome.findings, out)
    return _exit_for(outcome.findings)


def _check_folder(args, out) -> int:
    from workbook.batch import books_in, check_folder, write_table

    if not books_in(args.book):
        raise SourceError(f"{args.book}: no workbooks (.xlsx, .xlsm, .xltm) in it")
    if not _have("pandas", "tqdm"):
        raise UsageError(
            "estimates check: checking a folder needs pandas and tqdm (the batch"
            f' extra): pip install "{_wheel()}[batch]" (the wheel, see the README),'
            ' or pip install -e ".[batch]" in a source checkout'
        )
    rows, heads = check_folder(args.book, args.workers)
    if args.targets:
        with staged(args.targets) as temps:
            write_table(rows, *temps, heads)
    unreadable = sum(1 for r in rows if r["rule"] == "READ")
    failing = [r for r in rows if r["severity"] == "error" and r["rule"] != "READ"]
    table = f"; table: {', '.join(map(str, args.targets))}" if args.targets else ""
    print(f"checked {len(heads)} book(s) in {args.book}:"
          f" {len(failing)} error finding(s) in {len({r['book'] for r in failing})}"
          f" book(s), {unreadable} unreadable{table}",
          file=sys.stderr if args.json else out)  # fmt: skip
    if args.json:
        _dump(rows, out)
    return EXIT_INPUT if unreadable else EXIT_FINDINGS if failing else EXIT_OK


def _wheel() -> str:
    """The wheel's file name, as ``python -m build --wheel`` writes it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("estimates-addin")
    except PackageNotFoundError:
        number = "VERSION"
    return f"estimates_addin-{number}-py3-none-any.whl"


def _have(*modules: str) -> bool:
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in modules)


def _report_arguments(p: argparse.ArgumentParser) -> None:
    _book(p, "the workbook to read (nothing is written)")
    p.add_argument(
        "--json",
        action="store_true",
        help="the figures as JSON (programmes, programme_total, subhead_totals,"
        " subhead_000_breakdown_total, establishment, findings) instead of a table",
    )


def _report(args, out) -> int:
    from workbook.refresh import check_file, report

    outcome = check_file(_one_book(args))
    figures = report(outcome)
    if args.json:
        _dump(figures, out)
    else:
        print("\n".join(report_table(figures)), file=out)
        _print_findings(outcome.findings, out)
    return _exit_for(outcome.findings)


TO_KEY = "(to key)"
"""How ``report`` prints a figure still to key (F01), where a keyed nil is "—"."""


def _amount(value, places: int, to_key: bool = False) -> str:
    if value is None:
        return TO_KEY if to_key else "—"
    return f"{value:,.{places}f}"


def _figures(row: dict, places: int) -> str:
    """A row's four figures, each in its column."""
    waiting = row.get("to_key", ())
    return "".join(f"{_amount(row[c], places, c in waiting):>12}" for c in COLUMNS)


def _pct(value) -> str:
    return "" if value is None else "—" if value == 0 else f"{value:+.1f}%"


def _columns(text: str) -> int:
    """The terminal columns ``text`` takes (a Chinese character two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(text: str) -> bool:
    return _columns(text) > len(text)


def _label_lines(text: str, width: int = 43) -> list[str]:
    """A row's label whole, wrapped to ``width`` terminal columns (a Chinese
    character takes two), continued lines indented: never cut (trial 10g)."""
    wide = _wide(text)
    lines = textwrap.wrap(text, width // 2 if wide else width, subsequent_indent="    ")
    return lines or [""]


def _labelled(label: str, figures: str) -> list[str]:
    """The label's first line with the row's figures, then the rest of the label."""
    first, *rest = _label_lines(label)
    return [first + " " * (44 - _columns(first)) + figures, *rest]


def _programme_label(p: dict) -> str:
    """ "(1) Title": the English title, else the Chinese (never a bare "(1)")."""
    title = (p.get("title_en") or "").strip() or (p.get("title_zh") or "").strip()
    return f"({p['programme']}) {title}".rstrip()


def report_table(figures: dict) -> list[str]:
    """The figures of ``report --json`` as aligned text for a terminal."""
    lines = [f"Head {figures['head']} {figures['title_en'] or ''},"
             f" Estimates {figures['estimate_year']}", ""]  # fmt: skip
    head = f"{'':44}{'Actual':>12}{'Original':>12}{'Revised':>12}{'Estimate':>12}"
    lines += ["Programmes ($ million)" + head[22:] + "   Est/Rev"]
    for p in [*figures["programmes"], {**figures["programme_total"], "title_en": ""}]:
        label = _programme_label(p) if "programme" in p else "Total"
        pct = f"{_pct(p['estimate_vs_revised']):>10}"
        lines += _labelled(label, _figures(p, 1) + pct)
    lines += ["", "Subheads ($'000)" + head[16:]]
    totals = dict(figures["subhead_totals"])
    totals["Breakdown of subhead 000"] = figures["subhead_000_breakdown_total"]
    for label, values in totals.items():
        lines += _labelled(label, _figures(values, 0))
    given = figures["establishment"]
    waiting = given["to_key"]
    est = {k: (TO_KEY if k in waiting else "nil") if v is None else v
           for k, v in given.items()}  # fmt: skip
    nams = given["nams_non_directorate_end"]
    lines += [
        "",
        f"Establishment: {est['posts_start']} posts at start, net change"
        f" {est['net_change']}, {est['posts_end']} at end; directorate"
        f" {est['directorate_start']} -> {est['directorate_end']}",
        f"NAMS of non-directorate posts at end: {_amount(nams, 0)};"
        f" ceiling {_amount(given['ceiling'], 0, 'ceiling' in waiting)}",
        "",
        f"Findings: {_summary_of(figures['findings'])}",
    ]
    return lines


def _summary_of(findings: list[dict]) -> str:
    count = {s: sum(1 for f in findings if f["severity"] == s) for s in
             ("error", "warning", "info")}  # fmt: skip
    return (
        f"{count['error']} error(s), {count['warning']} warning(s),"
        f" {count['info']} info"
    )


def _revert_arguments(p: argparse.ArgumentParser) -> None:
    _book(p, "the workbook whose last refresh to undo, in place")


def _revert(args, out) -> int:
    from workbook.changelog import revert_said
    from workbook.refresh import revert_file

    refuse_macro_less(args)
    restored = revert_file(_one_book(args))
    print(revert_said(str(args.book), restored), file=out)
    return EXIT_OK


# template, import, demo ---------------------------------------------------------


def _template_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        type=Path,
        metavar="DATA_DIR",
        help="a source data folder to fill it with (see build)",
    )
    p.add_argument(
        "--keep-current",
        action="store_true",
        help="leave an existing template of this template version as it is (IT may"
        " have signed it); replace only one of another version",
    )


def _template(args, out) -> int:
    from addin.build import build_template
    from workbook import layout as L

    (target,) = args.targets
    was = _template_version(target) if target.exists() else None
    if args.keep_current and was == L.TEMPLATE_VERSION:
        print(
            f"kept {target}: it is already template {was} (left as it is, with any"
            " signature; rebuild it with --force in the install script)",
            file=out,
        )
        return EXIT_OK
    with staged(args.targets) as (temp,):
        build_template(temp, args.data)
    if was is None:
        print(f"built {target}", file=out)
    else:
        print(
            f"replaced {target} (template {was or 'of unknown version'}"
            f" -> {L.TEMPLATE_VERSION})",
            file=out,
        )
    return EXIT_OK


def _template_version(path: Path) -> str:
    """The template version a built template says it is ("" if none)."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("docProps/custom.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    found = re.search(
        r'name="EstimatesTemplateVersion".*?<vt:lpwstr[^>]*>([^<]*)<', xml, re.S
    )
    return found.group(1).strip() if found else ""


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="the Government's published Estimates CSV files: expenditure by"
        " subhead, programme provision, details of subhead 000 (English or Chinese)",
    )
    p.add_argument(
        "--head", required=True, type=_head, help="the Head number, e.g. 135"
    )
    p.add_argument("--year", required=True, help="the Estimate year, e.g. 2025-26")


def _head(text: str) -> str:
    """--head as digits; argparse names the option in the refusal."""
    from estimates.importer import head_number

    try:
        return head_number(text)
    except SourceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _import(args, out) -> int:
    from estimates.importer import import_files, write_source
    from estimates.years import parse_year

    for path in args.files:
        if path.is_dir():
            raise SourceError(f"{path}: a folder; give the published CSV files")
        if not path.is_file():
            raise SourceError(f"{path}: file not found")
    try:
        args.year = parse_year(args.year, "--year")
    except ValueError as exc:
        raise UsageError(f"estimates import: {exc}") from None
    imported = import_files(args.files, args.head, args.year)
    if not (imported.programmes or imported.subheads or imported.breakdown):
        for issue in imported.issues:
            print(f"estimates import: {issue}", file=sys.stderr)
        raise SourceError(
            f"{' '.join(map(str, args.files))}: no row could be imported;"
            f" nothing was written to {args.output}"
        )
    with staged(args.targets) as (temp,):
        over = args.output if args.output.is_dir() else None  # --force: merged
        merged = write_source(imported, temp, args.head, args.year, over)
    for issue in imported.issues:
        print(f"estimates import: {issue}", file=sys.stderr)
    print(f"imported Head {args.head} into {args.output}:"
          f" {len(imported.programmes)} programme(s),"
          f" {len(imported.subheads)} subhead line(s),"
          f" {len(imported.breakdown)} breakdown line(s);"
          f" {len(imported.issues)} row(s) not read", file=out)  # fmt: skip
    for line in merged:  # --force into an earlier folder: what it replaced, kept
        print(f"estimates import: {line}", file=sys.stderr)
    subheads = args.output / "subheads.csv"
    if imported.programmes and len(subheads.read_text("utf-8").splitlines()) < 2:
        print(f"estimates import: {subheads}: no subhead line (no subheads file"
              " given): a book built from this folder has no Total Expenditure"
              " (T03); give the subheads file too", file=sys.stderr)  # fmt: skip
    return EXIT_FINDINGS if imported.issues else EXIT_OK


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    pass


def _demo(args, out) -> int:
    from workbook.refresh import build_file, refresh_file, report

    (book,) = args.targets
    with staged(args.targets) as (temp,):
        build_file(SAMPLE_HEAD_135, temp)
        outcome = refresh_file(temp)
    figures = report(outcome)
    total = figures["programme_total"]
    te = figures["subhead_totals"]["Total Expenditure"]
    est = figures["establishment"]
    print(f"Head 135 {outcome.head.title_en}, Estimates {outcome.head.estimate_year}",
          f"  workbook: {book}",
          "  programme total ($m): " + " / ".join(str(total[c]) for c in COLUMNS),
          "  Total Expenditure ($'000): " + " / ".join(f"{te[c]:,}" for c in COLUMNS),
          f"  establishment: {est['posts_start']} posts -> {est['posts_end']};"
          f" NAMS ${est['nams_non_directorate_end']:,} within ceiling"
          f" ${est['ceiling']:,}",
          f"  findings: {_summary(outcome.findings)}", sep="\n", file=out)  # fmt: skip
    _print_findings(outcome.findings, out)
    return _exit_for(outcome.findings)


# rollforward, export (the yearly cycle), pdf -----------------------------------


def _rollforward_arguments(p: argparse.ArgumentParser) -> None:
    _book(p, "this year's workbook (never changed)")
    p.add_argument(
        "--year",
        default="",
        help="the new Estimate year, e.g. 2026-27 (default and only choice: the"
        " year after the book's; give it to have the command confirm it)",
    )
    p.add_argument(
        "--actual",
        type=Path,
        nargs="+",
        default=[],
        metavar="CSV",
        help="CSV file(s) of last year's actual expenditure, for the new book's"
        " Actual column: a programme, subhead or item column and one Actual column"
        " (a published Estimates CSV, or a source data folder's programmes.csv /"
        " subheads.csv / subhead_000.csv)",
    )


def _rollforward(args, out) -> int:
    from workbook.populate import rollforward_file

    try:
        with staged(args.targets) as (temp,):
            done, issues = rollforward_file(
                args.book, temp, args.year, tuple(args.actual)
            )
    except ValueError as exc:  # a wrong book, year or --actual: nothing written
        raise UsageError(f"estimates rollforward: {exc}") from None
    for issue in issues:
        print(f"estimates rollforward: {issue}", file=sys.stderr)
    year = done.head.estimate_year
    print(f"rolled {args.book} forward to {args.output} ({year}):"
          f" {_summary(done.findings)}"
          f"{'; ' + done.actual_said() if done.actual_said() else ''}",
          file=out)  # fmt: skip
    if done.blanks_said():
        print(done.blanks_said(), file=out)
    for line in done.typed_said():
        print(line, file=out)
    left_out = [i for i in issues if not getattr(i, "note", False)]
    return EXIT_FINDINGS if left_out else _exit_for(done.findings)


def _export_arguments(p: argparse.ArgumentParser) -> None:
    _book(p, "the workbook whose inputs to export")


def _export(args, out) -> int:
    from workbook.populate import export_file

    with staged(args.targets) as (temp,):  # judged as it is, written when complete
        head, left_out = export_file(args.book, args.output, write_to=temp)
    print(f"exported Head {head.head} {head.estimate_year} to {args.output}", file=out)
    if left_out:
        print(left_out, file=out)
    return EXIT_OK


def _pdf_arguments(p: argparse.ArgumentParser) -> None:
    _book(p, "the workbook to print")
    p.add_argument(
        "--lang", choices=("zh", "en"), help="one language only (default: both)"
    )


def _pdf(args, out) -> int:
    from workbook.pdf import make_current_pdf

    (target,) = args.targets
    with staged(args.targets) as (temp,):
        refreshed = make_current_pdf(args.book, temp, args.lang)
    if refreshed:
        print(
            f"note: {args.book} was edited since its last refresh: printed as a"
            f" refresh leaves it (the book is unchanged; 'estimates refresh"
            f" {args.book}' updates it)",
            file=out,
        )
    print(f"wrote {target}", file=out)
    return EXIT_OK


BOOKS = PLAIN + MACRO
COMMANDS = (
    Command("build", "a new workbook from a source data folder, refreshed",
            _build_arguments, _build,
            Output("file", "the new workbook: .xlsx for a plain book, .xlsm or"
                   " .xltm for a macro-enabled one with the ribbon tab",
                   BOOKS, required=True)),
    Command("refresh", "what the ribbon's Refresh does: recompute, write computed"
            " cells the clerk has not typed over, flag", _refresh_arguments, _refresh,
            Output("file", "write the refreshed book here instead (a book of the"
                   " same kind)", in_place=True)),
    Command("check", "findings only, nothing written; a folder: every book in it,"
            " into one findings table", _check_arguments, _check,
            Output("tables", "folder mode: write the findings table as BASE.csv"
                   " and BASE.xlsx (default: findings, in this folder; none with"
                   " --json unless given)", default=_findings_table)),
    Command("report", "the computed figures and findings, as a table or JSON",
            _report_arguments, _report),
    Command("template", "the macro-enabled template with the ribbon tab",
            _template_arguments, _template,
            Output("file", "the template: .xltm (File > New) or .xlsm,"
                   " macro-enabled with the ribbon tab, VBA and UDFs", MACRO,
                   required=True)),
    Command("import", "the Government's published Estimates CSV files into a"
            " source data folder", _import_arguments, _import,
            Output("folder", "the source data folder to write", required=True,
                   files=SOURCE_FILES)),
    Command("rollforward", "the next year's book from this year's",
            _rollforward_arguments, _rollforward,
            Output("file", "the new year's workbook (a book of the same kind)",
                   required=True)),
    Command("export", "a book's inputs as a source data folder",
            _export_arguments, _export,
            Output("folder", "the source data folder to write (an existing one"
                   " needs --force and must hold an earlier export of the same"
                   " Head and year)", required=True,
                   files=SOURCE_FILES, judges_folder=True)),
    Command("revert", "put back what the last refresh overwrote",
            _revert_arguments, _revert),
    Command("pdf", "the Report and Narrative as a PDF (LibreOffice)",
            _pdf_arguments, _pdf,
            Output("file", "the PDF to write (default: the book's name with .pdf,"
                   " beside it)", (".pdf",),
                   default=lambda a: a.output or a.book.with_suffix(".pdf"))),
    Command("demo", "build and refresh the Head 135 sample and print its figures",
            _demo_arguments, _demo,
            Output("folder", f"the folder for {DEMO_BOOK} (made if missing;"
                   " default: estimates-demo)", inside=DEMO_BOOK,
                   default=lambda a: a.output or Path("estimates-demo"),
                   flags=("-o", "--output-dir"))),
)  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="estimates",
        description="Build, refresh, check and report a Head's Estimates of"
        " Expenditure workbook, with no Excel.",
        epilog="Exit codes: 0 no error finding; 1 error findings; 2 unreadable input"
        " or bad usage; 130 interrupted (Ctrl-C). 'estimates COMMAND -h' describes"
        " a command's arguments.",
    )
    p.add_argument("--version", action="version", version=f"estimates {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        c = sub.add_parser(
            command.name, help=command.summary, description=command.summary
        )
        command.arguments(c)
        if command.output is not None:
            _output_arguments(c, command.output)
        c.set_defaults(handler=command.run, spec=command.output)
    return p


def _output_arguments(p: argparse.ArgumentParser, spec: Output) -> None:
    """-o and --force, the same for every command that writes (workbook/outputs)."""
    metavar = {"file": "PATH", "folder": "DIR", "tables": "BASE"}[spec.kind]
    inside = spec.kind == "folder" and spec.inside
    where = "" if inside else "; the folder it goes in must exist"
    p.add_argument(*spec.flags, dest="output", type=Path, required=spec.required,
                   metavar=metavar, help=spec.help + where)  # fmt: skip
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an output that already exists (without it, it is refused)",
    )


def run(argv: Sequence[str] | None = None, out=None) -> int:
    """Run one command; its exit code. Every failure is one line on stderr."""
    out = out or sys.stdout
    args = None
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_INPUT
        return _run(args, out)
    except KeyboardInterrupt:
        return _interrupted(args)
    except UsageError as exc:
        print(said(str(exc)), file=sys.stderr)
    except BrokenPipeError:
        return _reader_left()
    except PermissionError as exc:
        print(f"{_name(args)}: {exc.filename}: permission denied", file=sys.stderr)
    except OSError as exc:
        print(
            f"{_name(args)}: {exc.filename or ''}: {exc.strerror or exc}",
            file=sys.stderr,
        )
    return EXIT_INPUT


def _run(args: argparse.Namespace, out) -> int:
    """The command, after the output policy (workbook/outputs.py) has passed it."""
    from workbook.io import BookError
    from workbook.reader import NotOurBook

    try:
        if args.command != "check" and getattr(args, "book", None) is not None:
            _one_book(args)
        args.targets = claim(args, args.spec) if args.spec else []
        return args.handler(args, out)
    except RuntimeError as exc:  # no LibreOffice, or it made no PDF
        print(f"{_name(args)}: {str(exc).splitlines()[0]}", file=sys.stderr)
    except (SourceError, BookError, NotOurBook) as exc:
        print(f"{_name(args)}: {said(str(exc))}", file=sys.stderr)
    return EXIT_INPUT


def said(text: str) -> str:
    """A failure's one line, and the list below it when it counts several cells or
    values (each on a line indented by two spaces, so that all are mended at once)."""
    first, *rest = text.splitlines() or [""]
    return "\n".join([first, *(line for line in rest if line.startswith("  "))])


def _name(args) -> str:
    """What every line the program says on stderr starts with: ``estimates`` and
    the command, once it is known (usage refusals, bad input, notes and Ctrl-C
    alike), else ``estimates`` alone."""
    command = getattr(args, "command", None)
    return f"estimates {command}" if command else "estimates"


def _interrupted(args) -> int:
    """Ctrl-C: one line, exit 130; ``staged`` has removed any unfinished output."""
    with contextlib.suppress(OSError, ValueError):
        print(
            f"{_name(args)}: interrupted; no unfinished output was left",
            file=sys.stderr,
        )
    return EXIT_INTERRUPTED


def _reader_left() -> int:
    """The reader of our output went away (``| head``): end quietly, exit 0.

    stdout is pointed at the null device so that Python's own flush at exit does
    not fail again (the recipe in the ``signal`` module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's buffer)
        pass
    return EXIT_OK


def main() -> None:
    HOLD["interrupts"] = True  # this process: a finished command stays finished
    try:  # a Ctrl-C while workbook.io (openpyxl) loads is one line too
        from workbook.io import count_interrupts

        count_interrupts()  # a Ctrl-C openpyxl swallows while loading is still one
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:
        code = _reader_left()
    except KeyboardInterrupt:  # between the command and the exit
        code = _interrupted(None)
    sys.exit(code)


if __name__ == "__main__":
    main()
