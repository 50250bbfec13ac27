"""What the reporting service consumes: each scored assessment becomes a PDF report."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from eventing.topics import ASSESSMENT_EVENTS
from eventing.worker import ConsumerSpec
from reporting.adapters.download_links import DownloadLinks
from reporting.adapters.file_store import FileReportStore
from reporting.adapters.render_process import RenderProcess
from reporting.config import ReportingConfig
from reporting.generation import CONSUMER, ReportGeneration
from servicekit.settings import ServiceSettings


def consumer_spec(
    engine: Engine, settings: ServiceSettings, config: ReportingConfig
) -> ConsumerSpec:
    generation = ReportGeneration(
        sessionmaker(engine),
        RenderProcess(config.render_timeout_s),
        FileReportStore(config.storage_dir),
        DownloadLinks(settings.secret_key, settings.public_base_url, config.link_lifetime),
        booking_base_url=config.notifications_base_url,
        booking_link_secret=config.booking_link_secret,
        attempts=config.render_attempts,
    )
    return ConsumerSpec(
        name=CONSUMER,
        topics=(ASSESSMENT_EVENTS.name,),
        handlers={("assessment.scored", 1): generation.handle},
        # One record per poll: the next poll comes after one report at most, however many
        # render attempts it takes (bounded in ReportingConfig), well within the group's
        # max_poll_interval, so a busy member is never evicted.
        max_poll_records=1,
    )
