"""Shared fixtures: the Head 135 sample, books built into a temp folder, the
published Head-years, and LibreOffice as the real formula engine; the hypothesis
profiles (``ci``: at least 1,000 generated examples in all, ``dev``: about 50) and
the markers, applied from what a test uses so that they mean what they say."""

from __future__ import annotations

import json
import os

# xlwings registers its remote engine at import, when this key is set (PolyForm
# Noncommercial, which covers government institutions).
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from estimates.model import Amount, Head, Programme, Subhead
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook.refresh import build_file

from .libreoffice import LibreOffice

PUBLISHED = Path(__file__).parent / "data" / "heads" / "hk_estimates_2006-2014.json"

# The profile's max_examples is what each property test without its own draws, and
# each shard of tests/test_hostile_inputs_property (8 shards: 480 examples under ci,
# 48 under dev). Under ci the property tests draw at least 1,000 examples in all
# (tests/test_property_tests_run_1000_examples_under_ci.py counts them); the
# generated-book oracle's 200 books are the dearest and find the most.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=6)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.hookimpl(tryfirst=True)  # before xdist's, which reads the group marks
def pytest_collection_modifyitems(config, items):
    """``engine`` on every test that starts LibreOffice (it asks for the fixture);
    ``slow`` tests first, then the groups. Under ``--dist loadgroup`` (pyproject)
    each xdist worker takes the next test as it finishes one, so the slow tests
    spread over both workers and short ones fill the end; the tests of
    ``host_outcomes`` (one costly session result) form one group on one worker
    rather than one worker waiting for the other's, and so do a module's tests
    that share a fixture made once for the module."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "libreoffice" in names:
            item.add_marker(pytest.mark.engine)
        if "host_outcomes" in names:
            item.add_marker(pytest.mark.xdist_group("host_outcomes"))
        elif module := _module_made_once(item):
            item.add_marker(pytest.mark.xdist_group(module))
    items.sort(key=_order)


def _order(item) -> tuple[bool, bool]:
    """Slow tests first, then the groups (one worker takes a whole group: one
    left for the end would keep the other worker idle while it runs)."""
    slow = item.get_closest_marker("slow") is not None
    return not slow, item.get_closest_marker("xdist_group") is None


def _module_made_once(item) -> str | None:
    """The test's module when the test uses a fixture defined there that outlives
    one test (the render tests' PDFs): each xdist worker would make it again, so
    the module's tests form one group, on one worker, and it is made once."""
    module = item.nodeid.split("::")[0]
    info = getattr(item, "_fixtureinfo", None)
    for defs in info.name2fixturedefs.values() if info else ():
        if any(d.scope != "function" and d.baseid == module for d in defs):
            return module
    return None


def pytest_configure(config):
    """Refuse a run whose ``--dist loadgroup`` would be ignored: pytest 9.2 reads
    no ``Item._nodeid``, where pytest-xdist 3.8 writes the group, so each group's
    tests spread over both workers (the host_outcomes tests waited ~95 s for each
    other; each render module made its PDFs on both). pyproject pins pytest < 9.2."""
    if config.getoption("dist", "no") != "loadgroup":
        return
    import xdist

    def version(text: str) -> tuple[int, ...]:
        return tuple(int(p) for p in text.split(".")[:2] if p.isdigit())

    if version(pytest.__version__) >= (9, 2) and version(xdist.__version__) <= (3, 8):
        raise pytest.UsageError(
            f"pytest {pytest.__version__} ignores pytest-xdist {xdist.__version__}'s"
            " --dist loadgroup: install pytest < 9.2 (pip install -e '.[test]')"
        )


@pytest.fixture
def sample_head() -> Head:
    return load_source(SAMPLE_HEAD_135)


@pytest.fixture(scope="session")
def _pristine_sample(tmp_path_factory) -> Path:
    book = tmp_path_factory.mktemp("sample") / "head135.xlsx"
    build_file(SAMPLE_HEAD_135, book)
    return book


@pytest.fixture
def sample_book(_pristine_sample: Path, tmp_path: Path) -> Path:
    """The Head 135 workbook, built and refreshed, in a temp folder (a copy of one
    built once per session: byte-identical copies let LibreOffice's results be
    reused)."""
    book = tmp_path / "head135.xlsx"
    shutil.copyfile(_pristine_sample, book)
    return book


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A copy of the sample source folder that a test may change."""
    target = tmp_path / "head135"
    shutil.copytree(SAMPLE_HEAD_135, target)
    return target


def published_heads() -> dict:
    if not PUBLISHED.exists():
        pytest.fail(f"{PUBLISHED} is missing: it is part of the repository")
    return json.loads(PUBLISHED.read_text(encoding="utf-8"))["heads"]


def head_from_published(record: dict) -> Head:
    """A Head from one published Head-year ($ million through their printed text)."""

    def millions(v):
        return None if v is None else Decimal(str(v))

    def published(values) -> tuple[Amount, ...]:
        """The published "—" (null) is a nil printed on purpose, not a blank."""
        return tuple(Amount(v, nil=v is None) for v in values)

    head = Head(head=record["head"], estimate_year=record["estimate_year"])
    for number, title, *values in record["programmes"]:
        head.programmes.append(
            Programme(str(number), title, "", published(millions(v) for v in values))
        )
    for account, section, code, title, *values in record["subheads"]:
        head.subheads.append(
            Subhead(account, section, code, title, "", published(values))
        )
    return head


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """This worker's LibreOffice, started at its first conversion and kept."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        message = "soffice not found: install Debian's libreoffice-calc-nogui"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing engine fails, never skips
        pytest.skip(message)
    office = LibreOffice(soffice, tmp_path_factory.mktemp("libreoffice"))
    yield office
    office.close()


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory) -> Path:
    """Estimates.xltm, and an .xlsm filled with the Head 135 sample, built once."""
    from addin.build import build_template

    folder = tmp_path_factory.mktemp("template")
    build_template(folder / "Estimates.xltm")
    build_template(folder / "Head135.xlsm", SAMPLE_HEAD_135)
    return folder


@pytest.fixture
def sample_xlsm(template_dir, tmp_path) -> Path:
    """A copy of the macro-enabled Head 135 book that a test may change."""
    target = tmp_path / "Head135.xlsm"
    shutil.copy(template_dir / "Head135.xlsm", target)
    return target


@pytest.fixture(scope="session")
def host_outcomes(tmp_path_factory, libreoffice) -> dict:
    """Issue 9's clerk cases on both hosts, LibreOffice batched (clerk_cases.py)."""
    from .clerk_cases import all_outcomes

    return all_outcomes(tmp_path_factory, libreoffice)
