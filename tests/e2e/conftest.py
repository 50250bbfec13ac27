"""The whole system for the end-to-end tests: one per test module, with the demo advisors.

One system per module rather than per test: starting it (broker, SMTP sink, three
migrations, eleven processes) takes ~10 s on two cores. Each test works with companies of
its own, so tests of one module do not see each other's data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devstack.pytest_plugin import broker_kind
from devstack.system import System


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    with System(tmp_path_factory.mktemp("system"), broker_kind=broker_kind()) as system:
        system.run_tool(["notifications-seed"])  # advisors with weekly hours
        yield system


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[None] | pytest.TestReport:
    """A failed test shows where each service process stood, since its logs live in a
    temporary folder that a CI run on a clean machine does not keep."""
    report: pytest.TestReport = yield
    system = getattr(item, "funcargs", {}).get("system")
    if report.when == "call" and report.failed and isinstance(system, System):
        for name, process in system.processes.items():
            report.sections.append((f"log of {name}", process.where_it_stands()))
    return report
