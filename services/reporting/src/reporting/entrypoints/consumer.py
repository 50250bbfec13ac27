"""What the reporting service consumes: each scored assessment becomes a PDF report; an
erasure request deletes a company's reports, files and benchmark entries; a revocation of a
company's links ends its older download and export links and issues new download links."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from eventing.inbox import apply_once
from eventing.topics import ASSESSMENT_EVENTS, PRIVACY_EVENTS
from eventing.worker import ConsumerSpec
from privacy.erasure_ledger import erasure_effect, unless_erased
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore
from reporting.adapters.render_process import RenderProcess
from reporting.config import ReportingConfig
from reporting.privacy.erasure import SERVICE, ReportErasure
from reporting.privacy.links import links_revoked
from reporting.services.generate_report import CONSUMER, ReportGeneration
from reporting.services.render_document import RenderDocument
from servicekit.settings import ServiceSettings


def consumer_spec(
    engine: Engine, settings: ServiceSettings, config: ReportingConfig
) -> ConsumerSpec:
    sessions = sessionmaker(engine)
    files = FileReportStore(config.storage_dir)
    links = DownloadLinks(settings.secret_key, settings.public_base_url, config.link_lifetime)
    render = RenderDocument(
        RenderProcess(config.render_timeout_s), files, attempts=config.render_attempts
    )
    generation = ReportGeneration(sessions, render, links, booking_links=config.booking_links)
    erasure = ReportErasure(files)
    return ConsumerSpec(
        name=CONSUMER,
        topics=(ASSESSMENT_EVENTS.name, PRIVACY_EVENTS.name),
        handlers={
            # A replayed or late event about an erased assessment renders and stores nothing.
            ("assessment.scored", 1): erasure.guarded(sessions, generation.handle),
            ("erasure.requested", 1): apply_once(
                sessions, CONSUMER, erasure_effect(SERVICE, erasure.erase)
            ),
            ("company.links_revoked", 1): apply_once(
                sessions, CONSUMER, unless_erased(links_revoked(links))
            ),
        },
        # One record per poll: the next poll comes after one report at most, however many
        # render attempts it takes (bounded in ReportingConfig), well within the group's
        # max_poll_interval, so a busy member is never evicted.
        max_poll_records=1,
    )
