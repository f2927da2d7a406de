"""Speed and scale, printed side by side with their ratios and targets.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # fewer repetitions

Medians of repeated runs, wall-clock, on this machine. Targets: refresh <= 1.5x a
bare openpyxl load + save; checking 80 Heads <= 1.1x 80 times one; xlwings actions
per refresh <= 3 per table + 2 per flagged cell; a warm ribbon click (Head 135
refresh in a running Python, as xlwings' COM server gives on Windows) < 50 ms, with
the fresh-process click (start + imports + refresh) printed beside it. The tests'
LibreOffice: a start per book against one kept instance (wall and CPU), and
real Head-years' values from books loaded whole against without print titles.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from openpyxl import load_workbook

from estimates.money import percent_change
from estimates.source import SAMPLE_HEAD_135
from tests.generated_heads import large_head, realistic_head, synthetic_head
from workbook.batch import check_books
from workbook.io import load_book, save_book
from workbook.refresh import build_file, build_workbook, check_file, refresh_file

ROWS: list[tuple[str, str, str, str]] = []


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(what: str, figures: str, ratio: str, verdict: str = "") -> None:
    ROWS.append((what, figures, ratio, verdict))
    print(f"{what:<46} {figures:<34} {ratio:<12} {verdict}", flush=True)


CHILD = """
import sys, time
sys.path.insert(0, {root!r})
{imports}
start = time.process_time()  # CPU: a shared machine's load does not count
{work}
took = time.process_time() - start
peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM")]
print(took, peak[0].split()[1])
"""
BARE = ("from openpyxl import load_workbook",
        "load_workbook(sys.argv[1]).save(sys.argv[2])")  # fmt: skip
REFRESH = ("from workbook.refresh import refresh_file",
           "refresh_file(sys.argv[1], sys.argv[2])")  # fmt: skip


def _child(job: tuple[str, str], book: Path, out: Path, repeat: int) -> tuple:
    """(median CPU seconds, median peak KB) of a job run in a fresh process each
    time: the job's own CPU time (its wall time on an idle machine, but not
    inflated by other work on a shared one), and the process's peak memory."""
    imports, work = job
    code = CHILD.format(root=str(Path(__file__).resolve().parents[1]),
                        imports=imports, work=work)  # fmt: skip
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code, str(book), str(out)],
                              check=True, capture_output=True, text=True)  # fmt: skip
        took, peak = done.stdout.split()[-2:]
        runs.append((float(took), int(peak)))
    return (statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs))  # fmt: skip


def _flag_lines(book: Path, lines: int) -> None:
    """A negative Estimate on ``lines`` subhead lines: each is flagged (D03)."""
    wb = load_book(book)
    ws = wb["Subheads"]
    for r in range(6, 6 + lines):
        ws.cell(r, 9).value = -1
    wb.save(book)


def refresh_scale(tmp: Path, repeat: int) -> None:
    """Refresh against a bare openpyxl load + save of the same book, in time and
    in peak memory, for Head 135 and a Head with 2,000 subhead lines."""
    books = {"Head 135": tmp / "h135.xlsx", "2,000 lines": tmp / "lines.xlsx",
             "2,000 lines, 1,000 flagged": tmp / "flagged.xlsx"}  # fmt: skip
    build_file(SAMPLE_HEAD_135, books["Head 135"])
    wb, _ = build_workbook(synthetic_head(998, 8, 2000, 50))
    save_book(wb, books["2,000 lines"])
    shutil.copy(books["2,000 lines"], books["2,000 lines, 1,000 flagged"])
    _flag_lines(books["2,000 lines, 1,000 flagged"], 1000)
    for name, book in books.items():
        refresh_file(book)  # the book as a clerk's, refreshed once before
        bare_t, bare_m = _child(BARE, book, tmp / "bare.xlsx", repeat)
        t, m = _child(REFRESH, book, tmp / "refreshed.xlsx", repeat)
        row(f"refresh vs bare load+save, time ({name})",
            f"{t:.2f} s vs {bare_t:.2f} s CPU", f"{t / bare_t:.2f}x",
            "met (<= 1.5x)" if t <= 1.5 * bare_t else "NOT met (<= 1.5x)")  # fmt: skip
        row(f"refresh vs bare load+save, memory ({name})",
            f"{m / 1024:.0f} MB vs {bare_m / 1024:.0f} MB", f"{m / bare_m:.2f}x",
            "met (<= 2x)" if m <= 2 * bare_m else "NOT met (<= 2x)")  # fmt: skip


