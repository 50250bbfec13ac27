"""Outbox relay throughput against a bare producer, and event latency, on a real broker.

`make bench` (or `python -m bench.eventing` from the repository root) measures on each local
broker in turn, Tansu and Apache Kafka (where Java is; `make kafka` fetches it), each with its
client profile, and writes both side by side into bench/results/eventing.json; with
KAFKA_BOOTSTRAP_SERVERS set it measures that broker only (KAFKA_PROFILE applies, as in the
tests).

Throughput is a ratio measured side by side in one run, never a bare timing: the relay and a
bare kafka-python producer send byte for byte the same events to the same broker in
alternating rounds, so a slow or busy machine moves both figures alike. Latency is measured
at a low rate, where it shows the fetch and idle waits rather than the load.

The database must be a scratch one: the bench creates the outbox tables and rewrites every
outbox row. Never point --database-url at a service's database.

One module over 350 lines: the relay and its bare producer must be driven alike, so they
sit together.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import logging
import os
import platform
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import version
from inspect import signature
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from sqlalchemy import Engine, delete, func, insert, make_url, select

from bench.figures import describe_percentiles, percentiles, say, verdict, write_results
from devstack.local_kafka import Broker, default_kind, local_broker
from devstack.ports import free_port
from eventing.admin import ensure_topics
from eventing.codec import HEADER_EVENT_ID, decode, headers_for
from eventing.envelope import Envelope
from eventing.examples import all_examples
from eventing.kafka_publisher import KafkaPublisher, OutgoingMessage
from eventing.kafka_settings import KafkaSettings
from eventing.outbox import OutboxRelay, add_to_outbox
from eventing.tables import metadata, outbox
from eventing.testing import running
from eventing.topics import ASSESSMENT_EVENTS
from eventing.worker import ConsumerSpec, ConsumerWorker
from servicekit.db import make_engine

TARGETS = {"relay_ratio": 0.7, "publish_to_handler_p50_ms": 50.0}
DEFAULT_OUT = Path("bench/results/eventing.json")
EVENT = ("assessment.scored", 1)
# Generous: reading back 20 000 large events or a consumer group join can take a while.
READ_TIMEOUT_S = 120.0
ARRIVAL_TIMEOUT_S = 60.0


class BenchError(RuntimeError):
    """The measurement is invalid (lost, duplicated or failed sends); no figures are written."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.eventing", description=__doc__)
    parser.add_argument("--events", type=int, default=20_000, help="events per throughput run")
    parser.add_argument("--rounds", type=int, default=3, help="bare/relay pairs to run")
    parser.add_argument(
        "--latency-events", type=int, default=200, help="events per latency measurement"
    )
    parser.add_argument("--rate", type=float, default=20.0, help="latency send rate, events/s")
    parser.add_argument(
        "--database-url",
        help="a scratch database for the outbox (default: a SQLite file in a temp dir)",
    )
    parser.add_argument(
        "--brokers",
        nargs="+",
        choices=("tansu", "apache"),
        default=["tansu", "apache"] if default_kind() == "apache" else ["tansu"],
        help="the local brokers to measure on, one after the other",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.events < 1 or args.rounds < 1 or args.latency_events < 2 or args.rate <= 0:
        parser.error("need --events >= 1, --rounds >= 1, --latency-events >= 2, --rate > 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # kafka-python times its I/O thread's steps by the wall clock; on 2 busy cores the GIL
    # makes steps "slow" and every run would print dozens of these warnings.
    logging.getLogger("kafka.net.selector").setLevel(logging.ERROR)
    templates = scored_templates()
    kinds = ["external"] if os.environ.get("KAFKA_BOOTSTRAP_SERVERS") else args.brokers
    reports = {kind: measure_on(kind, args, templates) for kind in kinds}
    write_results({"brokers": reports}, args.out)
    for kind, report in reports.items():
        say(summary(kind, report))
    say(f"Wrote {args.out}")
    return 0  # a benchmark, not a test: missing a target is reported, not failed


def measure_on(
    kind: str, args: argparse.Namespace, templates: Sequence[Envelope]
) -> dict[str, Any]:
    """Every figure on one broker, with a fresh outbox database."""
    with (
        tempfile.TemporaryDirectory(prefix="wegweiser-bench-") as work_dir,
        kafka(kind, Path(work_dir)) as (settings, broker),
    ):
        database_url = args.database_url or f"sqlite:///{Path(work_dir) / 'bench.sqlite3'}"
        engine = make_engine(database_url)
        try:
            metadata.create_all(engine)
            with engine.begin() as connection:
                connection.execute(delete(outbox))
            ensure_topics(settings)
            throughput = measure_throughput(settings, engine, templates, args.events, args.rounds)
            latency = measure_latency(settings, engine, templates, args.latency_events, args.rate)
        finally:
            engine.dispose()
        memory = {
            "bench_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "broker": process_memory(broker.pid) if broker and broker.pid else None,
        }
    return build_report(args, kind, settings, throughput, latency, memory)


# --- broker and events ---------------------------------------------------------------------


@contextmanager
def kafka(kind: str, work_dir: Path) -> Iterator[tuple[KafkaSettings, Broker | None]]:
    """The broker to measure against: the one in the environment, else one of our own."""
    if kind == "external":
        yield KafkaSettings.from_env(os.environ, client_id="bench"), None
        return
    with local_broker(kind, free_port(), log_dir=work_dir) as broker:
        yield (
            KafkaSettings(broker.bootstrap_servers, profile=broker.profile, client_id="bench"),
            broker,
        )


def scored_templates() -> list[Envelope]:
    templates = [
        decode(example.raw)
        for example in all_examples()
        if example.name.startswith(f"{EVENT[0]}.v{EVENT[1]}.")
    ]
    if not templates:
        raise BenchError(f"no {EVENT[0]} v{EVENT[1]} examples to build events from")
    return templates


def fresh_event(templates: Sequence[Envelope], index: int) -> Envelope:
    """A copy of an example with its own ids: keys spread over partitions as real ones do."""
    template = templates[index % len(templates)]
    assessment_id = uuid.uuid4()
    return dataclasses.replace(
        template,
        event_id=uuid.uuid4(),
        occurred_at=datetime.now(UTC),
        correlation_id=str(assessment_id),
        data={**template.data, "assessment_id": assessment_id},
    )


@contextmanager
def fresh_topic(settings: KafkaSettings, label: str) -> Iterator[str]:
    """A topic of its own per run, so counting it needs no offsets; deleted afterwards
    because Tansu keeps every record in memory until then."""
    name = f"bench-{label}-{uuid.uuid4().hex[:8]}"
    ensure_topics(settings, {name: ASSESSMENT_EVENTS.partitions})
    try:
        yield name
    finally:
        admin = KafkaAdminClient(**settings.admin())
        try:
            admin.delete_topics([name])
        finally:
            admin.close()


def event_ids_on(settings: KafkaSettings, topic: str, expected: int) -> list[bytes]:
    """The event-id header of every record on the topic, read from its start without a group.

    Counted by reading because Tansu's end offsets are off by up to a batch
    (shared/research/tansu-broker.md); only the header is kept, not the large values.
    """
    consumer = KafkaConsumer(
        topic,
        **settings.common(),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        fetch_max_wait_ms=20,
    )
    ids: list[bytes] = []
    deadline = time.monotonic() + READ_TIMEOUT_S
    try:
        while len(ids) < expected and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=200).values():
                ids.extend(dict(record.headers).get(HEADER_EVENT_ID, b"") for record in records)
        # Duplicates, if there are any, arrive within one more short poll.
        for records in consumer.poll(timeout_ms=500).values():
            ids.extend(dict(record.headers).get(HEADER_EVENT_ID, b"") for record in records)
    finally:
        consumer.close(autocommit=False)
    return ids


def check_delivered(
    settings: KafkaSettings, topic: str, messages: Sequence[OutgoingMessage]
) -> None:
    expected = sorted(dict(message.headers)[HEADER_EVENT_ID] for message in messages)
    found = sorted(event_ids_on(settings, topic, len(expected)))
    if found != expected:
        raise BenchError(
            f"{topic}: expected {len(expected)} distinct events, found {len(found)} records "
            f"of {len(set(found))} events"
        )


# --- throughput ----------------------------------------------------------------------------


def measure_throughput(
    settings: KafkaSettings, engine: Engine, templates: Sequence[Envelope], count: int, rounds: int
) -> dict[str, Any]:
    say(f"Storing {count} events in the outbox (encoding a scored event takes a few ms) ...")
    stored, messages = encode_once(engine, templates, count)
    bare_rates, relay_rates = [], []
    for round_number in range(1, rounds + 1):
        # Alternating, so drift (a broker filling up, a busy neighbour) hits both alike.
        with fresh_topic(settings, f"bare-{round_number}") as topic:
            elapsed = run_bare(settings, messages, topic)
            check_delivered(settings, topic, messages)
        bare_rates.append(count / elapsed)
        with fresh_topic(settings, f"relay-{round_number}") as topic:
            elapsed = run_relay(engine, settings, topic, stored)
            check_delivered(settings, topic, messages)
        relay_rates.append(count / elapsed)
        say(
            f"  round {round_number}: bare {bare_rates[-1]:,.0f} events/s, "
            f"relay {relay_rates[-1]:,.0f} events/s, ratio {relay_rates[-1] / bare_rates[-1]:.2f}"
        )
    ratios = [relay / bare for relay, bare in zip(relay_rates, bare_rates, strict=True)]
    return {
        "events_per_run": count,
        "mean_value_bytes": round(statistics.fmean(len(message.value) for message in messages)),
        "bare_events_per_s": [round(rate) for rate in bare_rates],
        "relay_events_per_s": [round(rate) for rate in relay_rates],
        "ratio_per_round": [round(ratio, 3) for ratio in ratios],
        "bare_median_events_per_s": round(statistics.median(bare_rates)),
        "relay_median_events_per_s": round(statistics.median(relay_rates)),
        "relay_ratio": round(statistics.median(ratios), 3),
    }


def encode_once(
    engine: Engine, templates: Sequence[Envelope], count: int
) -> tuple[list[dict[str, Any]], list[OutgoingMessage]]:
    """Outbox rows as add_to_outbox writes them, and the same events as the relay sends them.

    Each event is encoded once, here (the codec validates by a round trip: ~3 ms for a scored
    event, a minute for 20 000). The bare producer sends these bytes with the same key and
    headers; each relay round stores the same rows again instead of encoding again.
    """
    with engine.begin() as connection:
        for index in range(count):
            add_to_outbox(connection, fresh_event(templates, index))
    with engine.begin() as connection:
        rows = connection.execute(select(outbox).order_by(outbox.c.seq)).all()
        connection.execute(delete(outbox))
    stored = [{k: v for k, v in row._mapping.items() if k != "seq"} for row in rows]
    return stored, [
        OutgoingMessage(
            topic=row.topic,
            key=row.message_key.encode(),
            value=row.payload.encode(),
            headers=headers_for(row.event_type, row.version, row.event_id),
        )
        for row in rows
    ]


def run_bare(settings: KafkaSettings, messages: Sequence[OutgoingMessage], topic: str) -> float:
    """Seconds from the first send to the return of flush, with the relay's producer config."""
    producer = KafkaProducer(**settings.producer())
    try:
        started = time.perf_counter()
        futures = [
            producer.send(topic, key=message.key, value=message.value, headers=message.headers)
            for message in messages
        ]
        producer.flush()
        elapsed = time.perf_counter() - started
    finally:
        producer.close(timeout=5)
    failed = [future for future in futures if not future.succeeded()]
    if failed:
        raise BenchError(f"bare producer: {len(failed)} sends failed: {failed[0].exception!r}")
    return elapsed


def outbox_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(outbox)).scalar_one()


