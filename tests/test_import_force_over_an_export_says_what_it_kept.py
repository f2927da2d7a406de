"""Issue 10 Left 3 (trial 10f item 11): `estimates import ... -o DIR --force`
over an earlier Export of the same Head-year replaced programmes.csv and
subheads.csv but silently kept the old head.toml [narrative], [notes] and
rolled_from, and the old establishment, pay scale and subhead 000 files: a mix of
two sources, said nowhere. Now each file replaced and each kept, and each kept
part of head.toml written for the earlier data, is said in a line of its own,
naming the file; what is said kept is what the folder then holds. Head 135, a
generated Head and a real Head-year."""

from __future__ import annotations

from estimates.source import load_source, write_source

from .generated_heads import three_heads
from .hosts import cli_said
from .test_import_of_one_file_replaces_only_its_tables import published


def _earlier_export(head, folder) -> None:
    """The folder as Export writes it from a keyed, rolled-forward book."""
    head.narrative = {f"programme:{head.programmes[0].number}": ("Mine.", None)}
    head.notes = {"Narrative!E40": "A note of the clerk's."}
    head.rolled_from = "2000-01"
    write_source(head, folder, every_file=True)


def test_import_force_over_an_export_says_what_it_kept(tmp_path):
    for name, head in three_heads(tmp_path, seed=43, real_at=6).items():
        folder = tmp_path / f"{name} export"
        _earlier_export(head, folder)
        programmes, _ = published(head, tmp_path / name)
        code, said = cli_said("import", programmes, "--head", head.head, "--year",
                              head.estimate_year, "-o", folder, "--force")  # fmt: skip
        assert code in (0, 1), (name, said)
        n = len(head.programmes)
        expected = [
            f"{folder / 'programmes.csv'}: replaced, {n} row(s) from the files given",
            *(
                f"{folder / csv}: kept, {len(rows)} row(s) of the earlier data"
                for csv, rows in (
                    ("subheads.csv", head.subheads),
                    ("subhead_000.csv", head.breakdown),
                    ("establishment.csv", head.posts),
                    ("pay_scale.csv", head.pay_scale),
                )
            ),
            f"{folder / 'head.toml'}: kept [narrative], 1 sentence(s)",
            f"{folder / 'head.toml'}: kept [notes], 1 note(s)",
            f"{folder / 'head.toml'}: kept rolled_from = 2000-01",
        ]
        for start in expected:
            assert sum(line.startswith(f"estimates import: {start}")
                       for line in said) == 1, (name, start, said)  # fmt: skip
        again = load_source(folder)  # what was said kept is there
        assert again.rolled_from == "2000-01", name
        assert [t for t, _ in again.narrative.values()] == ["Mine."], name
        assert again.notes == {"Narrative!E40": "A note of the clerk's."}, name
        assert len(again.posts) == len(head.posts), name


def test_import_into_a_new_folder_says_nothing_kept(tmp_path):
    head = three_heads(tmp_path, seed=43, real_at=6)["real"]
    programmes, subheads = published(head, tmp_path / "real")
    year = ("--head", head.head, "--year", head.estimate_year)
    code, said = cli_said("import", programmes, subheads, *year, "-o", tmp_path / "n")
    assert code in (0, 1), said
    assert not [line for line in said if ": kept" in line or ": replaced" in line]
