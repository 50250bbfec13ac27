"""The sender loop: delivers queued mails, retries temporary failures with backoff.

Run exactly one sender per database. Rows are not locked while they are sent, so a second
sender would deliver the same mails again.

A mail is marked sent only after the relay accepted it, in a transaction of its own; a crash
in between sends it once more (same Message-ID). A temporary failure (relay unreachable,
4xx) leaves it queued with one more attempt, the error and a later due time; a permanent
one (5xx, an address the mail layer cannot write, such as one beyond ASCII stored before the
doors refused them) marks it failed with its reason and it is never tried again, while the
mails behind it go on. Nothing is deleted.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol

from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, Row, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from mailing.message import Mail, build_message
from mailing.outbox import stored_attachments_to_mail
from mailing.smtp import PermanentMailError, TemporaryMailError
from mailing.tables import STATUS_FAILED, STATUS_QUEUED, STATUS_SENT, mail_outbox

logger = logging.getLogger(__name__)

MAILS = Counter("wegweiser_mails", "Mails handed to the SMTP relay, by outcome.", ["outcome"])


class Mailer(Protocol):
    @property
    def mail_from(self) -> str: ...

    def send(self, message: EmailMessage) -> None: ...


class Heartbeat(Protocol):
    """What a liveness file offers (servicekit.health.HealthFile)."""

    def beat(self) -> None: ...


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    relay_unavailable: bool = (
        False  # the pass stopped early: no mail could go out (relay or database away)
    )


class MailSender:
    def __init__(
        self,
        engine: Engine,
        mailer: Mailer,
        *,
        batch_size: int = 50,
        idle_wait_s: float = 0.25,  # how soon a newly queued mail goes out when all is quiet
        first_retry_s: float = 30.0,
        max_retry_s: float = 900.0,  # a mail waits at most this long after the relay is back
        max_pause_s: float = 60.0,  # the loop's longest wait while the relay is unreachable
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self._engine = engine
        self._mailer = mailer
        self._batch_size = batch_size
        self._idle_wait_s = idle_wait_s
        self._first_retry_s = first_retry_s
        self._max_retry_s = max_retry_s
        self._max_pause_s = max_pause_s
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrecy
        # Mails the relay took whose "sent" could not be written yet (the database refused
        # the write): later passes only record them, so they do not go out again.
        self._sent_unrecorded: set[object] = set()

    def run(self, stop: threading.Event, health: Heartbeat | None = None) -> None:
        """Send due mails until `stop` is set; pauses longer while the relay is unreachable."""
        pause_s = self._idle_wait_s
        while not stop.is_set():
            if health is not None:
                health.beat()
            try:
                report = self.send_due_once(stop=stop, health=health)
            except SQLAlchemyError as exc:
                # The mails wait in the database until it is back.
                logger.warning("mail outbox unavailable (%s); retrying", type(exc).__name__)
                report = SendReport(relay_unavailable=True)
            if report.relay_unavailable:
                pause_s = min(max(pause_s * 2, self._idle_wait_s), self._max_pause_s)
                stop.wait(pause_s)
                continue
            pause_s = self._idle_wait_s
            if report == SendReport():
                stop.wait(self._idle_wait_s)

    def send_due_once(
        self, *, stop: threading.Event | None = None, health: Heartbeat | None = None
    ) -> SendReport:
        """Send one batch of due mails, earliest first, and record each outcome."""
        sent = retried = failed = 0
        for row in self._due_rows():
            if stop is not None and stop.is_set():
                break
            if health is not None:
                health.beat()
            if row.id in self._sent_unrecorded:
                self._record_sent(row)
                sent += 1
                continue
            try:
                self._mailer.send(self._message(row))
            except TemporaryMailError as error:
                self._record_retry(row, str(error))
                retried += 1
                if error.relay_unavailable:
                    return SendReport(sent, retried, failed, relay_unavailable=True)
            except (PermanentMailError, ValueError) as error:
                self._record_failure(row, str(error))
                failed += 1
            else:
                self._sent_unrecorded.add(row.id)
                self._record_sent(row)
                sent += 1
        return SendReport(sent, retried, failed)

    def _due_rows(self) -> Sequence[Row[Any]]:
        query = (
            select(mail_outbox)
            .where(
                mail_outbox.c.status == STATUS_QUEUED,
                mail_outbox.c.next_attempt_at <= self._clock(),
            )
            .order_by(mail_outbox.c.next_attempt_at, mail_outbox.c.created_at)
            .limit(self._batch_size)
        )
        with self._engine.connect() as connection:
            return connection.execute(query).all()

    def _message(self, row: Row[Any]) -> EmailMessage:
        mail = Mail(
            dedupe_key=row.dedupe_key,
            to=row.recipient,
            subject=row.subject,
            text=row.text_body,
            html=row.html_body,
            reply_to=row.reply_to,
            attachments=stored_attachments_to_mail(row.attachments),
        )
        return build_message(
            mail, mail_id=row.id, mail_from=self._mailer.mail_from, date=self._clock()
        )

    def _record_sent(self, row: Row[Any]) -> None:
        self._update(
            row,
            status=STATUS_SENT,
            attempts=row.attempts + 1,
            last_error=None,
            sent_at=self._clock(),
        )
        self._sent_unrecorded.discard(row.id)
        MAILS.labels("sent").inc()

    def _record_retry(self, row: Row[Any], error: str) -> None:
        attempts = row.attempts + 1
        delay_s = self.retry_delay_s(attempts)
        self._update(
            row,
            attempts=attempts,
            last_error=error[:2000],
            next_attempt_at=self._clock() + timedelta(seconds=delay_s),
        )
        MAILS.labels("retried").inc()
        # The mail's id only: its recipient and content stay out of the logs.
        logger.warning(
            "mail %s not sent (attempt %d), retry in %.0f s: %s",
            row.id,
            attempts,
            delay_s,
            _reply_code(error),
        )

    def _record_failure(self, row: Row[Any], error: str) -> None:
        self._update(row, status=STATUS_FAILED, attempts=row.attempts + 1, last_error=error[:2000])
        MAILS.labels("failed").inc()
        logger.error("mail %s refused for good, not retried: %s", row.id, _reply_code(error))

    def retry_delay_s(self, attempts: int) -> float:
        """Exponential in the attempts made, capped, with jitter (75-100 %) so mails queued
        together during an outage do not all come back at the same moment."""
        exponent = min(attempts - 1, 30)
        delay = min(self._first_retry_s * 2.0**exponent, self._max_retry_s)
        return delay * self._rng.uniform(0.75, 1.0)

    def _update(self, row: Row[Any], **values: object) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(mail_outbox)
                .where(mail_outbox.c.id == row.id, mail_outbox.c.status == STATUS_QUEUED)
                .values(**values)
            )


class MailOutboxCollector(Collector):
    """Mail backlog read from the database at scrape time, by whichever process serves
    /metrics; an alert on the age of the oldest queued mail catches an SMTP outage."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            with self._engine.connect() as connection:
                queued, oldest = connection.execute(
                    select(func.count(), func.min(mail_outbox.c.created_at)).where(
                        mail_outbox.c.status == STATUS_QUEUED
                    )
                ).one()
                failed = connection.execute(
                    select(func.count()).where(mail_outbox.c.status == STATUS_FAILED)
                ).scalar_one()
        except SQLAlchemyError as exc:
            logger.warning("mail outbox metrics unavailable: %s", type(exc).__name__)
            return
        lag = 0.0 if oldest is None else (datetime.now(UTC) - oldest).total_seconds()
        yield GaugeMetricFamily("wegweiser_mail_queued", "Mails not yet sent.", queued)
        yield GaugeMetricFamily(
            "wegweiser_mail_failed", "Mails the relay refused for good; need a person.", failed
        )
        yield GaugeMetricFamily("wegweiser_mail_lag_seconds", "Age of the oldest queued mail.", lag)


def _reply_code(error: str) -> str:
    """The SMTP reply code, or the exception's name: what the log line may show."""
    head = error.split(" ", 1)[0]
    return head.rstrip(":")
