"""Each service's `<service>-migrate` builds exactly the tables its code declares, beside the
eventing tables (outbox, inbox, erasure ledger, link cut-offs) and (where the service sends
mail) the mail outbox; a second run changes nothing."""

from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData, inspect
from testkit.processes import service_processes

from eventing.tables import metadata as eventing_metadata
from mailing.tables import metadata as mailing_metadata

SERVICES = {
    "assessment": ["companies", "assessments", "follow_ups", "mail_outbox"],
    "reporting": ["reports", "benchmark_scores"],
    "notifications": ["advisors", "meetings", "company_assessments", "mail_outbox"],
}


@pytest.mark.parametrize("service", SERVICES)
def test_migrate_creates_the_tables_as_the_code_declares_them(
    service: str, database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    processes = service_processes(service)
    service_metadata: MetaData = importlib.import_module(f"{service}.adapters.tables").metadata
    declared = [eventing_metadata, service_metadata]
    if processes.more_migrations:
        declared.append(mailing_metadata)

    processes.migrate()
    processes.migrate()

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), declared)
    assert differences == []
    shared = {"outbox", "inbox", "erasure_ledger", "link_cutoffs"}
    assert {*shared, *SERVICES[service]} <= set(inspect(engine).get_table_names())
