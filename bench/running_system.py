"""The system as `make run` starts it, on free ports in a directory of its own, and the
companies that go through it: drafts, submits, and the advisor mails that end each one."""

from __future__ import annotations

import calendar
import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.process_tree import ProcessTree, difference
from bench.system_figures import (
    SUBMIT_CLIENTS,
    WARM_UP,
    Submitted,
    cpu_figures,
    figures,
    load_average,
)
from devstack.demo import demo_companies
from devstack.dev_settings import DevSettings
from devstack.ports import LOOPBACK, free_port
from devstack.run import READY_LINE
from reporting.adapters.tables import reports
from servicekit.db import make_engine

START_TIMEOUT_S = 180.0
WARM_UP_TIMEOUT_S = 120.0
MAIL_TIMEOUT_PER_ASSESSMENT_S = 10.0
ADVISOR_DOMAIN = "@cluster.example.org"  # the seeded advisors' addresses
BENCH_DOMAIN = "bench.example"


class BenchError(RuntimeError):
    pass


def company(index: int, label: str) -> dict[str, Any]:
    """An example company of the contract with its own name and contact address; the address
    lets the advisor's mail (Reply-To) be matched to its assessment."""
    templates = demo_companies()
    scored = templates[index % len(templates)]
    return {
        **scored,
        "company": {**scored["company"], "name": f"{scored['company']['name']} {label}-{index}"},
        "contact": {**scored["contact"], "email": f"contact-{label}-{index}@{BENCH_DOMAIN}"},
        "consents": {**scored["consents"], "advisor_sharing": True},
    }


@contextmanager
def running_system(work_dir: Path) -> Iterator[System]:
    system = System(work_dir)
    try:
        system.start()
        yield system
    finally:
        system.stop()


