"""Fixtures of the reporting tests: a migrated database, the renderer, scored events."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from report_helpers import BOOKING_LINK_SECRET, PUBLIC_URL, SECRET
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore
from reporting.adapters.render_process import RenderProcess
from reporting.entrypoints import processes
from reporting.generation import ReportGeneration
from servicekit.db import make_engine


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
    return DownloadLinks(SECRET, PUBLIC_URL, timedelta(days=90))


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
        render_process,
        storage,
        links,
        booking_base_url="http://book.test",
        booking_link_secret=BOOKING_LINK_SECRET,
        attempts=3,
    )
