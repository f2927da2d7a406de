"""Trial 10g item 3: the programme file imported alone (no subheads file) gave a
book with programmes and no subhead line, and 0 errors: a programme total of
$269.7m against a nil Total Expenditure and no T03, so it looked clean. Now the
gap is T03 (error) at the programme total, saying the Subheads table has no
line, whatever the footnotes; and `estimates import` warns, naming the empty
subheads.csv. Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

from workbook.refresh import check_file

from .generated_heads import three_heads
from .hosts import cli_said
from .test_import_of_one_file_replaces_only_its_tables import published


def test_programmes_without_subhead_lines_are_an_error(tmp_path):
    for name, head in three_heads(tmp_path, seed=73, real_at=14).items():
        programmes, _ = published(head, tmp_path / name)
        out, book = tmp_path / f"{name} src", tmp_path / f"{name}.xlsx"
        year = ("--head", head.head, "--year", head.estimate_year)
        code, said = cli_said("import", programmes, *year, "-o", out)
        assert code in (0, 1), (name, said)
        assert any(
            f"{out / 'subheads.csv'}: no subhead line" in line for line in said
        ), (name, said)
        assert cli_said("build", out, "-o", book)[0] == 1, name
        t03 = [f for f in check_file(book).findings if f.rule == "T03"]
        assert t03, name
        assert all(f.severity.value == "error" for f in t03), (name, t03)
        assert all("Subheads table has no line" in f.message_en for f in t03)
        assert all("分目表沒有任何項目" in f.message_zh for f in t03), name


def test_a_whole_import_warns_of_nothing(tmp_path):
    head = three_heads(tmp_path, seed=73, real_at=14)["real"]
    files = published(head, tmp_path / "real")
    year = ("--head", head.head, "--year", head.estimate_year)
    code, said = cli_said("import", *files, *year, "-o", tmp_path / "src")
    assert code in (0, 1), said
    assert not [line for line in said if "no subhead line" in line], said
