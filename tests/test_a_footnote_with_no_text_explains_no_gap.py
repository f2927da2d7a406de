"""Trial 10b item 7: an import turns the printed marks (419,593Δ) into footnotes
with a mark but no text, and T03's gaps were then "explained by footnote Δ" (info)
although no footnote says anything. A footnote explains a gap only when it has
text in one language at least; proved on Head 135 and a generated Head."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from estimates.source import SAMPLE_HEAD_135
from workbook.refresh import build_file

from .generated_heads import write_head


def _t03(book) -> dict[str, str]:
    findings = build_file(book[0], book[1]).findings
    return {f.ref.cell: f.severity.value for f in findings if f.rule == "T03"}


def _without_text(folder, keep: str = "") -> None:
    """Every footnote's text removed (``keep``: that language's kept)."""
    path = folder / "head.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    drop = tuple(f"text_{x} =" for x in ("en", "zh") if x != keep)
    path.write_text(
        "\n".join(line for line in lines if not line.startswith(drop)) + "\n",
        encoding="utf-8",
    )


def _restate(folder) -> None:
    path = folder / "programmes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[3] = f"{float(cells[3]) + 50:.1f}"  # Actual off Total Expenditure
    path.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")
    with (folder / "head.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[footnotes]]\nmark = "#"\ntarget = "programme_total"\n'
            'columns = ["actual"]\ntext_en = "Restated for comparison."\n'
            'text_zh = "為作比較,數字經調整。"\n'
        )


@pytest.mark.parametrize("which", ["head135", "generated"])
def test_marks_with_no_text_leave_the_gap_an_error(which, tmp_path):
    folder = tmp_path / "src"
    if which == "head135":
        shutil.copytree(SAMPLE_HEAD_135, folder)
    else:  # programme (1)'s Actual restated, and a footnote that says so
        write_head(folder, 31)
        _restate(folder)
    texted = _t03((folder, tmp_path / "a.xlsx"))
    assert "info" in texted.values()  # explained while the footnotes say something
    meta = tomllib.loads((folder / "head.toml").read_text(encoding="utf-8"))
    assert all(f.get("text_en") for f in meta["footnotes"])
    _without_text(folder, keep="zh")
    assert _t03((folder, tmp_path / "b.xlsx")) == texted  # Chinese text is text
    _without_text(folder)
    bare = _t03((folder, tmp_path / "c.xlsx"))
    assert set(bare) == set(texted) and set(bare.values()) == {"error"}
