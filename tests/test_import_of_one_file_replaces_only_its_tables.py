"""Trial 10d (left from 10c): `estimates import ONE_FILE --force` into the folder
an earlier import made emptied the tables that file does not carry (the
programmes file alone left subheads.csv with headings only) and rewrote
head.toml from nothing (the clerk's footnote texts gone). Importing one file
replaces only the tables that file carries; head.toml keeps what it holds, with
the file's marks added; a folder of another Head or year is refused. Head 135, a
generated Head and a real Head-year, each written as the published CSV files."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pytest

from estimates.model import Head
from estimates.source import load_source
from workbook.cli import run

from .generated_heads import three_heads

KEPT = (
    'department_en = "Kept Department"\n',
    '\n[[footnotes]]\nmark = "※"\ntarget = "programme_total"\ncolumns = ["actual"]\n'
    'text_en = "The clerk\'s text"\n',
)
"""What a clerk added to the folder's head.toml after the first import."""


def _cli(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = run([str(a) for a in argv])
    return code, err.getvalue()


def _figure(value, places: int) -> str:
    return "" if value is None else f"{value:,.{places}f}"


def published(head: Head, folder: Path) -> tuple[Path, Path]:
    """The Head as the Government's published programme and subhead files."""
    folder.mkdir(parents=True, exist_ok=True)
    a, o, r, e = head.year_labels()
    programmes, subheads = folder / "prog.csv", folder / "es.csv"
    with programmes.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            ["Head", "Programme No.", "Programme", f"Actual {a}", f"Original {o}",
             f"Revised {r}", f"Estimate {e}"],
            *[[head.head, f"({p.number})", p.title_en or f"Programme {p.number}",
               *(_figure(x.value, 1) for x in p.amounts)] for p in head.programmes],
        ])  # fmt: skip
    with subheads.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([
            ["Head", "Account", "Section", "Subhead", "Subhead Name",
             f"Actual Expenditure {a}", f"Approved Estimate {o}",
             f"Revised Estimate {r}", f"Estimate {e}"],
            *[[head.head, s.account, s.section, s.code, s.title_en or s.code,
               *(_figure(x.value, 0) for x in s.amounts)] for s in head.subheads],
        ])  # fmt: skip
    return programmes, subheads


@pytest.mark.parametrize("which", ["programmes", "subheads"])
def test_one_file_replaces_only_its_table(which, tmp_path):
    for name, head in three_heads(tmp_path, seed=19, real_at=9).items():
        programmes, subheads = published(head, tmp_path / name)
        out = tmp_path / f"{name} 匯入"
        year = ("--head", head.head, "--year", head.estimate_year, "-o", out)
        assert _cli("import", programmes, subheads, *year)[0] in (0, 1), name
        toml = out / "head.toml"
        toml.write_text(KEPT[0] + toml.read_text("utf-8") + KEPT[1], "utf-8")
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        one = programmes if which == "programmes" else subheads
        code, said = _cli("import", one, *year, "--force")
        assert code in (0, 1), (name, said)
        after = {p.name: p.read_bytes() for p in out.iterdir()}
        kept = "subheads.csv" if which == "programmes" else "programmes.csv"
        assert after[kept] == before[kept], name  # not emptied
        assert after[f"{which}.csv"] == before[f"{which}.csv"], name  # same rows
        again = load_source(out)
        assert len(again.programmes) == len(head.programmes), name
        assert len(again.subheads) == len(head.subheads), name
        assert again.department_en == "Kept Department", name
        [note] = [n for n in again.footnotes if n.mark == "※"]
        assert note.text_en == "The clerk's text", name


def test_a_folder_of_another_year_is_refused(tmp_path):
    head = three_heads(tmp_path, seed=19, real_at=9)["real"]
    programmes, subheads = published(head, tmp_path / "real")
    out = tmp_path / "out"
    year = ("--head", head.head, "--year", head.estimate_year, "-o", out)
    assert _cli("import", programmes, subheads, *year)[0] in (0, 1)
    toml = out / "head.toml"
    before = toml.read_text("utf-8")
    other = before.replace(head.estimate_year, "1999-00")
    toml.write_text(other, encoding="utf-8")
    code, said = _cli("import", programmes, *year, "--force")
    assert code == 2
    assert said.strip() == (
        f"estimates import: {out}: holds the data of Head {head.head} 1999-00, not of"
        f" Head {head.head} {head.estimate_year}; import into a new folder"
    )
    assert toml.read_text("utf-8") == other
