"""The COR's three charts are native Excel charts that plot live formula blocks
following the tables; a real engine computes those blocks and renders the charts."""

import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from workbook.charts import chart_ranges

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _chart_refs(book):
    with zipfile.ZipFile(book) as z:
        charts = sorted(
            n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        )
        out = []
        for name in charts:
            xml = z.read(name).decode("utf-8")
            kind = re.search(r"<(?:c:)?(pieChart|barChart)>", xml).group(1)
            refs = re.findall(r"<(?:c:)?f>([^<]+)</(?:c:)?f>", xml)
            direction = re.search(r'<(?:c:)?barDir val="(\w+)"', xml)
            out.append((kind, direction.group(1) if direction else "", refs))
        return out


def test_three_charts_plot_the_blocks(sample_book):
    ranges = chart_ranges(2)  # Head 135 has two programmes: no empty legend entry
    assert _chart_refs(sample_book) == [
        # each series: its categories, then its values
        ("pieChart", "", [f"'Charts'!{r}" for r in ranges["allocation"]]),
        ("barChart", "bar", [f"'Charts'!{r}" for r in ranges["staff"]]),
        ("barChart", "col", [f"'Charts'!{r}" for r in ranges["establishment"]]),
    ]


def test_the_charts_survive_a_refresh(sample_book):
    from workbook.refresh import refresh_file

    before = _chart_refs(sample_book)
    refresh_file(sample_book)
    assert _chart_refs(sample_book) == before


@pytest.mark.engine
def test_the_engine_computes_what_the_charts_plot(sample_book, libreoffice, tmp_path):
    recalculated = libreoffice.recalculate(sample_book, tmp_path / "lo")
    ws = load_workbook(recalculated, data_only=True)["Charts"]
    assert [ws[f"A{r}"].value for r in (5, 6)] == [
        "(1) 局長辦公室",
        "(2) 創新科技及工業",
    ]
    assert [ws[f"B{r}"].value for r in (5, 6, 7)] == [24.3, 245.4, None]
    assert [ws[f"E{r}"].value for r in (5, 6)] == [9, 69]  # 78 posts at 31 March 2026
    assert [(ws[f"G{r}"].value, ws[f"H{r}"].value) for r in (8, 9)] == [
        ("2025", 79),
        ("2026", 78),
    ]


def _dark_share(pgm: bytes, left: float, right: float) -> float:
    """Share of dark pixels in a vertical band of a binary PGM (P5) image."""
    parts = pgm.split(maxsplit=4)
    width, height, pixels = int(parts[1]), int(parts[2]), parts[4]
    x0, x1 = int(width * left), int(width * right)
    dark = sum(
        1 for y in range(height) for x in range(x0, x1) if pixels[y * width + x] < 200
    )
    return dark / ((x1 - x0) * height)


@pytest.mark.engine
def test_the_charts_render_in_a_real_engine(sample_book, libreoffice, tmp_path):
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.fail(
                f"{tool} (Debian's poppler-utils) is needed to look at the render"
            )
    pdf = libreoffice.convert(sample_book, tmp_path / "pdf", "pdf")
    page = next(
        n
        for n in range(1, 40)
        if "圖表 Charts"
        in subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout
    )
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            "40",
            "-gray",
            str(pdf),
            str(tmp_path / "charts"),
        ],
        check=True,
    )
    image = next(tmp_path.glob("charts*.pgm")).read_bytes()
    # The charts stand in the right-hand part of the page; the blocks on the left.
    assert _dark_share(image, 0.65, 0.9) > 0.02