def run_relay(
    engine: Engine, settings: KafkaSettings, topic: str, stored: Sequence[dict[str, Any]]
) -> float:
    """Seconds a running relay needs to publish (and so delete) every stored row."""
    with engine.begin() as connection:  # the same rows again, bound for this run's topic
        connection.execute(insert(outbox), [{**row, "topic": topic} for row in stored])
    publisher = KafkaPublisher(settings)
    publisher.send_batch([])  # a running relay built its producer long ago; off the clock
    try:
        started = time.perf_counter()
        with running(OutboxRelay(engine, publisher).run, "bench-relay"):
            while outbox_rows(engine):
                time.sleep(0.05)  # rarely: this process also runs the relay, on 2 cores
            elapsed = time.perf_counter() - started
    finally:
        publisher.close()
    return elapsed


# --- latency -------------------------------------------------------------------------------


class Arrivals:
    """The handler: notes when each event reached it (wall clock, as the senders note theirs)."""

    def __init__(self) -> None:
        self._times: dict[uuid.UUID, float] = {}
        self._changed = threading.Condition()

    def handle(self, envelope: Envelope) -> None:
        arrived = time.time()
        with self._changed:
            self._times[envelope.event_id] = arrived
            self._changed.notify_all()

    def wait_for(self, event_ids: Sequence[uuid.UUID], timeout_s: float) -> dict[uuid.UUID, float]:
        with self._changed:
            self._changed.wait_for(
                lambda: all(event_id in self._times for event_id in event_ids), timeout_s
            )
            return {
                event_id: self._times[event_id] for event_id in event_ids if event_id in self._times
            }


