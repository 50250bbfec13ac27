"""The whole system under load: N assessments from submit to the advisor's mail.

`python -m bench.system` from the repository root writes bench/results.json and prints a
summary. Each configuration starts `wegweiser-dev run` (what `make run` starts: a Tansu broker,
the SMTP sink, every service's processes) in a temporary working directory of its own, so
databases, broker and mails are fresh, on free ports. The demo advisors are seeded and every
company agrees to share its result with an advisor, so each assessment ends with a mail to
the advisor.

Configurations, run one after the other in the same process, side by side:
- bare renderer: the same N reports rendered directly in this process (bench.reporting's
  measurement), the machine's limit for the pipeline;
- one reporting-worker (as `make run`): warm-up, then a paced phase (one company every
  --interval seconds: warm latency at a rate the system sustains), then a burst of N;
- two reporting-workers: the same plus an extra `reporting-worker` with the supervisor's
  child environment; warm-up until both workers render (a new Tansu group member takes
  6-11 s to be assigned partitions), then a burst of N.

Drafts (start, answers) are created before each timed phase; what is timed is the submit
and everything it sets off. Where each timestamp comes from is written into the results.
"""

from __future__ import annotations

import argparse
import calendar
import dataclasses
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.eventing import fresh_event, process_memory, scored_templates
from bench.figures import describe_percentiles, percentiles, say, verdict, write_results
from bench.reporting import measure_direct, render_directly
from devstack.demo import demo_companies
from devstack.dev_settings import DevSettings
from devstack.ports import LOOPBACK, free_port
from devstack.run import READY_LINE
from eventing.envelope import Envelope
from reporting.adapters.report_html import JinjaReportHtml
from reporting.adapters.tables import reports
from reporting.adapters.weasyprint_renderer import WeasyPrintRenderer
from servicekit.db import make_engine

TARGETS = {
    "pipeline_ratio": 0.8,
    "scale_out_ratio": 1.7,
    "warm_end_to_end_p50_ms": 2000.0,
}
DEFAULT_OUT = Path("bench/results.json")
# 300 per burst, as the issue asks: on 2 cores about 15 minutes (the bare renderer and two
# configurations, each ~0.6-0.9 s of render per report, plus start-ups and warm-ups);
# `--count 60` gives the same figures, noisier, in about 5.
DEFAULT_COUNT = 300
DEFAULT_PACED = 15
# The paced phase must not build a queue, or it measures the queue: by default a company
# every two bare render times (one worker renders one report at a time, and the rest of the
# system needs about as much CPU again), at least every second.
PACED_RENDER_MULTIPLE = 2.0
MIN_INTERVAL_S = 1.0
WARM_UP = 4
SUBMIT_CLIENTS = 4  # concurrent clients in a burst, as several companies at once would be
START_TIMEOUT_S = 180.0
WARM_UP_TIMEOUT_S = 120.0
MAIL_TIMEOUT_PER_ASSESSMENT_S = 10.0
ADVISOR_DOMAIN = "@cluster.example.org"  # the seeded advisors' addresses
BENCH_DOMAIN = "bench.example"

TIMESTAMPS = {
    "submit_start/submit_end": "this process's clock (time.time) around POST .../submit",
    "scored": "scored_at of the submit response (the assessment web's clock, the same moment "
    "as assessment.scored's scored_at)",
    "pdf": "reports.created_at in the reporting database, written in the same transaction "
    "and from the same `now` as report.generated's generated_at",
    "mail": "the SMTP sink's .eml file name (time.time_ns when the sink stored the mail, "
    "just before it answers 250 to DATA); the advisor's mail is the one to a seeded advisor "
    "whose Reply-To is the company's contact address (unique per assessment)",
    "clocks": "all on this machine, so the differences between them are meaningful",
}


