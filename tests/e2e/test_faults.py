"""Faults injected into the running system (shared/research/reliability-security.md section 4):
a process killed mid-work, the broker, the SMTP relay or a database away for a while, and
bad events on every consumed topic. After each, every effect happens exactly once.

The tests share one system (see conftest) and run in file order; the broker restart comes
last, because a restarted Tansu forgets every topic, and the tests before it read topics.
Before each "exactly once" check the system has settled (e2e_helpers.settled): every event
published and consumed, every due mail sent; a duplicate would have shown by then.

One module over 350 lines on purpose: the faults share one running system and run in this order.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime

import requests
from e2e_helpers import (
    Submitted,
    advisor_report_mails,
    consumed,
    eventually,
    header,
    mails_to,
    read_topic,
    rows,
    settled,
    take_the_check,
)
from kafka.consumer.fetcher import ConsumerRecord
from process_tree import cpu_ticks, is_alive, spawned_children
from sqlalchemy import func, select

from devstack.system import System
from eventing.codec import headers_for
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage
from eventing.tables import outbox
from mailing.tables import mail_outbox
from notifications.adapters.tables import company_assessments, meetings
from reporting.adapters.tables import reports
from servicekit.booking_links import BookingLinks
from servicekit.signed_tokens import SigningKeys

PIPELINE_TIMEOUT_S = 60
# Growth of the render process's CPU time (clock ticks, 1/100 s) that means it renders.
RENDERING_TICKS = 5


def _report_rows(system: System, assessment_id: str) -> int:
    query = select(func.count()).where(reports.c.assessment_id == uuid.UUID(assessment_id))
    return rows(system, "reporting", query)[0][0]


def _events(system: System, topic: str, event_type: str, assessment_id: str) -> list:
    return [
        record
        for record in read_topic(system, topic)
        if record.key == assessment_id.encode() and header(record, "event_type") == event_type
    ]


def _wait_for_advisor_mail(system: System, company: Submitted, timeout_s: float) -> None:
    eventually(
        lambda: advisor_report_mails(system, company.company_name),
        timeout_s,
        f"the advisor mail about {company.company_name}",
    )


# --- (a) the reporting worker SIGKILLed while it renders ---------------------------------


def _render_process(worker_pid: int) -> int:
    """The reporting worker's long-lived WeasyPrint child (multiprocessing spawn)."""
    renderer = _renderer(worker_pid)
    assert renderer is not None, f"no render process under the reporting worker {worker_pid}"
    return renderer


def test_a_reporting_worker_killed_mid_render_makes_one_report_after_restart(system: System):
    worker = system.processes["reporting-worker"]
    # The render process starts with the first render and then stays; start it.
    warm_up = take_the_check(system, "Vorlauf")
    _wait_for_advisor_mail(system, warm_up, PIPELINE_TIMEOUT_S)
    renderer = _render_process(worker.pid)
    idle_ticks = cpu_ticks(renderer)

    company = take_the_check(system, "Abbruch")
    # The renderer's CPU time grows only while it renders a document: kill right then.
    eventually(
        lambda: cpu_ticks(renderer) >= idle_ticks + RENDERING_TICKS, 30, "a render in flight"
    )
    worker.kill()
    try:
        assert _report_rows(system, company.assessment_id) == 0  # killed before its effect
        # SIGKILL reaches the whole process group, but a busy machine may take a moment to
        # schedule the render process so that it can die.
        eventually(lambda: not is_alive(renderer), 10, "the render gone with its worker")
    finally:
        worker.start()  # the tests after this one need the worker
    _wait_for_advisor_mail(system, company, PIPELINE_TIMEOUT_S)
    settled(system)
    assert _report_rows(system, company.assessment_id) == 1
    assert len(_events(system, "report-events", "report.generated", company.assessment_id)) == 1
    assert len(advisor_report_mails(system, company.company_name)) == 1


# --- (a') two reporting workers in one group, the one rendering killed -------------------


