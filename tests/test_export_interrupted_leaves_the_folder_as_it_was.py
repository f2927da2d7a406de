"""Issue 13: ``export`` under the one output policy's Ctrl-C safety. Interrupted
after it has written part of the source data folder: one line, exit 130, and the
folder as it was (absent, or the earlier export of the same Head byte for byte),
with no temporary folder left beside it."""

import estimates.source
from workbook.cli import run


def _interrupt_after_first_table(monkeypatch) -> None:
    """The first CSV is written, then Ctrl-C (the folder is half there)."""
    real = estimates.source.write_table

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(estimates.source, "write_table", interrupted)


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def _said_interrupted(capsys) -> None:
    err = capsys.readouterr().err
    assert err == "estimates export: interrupted; no unfinished output was left\n"


def test_an_interrupted_export_to_a_new_folder_leaves_nothing(
    sample_book, tmp_path, capsys, monkeypatch
):
    _interrupt_after_first_table(monkeypatch)
    assert run(["export", str(sample_book), "-o", str(tmp_path / "data")]) == 130
    _said_interrupted(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == [sample_book.name]


def test_an_interrupted_export_over_an_earlier_one_keeps_it(
    sample_book, tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "data"
    assert run(["export", str(sample_book), "-o", str(folder)]) == 0
    before = _files(folder)
    assert "programmes.csv" in before and "head.toml" in before
    (folder / "programmes.csv").write_bytes(b"programme,title_en\n")  # to be redone
    before = _files(folder)
    capsys.readouterr()
    _interrupt_after_first_table(monkeypatch)
    assert run(["export", str(sample_book), "-o", str(folder), "--force"]) == 130
    _said_interrupted(capsys)
    assert _files(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", sample_book.name]


def test_a_completed_export_rewrites_the_earlier_one(sample_book, tmp_path):
    folder = tmp_path / "data"
    assert run(["export", str(sample_book), "-o", str(folder)]) == 0
    first = _files(folder)
    (folder / "programmes.csv").write_bytes(b"programme,title_en\n")
    assert run(["export", str(sample_book), "-o", str(folder), "--force"]) == 0
    assert _files(folder) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", sample_book.name]
