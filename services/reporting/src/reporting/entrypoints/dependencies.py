"""What the web views use, built once by the app factory (reporting.web) and kept in
`app.extensions["reporting"]`, so the module-level blueprint's views bring nothing along."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore

EXTENSION = "reporting"


@dataclass(frozen=True)
class WebDependencies:
    links: DownloadLinks
    files: FileReportStore


def web_dependencies() -> WebDependencies:
    """The current app's dependencies (inside a request)."""
    dependencies: WebDependencies = current_app.extensions[EXTENSION]
    return dependencies