@contextmanager
def running_worker(settings: KafkaSettings, arrivals: Arrivals) -> Iterator[None]:
    """A ConsumerWorker on a thread, in a group of its own, as a service would run it."""
    spec = ConsumerSpec(
        name=f"bench-latency-{uuid.uuid4().hex[:8]}",
        topics=(ASSESSMENT_EVENTS.name,),
        handlers={EVENT: arrivals.handle},
    )
    dead_letters = KafkaPublisher(settings)
    try:
        with running(ConsumerWorker(spec, settings, dead_letters).run, "bench-worker"):
            yield
    finally:
        dead_letters.close()


@contextmanager
def running_relay(engine: Engine, settings: KafkaSettings) -> Iterator[None]:
    publisher = KafkaPublisher(settings)
    try:
        with running(OutboxRelay(engine, publisher).run, "bench-relay"):
            yield
    finally:
        publisher.close()


def measure_latency(
    settings: KafkaSettings, engine: Engine, templates: Sequence[Envelope], count: int, rate: float
) -> dict[str, Any]:
    arrivals = Arrivals()
    publisher = KafkaPublisher(settings)
    try:
        with running_worker(settings, arrivals):
            # The first event waits for the group's assignment (seconds on Tansu): not measured.
            say("Waiting for the consumer group to be assigned ...")
            warm_up = fresh_event(templates, 0)
            publisher.publish(warm_up)
            if not arrivals.wait_for([warm_up.event_id], ARRIVAL_TIMEOUT_S):
                raise BenchError("the warm-up event never reached the handler")

            say(f"publish -> handler: {count} events at {rate:g}/s ...")
            sent: dict[uuid.UUID, float] = {}
            for index in paced(count, rate):
                event = fresh_event(templates, index)
                sent[event.event_id] = time.time()  # publish() encodes: part of sending
                publisher.publish(event)
            publish = latency_figures(sent, arrivals.wait_for(list(sent), ARRIVAL_TIMEOUT_S))

            say(f"outbox -> handler: {count} events at {rate:g}/s ...")
            with running_relay(engine, settings):
                warm_up = fresh_event(templates, 0)  # the relay builds its producer on first use
                store(engine, warm_up)
                if not arrivals.wait_for([warm_up.event_id], ARRIVAL_TIMEOUT_S):
                    raise BenchError("the outbox warm-up event never reached the handler")
                committed: dict[uuid.UUID, float] = {}
                for index in paced(count, rate):
                    event = fresh_event(templates, index)
                    store(engine, event)
                    committed[event.event_id] = time.time()
                arrived = arrivals.wait_for(list(committed), ARRIVAL_TIMEOUT_S)
            from_outbox = latency_figures(committed, arrived)
    finally:
        publisher.close()
    return {
        "events": count,
        "rate_per_s": rate,
        "publish_to_handler": publish,
        "outbox_commit_to_handler": from_outbox,
    }


