"""Booking throughput and latency: 50 clients contending for one slot, and 50 booking
distinct slots, against the notifications app served as `notifications-web` serves it.

`python -m bench.notifications_booking` (from the repository root) measures, writes
bench/results/notifications_booking.json and prints a summary.

The app runs under gunicorn with servicekit.gunicorn_config and WEB_CONCURRENCY workers
(default 2) on a migrated scratch database. Advisors (available every day, one-hour
meetings) and companies (one per timed request: a company holds one meeting at a time) are
written beforehand, untimed, by the helpers of the integration tests. Each timed request is
`POST /api/v1/meetings` with the company's booking token.

- contended: rounds of 50 requests for one slot, all sent at once by 50 threads, each on
  its own connection; every round must answer exactly one 201 and 49 409s.
- distinct: 50 threads book distinct slots (all 201).
- bare: the same bursts of 50 against a bare Flask endpoint served the same way, so the
  figures can be read against what queueing 50 requests on the workers costs by itself.

The figure is requests per second and the p50/p99 latency seen by the clients; the target is
p99 < 100 ms with 50 clients on one slot. The load generator shares the cores with the
server. The database must be a scratch one: never point --database-url at a real one.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from bench.assessment import Answer, Call, json_call, send, tests_module
from bench.figures import describe_percentiles, percentiles, say, verdict, write_results
from bench.serving import gunicorn
from devstack.ports import LOOPBACK
from notifications.adapters.tables import meetings
from servicekit.db import make_engine

TARGET_P99_MS = 100.0
CLIENTS = 50
DEFAULT_OUT = Path("bench/results/notifications_booking.json")
HELPERS = (
    Path(__file__).parents[1] / "tests/integration/notifications/notifications_booking_helpers.py"
)
SERVE = "from notifications.entrypoints.cli import processes; processes.web()"
# The baseline: the assessment bench's bare Flask app (one JSON endpoint), same runner.
SERVE_BARE = (
    "from servicekit.gunicorn_runner import serve; serve('bench.assessment:bare_app()', "
    "'notifications')"
)
MIGRATE = "from notifications.entrypoints.cli import processes; processes.migrate()"


class BenchError(RuntimeError):
    """The measurement is invalid (a 5xx, a slot booked twice); no figures are written."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.notifications_booking", description=__doc__
    )
    parser.add_argument("--rounds", type=int, default=20, help="contended rounds of 50")
    parser.add_argument("--distinct", type=int, default=1000, help="distinct-slot bookings")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
        help="gunicorn workers (default: WEB_CONCURRENCY, else 2)",
    )
    parser.add_argument("--database-url", help="a scratch database (default: SQLite in a temp dir)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if min(args.rounds, args.distinct, args.workers) < 1:
        parser.error("need --rounds, --distinct and --workers >= 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    helpers = tests_module(HELPERS)
    with tempfile.TemporaryDirectory(prefix="wegweiser-bench-") as work_dir:
        database_url = args.database_url or f"sqlite:///{Path(work_dir) / 'notifications.sqlite3'}"
        env = {
            **os.environ,
            "NOTIFICATIONS_DATABASE_URL": database_url,
            "SECRET_KEY": "bench-secret",
            "BOOKING_LINK_SECRET": helpers.LINKS.keys.current,
            "WEB_CONCURRENCY": str(args.workers),
            "LOG_LEVEL": "WARNING",
            # Every company books from this one client: counted, never refused.
            "LIMIT_PER_CLIENT": "1000000/1h",
        }
        say("Migrating the database and preparing advisors and companies (untimed) ...")
        subprocess.run([sys.executable, "-c", MIGRATE], env=env, check=True)
        engine = make_engine(database_url)
        try:
            with gunicorn("notifications", SERVE_BARE, env, Path(work_dir) / "bare.log") as port:
                bare = measure_bare(port, args.rounds)
            with gunicorn("notifications", SERVE, env, Path(work_dir) / "web.log") as port:
                contended = measure_contended(port, engine, helpers, args.rounds)
                distinct = measure_distinct(port, engine, helpers, args.distinct)
            check_meetings(engine, args.rounds + args.distinct)
        finally:
            engine.dispose()
    report = build_report(args, bare, contended, distinct, database_url)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: missing a target is reported, not failed


def at_once(port: int, calls: Sequence[Call]) -> tuple[list[Answer], float]:
    """One thread and connection per call, released together; answers and elapsed seconds."""
    gate = threading.Barrier(len(calls) + 1)
    answers: list[Answer | None] = [None] * len(calls)

    def work(index: int) -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        try:
            gate.wait()
            answers[index] = send(connection, calls[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    gate.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return [answer for answer in answers if answer is not None], time.perf_counter() - started


def book_call(token: str, advisor_id: str, start: str) -> Call:
    return json_call("POST", "/api/v1/meetings", {"advisor_id": advisor_id, "start": start}, token)


def free_slots(port: int, token: str) -> list[dict[str, Any]]:
    calls = [Call("GET", "/api/v1/slots", headers={"Authorization": f"Bearer {token}"})]
    [answer], _ = at_once(port, calls)
    if answer.status != 200:
        raise BenchError(f"slots: {answer.status} {answer.body[:300]!r}")
    return json.loads(answer.body)


def measure_bare(port: int, rounds: int) -> dict[str, Any]:
    """The same bursts of 50 against a bare endpoint: what queueing alone costs here."""
    say(f"Baseline: {rounds} bursts of {CLIENTS} requests to a bare Flask endpoint ...")
    call = Call("POST", "/echo", headers={"Authorization": "Bearer " + "x" * 60})
    millis: list[float] = []
    elapsed_total = 0.0
    for round_number in range(rounds + 1):  # round 0 warms up, off the clock
        answers, elapsed = at_once(port, [call] * CLIENTS)
        if any(answer.status != 200 for answer in answers):
            raise BenchError("bare: not every request answered 200")
        if round_number:
            millis += [answer.seconds * 1000 for answer in answers]
            elapsed_total += elapsed
    return _figures(millis, elapsed_total)


def _figures(millis: list[float], elapsed: float) -> dict[str, Any]:
    return {
        "requests": len(millis),
        "requests_per_s": round(len(millis) / elapsed),
        "latency": percentiles(millis),
    }


def measure_contended(port: int, engine: Engine, helpers: Any, rounds: int) -> dict[str, Any]:
    advisor_id = helpers.add_advisor(engine, name="Contended Advisor")
    tokens = [
        helpers.token_for(helpers.add_company(engine, advisor_id=advisor_id))
        for _ in range((rounds + 1) * CLIENTS)
    ]
    slots = free_slots(port, tokens[0])
    say(f"Contended: {rounds} rounds of {CLIENTS} clients on one slot each ...")
    millis: list[float] = []
    elapsed_total = 0.0
    for round_number in range(rounds + 1):  # round 0 warms the workers up, off the clock
        slot = slots[round_number]
        batch = tokens[round_number * CLIENTS : (round_number + 1) * CLIENTS]
        answers, elapsed = at_once(
            port, [book_call(token, slot["advisor_id"], slot["start"]) for token in batch]
        )
        statuses = sorted(answer.status for answer in answers)
        if statuses != [201] + [409] * (CLIENTS - 1):
            raise BenchError(f"round {round_number}: statuses {statuses}")
        if round_number:
            millis += [answer.seconds * 1000 for answer in answers]
            elapsed_total += elapsed
    return _figures(millis, elapsed_total)


def measure_distinct(port: int, engine: Engine, helpers: Any, count: int) -> dict[str, Any]:
    # Enough advisors that every request has a slot of its own (about 640 in four weeks each).
    advisor_ids = [
        helpers.add_advisor(engine, name=f"Advisor {n}") for n in range(count // 500 + 1)
    ]
    offered: list[tuple[Any, dict[str, Any]]] = []
    for advisor_id in advisor_ids:
        token = helpers.token_for(helpers.add_company(engine, advisor_id=advisor_id))
        offered += [(advisor_id, slot) for slot in free_slots(port, token)[:500]]
    calls = [
        book_call(
            helpers.token_for(helpers.add_company(engine, advisor_id=advisor_id)),
            slot["advisor_id"],
            slot["start"],
        )
        for advisor_id, slot in offered[:count]
    ]
    say(f"Distinct: {count} bookings of distinct slots, {CLIENTS} at a time ...")
    millis: list[float] = []
    elapsed_total = 0.0
    for first in range(0, len(calls), CLIENTS):
        answers, elapsed = at_once(port, calls[first : first + CLIENTS])
        failed = [answer for answer in answers if answer.status != 201]
        if failed:
            raise BenchError(f"distinct: {failed[0].status} {failed[0].body[:300]!r}")
        millis += [answer.seconds * 1000 for answer in answers]
        elapsed_total += elapsed
    return _figures(millis, elapsed_total)


def check_meetings(engine: Engine, expected: int) -> None:
    """One meeting per contended round (its warm-up included) and per distinct booking."""
    with engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(meetings)).scalar_one()
    if count != expected + 1:
        raise BenchError(f"{count} meetings, expected {expected + 1}")


def build_report(
    args: argparse.Namespace,
    bare: dict[str, Any],
    contended: dict[str, Any],
    distinct: dict[str, Any],
    database_url: str,
) -> dict[str, Any]:
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "gunicorn": version("gunicorn"),
            "workers": args.workers,
            "database": database_url.split(":", 1)[0],
        },
        "clients": CLIENTS,
        "bare_endpoint_same_bursts": bare,
        "contended_one_slot": contended,
        "distinct_slots": distinct,
        "targets": {"contended_p99_ms": TARGET_P99_MS},
        "contended_p99_met": contended["latency"]["p99_ms"] < TARGET_P99_MS,
    }


def summary(report: dict[str, Any], out: Path) -> str:
    contended, distinct = report["contended_one_slot"], report["distinct_slots"]
    bare = report["bare_endpoint_same_bursts"]
    return "\n".join(
        (
            f"Booking with {CLIENTS} clients ({report['machine']['workers']} gunicorn workers, "
            f"{report['machine']['database']}):",
            f"  one slot:       {contended['requests_per_s']} req/s, "
            + describe_percentiles(contended["latency"])
            + f" - target p99 < {TARGET_P99_MS:g} ms {verdict(report['contended_p99_met'])}",
            f"  distinct slots: {distinct['requests_per_s']} req/s, "
            + describe_percentiles(distinct["latency"]),
            f"  bare endpoint:  {bare['requests_per_s']} req/s, "
            + describe_percentiles(bare["latency"])
            + " (the same bursts: the cost of queueing alone)",
            f"Written to {out}",
        )
    )


if __name__ == "__main__":
    sys.exit(main())
