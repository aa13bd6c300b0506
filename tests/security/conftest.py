"""The attack suite (issue #17): every test under tests/security/ carries the `security` marker,
so `pytest -m security` runs it alone."""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.security)
