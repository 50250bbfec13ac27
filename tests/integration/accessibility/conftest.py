"""Fixtures of the accessibility tests: the three services served over real HTTP on loopback
ports, each on a database of its own, linking to one another as in production (the result
page's booking link leads to the served notifications app), for a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from accessibility_helpers import Services, served_services


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with served_services(tmp_path) as served:
        yield served