def _renderer(worker_pid: int) -> int | None:
    """None while the worker has not rendered yet."""
    return next(iter(spawned_children(worker_pid)), None)


def test_of_two_reporting_workers_the_other_takes_over_a_killed_render_once(system: System):
    first = system.processes["reporting-worker"]
    second = system.add_member("reporting-worker-2", like="reporting-worker")
    workers = (first, second)
    try:
        # Each worker starts its render process with its first render; companies whose keys
        # fall on both workers' partitions start both.
        for n in range(20):
            if all(_renderer(worker.pid) for worker in workers):
                break
            _wait_for_advisor_mail(system, take_the_check(system, f"Gruppe {n}"), 60)
        renderers = {worker.name: _renderer(worker.pid) for worker in workers}
        assert all(renderers.values()), f"a worker never rendered: {renderers}"
        settled(system)
        idle = {name: cpu_ticks(pid) for name, pid in renderers.items() if pid}

        company = take_the_check(system, "Übernahme")

        def rendering() -> str | None:
            return next(
                (
                    name
                    for name, pid in renderers.items()
                    if pid and cpu_ticks(pid) >= idle[name] + RENDERING_TICKS
                ),
                None,
            )

        victim = system.processes[eventually(rendering, 30, "a render in flight")]
        victim.kill()
        assert _report_rows(system, company.assessment_id) == 0  # killed before its effect
        # The group hands the dead member's partitions to the other after its session
        # timeout; nothing is started again here.
        _wait_for_advisor_mail(system, company, PIPELINE_TIMEOUT_S)
        settled(system)
        assert _report_rows(system, company.assessment_id) == 1
        assert len(_events(system, "report-events", "report.generated", company.assessment_id)) == 1
        assert len(advisor_report_mails(system, company.company_name)) == 1
        assert len(mails_to(system, company.contact_email, "Ihre Potenzialanalyse")) == 1
    finally:
        system.remove("reporting-worker-2")
        if not first.is_running():
            first.start()


# --- (c) the SMTP relay away for a while -----------------------------------------------


def _queued_with_attempts(system: System, service: str, recipient: str) -> bool:
    query = select(mail_outbox.c.attempts).where(
        mail_outbox.c.recipient == recipient, mail_outbox.c.status == "queued"
    )
    return any(row.attempts >= 1 for row in rows(system, service, query))


def test_mails_queued_while_smtp_is_down_go_out_once_it_is_back(system: System):
    system.smtp.stop()
    try:
        company = take_the_check(system, "Funkstille")
        # Both mailers tried while the relay was away: the resume link (assessment) and
        # the report mail to the company (notifications, once the report exists).
        eventually(
            lambda: (
                _queued_with_attempts(system, "assessment", company.contact_email)
                and _queued_with_attempts(system, "notifications", company.contact_email)
            ),
            PIPELINE_TIMEOUT_S,
            "failed delivery attempts of both mailers",
        )
    finally:
        system.smtp.start()

    # A mail whose attempt failed waits 22-30 s (mailing.sender's first retry, with jitter).
    eventually(
        lambda: (
            len(mails_to(system, company.contact_email)) == 2
            and advisor_report_mails(system, company.company_name)
        ),
        60,
        "the resume mail, the company's report mail and the advisor's report mail",
    )
    settled(system)
    delivered = mails_to(system, company.contact_email) + advisor_report_mails(
        system, company.company_name
    )
    assert len(delivered) == 3
    assert len({message["Message-ID"] for message in delivered}) == 3
    for service in ("assessment", "notifications"):
        query = select(mail_outbox.c.status).where(mail_outbox.c.recipient == company.contact_email)
        assert [row.status for row in rows(system, service, query)] == ["sent"]


# --- (d) a service's database unavailable for a while ----------------------------------


def _notifications_database(system: System) -> str:
    return system.database_urls["notifications"].removeprefix("sqlite:///")