def write_heads(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        wb, _ = build_workbook(realistic_head(n))
        path = folder / f"head{n:03d}.xlsx"
        save_book(wb, path)
        paths.append(path)
    return paths


def check_scale(tmp: Path, repeat: int) -> None:
    heads = write_heads(tmp / "heads", 80)

    def check(paths):  # the CLI's one-process path: `estimates check DIR --workers 1`
        for _ in check_books(paths):
            pass

    # Heads differ in size, so "linear" is the sum of each Head checked on its own.
    single = [median_time(lambda p=p: check_file(p), repeat) for p in heads]
    one = statistics.mean(single)
    ten = median_time(lambda: check(heads[:10]), repeat)
    eighty = median_time(lambda: check(heads), max(1, repeat // 2))
    row(
        "check 1 Head (mean of the 80, each alone)",
        f"{one * 1000:.0f} ms",
        "1.00x linear",
    )
    row(
        "check 10 Heads, one process (--workers 1)",
        f"{ten:.2f} s",
        f"{ten / sum(single[:10]):.2f}x linear",
    )
    ratio = eighty / sum(single)
    row(
        "check 80 Heads, one process (--workers 1)",
        f"{eighty:.2f} s",
        f"{ratio:.2f}x linear",
        "met (<= 1.1x)" if ratio <= 1.1 else "NOT met (<= 1.1x)",
    )
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook.cli",
            "check",
            str(tmp / "heads"),
            "-o",
            str(tmp / "findings"),
        ],
        capture_output=True,
        text=True,
    )
    folder = time.perf_counter() - start
    row(
        f"estimates check DIR, 80 Heads, {os.cpu_count()} processes",
        f"{folder:.2f} s (exit {done.returncode})",
        f"{folder / (80 * one):.2f}x linear",
    )
    big = tmp / "large.xlsx"
    wb, _ = build_workbook(large_head())
    save_book(wb, big)
    large = median_time(lambda: check_file(big), max(1, repeat // 2))
    row(
        "check 1 large Head (300 subheads, 2,000 ranks)",
        f"{large:.2f} s",
        f"{large / one:.1f}x one Head",
    )


def remote_actions(tmp: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        row("xlwings actions per refresh", "skipped: no LibreOffice", "")
        return
    import xlwings as xw

    from addin import macros
    from addin.remote import payload
    from workbook import layout

    profile = tmp / "lo-profile" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.'
        'org/2001/registry"><item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
        "</oor:items>",
        encoding="utf-8",
    )
    book = tmp / "remote.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    tables = len(layout.TABLES)
    for extra in (0, 4, 20):
        wb = load_book(book)
        for k in range(extra):  # each negative amount flags one more cell
            wb["Subheads"].cell(5 + k % 3, 6 + k // 3 % 4).value = -1 - k
        path = tmp / f"remote{extra}.xlsx"
        wb.save(path)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.parent.as_uri()}",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp / f"lo{extra}"),
                str(path),
            ],
            check=True,
            capture_output=True,
        )
        values = load_workbook(tmp / f"lo{extra}" / path.name, data_only=True)
        xbook = xw.Book(json=payload(load_book(path), values, path.name))
        findings = macros.refresh(xbook)
        flagged = len({(f.sheet, f.cell) for f in findings if f.ref})
        actions = len(xbook.json()["actions"])
        bound = 3 * tables + 2 * flagged
        row(
            f"xlwings actions, {flagged} flagged cells, {tables} tables",
            f"{actions} actions (bound {bound})",
            f"{actions / bound:.2f} of bound",
            "met" if actions <= bound else "NOT met",
        )


def udf_vs_core(repeat: int) -> None:
    from udfs.functions import EST_PCT

    news = [float(f"{100 + i % 900}.{i % 10}") for i in range(10_000)]
    bases = [float(f"{90 + i % 700}.{(i * 7) % 10}") for i in range(10_000)]
    dnews = [Decimal(repr(v)) for v in news]
    dbases = [Decimal(repr(v)) for v in bases]

    def udf():
        return [EST_PCT(n, b) for n, b in zip(news, bases, strict=True)]

    def core():
        return [percent_change(n, b) for n, b in zip(dnews, dbases, strict=True)]

    assert [float(x) for x in core()] == udf()
    u, c = median_time(udf, repeat), median_time(core, repeat)
    row(
        "UDF EST_PCT over 10,000 rows vs core",
        f"{u * 1000:.0f} ms vs {c * 1000:.0f} ms",
        f"{u / c:.2f}x core",
    )


COLD_CLICK = """
import json, sys
import xlwings as xw
import addin.macros as estimates_macros
estimates_macros.refresh(xw.Book(json=json.load(open(sys.argv[1], encoding="utf-8"))))
"""


def _process_time(code: str, *args: str, repeat: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return median_time(
        lambda: subprocess.run(
            [sys.executable, "-c", code, *args],
            check=True,
            env=env,
            capture_output=True,
        ),
        repeat,
    )


def click_cost(tmp: Path, repeat: int) -> None:
    """The Python side of a ribbon click on Head 135: a fresh process each click
    (Excel for Mac; Windows without the UDF server) against a warm process
    (Windows with "Use UDF Server": xlwings' COM server keeps Python running)."""
    import json

    import xlwings as xw

    from addin import macros
    from addin.remote import payload

    book = tmp / "click.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    data = payload(load_book(book), load_workbook(book, data_only=True), book.name)
    sent = tmp / "click.json"
    sent.write_text(json.dumps(data), encoding="utf-8")
    text = sent.read_text(encoding="utf-8")

    def warm_click():
        macros.refresh(xw.Book(json=json.loads(text)))

    warm_click()  # the first click in the COM server imports; later ones do not
    walls, cpus = [], []
    for _ in range(max(repeat * 3, 9)):
        wall, cpu = time.perf_counter(), time.process_time()
        warm_click()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    warm, warm_cpu = statistics.median(walls), statistics.median(cpus)
    start = _process_time("pass", repeat=repeat)
    imports = _process_time("import addin.macros", repeat=repeat)
    cold = _process_time(COLD_CLICK, str(sent), repeat=repeat)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    row("click, fresh process: Python start", f"{start:.2f} s", "")
    row(
        "click, fresh process: + import addin.macros",
        f"{imports:.2f} s",
        f"{imports / cold:.0%} of the click",
    )
    row(
        "click, fresh process: import + Head 135 refresh",
        f"{cold:.2f} s",
        f"{cold / warm:.0f}x warm",
    )
    row(
        "click, warm process: Head 135 refresh",
        f"{warm * 1000:.0f} ms wall, {warm_cpu * 1000:.0f} ms CPU",
        f"{warm / cold:.1%} of cold",
        ("< 50 ms: met" if warm < 0.05 else "< 50 ms wall: NOT met")
        + f" (load average {load:.1f} on {os.cpu_count()} cores)",
    )


def _children_cpu() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _timed(job) -> tuple[float, float]:
    """Wall and child-process CPU seconds of ``job()`` (which waits for them)."""
    wall, cpu = time.perf_counter(), _children_cpu()
    job()
    return time.perf_counter() - wall, _children_cpu() - cpu


def libreoffice_conversions(tmp: Path, books: int) -> None:
    """The tests' LibreOffice: one ``soffice --convert-to`` start per book (as a
    test converting its own book did) against one kept instance driven through
    UNO (tests/libreoffice.py), the same books recalculated to .xlsx."""
    soffice = shutil.which("soffice")
    if soffice is None:
        row("LibreOffice conversions", "soffice not found", "")
        return
    from tests.libreoffice import RECALC_ON_LOAD, LibreOffice

    made = []
    for i in range(books):
        made.append(tmp / f"lo{i}.xlsx")
        build_file(SAMPLE_HEAD_135, made[-1])
        wb = load_book(made[-1])
        wb["Programmes"]["G8"] = 1000 + i  # a different book each time
        save_book(wb, made[-1])
    profile = tmp / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ON_LOAD, "utf-8")

    def one_start_per_book():
        for book in made:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--convert-to", "xlsx", "--outdir", str(tmp / "lo-each"), str(book)],
                check=True, capture_output=True,
            )  # fmt: skip

    def kept_instance():
        office = LibreOffice(soffice, tmp / "lo-kept")
        office.recalculate_many(made, tmp / "lo-out")
        office.close()

    each, each_cpu = _timed(one_start_per_book)
    kept, kept_cpu = _timed(kept_instance)
    row(
        f"LibreOffice: {books} books, start each / kept",
        f"{each:.1f} / {kept:.1f} s wall, {each_cpu:.1f} / {kept_cpu:.1f} s CPU",
        f"{each / kept:.2f}x wall {each_cpu / kept_cpu:.2f}x CPU",
        f"(load average {os.getloadavg()[0]:.1f})",
    )


