"""LibreOffice headless as the tests' real formula engine and renderer, batched.

Starting soffice is most of the cost of a conversion (seconds; a book's own work is
a fraction of that), so:

- ``convert_many`` converts several books in one start;
- every result is kept by the book's content (SHA-256) and target format for the
  session: a byte-identical book (the pristine sample that many tests recalculate)
  is converted once per worker, whichever test asks first.

Use the ``libreoffice`` fixture (tests/conftest.py), which also marks the test
``engine``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

# Without OOXMLRecalcMode=0 LibreOffice keeps stored values, never recomputing.
RECALC_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class LibreOffice:
    """Recalculate, convert or render books in LibreOffice headless."""

    def __init__(self, soffice: str, workdir: Path):
        self.soffice = soffice
        self.profile = workdir / "profile"
        self.cache = workdir / "cache"
        self.starts = 0  # soffice processes started: what batching saves
        user = self.profile / "user"
        user.mkdir(parents=True, exist_ok=True)
        self.cache.mkdir(exist_ok=True)
        (user / "registrymodifications.xcu").write_text(RECALC_ON_LOAD, "utf-8")

    def convert_many(self, books: Sequence[Path], out_dir: Path, to: str) -> list[Path]:
        """Each book converted to format ``to`` (xlsx, ods, pdf) as
        ``out_dir/<stem>.<to>``, with at most one soffice start for them all."""
        out_dir.mkdir(parents=True, exist_ok=True)
        keys = [f"{_digest(b)}.{to}" for b in books]
        todo = {k: b for k, b in zip(keys, books, strict=True)}
        todo = {k: b for k, b in todo.items() if not (self.cache / k).exists()}
        if todo:
            self._run(todo, to)
        results = []
        for key, book in zip(keys, books, strict=True):
            result = out_dir / f"{Path(book).stem}.{to}"
            if result in results:
                raise ValueError(f"two books named {result.name} for {out_dir}")
            shutil.copyfile(self.cache / key, result)
            results.append(result)
        return results

    def convert(self, book: Path, out_dir: Path, to: str) -> Path:
        """``book`` converted by LibreOffice to format ``to`` (xlsx, ods, pdf)."""
        return self.convert_many([book], out_dir, to)[0]

    def recalculate(self, book: Path, out_dir: Path) -> Path:
        """A copy of ``book`` whose formulas LibreOffice has computed."""
        return self.convert(book, out_dir, "xlsx")

    def recalculate_many(self, books: Sequence[Path], out_dir: Path) -> list[Path]:
        """Copies of ``books`` whose formulas LibreOffice has computed, one start."""
        return self.convert_many(books, out_dir, "xlsx")

    def _run(self, todo: dict[str, Path], to: str) -> None:
        """Convert ``todo`` (cache key -> book) in one soffice start into the cache.

        Books are staged under their cache keys, so that two books with one name
        cannot overwrite each other's result."""
        stage = self.cache / "stage"
        shutil.rmtree(stage, ignore_errors=True)
        (stage / "out").mkdir(parents=True)
        staged = []
        for key, book in todo.items():
            staged.append(stage / f"{key.rsplit('.', 1)[0]}{Path(book).suffix}")
            shutil.copyfile(book, staged[-1])
        self.starts += 1
        subprocess.run(
            [self.soffice, f"-env:UserInstallation={self.profile.as_uri()}",
             "--headless", "--convert-to", to, "--outdir", str(stage / "out"),
             *map(str, staged)],
            check=True, capture_output=True, timeout=120 + 30 * len(staged),
        )  # fmt: skip
        for key, book in todo.items():
            result = stage / "out" / f"{key.rsplit('.', 1)[0]}.{to}"
            assert result.exists(), f"LibreOffice wrote nothing for {book}"
            shutil.move(result, self.cache / key)


def _digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]
