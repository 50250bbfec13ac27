"""The reporting worker over the real broker: one report per assessment, whatever arrives."""

from __future__ import annotations

import dataclasses
import uuid

from prometheus_client import REGISTRY
from report_helpers import count, outgoing
from sqlalchemy import Engine, select
from testkit.events import scored_event

from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage
from eventing.tables import inbox
from eventing.testing import read_all, to_topic, wait_until
from reporting.adapters.tables import benchmark_scores, reports


def test_a_scored_assessment_becomes_one_report_even_when_delivered_twice(
    start_worker, publisher: KafkaPublisher, topic: str, reporting_engine: Engine, tmp_path
):
    event = scored_event()
    again_later = dataclasses.replace(event, event_id=uuid.uuid4())  # a re-publish, new id
    generated_before = _reports_counted("generated")
    start_worker()

    publisher.send_batch([to_topic(topic, event), to_topic(topic, event)])
    publisher.send_batch([to_topic(topic, again_later)])

    wait_until(lambda: count(reporting_engine, inbox) == 2, timeout_s=60, what="both events")
    [generated] = outgoing(reporting_engine)
    assert generated.event_type == "report.generated"
    assert generated.causation_id == str(event.event_id)
    assert generated.correlation_id == str(event.data["assessment_id"])
    assert generated.data["assessment_id"] == event.data["assessment_id"]
    assert generated.data["pages"] >= 8
    assert count(reporting_engine, reports) == 1
    assert count(reporting_engine, benchmark_scores) == 1  # the example consented
    files = list((tmp_path / "reports").rglob("*.pdf"))
    assert len(files) == 1
    assert files[0].read_bytes().startswith(b"%PDF-")
    # What /metrics of the worker shows: one report, and its render time observed.
    assert _reports_counted("generated") == generated_before + 1
    assert REGISTRY.get_sample_value("wegweiser_report_render_seconds_count") >= 1


def _reports_counted(outcome: str) -> float:
    return REGISTRY.get_sample_value("wegweiser_reports_total", {"outcome": outcome}) or 0.0


def test_a_malformed_event_goes_to_the_dead_letter_queue_and_the_next_is_handled(
    start_worker, publisher, topic, reporting_engine, kafka_settings
):
    good = scored_event()
    broken = OutgoingMessage(
        topic, b"broken", b'{"event_type": "assessment.scored", "version": 1, "data": {}}',
        [("event_type", b"assessment.scored"), ("event_version", b"1")],
    )  # fmt: skip
    start_worker()

    publisher.send_batch([broken, to_topic(topic, good)])

    wait_until(lambda: len(outgoing(reporting_engine)) == 1, timeout_s=60, what="the report")
    [dead] = read_all(kafka_settings, f"{topic}-dlq", expected=1)
    assert dead.key == b"broken"
    assert dict(dead.headers)["dlq.error.class"] == b"InvalidMessage"


def test_a_render_that_never_finishes_in_time_ends_in_report_failed(
    start_worker, publisher, topic, reporting_engine
):
    event = scored_event("plastics")
    start_worker(render_timeout_s=0.01)  # no report renders this fast

    publisher.send_batch([to_topic(topic, event)])

    wait_until(lambda: len(outgoing(reporting_engine)) == 1, timeout_s=90, what="the outcome")
    [failed] = outgoing(reporting_engine)
    assert failed.event_type == "report.failed"
    assert failed.data["attempts"] == 3
    assert "time limit" in failed.data["reason"]
    with reporting_engine.connect() as connection:
        assert connection.execute(select(reports.c.status)).scalar_one() == "failed"