def store(engine: Engine, event: Envelope) -> None:
    """One transaction per event, as a web request commits its state change and event."""
    with engine.begin() as connection:
        add_to_outbox(connection, event)


def paced(count: int, rate: float) -> Iterator[int]:
    """Yield 0 .. count-1 at a steady rate; a late step is not made up for by a burst."""
    interval = 1 / rate
    due = time.monotonic()
    for index in range(count):
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        yield index
        due = max(due + interval, time.monotonic())


def latency_figures(
    started: dict[uuid.UUID, float], arrived: dict[uuid.UUID, float]
) -> dict[str, Any]:
    millis = [
        (arrived[event_id] - at) * 1000 for event_id, at in started.items() if event_id in arrived
    ]
    if len(millis) < 2:
        raise BenchError(f"only {len(millis)} of {len(started)} events reached the handler")
    return percentiles(millis) | {"missing": len(started) - len(millis)}


# --- report --------------------------------------------------------------------------------


def process_memory(pid: int) -> dict[str, int] | None:
    """Peak and current resident memory of another process, from /proc (Linux only)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    try:
        return {
            "peak_rss_mib": round(int(fields["VmHWM"].split()[0]) / 1024),
            "rss_mib": round(int(fields["VmRSS"].split()[0]) / 1024),
        }
    except (KeyError, ValueError, IndexError):
        return None


def build_report(
    args: argparse.Namespace,
    kind: str,
    settings: KafkaSettings,
    throughput: dict[str, Any],
    latency: dict[str, Any],
    memory: dict[str, Any],
) -> dict[str, Any]:
    relay_defaults = signature(OutboxRelay).parameters
    publish_p50 = latency["publish_to_handler"]["p50_ms"]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "kafka_python": version("kafka-python"),
        "sqlalchemy": version("SQLAlchemy"),
        # kafka-python's pure-Python CRC is 3-5x slower; both sides pay the same either way.
        "crc32c_accelerated": importlib.util.find_spec("crc32c") is not None,
        "cpu_cores": os.cpu_count(),
        "settings": {
            "events": args.events,
            "rounds": args.rounds,
            "latency_events": args.latency_events,
            "rate_per_s": args.rate,
            "database": (
                make_url(args.database_url).render_as_string(hide_password=True)
                if args.database_url
                else "SQLite file in a temp dir"
            ),
            "broker": kind if kind == "external" else f"local {kind}",
            "kafka_profile": settings.profile,
            "topic_partitions": ASSESSMENT_EVENTS.partitions,
            "relay_batch_size": relay_defaults["batch_size"].default,
            "relay_idle_wait_s": relay_defaults["idle_wait_s"].default,
            "producer": {
                key: value
                for key, value in settings.producer().items()
                if key not in {"bootstrap_servers", "client_id"}
            },
        },
        "targets": TARGETS,
        "throughput": throughput,
        "latency": latency,
        "memory": memory,
        "meets_targets": {
            "relay_ratio": throughput["relay_ratio"] >= TARGETS["relay_ratio"],
            "publish_to_handler_p50_ms": publish_p50 <= TARGETS["publish_to_handler_p50_ms"],
        },
    }


def summary(kind: str, report: dict[str, Any]) -> str:
    throughput, latency, met = report["throughput"], report["latency"], report["meets_targets"]

    broker = report["memory"]["broker"]
    return "\n".join(
        [
            f"--- on {kind} ({report['settings']['kafka_profile']} profile)",
            f"Relay throughput ({throughput['events_per_run']} events of "
            f"~{throughput['mean_value_bytes']} bytes, median of "
            f"{len(throughput['ratio_per_round'])} rounds): "
            f"relay {throughput['relay_median_events_per_s']:,} events/s, "
            f"bare producer {throughput['bare_median_events_per_s']:,} events/s, "
            f"median ratio {throughput['relay_ratio']:.2f} "
            f"(target >= {TARGETS['relay_ratio']}: {verdict(met['relay_ratio'])})",
            f"publish -> handler at {latency['rate_per_s']:g}/s: "
            f"{describe_percentiles(latency['publish_to_handler'])} "
            f"(target p50 <= {TARGETS['publish_to_handler_p50_ms']:g} ms: "
            f"{verdict(met['publish_to_handler_p50_ms'])})",
            f"outbox -> handler at {latency['rate_per_s']:g}/s: "
            f"{describe_percentiles(latency['outbox_commit_to_handler'])}",
            f"Peak RSS: bench {report['memory']['bench_peak_rss_mib']} MiB"
            + (f", broker {broker['peak_rss_mib']} MiB" if broker else ""),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