class BenchError(RuntimeError):
    pass


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.system", description=__doc__)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="assessments per burst")
    parser.add_argument(
        "--paced", type=int, default=DEFAULT_PACED, help="assessments in the paced phase"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        help="seconds between companies in the paced phase (default: two bare render times, "
        f"at least {MIN_INTERVAL_S:g})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    args = parser.parse_args(argv)
    if args.count < 2 or args.paced < 2:
        parser.error("need --count >= 2 and --paced >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    load = {"start": _load()}
    say(f"bare renderer: {args.count} reports in this process")
    bare = measure_bare(args.count)
    load["after_bare"] = _load()
    if args.interval is None:
        render_s = 1 / bare["reports_per_s"]
        args.interval = round(max(MIN_INTERVAL_S, PACED_RENDER_MULTIPLE * render_s), 2)
    say(f"one reporting-worker: warm-up, {args.paced} paced, burst of {args.count}")
    one = run_configuration(args, workers=1, label="w1")
    load["after_one_worker"] = _load()
    say(f"two reporting-workers: warm-up, burst of {args.count}")
    two = run_configuration(args, workers=2, label="w2")
    load["end"] = _load()
    report = build_results(args, bare, one, two, load, time.monotonic() - started)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: a missed target is reported, not failed


# --- the companies ---------------------------------------------------------------------


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


def measure_bare(count: int) -> dict[str, Any]:
    """bench.reporting's bare renderer, plus the CPU time it took: on a shared machine the
    CPU per report says what the wall-clock rate cannot (how much the neighbours took)."""
    warm_up, events = _bare_events(count)
    # WeasyPrint's imports and fonts once, before the CPU clock starts.
    render_directly(WeasyPrintRenderer(), JinjaReportHtml(), warm_up)
    cpu_before = time.process_time()
    bare = measure_direct(warm_up, events)
    cpu = time.process_time() - cpu_before
    # measure_direct renders its warm-up too, hence count + 1.
    return bare | {"cpu_seconds_per_report": round(cpu / (count + 1), 3)}


def _bare_events(count: int) -> tuple[Envelope, list[Envelope]]:
    """The warm-up and the N scored events for the bare renderer, with the same companies
    (names included) as the burst."""
    templates = scored_templates()
    events = []
    for index in range(count + 1):
        event = fresh_event(templates, index)
        name = f"{event.data['company']['name']} bare-{index}"
        data = {**event.data, "company": {**event.data["company"], "name": name}}
        events.append(dataclasses.replace(event, data=data))
    return events[0], events[1:]


# --- one configuration: the system, started like `make run` ----------------------------


def run_configuration(args: argparse.Namespace, *, workers: int, label: str) -> dict[str, Any]:
    with (
        tempfile.TemporaryDirectory(prefix=f"wegweiser-bench-system-{label}-") as work_dir,
        running_system(Path(work_dir)) as system,
    ):
        system.seed()
        if workers == 2:
            system.start_extra_worker()
        warm_up = system.warm_up(label, wait_for_workers=workers)
        paced = None
        if workers == 1:
            drafts = system.drafts(args.paced, f"{label}p")
            paced = system.measure(drafts, interval_s=args.interval)
        drafts = system.drafts(args.count, label)
        burst = system.measure(drafts, interval_s=None)
        return {
            "reporting_workers": workers,
            "warm_up": warm_up,
            "paced": paced,
            "burst": burst,
            "peak_memory_mib": system.memory.peaks(),
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
        load_before = _load()
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
        cpu = _difference(self.memory.cpu_seconds(), cpu_before)
        bench_cpu = round(time.process_time() - bench_cpu_before, 1)
        pdfs = self.report_times()
        measured = figures(submitted, pdfs, mails)
        return measured | {
            "interval_s": interval_s,
            "load_before": load_before,
            "load_after": _load(),
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


@dataclasses.dataclass(frozen=True)
class Submitted:
    id: uuid.UUID
    started: float
    ended: float
    scored: float


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


# --- processes: peak memory and CPU time --------------------------------------------------


class ProcessTree:
    """Every process under the supervisor (and the extra worker), sampled every 250 ms.

    VmHWM is each process's own high-water mark, so sampling only has to see a process
    once before it ends; processes are named by their console script, a child of the same
    name is a gunicorn worker, a multiprocessing child is the render child.
    """

    def __init__(self) -> None:
        self._roots: dict[int, str | None] = {}
        self._peaks: dict[str, dict[str, int]] = {}
        self._pids: dict[str, set[int]] = {}  # every process seen under each name
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self, pid: int) -> None:
        self.add_root(pid, None)
        self._thread.start()

    def add_root(self, pid: int, name: str | None) -> None:
        with self._lock:
            self._roots[pid] = name

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._sample()

    def peaks(self) -> dict[str, dict[str, int]]:
        with self._lock:
            return dict(sorted(self._peaks.items()))

    def render_children(self) -> list[int]:
        return [pid for pid, name in self._walk() if name.endswith("render child")]

    def cpu_seconds(self) -> dict[str, float]:
        """User + system CPU time of every live process, summed per name."""
        ticks = os.sysconf("SC_CLK_TCK")
        totals: dict[str, float] = {}
        for pid, name in self._walk():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            totals[name] = totals.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
        return totals

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def _sample(self) -> None:
        for pid, name in self._walk():
            memory = process_memory(pid)
            if memory is None:
                continue
            with self._lock:
                self._pids.setdefault(name, set()).add(pid)
                entry = self._peaks.setdefault(name, {"processes": 0, "peak_rss_mib": 0})
                entry["peak_rss_mib"] = max(entry["peak_rss_mib"], memory["peak_rss_mib"])
                entry["processes"] = len(self._pids[name])

    def _walk(self) -> list[tuple[int, str]]:
        with self._lock:
            roots = list(self._roots.items())
        found: list[tuple[int, str]] = []

        def visit(pid: int, parent: str | None, given: str | None) -> None:
            name = given or _process_name(pid, parent)
            if name is None:
                return
            found.append((pid, name))
            for child in _children(pid):
                visit(child, name, None)

        for pid, name in roots:
            visit(pid, None, name)
        return found


def _process_name(pid: int, parent: str | None) -> str | None:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    words = [word.decode(errors="replace") for word in argv if word]
    if not words:
        return None
    text = " ".join(words)
    if "multiprocessing.resource_tracker" in text:
        return f"{parent} resource tracker"
    if "multiprocessing" in text:  # spawn_main: the reporting-worker's render child
        return f"{parent} render child"
    if "python" not in Path(words[0]).name:
        if Path(words[0]).name.startswith("tansu"):
            return "tansu broker"
        # A tool a process runs for a moment (ctypes runs gcc to find a library).
        return f"{parent} > {Path(words[0]).name}"
    name = Path(words[1]).name if len(words) > 1 else "python"
    if name == "-m":  # `python -m gunicorn ... <service>.web:create_app()`
        app = next((word for word in words if ".web:" in word), "")
        name = f"{app.split('.')[0]}-web" if app else " ".join(words[1:3])
    if parent == name:
        return f"{name} (gunicorn worker)"
    return name


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _difference(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {name: round(value - before.get(name, 0.0), 1) for name, value in after.items()}


# --- figures ------------------------------------------------------------------------------


def figures(
    submitted: Sequence[Submitted], pdfs: dict[uuid.UUID, float], mails: dict[uuid.UUID, float]
) -> dict[str, Any]:
    def millis(values: Callable[[Submitted], float]) -> dict[str, Any]:
        return percentiles([values(one) * 1000 for one in submitted])

    first_submit = min(one.started for one in submitted)
    last_mail = max(mails[one.id] for one in submitted)
    first_scored = min(one.scored for one in submitted)
    last_pdf = max(pdfs[one.id] for one in submitted)
    count = len(submitted)
    return {
        "count": count,
        "latency": {
            "submit": millis(lambda one: one.ended - one.started),
            "scored_to_pdf": millis(lambda one: pdfs[one.id] - one.scored),
            "pdf_to_mail": millis(lambda one: mails[one.id] - pdfs[one.id]),
            "end_to_end": millis(lambda one: mails[one.id] - one.started),
        },
        "submit_phase_s": round(max(one.ended for one in submitted) - first_submit, 2),
        "end_to_end_s": round(last_mail - first_submit, 2),
        # Assessments per second from the first submit to the last advisor mail.
        "end_to_end_per_s": round(count / (last_mail - first_submit), 3),
        # The reporting stage: from the first scoring to the last report.
        "reporting_s": round(last_pdf - first_scored, 2),
        "reporting_per_s": round(count / (last_pdf - first_scored), 3),
    }


def cpu_figures(cpu: dict[str, float], count: int, elapsed_s: float) -> dict[str, Any]:
    """How much CPU the system needed, and how much of the machine it got: on a shared
    machine the wall-clock rates depend on the neighbours, these much less."""
    total = sum(cpu.values())
    render = sum(value for name, value in cpu.items() if name.endswith("render child"))
    cores = os.cpu_count() or 1
    return {
        "system_cpu_seconds": round(total, 1),
        "cpu_seconds_per_assessment": round(total / count, 3),
        "render_cpu_seconds_per_report": round(render / count, 3),
        # The system's processes' CPU time over the machine's during the phase.
        "machine_share": round(total / (elapsed_s * cores), 3),
        # What the whole system could do with every core to itself.
        "cpu_bound_ceiling_per_s": round(cores / (total / count), 3),
    }


def build_results(
    args: argparse.Namespace,
    bare: dict[str, Any],
    one: dict[str, Any],
    two: dict[str, Any],
    load: dict[str, Any],
    elapsed_s: float,
) -> dict[str, Any]:
    burst_one, burst_two = one["burst"], two["burst"]
    pipeline_ratio = round(burst_one["end_to_end_per_s"] / bare["reports_per_s"], 3)
    # The same ratio from CPU time instead of wall time: what it would be on an idle machine
    # where the render child has a core to itself (one worker renders serially).
    render_cpu_ratio = round(
        bare["cpu_seconds_per_report"] / burst_one["render_cpu_seconds_per_report"], 3
    )
    reporting_ratio = round(burst_one["reporting_per_s"] / bare["reports_per_s"], 3)
    scale_out = round(burst_two["reporting_per_s"] / burst_one["reporting_per_s"], 3)
    scale_out_end_to_end = round(burst_two["end_to_end_per_s"] / burst_one["end_to_end_per_s"], 3)
    warm_p50 = one["paced"]["latency"]["end_to_end"]["p50_ms"]
    burst_p50 = burst_one["latency"]["end_to_end"]["p50_ms"]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_cores": os.cpu_count(),
        "load_average_1_5_15": load,
        "run_seconds": round(elapsed_s, 1),
        "settings": {
            "count": args.count,
            "paced": args.paced,
            "paced_interval_s": args.interval,
            "warm_up_per_round": WARM_UP,
            "submit_clients": SUBMIT_CLIENTS,
            "system": "wegweiser-dev run (as `make run`) in a fresh temporary directory per "
            "configuration: own Tansu broker, SMTP sink, SQLite databases, free ports",
        },
        "timestamps": TIMESTAMPS,
        "definitions": {
            "end_to_end_per_s": "assessments / (last advisor mail - first submit start)",
            "reporting_per_s": "assessments / (last report - first scoring)",
            "pipeline_ratio": "one worker's end_to_end_per_s / the bare renderer's reports_per_s",
            "reporting_ratio": "one worker's reporting_per_s / the bare renderer's reports_per_s",
            "render_cpu_ratio": "the bare renderer's CPU seconds per report / the one-worker "
            "render child's: the pipeline ratio an idle machine would give, if the rest of "
            "the system fits on the other core",
            "scale_out_ratio": "two workers' reporting_per_s / one worker's",
            "warm_end_to_end_p50_ms": "end-to-end p50 of the paced phase (one worker)",
            "cpu_seconds_by_process": "CPU time each process (summed per name) used during "
            "the phase: where the cores went",
            "cpu_seconds_per_assessment": "the system's processes' CPU time in the phase / "
            "assessments (the bench's own process not included)",
            "machine_share": "the system's CPU time / (phase wall time x cores): below 1 "
            "while the burst runs means the neighbours (other load) or waiting took the rest",
            "cpu_bound_ceiling_per_s": "cores / cpu_seconds_per_assessment: the most "
            "assessments per second this machine could give the system if it were alone",
            "peak_memory_mib": "VmHWM of each process, max over processes of the same name",
        },
        "bare_renderer": bare,
        "one_worker": one,
        "two_workers": two,
        "pipeline_ratio": pipeline_ratio,
        "reporting_ratio": reporting_ratio,
        "render_cpu_ratio": render_cpu_ratio,
        "scale_out_ratio": scale_out,
        "scale_out_end_to_end_ratio": scale_out_end_to_end,
        "warm_end_to_end_p50_ms": warm_p50,
        "burst_end_to_end_p50_ms": burst_p50,
        "targets": TARGETS,
        "meets_targets": {
            "pipeline_ratio": pipeline_ratio >= TARGETS["pipeline_ratio"],
            "scale_out_ratio": scale_out >= TARGETS["scale_out_ratio"],
            "warm_end_to_end_p50_ms": warm_p50 <= TARGETS["warm_end_to_end_p50_ms"],
        },
    }


def summary(report: dict[str, Any], out: Path) -> str:
    one, two, met = report["one_worker"], report["two_workers"], report["meets_targets"]
    lines = [
        f"{report['settings']['count']} assessments per burst, {report['cpu_cores']} cores, "
        f"load {report['load_average_1_5_15']['start'][0]} at start, "
        f"{report['run_seconds']:.0f} s in all",
        f"Bare renderer: {report['bare_renderer']['reports_per_s']} reports/s, "
        f"{report['bare_renderer']['cpu_seconds_per_report']} CPU s per report",
    ]
    for title, config in (("One reporting-worker", one), ("Two reporting-workers", two)):
        burst = config["burst"]
        lines.append(
            f"{title}, burst: {burst['end_to_end_per_s']} assessments/s end to end, "
            f"reporting {burst['reporting_per_s']} reports/s"
        )
        for stage, label in (
            ("submit", "submit"),
            ("scored_to_pdf", "scored→PDF"),
            ("pdf_to_mail", "PDF→mail"),
            ("end_to_end", "end to end"),
        ):
            lines.append(f"  {label}: " + describe_percentiles(burst["latency"][stage]))
        lines.append(
            f"  CPU {burst['cpu_seconds_per_assessment']} s per assessment (render "
            f"{burst['render_cpu_seconds_per_report']} s), {burst['machine_share']:.0%} of "
            f"the machine, CPU-bound ceiling {burst['cpu_bound_ceiling_per_s']}/s"
        )
    paced = one["paced"]
    lines += [
        f"Paced ({paced['count']}, one every {paced['interval_s']} s), end to end: "
        + describe_percentiles(paced["latency"]["end_to_end"]),
        f"Pipeline / bare renderer: {report['pipeline_ratio']:.2f} "
        f"(target >= {TARGETS['pipeline_ratio']}: {verdict(met['pipeline_ratio'])}); "
        f"reporting stage alone {report['reporting_ratio']:.2f}; by CPU time per render "
        f"{report['render_cpu_ratio']:.2f}",
        f"Scale-out, two workers / one (reporting): {report['scale_out_ratio']:.2f} "
        f"(target >= {TARGETS['scale_out_ratio']}: {verdict(met['scale_out_ratio'])}); "
        f"end to end {report['scale_out_end_to_end_ratio']:.2f}",
        f"Warm end-to-end p50: {report['warm_end_to_end_p50_ms']} ms paced "
        f"(target <= {TARGETS['warm_end_to_end_p50_ms']:.0f}: "
        f"{verdict(met['warm_end_to_end_p50_ms'])}), "
        f"{report['burst_end_to_end_p50_ms']} ms in the burst",
        "Peak memory (MiB, one worker): "
        + ", ".join(
            f"{name} {entry['peak_rss_mib']}" for name, entry in one["peak_memory_mib"].items()
        ),
        f"written to {out}",
    ]
    return "\n".join(lines)


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


if __name__ == "__main__":
    sys.exit(main())