class System:
    def __init__(self, work_dir: Path) -> None:
        self.work_dir = work_dir
        self.bin_dir = Path(sys.executable).parent
        ports = {
            name: str(free_port())
            for name in (
                "ASSESSMENT_PORT",
                "REPORTING_PORT",
                "NOTIFICATIONS_PORT",
                "KAFKA_LOCAL_PORT",
                "SMTP_PORT",
                "MAIL_UI_PORT",
            )
        }
        environ = {
            key: value
            for key, value in os.environ.items()
            # Our own broker, sink and databases every time: an outside one would not be fresh.
            if key not in ("KAFKA_BOOTSTRAP_SERVERS", "SMTP_HOST", "REPORTING_STORAGE_DIR")
            and not key.endswith("_DATABASE_URL")
        }
        environ |= ports | {
            "SECRET_KEY": "bench-secret-key",
            "BOOKING_LINK_SECRET": "bench-booking-link-secret",
            # Every company of a burst starts from this one client: counted, never refused.
            "LIMIT_PER_CLIENT": "1000000/1h",
        }
        self.environ = environ
        # What the supervisor gives its children (run.py), for the extra worker and the seed.
        self.child_env = DevSettings.from_env(environ).child_environment(environ)
        self.base_url = f"http://{LOOPBACK}:{ports['ASSESSMENT_PORT']}"
        self.mail_dir = work_dir / "var" / "mail"
        self.supervisor: subprocess.Popen[bytes] | None = None
        self.extra_worker: subprocess.Popen[bytes] | None = None
        self.memory = ProcessTree()
        self.mails = AdvisorMails(self.mail_dir)

    def start(self) -> None:
        log = (self.work_dir / "supervisor.log").open("wb")
        self.supervisor = subprocess.Popen(
            [self.bin_dir / "wegweiser-dev", "run"],
            cwd=self.work_dir,
            env=self.environ,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while READY_LINE not in self._supervisor_output():
            if self.supervisor.poll() is not None or time.monotonic() > deadline:
                raise BenchError(
                    "wegweiser-dev run did not get ready:\n" + self._supervisor_output()[-3000:]
                )
            time.sleep(0.2)
        self.memory.start(self.supervisor.pid)

    def _supervisor_output(self) -> str:
        return (self.work_dir / "supervisor.log").read_text(encoding="utf-8", errors="replace")

    def seed(self) -> None:
        subprocess.run(
            [self.bin_dir / "notifications-seed"],
            cwd=self.work_dir,
            env=self.child_env,
            check=True,
            capture_output=True,
        )

    def start_extra_worker(self) -> None:
        log = (self.work_dir / "var" / "log" / "reporting-worker-2.log").open("wb")
        self.extra_worker = subprocess.Popen(
            [self.bin_dir / "reporting-worker"],
            cwd=self.work_dir,
            env=self.child_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.memory.add_root(self.extra_worker.pid, "reporting-worker (2nd)")

    def stop(self) -> None:
        self.memory.stop()
        for process in (self.extra_worker, self.supervisor):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGTERM)  # the supervisor stops its children first
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def check_alive(self) -> None:
        for name, process in (
            ("wegweiser-dev run", self.supervisor),
            ("the extra worker", self.extra_worker),
        ):
            if process is not None and process.poll() is not None:
                raise BenchError(
                    f"{name} exited with {process.returncode}:\n"
                    + self._supervisor_output()[-3000:]
                )

    # --- the company's side: the assessment API, as demo.py drives it --------------------

    def drafts(self, count: int, label: str) -> list[Draft]:
        """Started and answered, not submitted: untimed preparation."""
        with ThreadPoolExecutor(SUBMIT_CLIENTS) as pool:
            return list(pool.map(lambda index: self._draft(company(index, label)), range(count)))

    def _draft(self, scored: dict[str, Any]) -> Draft:
        body = {
            "language": scored["language"],
            "company": {key: scored["company"][key] for key in ("name", "employees", "district")}
            | {"revenue_band": scored["company"].get("revenue_band")},
            "contact": scored["contact"],
            "consents": {"processing": True, **scored["consents"]},
        }
        started = _call("POST", f"{self.base_url}/api/v1/assessments", body)
        url = f"{self.base_url}/api/v1/assessments/{started['id']}"
        _call("PUT", f"{url}/answers", {"answers": scored["answers"]}, started["token"])
        return Draft(uuid.UUID(started["id"]), url, started["token"], scored["contact"]["email"])

    def warm_up(self, label: str, *, wait_for_workers: int) -> dict[str, Any]:
        """Assessments until every reporting-worker has rendered (its render child exists):
        the consumer group has settled and fonts are parsed; none of it is timed."""
        started = time.monotonic()
        rounds = 0
        while True:
            rounds += 1
            drafts = self.drafts(WARM_UP, f"{label}w{rounds}")
            for draft in drafts:
                _submit(draft)
            self.wait_for_mails(drafts, WARM_UP_TIMEOUT_S)
            rendering = self.memory.render_children()
            if len(rendering) >= wait_for_workers:
                break
            if time.monotonic() - started > WARM_UP_TIMEOUT_S:
                raise BenchError(
                    f"only {len(rendering)} of {wait_for_workers} reporting-workers rendered "
                    f"within {WARM_UP_TIMEOUT_S:.0f} s of warm-up"
                )
            time.sleep(2)  # the newcomer is still joining the group
        return {
            "rounds": rounds,
            "assessments": rounds * WARM_UP,
            "seconds": round(time.monotonic() - started, 1),
        }

    def measure(self, drafts: Sequence[Draft], *, interval_s: float | None) -> dict[str, Any]:
        """Submit every draft (all at once, or one every interval_s) and wait for every
        advisor mail; then collect the timestamps."""
        load_before = load_average()
        cpu_before = self.memory.cpu_seconds()
        bench_cpu_before = time.process_time()
        if interval_s is None:
            with ThreadPoolExecutor(SUBMIT_CLIENTS) as pool:
                submitted = list(pool.map(_submit, drafts))
        else:
            submitted = []
            first = time.monotonic()
            for index, draft in enumerate(drafts):
                time.sleep(max(0.0, first + index * interval_s - time.monotonic()))
                submitted.append(_submit(draft))
        timeout = 60 + MAIL_TIMEOUT_PER_ASSESSMENT_S * len(drafts)
        mails = self.wait_for_mails(drafts, timeout)
        cpu = difference(self.memory.cpu_seconds(), cpu_before)
        bench_cpu = round(time.process_time() - bench_cpu_before, 1)
        pdfs = self.report_times()
        measured = figures(submitted, pdfs, mails)
        return measured | {
            "interval_s": interval_s,
            "load_before": load_before,
            "load_after": load_average(),
            **cpu_figures(cpu, len(drafts), measured["end_to_end_s"]),
            "cpu_seconds_by_process": dict(sorted(cpu.items(), key=lambda item: -item[1]))
            | {"bench (this process, not counted above)": bench_cpu},
        }

    def wait_for_mails(self, drafts: Sequence[Draft], timeout_s: float) -> dict[uuid.UUID, float]:
        deadline = time.monotonic() + timeout_s
        wanted = {draft.contact_email: draft.id for draft in drafts}
        while True:
            arrived = self.mails.poll()
            if all(email in arrived for email in wanted):
                return {wanted[email]: arrived[email] for email in wanted}
            self.check_alive()
            if time.monotonic() > deadline:
                missing = sum(email not in arrived for email in wanted)
                raise BenchError(f"{missing} advisor mails missing after {timeout_s:.0f} s")
            time.sleep(0.1)

    def report_times(self) -> dict[uuid.UUID, float]:
        engine = make_engine(f"sqlite:///{self.work_dir / 'var' / 'reporting.sqlite3'}")
        try:
            with engine.connect() as connection:
                rows = connection.execute(select(reports.c.assessment_id, reports.c.created_at))
                return {row.assessment_id: row.created_at.timestamp() for row in rows}
        finally:
            engine.dispose()


@dataclasses.dataclass(frozen=True)
class Draft:
    id: uuid.UUID
    url: str
    token: str
    contact_email: str


def _submit(draft: Draft) -> Submitted:
    started = time.time()
    result = _call("POST", f"{draft.url}/submit", None, draft.token)
    ended = time.time()
    scored = datetime.fromisoformat(result["scored_at"]).timestamp()
    return Submitted(draft.id, started, ended, scored)


def _call(method: str, url: str, body: Any, token: str | None = None) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        return json.loads(response.read() or b"{}")


class AdvisorMails:
    """The advisor mails the sink has stored so far: contact address -> accepted time."""

    def __init__(self, mail_dir: Path) -> None:
        self._dir = mail_dir
        self._seen: set[str] = set()
        self._arrived: dict[str, float] = {}
        self._parser = BytesHeaderParser(policy=default_policy)

    def poll(self) -> dict[str, float]:
        for path in sorted(self._dir.glob("*.eml")):
            if path.name in self._seen:
                continue
            self._seen.add(path.name)
            with path.open("rb") as file:
                headers = self._parser.parse(file)
            if ADVISOR_DOMAIN in str(headers.get("X-Envelope-To", "")):
                contact = parseaddr(str(headers.get("Reply-To", "")))[1]
                self._arrived[contact] = _accepted_at(path.name)
        return self._arrived


def _accepted_at(name: str) -> float:
    # 20261127T011513.123456789Z.eml (devstack.mailbox.arrival_name): UTC, nanoseconds.
    seconds = calendar.timegm(time.strptime(name[:15], "%Y%m%dT%H%M%S"))
    return seconds + int(name[16:25]) / 1e9
