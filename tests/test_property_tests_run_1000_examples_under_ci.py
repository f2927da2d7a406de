"""Issue 13: under the ``ci`` hypothesis profile the property tests draw at least
1,000 generated examples in all, and under ``dev`` few enough for a quick local run.

Counted from the tests themselves: every ``@given`` test in a test module (its own
``max_examples``, or the profile's when it follows the profile), plus the tests
that draw in seeded shards at run time (the hostile-input property, the
generated-book oracle). A module that draws examples in some other way fails here
until it is counted.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from hypothesis import settings

from . import test_generated_books_equal_the_core as oracle
from . import test_hostile_inputs_property as hostile

TESTS = Path(__file__).parent
SHARDED = {hostile.__name__, oracle.__name__}


def _examples(profile: str) -> tuple[int, dict[str, int]]:
    """Examples drawn under ``profile``, in all and per module."""
    per_module: dict[str, int] = {}
    loaded = settings.default
    for path in sorted(TESTS.glob("test_*.py")):
        if path.name == Path(__file__).name or "given(" not in path.read_text("utf-8"):
            continue
        module = importlib.import_module(f"{__package__}.{path.stem}")
        per_module[module.__name__] = sum(
            _drawn(test, loaded, profile) for test in _property_tests(module)
        )
    shards = hostile.FOLDER_SHARDS + hostile.BOOK_SHARDS
    per_module[hostile.__name__] += shards * settings.get_profile(profile).max_examples
    per_module[oracle.__name__] += oracle.AS_BUILT + oracle.EDITED
    return sum(per_module.values()), per_module


def _property_tests(module) -> list:
    return [v for v in vars(module).values() if getattr(v, "is_hypothesis_test", 0)]


def _drawn(test, loaded, profile: str) -> int:
    """A test's max_examples under ``profile``: its own, or the profile's when its
    settings are the profile that was loaded when it was defined."""
    own = test._hypothesis_internal_use_settings
    if own is loaded:
        return settings.get_profile(profile).max_examples
    return own.max_examples


def test_every_module_that_draws_examples_is_counted():
    _, per_module = _examples("ci")
    uncounted = [name for name, n in per_module.items() if n == 0]
    assert uncounted == [], f"property tests not counted: {uncounted}"
    assert set(per_module) >= SHARDED


def test_the_ci_profile_draws_at_least_1000_examples():
    total, per_module = _examples("ci")
    assert total >= 1000, per_module


def test_the_dev_profile_keeps_the_hostile_inputs_at_about_50():
    shards = hostile.FOLDER_SHARDS + hostile.BOOK_SHARDS
    assert 40 <= settings.get_profile("dev").max_examples * shards <= 60
