"""The production database going away while events flow: every service on PostgreSQL, its
connections terminated by the server, then the server restarted. Every relay, consumer and
mailer recovers; nothing is lost or done twice.

Needs TEST_DATABASE_URL (CI sets it): a PostgreSQL server on this machine, which the test
restarts with Debian's pg_ctlcluster as root, as .ci/postgresql started it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator

import pytest
from e2e_helpers import (
    Submitted,
    advisor_report_mails,
    eventually,
    mails_to,
    rows,
    settled,
    take_the_check,
)
from sqlalchemy import create_engine, func, make_url, select, text

from devstack.dev_settings import SERVICES
from devstack.pytest_plugin import broker_kind
from devstack.system import System
from reporting.adapters.tables import reports
from servicekit.db import make_engine

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
PIPELINE_TIMEOUT_S = 90

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs TEST_DATABASE_URL")


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    """The whole system with each service's database in a schema of its own."""
    schemas = {service: f"e2e_{service}_{uuid.uuid4().hex[:8]}" for service in SERVICES}
    admin = make_engine(TEST_DATABASE_URL)  # its pooled connection is terminated too
    with admin.begin() as connection:
        for schema in schemas.values():
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    urls = {
        service: f"{TEST_DATABASE_URL}{separator}options=-csearch_path%3D{schema}"
        for service, schema in schemas.items()
    }
    try:
        with System(
            tmp_path_factory.mktemp("system-postgresql"),
            database_urls=urls,
            broker_kind=broker_kind(),
        ) as system:
            system.run_tool(["notifications-seed"])
            yield system
    finally:
        with admin.begin() as connection:
            for schema in schemas.values():
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _terminate_connections() -> int:
    """What an operator's pg_terminate_backend (or a fail-over) does to every service."""
    admin = create_engine(TEST_DATABASE_URL)
    try:
        with admin.begin() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).all()
            )
    finally:
        admin.dispose()


def _restart_server() -> None:
    port = make_url(TEST_DATABASE_URL).port or 5432
    if shutil.which("pg_lsclusters") is None:
        raise AssertionError("restarting PostgreSQL needs Debian's pg_ctlcluster (postgresql)")
    clusters = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    [(version, name)] = [
        (line.split()[0], line.split()[1])
        for line in clusters
        if line.split() and line.split()[2] == str(port)
    ]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
        check=True,
        timeout=120,
    )


def _exactly_once(system: System, companies: list[Submitted]) -> None:
    for company in companies:
        eventually(
            lambda company=company: advisor_report_mails(system, company.company_name),
            PIPELINE_TIMEOUT_S,
            f"the advisor mail about {company.company_name}",
        )
    settled(system, PIPELINE_TIMEOUT_S)
    for company in companies:
        query = select(func.count()).where(
            reports.c.assessment_id == uuid.UUID(company.assessment_id)
        )
        assert rows(system, "reporting", query)[0][0] == 1
        assert len(advisor_report_mails(system, company.company_name)) == 1
        assert len(mails_to(system, company.contact_email, "Ihre Potenzialanalyse")) == 1
        assert (
            len(
                mails_to(
                    system,
                    company.contact_email,
                    "Ihr Wegweiser Transformations-Check: Link zum Weitermachen",
                )
            )
            == 1
        )
    assert [name for name, process in system.processes.items() if not process.is_running()] == []


def test_connections_terminated_while_events_flow_lose_and_double_nothing(system: System):
    companies = [take_the_check(system, f"Trennung {n}") for n in range(3)]
    # While the first ones are relayed, rendered and mailed, every connection is cut.
    assert _terminate_connections() > 0
    companies += [take_the_check(system, f"Trennung danach {n}") for n in range(2)]

    _exactly_once(system, companies)


def test_a_restarted_database_server_loses_and_doubles_nothing(system: System):
    companies = [take_the_check(system, f"Neustart {n}") for n in range(3)]
    _restart_server()  # meanwhile every relay, worker and mailer loses its connections
    companies += [take_the_check(system, f"Neustart danach {n}") for n in range(2)]

    _exactly_once(system, companies)
