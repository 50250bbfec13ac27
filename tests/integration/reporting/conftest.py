"""Fixtures of the reporting tests: a migrated database, the renderer, the worker."""

from __future__ import annotations

import dataclasses
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest
from report_helpers import BOOKING_LINK_SECRET, PUBLIC_URL, SECRET
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from eventing.kafka_publisher import KafkaPublisher
from eventing.kafka_settings import KafkaSettings
from eventing.testing import fresh_topic, running
from eventing.worker import ConsumerWorker
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore
from reporting.adapters.render_process import RenderProcess
from reporting.config import ReportingConfig
from reporting.entrypoints.cli import processes
from reporting.entrypoints.consumer import consumer_spec
from reporting.services.generate_report import ReportGeneration
from reporting.services.render_document import RenderDocument
from servicekit.booking_links import BookingLinks
from servicekit.db import make_engine
from servicekit.settings import ServiceSettings
from servicekit.signed_tokens import SigningKeys


@pytest.fixture(autouse=True)
def _poppler() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.fail("poppler-utils (pdftotext, pdftoppm) are needed to check the PDFs")


@pytest.fixture
def migrated(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The database brought up to date by the `reporting-migrate` console script's code."""
    monkeypatch.setenv("REPORTING_DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", SECRET)
    processes.migrate()
    return database_url


@pytest.fixture
def reporting_engine(migrated: str) -> Iterator[Engine]:
    engine = make_engine(migrated)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def render_process() -> Iterator[RenderProcess]:
    """One warm render process for the whole session, as the worker keeps one."""
    process = RenderProcess(timeout_s=60)
    yield process
    process.close()


@pytest.fixture
def links() -> DownloadLinks:
    return DownloadLinks(SigningKeys(SECRET), PUBLIC_URL, timedelta(days=90))


@pytest.fixture
def storage(tmp_path: Path) -> FileReportStore:
    return FileReportStore(tmp_path / "reports")


@pytest.fixture
def generation(
    reporting_engine: Engine,
    render_process: RenderProcess,
    storage: FileReportStore,
    links: DownloadLinks,
) -> ReportGeneration:
    return ReportGeneration(
        sessionmaker(reporting_engine),
        RenderDocument(render_process, storage, attempts=3),
        links,
        booking_links=BookingLinks("http://book.test", SigningKeys(BOOKING_LINK_SECRET)),
    )


@pytest.fixture
def topic(kafka_settings: KafkaSettings) -> str:
    """A stand-in for assessment-events, so tests never see each other's events."""
    return fresh_topic(kafka_settings, "test-assessments")


@pytest.fixture
def start_worker(
    migrated: str,
    reporting_engine: Engine,
    kafka_settings: KafkaSettings,
    publisher: KafkaPublisher,
    topic: str,
    tmp_path: Path,
) -> Iterator[Callable[..., None]]:
    """Start the reporting worker as `reporting-worker` builds it, on the test's topic."""

    def start(render_timeout_s: float = 60) -> None:
        settings = ServiceSettings.from_env(
            "reporting", {"REPORTING_DATABASE_URL": migrated, "SECRET_KEY": SECRET}
        )
        config = ReportingConfig(
            booking_links=BookingLinks(
                "http://notifications.test", SigningKeys(BOOKING_LINK_SECRET)
            ),
            storage_dir=tmp_path / "reports",
            render_timeout_s=render_timeout_s,
        )
        spec = consumer_spec(reporting_engine, settings, config)
        spec = dataclasses.replace(spec, name=f"reporting-{uuid.uuid4().hex[:8]}", topics=(topic,))
        workers.enter_context(
            running(ConsumerWorker(spec, kafka_settings, publisher).run, spec.name)
        )

    with ExitStack() as workers:
        yield start