def libreoffice_print_titles(tmp: Path, books: int) -> None:
    """The tests' LibreOffice computing real Head-years' values (the 556 Head-year
    oracle's work): each book loaded whole against a copy without its print
    titles (tests/libreoffice.py PRINT_TITLES), child-process CPU, one kept
    instance each (its start included in both)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        row("LibreOffice print titles", "soffice not found", "")
        return
    from tests.conftest import head_from_published, published_heads
    from tests.libreoffice import LibreOffice

    heads = published_heads()
    made = []
    for key in sorted(heads)[:: len(heads) // books][:books]:
        wb, _ = build_workbook(head_from_published(heads[key]))
        made.append(tmp / f"hy-{key}.xlsx")
        save_book(wb, made[-1])

    def values(lean: bool):
        office = LibreOffice(soffice, tmp / f"lo-{lean}")
        for book in made:
            office._cached(book, "csv", lean)
        office.close()

    _, whole = _timed(lambda: values(False))
    _, lean = _timed(lambda: values(True))
    row(
        f"LibreOffice: {books} Head-years' values, whole / lean",
        f"{whole:.1f} / {lean:.1f} s CPU ({whole / books:.2f} / {lean / books:.2f})",
        f"{whole / lean:.2f}x CPU",
        f"(load average {os.getloadavg()[0]:.1f})",
    )


def layout_share(repeat: int) -> None:
    """CPU of the page layout (widths, wrapping, row heights) against the whole
    build, over 20 real Head-years: the part of every build and refresh that
    speed work in printing.py cuts (issue 13, on a loaded 2-core machine: 1.39 s
    of 2.53 s before each cell alignment was worked out once per book and the
    last column read from the cells held; 1.22 s of 2.35 s after)."""
    from tests.conftest import head_from_published, published_heads
    from workbook import io as book_io
    from workbook import printing

    records = published_heads()
    heads = [head_from_published(records[k]) for k in sorted(records)[::28][:20]]
    spent = [0.0]
    real = printing.lay_out

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    book_io.lay_out = timed
    try:
        runs = []
        for _ in range(repeat):
            spent[0], start = 0.0, time.process_time()
            for head in heads:
                build_workbook(head)
            runs.append((time.process_time() - start, spent[0]))
    finally:
        book_io.lay_out = real
    build, layout = min(runs)
    row("layout of 20 Head-years' builds, CPU",
        f"{layout:.2f} s of {build:.2f} s", f"{layout / build:.2f}x",
        "lower is better")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--refresh-only", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else 9
    print(
        f"machine: {platform.platform()}, Python {platform.python_version()},"
        f" {os.cpu_count()} cores"
    )
    print(f"{'measure':<46} {'figures':<34} {'ratio':<12} target")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        refresh_scale(tmp, max(3, repeat // 3))
        if args.refresh_only:
            return
        check_scale(tmp, repeat)
        remote_actions(tmp)
        click_cost(tmp, repeat)
        udf_vs_core(repeat)
        layout_share(max(3, repeat // 3))
        libreoffice_conversions(tmp, 5 if args.quick else 10)
        libreoffice_print_titles(tmp, 10 if args.quick else 40)


if __name__ == "__main__":
    main()