def test_a_consumer_retries_while_its_database_is_locked_and_skips_nothing(system: System):
    """SQLite's way of being unavailable: another connection holds the write lock longer
    than the services' busy timeout (30 s), so the notifications worker's writes fail with
    "database is locked" (OperationalError), a transient error it must retry."""
    worker = system.processes["notifications-worker"]
    retries_before = worker.log_text().count("will retry")
    blocker = sqlite3.connect(_notifications_database(system), isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # in WAL mode: no other writer, readers go on
        companies = [take_the_check(system, f"Sperre {n}") for n in range(3)]
        eventually(
            lambda: worker.log_text().count("will retry") > retries_before,
            PIPELINE_TIMEOUT_S,
            "the notifications worker failing on the locked database",
        )
        assert "OperationalError" in worker.log_text()
    finally:
        blocker.rollback()
        blocker.close()

    for company in companies:
        _wait_for_advisor_mail(system, company, PIPELINE_TIMEOUT_S)
    settled(system)
    for company in companies:
        assert len(advisor_report_mails(system, company.company_name)) == 1
        assert len(mails_to(system, company.contact_email, "Ihre Potenzialanalyse")) == 1
        query = select(company_assessments.c.assessment_id).where(
            company_assessments.c.assessment_id == uuid.UUID(company.assessment_id)
        )
        assert len(rows(system, "notifications", query)) == 1
    dead = [
        record
        for topic in ("assessment-events-dlq", "report-events-dlq")
        for record in read_topic(system, topic)
        if header(record, "dlq.consumer") == "notifications"
    ]
    assert dead == []
    assert all(process.is_running() for process in system.processes.values())


# --- (e) duplicate, malformed and unknown-version events on every consumed topic --------

# topic -> the event to repeat and spoil, and the consumer processes that read the topic
CONSUMED = {
    "assessment-events": ("assessment.scored", ("reporting", "notifications")),
    "report-events": ("report.generated", ("notifications", "assessment")),
    "meeting-events": ("meeting.booked", ("assessment",)),
}


def _book_a_meeting(system: System, company: Submitted) -> None:
    """As the company's booking link does (the assessment service signs it)."""
    links = BookingLinks(
        system.url("notifications"), SigningKeys(system.env["BOOKING_LINK_SECRET"])
    )
    url = links.url(uuid.UUID(company.assessment_id), datetime.now(UTC))
    bearer = {"Authorization": f"Bearer {url.rpartition('/book/')[2]}"}
    api = f"{system.url('notifications')}/api/v1"
    [slot, *_] = requests.get(f"{api}/slots", headers=bearer, timeout=30).json()
    booked = requests.post(
        f"{api}/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=bearer,
        timeout=30,
    )
    assert booked.status_code == 201, booked.text


def _unknown_version(original: ConsumerRecord, topic: str) -> OutgoingMessage:
    envelope = json.loads(original.value)
    envelope |= {"version": 9, "event_id": str(uuid.uuid4())}
    headers = headers_for(envelope["event_type"], 9, envelope["event_id"])
    return OutgoingMessage(topic, original.key, json.dumps(envelope).encode(), headers)


def _outcomes(system: System, outcome: str) -> dict[tuple[str, str], float]:
    return {
        (consumer, event_type): consumed(system, f"{consumer}-worker", event_type, outcome)
        for event_type, consumers in CONSUMED.values()
        for consumer in consumers
    }


def _effects(system: System, company: Submitted) -> tuple[int, ...]:
    assessment_id = uuid.UUID(company.assessment_id)
    return (
        _report_rows(system, company.assessment_id),
        len(rows(system, "notifications", select(mail_outbox.c.id))),
        len(
            rows(
                system,
                "notifications",
                select(meetings).where(meetings.c.assessment_id == assessment_id),
            )
        ),
        len(system.smtp.paths()),
    )


def test_bad_events_on_every_topic_are_handled_once_or_dead_lettered(system: System):
    company = take_the_check(system, "Störfall")
    _wait_for_advisor_mail(system, company, PIPELINE_TIMEOUT_S)
    _book_a_meeting(system, company)
    originals = {
        topic: eventually(
            lambda topic=topic, event_type=event_type: _events(
                system, topic, event_type, company.assessment_id
            ),
            PIPELINE_TIMEOUT_S,
            f"{event_type} on {topic}",
        )[0]
        for topic, (event_type, _) in CONSUMED.items()
    }
    # Everything the meeting causes is done: the invitations are out.
    eventually(
        lambda: mails_to(system, company.contact_email, "Ihr Transformationsgespräch"),
        PIPELINE_TIMEOUT_S,
        "the company's invitation",
    )
    settled(system)
    effects_before = _effects(system, company)
    duplicates_before = _outcomes(system, "duplicate")

    malformed_key = f"malformed-{uuid.uuid4()}".encode()
    messages = []
    for topic, original in originals.items():
        messages += [
            OutgoingMessage(topic, original.key, original.value, list(original.headers)),
            OutgoingMessage(topic, malformed_key, b'{"event_id": "cut off', []),
            _unknown_version(original, topic),
        ]
    publisher = KafkaPublisher(system.kafka)
    try:
        assert publisher.send_batch(messages) == [None] * len(messages)
    finally:
        publisher.close()

    # Each consumer handles the repeat as a duplicate ...
    expected = {key: count + 1 for key, count in duplicates_before.items()}
    eventually(lambda: _outcomes(system, "duplicate") == expected, PIPELINE_TIMEOUT_S, "duplicates")
    # ... and dead-letters the other two, saying why.
    for topic, (event_type, consumers) in CONSUMED.items():

        def dead_letters(topic: str = topic) -> list[ConsumerRecord]:
            return [
                record
                for record in read_topic(system, f"{topic}-dlq")
                if record.key in (malformed_key, originals[topic].key)
            ]

        found = eventually(
            lambda dead_letters=dead_letters, consumers=consumers: (
                len(dead_letters()) >= 2 * len(consumers)
            ),
            PIPELINE_TIMEOUT_S,
            f"dead letters on {topic}-dlq",
        )
        del found
        reasons = sorted(
            (
                header(record, "dlq.consumer"),
                header(record, "dlq.error.class"),
                (header(record, "dlq.error.message") or "").split(":")[0],
                header(record, "dlq.original.topic"),
            )
            for record in dead_letters()
        )
        assert reasons == sorted(
            (consumer, "InvalidMessage", message, topic)
            for consumer in consumers
            for message in ("not JSON", f"unknown version 9 of {event_type}")
        )
    settled(system)
    assert _effects(system, company) == effects_before


# --- (b) the broker stopped while companies submit -------------------------------------


def _relay_attempts(system: System) -> int:
    """Failed publish attempts of the assessment relay, on the rows it could not send."""
    return rows(system, "assessment", select(func.coalesce(func.sum(outbox.c.attempts), 0)))[0][0]


def test_submissions_while_the_broker_is_killed_flow_once_it_is_back(system: System):
    system.broker.kill()  # SIGKILL, as a crash or an out-of-memory kill would
    try:
        companies = [take_the_check(system, f"Ausfall {n}") for n in range(3)]
        assert [company.submit_status for company in companies] == [200, 200, 200]
        eventually(lambda: _relay_attempts(system) > 0, 30, "the relay failing to publish")
    finally:
        # Apache Kafka starts again on its log directory; Tansu starts empty (every topic,
        # record and committed offset gone).
        system.broker.start()

    for company in companies:
        _wait_for_advisor_mail(system, company, 120)
    settled(system)
    for company in companies:
        assert _report_rows(system, company.assessment_id) == 1
        assert len(advisor_report_mails(system, company.company_name)) == 1
        assert len(mails_to(system, company.contact_email, "Ihre Potenzialanalyse")) == 1
    assert all(process.is_running() for process in system.processes.values())
