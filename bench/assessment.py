"""Submit throughput and latency against a bare Flask endpoint, and scoring calls per second.

`make bench` (or `python -m bench.assessment` from the repository root) measures, writes
bench/results/assessment.json and prints a summary.

Scoring: the pure `score(...)` on the reference answer set of the domain tests
(tests/unit/assessment/assessment_answer_sets.py), in a loop in this one process, so the
figure is per core.

Submit: the real assessment app, served as `assessment-web` serves it (gunicorn with
servicekit.gunicorn_config and WEB_CONCURRENCY workers, default 2) on a migrated scratch
database, and beside it a bare Flask app with one JSON endpoint served by the same command
and config. Every timed submit has an assessment of its own, started and fully answered
through the API beforehand (untimed). A thread pool of http.client connections loads both
servers in alternating rounds, so a slow or busy machine moves both figures alike; the
figure is the ratio submit/bare. The load generator runs on the same cores as the servers.

The database must be a scratch one: the bench migrates it and adds assessments and outbox
rows. Never point --database-url at a service's database.

One module over 350 lines: the submit bench and its bare twin must be served and driven
alike, so they sit together.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import Flask, Response, jsonify, request
from sqlalchemy import func, make_url, select

from assessment.domain import CompanyProfile, load_version, score
from assessment.testing import START_BODY
from bench.figures import describe_percentiles, percentiles, say, verdict, write_results
from bench.serving import gunicorn
from devstack.ports import LOOPBACK
from eventing.tables import outbox
from servicekit.db import make_engine

TARGETS = {"submit_ratio": 0.5, "submit_p99_ms": 50.0, "scoring_calls_per_s_per_core": 5000}
DEFAULT_OUT = Path("bench/results/assessment.json")
# The data the tests use, so the bench measures exactly what is tested: the hand-computed
# answer sets of the domain tests and the company the API tests start an assessment for.
ANSWER_SETS = Path(__file__).parents[1] / "tests/unit/assessment/assessment_answer_sets.py"
# What the assessment-web console script runs, and the same for the bare app.
SERVE_ASSESSMENT = "from assessment.entrypoints.cli import processes; processes.web()"
SERVE_BARE = "from servicekit.gunicorn_runner import serve; serve('bench.assessment:bare_app()', 'assessment')"  # noqa: E501
MIGRATE = "from assessment.entrypoints.cli import processes; processes.migrate()"
REQUEST_TIMEOUT_S = 60.0
WARM_UP_REQUESTS = 50


class BenchError(RuntimeError):
    """The measurement is invalid (failed requests, missing events); no figures are written."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.assessment", description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="requests per timed run")
    parser.add_argument("--rounds", type=int, default=3, help="bare/submit pairs to run")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
        help="gunicorn workers of each server (default: WEB_CONCURRENCY, else 2)",
    )
    parser.add_argument(
        "--scoring-seconds", type=float, default=3.0, help="how long to loop score(...)"
    )
    parser.add_argument(
        "--database-url",
        help="a scratch database for the service (default: a SQLite file in a temp dir)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if min(args.requests, args.rounds, args.concurrency, args.workers) < 1:
        parser.error("need --requests, --rounds, --concurrency and --workers >= 1")
    if args.scoring_seconds <= 0:
        parser.error("need --scoring-seconds > 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    answer_sets = tests_module(ANSWER_SETS)
    say(f"Scoring the reference answer set for {args.scoring_seconds:g} s ...")
    scoring = measure_scoring(answer_sets, args.scoring_seconds)
    with tempfile.TemporaryDirectory(prefix="wegweiser-bench-") as work_dir:
        database_url = args.database_url or f"sqlite:///{Path(work_dir) / 'assessment.sqlite3'}"
        env = service_env(database_url, args.workers)
        say("Migrating the database and starting both servers ...")
        subprocess.run([sys.executable, "-c", MIGRATE], env=env, check=True)
        with ExitStack() as stack:
            servers = {
                name: stack.enter_context(
                    gunicorn("assessment", code, env, Path(work_dir) / f"{name}.log")
                )
                for name, code in (("bare", SERVE_BARE), ("submit", SERVE_ASSESSMENT))
            }
            submit = measure_submit(servers, answer_sets.FULL_ANSWERS, args)
        check_outbox(database_url, submit.pop("submitted_ids"))
    report = build_report(args, scoring, submit)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: missing a target is reported, not failed


def tests_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise BenchError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- scoring -------------------------------------------------------------------------------


def measure_scoring(answer_sets: ModuleType, seconds: float) -> dict[str, Any]:
    questionnaire, ruleset = load_version(answer_sets.VERSION)
    company = CompanyProfile(
        employees=START_BODY["company"]["employees"],
        district=START_BODY["company"]["district"],
        revenue_band=START_BODY["company"]["revenue_band"],
    )

    def once() -> None:
        score(
            answer_sets.FULL_ANSWERS,
            questionnaire,
            ruleset,
            today=answer_sets.TODAY,
            company=company,
        )

    once()  # first call off the clock
    calls = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        once()
        calls += 1
    return {
        "calls": calls,
        "seconds": round(elapsed, 3),
        "calls_per_s": round(calls / elapsed),
        "us_per_call": round(elapsed / calls * 1e6, 1),
    }


# --- servers -------------------------------------------------------------------------------


def bare_app() -> Flask:
    """The baseline: a plain Flask app with one small JSON endpoint (gunicorn imports it)."""
    app = Flask(__name__)

    @app.post("/echo")
    def echo() -> Response:
        return jsonify(echo=request.get_json(silent=True), status="ok")

    return app


def service_env(database_url: str, workers: int) -> dict[str, str]:
    return {
        **os.environ,
        "ASSESSMENT_DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret",
        "BOOKING_LINK_SECRET": "bench-booking-links",
        "WEB_CONCURRENCY": str(workers),
        # One client starts every assessment for one contact: still counted (its cost is
        # part of a start), never refused.
        "LIMIT_PER_CLIENT": "1000000/1h",
        "LIMIT_PER_RECIPIENT": "1000000/1h",
    }


# --- load generator ------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Answer:
    status: int  # 0: the connection failed
    seconds: float
    body: bytes


def load(port: int, calls: Sequence[Call], concurrency: int) -> tuple[list[Answer], float]:
    """Send every call, `concurrency` at a time, each thread on its own keep-alive
    connection (gunicorn's sync workers close it after each answer; http.client reopens);
    the answers in the calls' order, and the seconds from the first send to the last answer."""
    answers: list[Answer | None] = [None] * len(calls)
    indexes = iter(range(len(calls)))
    lock = threading.Lock()

    def work() -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=REQUEST_TIMEOUT_S)
        try:
            while True:
                with lock:
                    index = next(indexes, None)
                if index is None:
                    return
                answers[index] = send(connection, calls[index])
        finally:
            connection.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return [answer for answer in answers if answer is not None], elapsed


def send(connection: http.client.HTTPConnection, call: Call) -> Answer:
    started = time.perf_counter()
    try:
        connection.request(call.method, call.path, body=call.body, headers=dict(call.headers))
        response = connection.getresponse()
        body = response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        connection.close()
        body, status = b"", 0
    return Answer(status, time.perf_counter() - started, body)


def json_call(method: str, path: str, body: Any, token: str | None = None) -> Call:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return Call(method, path, json.dumps(body).encode(), headers)


def require_ok(label: str, answers: Sequence[Answer], expected: int, status: int = 200) -> None:
    failed = [answer for answer in answers if answer.status != status]
    if failed or len(answers) != expected:
        example = failed[0] if failed else None
        raise BenchError(
            f"{label}: {len(failed)} of {expected} requests did not answer {status}"
            + (f", e.g. {example.status} {example.body[:300]!r}" if example else "")
        )


# --- submit --------------------------------------------------------------------------------


def prepare_assessments(
    port: int, answers: Mapping[str, Any], count: int, concurrency: int
) -> list[tuple[str, str]]:
    """Start `count` assessments and save the full answers of each (untimed): (id, token)."""
    started, _ = load(
        port,
        [json_call("POST", "/api/v1/assessments", START_BODY)] * count,
        concurrency,
    )
    require_ok("start assessment", started, count, status=201)
    opened = [(body["id"], body["token"]) for body in (json.loads(a.body) for a in started)]
    saved, _ = load(
        port,
        [
            json_call("PUT", f"/api/v1/assessments/{id_}/answers", {"answers": answers}, token)
            for id_, token in opened
        ],
        concurrency,
    )
    require_ok("save answers", saved, count)
    return opened


def submit_calls(opened: Sequence[tuple[str, str]]) -> list[Call]:
    return [
        Call("POST", f"/api/v1/assessments/{id_}/submit", headers={"Authorization": f"Bearer {t}"})
        for id_, t in opened
    ]


def bare_calls(count: int) -> list[Call]:
    # The same shape as a submit: a POST without a body, with a bearer token.
    return [Call("POST", "/echo", headers={"Authorization": "Bearer " + "x" * 43})] * count


def measure_submit(
    servers: Mapping[str, int], answers: Mapping[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    count, rounds, concurrency = args.requests, args.rounds, args.concurrency
    bare, service = servers["bare"], servers["submit"]
    say(f"Preparing {rounds} x {count} answered assessments (untimed) ...")
    batches = [prepare_assessments(service, answers, count, concurrency) for _ in range(rounds)]
    # Warm-up, off the clock: first requests of each worker (imports, caches, connections).
    warm_up = prepare_assessments(service, answers, WARM_UP_REQUESTS, concurrency)
    require_ok("warm-up submit", load(service, submit_calls(warm_up), concurrency)[0], len(warm_up))
    require_ok(
        "warm-up bare",
        load(bare, bare_calls(WARM_UP_REQUESTS), concurrency)[0],
        WARM_UP_REQUESTS,
    )
    bare_rates, submit_rates = [], []
    bare_ms: list[float] = []
    submit_ms: list[float] = []
    per_round: list[dict[str, Any]] = []
    for round_number, batch in enumerate(batches, start=1):
        # Alternating, so drift (a busy neighbour, a growing database) hits both alike.
        answered, elapsed = load(bare, bare_calls(count), concurrency)
        require_ok("bare", answered, count)
        bare_rates.append(count / elapsed)
        bare_round = [answer.seconds * 1000 for answer in answered]
        answered, elapsed = load(service, submit_calls(batch), concurrency)
        require_ok("submit", answered, count)
        submit_rates.append(count / elapsed)
        submit_round = [answer.seconds * 1000 for answer in answered]
        bare_ms += bare_round
        submit_ms += submit_round
        per_round.append({"bare": percentiles(bare_round), "submit": percentiles(submit_round)})
        say(
            f"  round {round_number}: bare {bare_rates[-1]:,.0f} req/s "
            f"(p99 {per_round[-1]['bare']['p99_ms']} ms), submit {submit_rates[-1]:,.0f} req/s "
            f"(p99 {per_round[-1]['submit']['p99_ms']} ms), "
            f"ratio {submit_rates[-1] / bare_rates[-1]:.3f}"
        )
    ratios = [s / b for s, b in zip(submit_rates, bare_rates, strict=True)]
    return {
        "requests_per_run": count,
        "bare_requests_per_s": [round(rate) for rate in bare_rates],
        "submit_requests_per_s": [round(rate) for rate in submit_rates],
        "ratio_per_round": [round(ratio, 3) for ratio in ratios],
        "bare_median_requests_per_s": round(statistics.median(bare_rates)),
        "submit_median_requests_per_s": round(statistics.median(submit_rates)),
        "submit_ratio": round(statistics.median(ratios), 3),
        "latency_per_round": per_round,
        "bare_latency": percentiles(bare_ms),
        "submit_latency": percentiles(submit_ms),
        "submitted_ids": [id_ for batch in [warm_up, *batches] for id_, _ in batch],
    }


def check_outbox(database_url: str, submitted_ids: Sequence[str]) -> None:
    """Every submitted assessment left exactly its two events (submitted, scored), and
    nothing else is there but what the migration announced (ruleset.published)."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(outbox.c.message_key, func.count())
                .where(outbox.c.event_type != "ruleset.published")
                .group_by(outbox.c.message_key)
            ).all()
    finally:
        engine.dispose()
    per_key = dict(rows)
    wrong = [id_ for id_ in submitted_ids if per_key.get(id_) != 2]
    extra = set(per_key) - set(submitted_ids)
    if wrong or extra:
        raise BenchError(
            f"outbox: {len(wrong)} of {len(submitted_ids)} submitted assessments do not have "
            f"2 rows, {len(extra)} unexpected keys"
        )
    say(f"Outbox holds 2 rows for each of the {len(submitted_ids)} submitted assessments.")


# --- report --------------------------------------------------------------------------------


def build_report(
    args: argparse.Namespace, scoring: dict[str, Any], submit: dict[str, Any]
) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "flask": version("flask"),
        "werkzeug": version("werkzeug"),
        "gunicorn": version("gunicorn"),
        "sqlalchemy": version("SQLAlchemy"),
        "cpu_cores": os.cpu_count(),
        "settings": {
            "requests": args.requests,
            "rounds": args.rounds,
            "concurrency": args.concurrency,
            "gunicorn_workers": args.workers,
            "gunicorn_worker_class": "sync (servicekit.gunicorn_config default)",
            "load_generator": "http.client thread pool in the bench process, same machine",
            "scoring_seconds": args.scoring_seconds,
            "database": (
                make_url(args.database_url).render_as_string(hide_password=True)
                if args.database_url
                else "SQLite file in a temp dir"
            ),
        },
        "targets": TARGETS,
        "scoring": scoring,
        "submit": submit,
        "meets_targets": {
            "submit_ratio": submit["submit_ratio"] >= TARGETS["submit_ratio"],
            "submit_p99_ms": submit["submit_latency"]["p99_ms"] < TARGETS["submit_p99_ms"],
            "scoring_calls_per_s_per_core": (
                scoring["calls_per_s"] >= TARGETS["scoring_calls_per_s_per_core"]
            ),
        },
    }


def summary(report: dict[str, Any], out: Path) -> str:
    scoring, submit, met = report["scoring"], report["submit"], report["meets_targets"]

    settings = report["settings"]
    return "\n".join(
        [
            f"Scoring: {scoring['calls_per_s']:,} calls/s on one core "
            f"({scoring['us_per_call']} us a call; target >= "
            f"{TARGETS['scoring_calls_per_s_per_core']:,}: "
            f"{verdict(met['scoring_calls_per_s_per_core'])})",
            f"Submit ({submit['requests_per_run']} requests a run, {settings['concurrency']} in "
            f"flight, {settings['gunicorn_workers']} workers, median of "
            f"{len(submit['ratio_per_round'])} rounds): "
            f"submit {submit['submit_median_requests_per_s']:,} req/s, "
            f"bare Flask {submit['bare_median_requests_per_s']:,} req/s, "
            f"median ratio {submit['submit_ratio']:.3f} "
            f"(target >= {TARGETS['submit_ratio']}: {verdict(met['submit_ratio'])})",
            f"submit latency: {describe_percentiles(submit['submit_latency'])} "
            f"(target p99 < {TARGETS['submit_p99_ms']:g} ms: {verdict(met['submit_p99_ms'])})",
            f"bare latency:   {describe_percentiles(submit['bare_latency'])}",
            f"Wrote {out}",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
