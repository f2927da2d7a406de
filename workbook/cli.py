"""``estimates``: build, refresh, check and report Estimates workbooks with no Excel.

Exit codes: 0 no error finding; 1 error findings; 2 unreadable input or bad usage
(one line naming the file, sheet and cell; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from estimates import __version__
from estimates.findings import Finding, Severity, count_by_severity
from estimates.source import SAMPLE_HEAD_135, SourceError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="estimates", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"estimates {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="a new workbook from a source data folder")
    b.add_argument("data_dir", type=Path)
    b.add_argument("-o", "--output", type=Path, required=True)
    r = sub.add_parser("refresh", help="recompute, write computed cells and flags")
    r.add_argument("book", type=Path)
    r.add_argument("-o", "--output", type=Path)
    c = sub.add_parser("check", help="findings only; a folder: every book in it")
    c.add_argument("book", type=Path, help="a workbook, or a folder of workbooks")
    c.add_argument("--json", action="store_true")
    c.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("findings"),
        help="folder mode: the findings table, BASE.csv and BASE.xlsx",
    )
    c.add_argument("--workers", type=int, help="folder mode: parallel processes")
    rep = sub.add_parser("report", help="the computed figures as JSON")
    rep.add_argument("book", type=Path)
    rep.add_argument("--json", action="store_true", required=True)
    t = sub.add_parser("template", help="the macro-enabled template (.xltm or .xlsm)")
    t.add_argument("-o", "--output", type=Path, required=True)
    t.add_argument("--data", type=Path, help="a source data folder to fill it with")
    i = sub.add_parser("import", help="published Estimates CSV files -> a data folder")
    i.add_argument("files", type=Path, nargs="+")
    i.add_argument("--head", required=True, help="the Head number, e.g. 135")
    i.add_argument("--year", required=True, help="the Estimate year, e.g. 2025-26")
    i.add_argument("-o", "--output", type=Path, required=True)
    y = sub.add_parser("rollforward", help="the next year's book from this year's")
    y.add_argument("book", type=Path)
    y.add_argument("-o", "--output", type=Path, required=True)
    y.add_argument("--year", default="", help="the new Estimate year, e.g. 2026-27")
    y.add_argument(
        "--actual", type=Path, nargs="+", default=[], help="CSV of actual expenditure"
    )
    x = sub.add_parser("export", help="a book's inputs as a source data folder")
    x.add_argument("book", type=Path)
    x.add_argument("-o", "--output", type=Path, required=True)
    v = sub.add_parser("revert", help="put back what the last refresh overwrote")
    v.add_argument("book", type=Path)
    pdf = sub.add_parser("pdf", help="the Report and Narrative as a PDF (LibreOffice)")
    pdf.add_argument("book", type=Path)
    pdf.add_argument("-o", "--output", type=Path)
    pdf.add_argument("--lang", choices=("zh", "en"))
    d = sub.add_parser("demo", help="build and refresh the Head 135 sample")
    d.add_argument("-o", "--output-dir", type=Path, default=Path("estimates-demo"))
    return p


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


def run(argv: Sequence[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    from workbook.io import BookError
    from workbook.reader import NotOurBook
    from workbook.refresh import build_file, check_file, refresh_file, report

    try:
        args = _parser().parse_args(argv)
        if args.command == "build":
            outcome = build_file(args.data_dir, args.output)
            print(f"built {args.output}: {_summary(outcome.findings)}", file=out)
            return _exit_for(outcome.findings)
        if args.command == "refresh":
            outcome = refresh_file(args.book, args.output)
            print(
                f"refreshed {args.output or args.book}: {_summary(outcome.findings)}",
                file=out,
            )
            _print_findings(outcome.findings, out)
            return _exit_for(outcome.findings)
        if args.command == "check" and args.book.is_dir():
            return _check_folder(args, out)
        if args.command == "check":
            outcome = check_file(args.book)
            if args.json:
                json.dump(
                    [f.as_dict() for f in outcome.findings],
                    out,
                    ensure_ascii=False,
                    indent=2,
                )
                print(file=out)
            else:
                print(f"{args.book}: {_summary(outcome.findings)}", file=out)
                _print_findings(outcome.findings, out)
            return _exit_for(outcome.findings)
        if args.command == "report":
            outcome = check_file(args.book)
            json.dump(report(outcome), out, ensure_ascii=False, indent=2)
            print(file=out)
            return _exit_for(outcome.findings)
        if args.command == "revert":
            from workbook.refresh import revert_file

            restored = revert_file(args.book)
            print(f"reverted {args.book}: {restored} cell(s) put back", file=out)
            return EXIT_OK
        if args.command in ("rollforward", "export"):
            return _yearly(args, out)
        if args.command == "import":
            from estimates.importer import import_files, write_source

            for path in args.files:
                if not path.is_file():
                    raise SourceError(f"{path}: file not found")
            imported = import_files(args.files, args.head)
            write_source(imported, args.output, args.head, args.year)
            for issue in imported.issues:
                print(f"estimates: {issue}", file=sys.stderr)
            print(
                f"imported Head {args.head} into {args.output}:"
                f" {len(imported.programmes)} programme(s),"
                f" {len(imported.subheads)} subhead line(s),"
                f" {len(imported.breakdown)} breakdown line(s);"
                f" {len(imported.issues)} row(s) not read",
                file=out,
            )
            return EXIT_FINDINGS if imported.issues else EXIT_OK
        if args.command == "template":
            from addin.build import build_template

            if args.output.suffix.lower() not in (".xltm", ".xlsm"):
                raise UsageError(
                    f"estimates template: {args.output}: use .xltm or .xlsm"
                )
            build_template(args.output, args.data)
            print(f"built {args.output}", file=out)
            return EXIT_OK
        if args.command == "pdf":
            from workbook.pdf import make_pdf

            made = make_pdf(args.book, args.output, args.lang)
            print(f"wrote {made}", file=out)
            return EXIT_OK
        if args.command == "demo":
            args.output_dir.mkdir(parents=True, exist_ok=True)
            book = args.output_dir / "head135_2025-26.xlsx"
            build_file(SAMPLE_HEAD_135, book)
            outcome = refresh_file(book)
            figures = report(outcome)
            total = figures["programme_total"]
            te = figures["subhead_totals"]["Total Expenditure"]
            print(
                f"Head 135 {outcome.head.title_en},"
                f" Estimates {outcome.head.estimate_year}",
                file=out,
            )
            print(f"  workbook: {book}", file=out)
            print(
                f"  programme total ($m): {total['actual']} / {total['original']} /"
                f" {total['revised']} / {total['estimate']}",
                file=out,
            )
            print(
                "  Total Expenditure ($'000): "
                + " / ".join(
                    f"{te[c]:,}" for c in ("actual", "original", "revised", "estimate")
                ),
                file=out,
            )
            est = figures["establishment"]
            print(
                f"  establishment: {est['posts_start']} posts -> {est['posts_end']};"
                f" NAMS ${est['nams_non_directorate_end']:,} within ceiling"
                f" ${est['ceiling']:,}",
                file=out,
            )
            print(f"  findings: {_summary(outcome.findings)}", file=out)
            _print_findings(outcome.findings, out)
            return _exit_for(outcome.findings)
    except UsageError as exc:
        print(str(exc).splitlines()[0], file=sys.stderr)
        return EXIT_INPUT
    except RuntimeError as exc:  # no LibreOffice, or it made no PDF
        print(f"estimates: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_INPUT
    except (SourceError, BookError, NotOurBook) as exc:
        print(f"estimates: {str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_INPUT
    except PermissionError as exc:
        print(f"estimates: {exc.filename}: permission denied", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(
            f"estimates: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr
        )
        return EXIT_INPUT
    return EXIT_INPUT


def _yearly(args, out) -> int:
    """``rollforward`` and ``export``: the yearly cycle's commands."""
    from workbook.populate import export_file, rollforward_file

    if args.command == "export":
        head = export_file(args.book, args.output)
        print(f"exported Head {head.head} {head.estimate_year} to {args.output}",
              file=out)  # fmt: skip
        return EXIT_OK
    for path in args.actual:
        if not path.is_file():
            raise SourceError(f"{path}: file not found")
    try:
        done, issues = rollforward_file(
            args.book, args.output, args.year, tuple(args.actual)
        )
    except ValueError as exc:
        raise UsageError(f"estimates rollforward: {exc}") from None
    for issue in issues:
        print(f"estimates: {issue}", file=sys.stderr)
    year = done.head.estimate_year
    print(f"rolled {args.book} forward to {args.output} ({year}):"
          f" {_summary(done.findings)}", file=out)  # fmt: skip
    return EXIT_FINDINGS if issues else _exit_for(done.findings)


def _check_folder(args, out) -> int:
    from workbook.batch import books_in, check_folder, write_table

    if not books_in(args.book):
        raise SourceError(f"{args.book}: no workbooks (.xlsx, .xlsm, .xltm) in it")
    rows = check_folder(args.book, args.workers)
    csv_path, xlsx_path = write_table(rows, args.output)
    unreadable = sum(1 for r in rows if r["rule"] == "READ")
    failing = [r for r in rows if r["severity"] == "error" and r["rule"] != "READ"]
    print(f"checked {len(books_in(args.book))} book(s) in {args.book}:"
          f" {len(failing)} error finding(s) in {len({r['book'] for r in failing})}"
          f" book(s), {unreadable} unreadable; table: {csv_path}, {xlsx_path}",
          file=out)  # fmt: skip
    if args.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        print(file=out)
    return EXIT_INPUT if unreadable else EXIT_FINDINGS if failing else EXIT_OK


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
