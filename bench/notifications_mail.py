"""Mails per second through the MailSender against the SMTP sink's own acceptance rate.

`python -m bench.notifications_mail` from the repository root starts the local SMTP sink
(the one `make run` and the tests use) on a free loopback port, measures, writes
bench/results/notifications_mail.json and prints a summary.

Both sides send byte for byte the same messages, the notifications service's real report
mails (advisor summary and company links, text and HTML), in alternating rounds, so a slow
or busy machine moves both figures alike:
- sender: the mails are queued in a scratch database (untimed), then the MailSender with
  the SmtpMailer delivers them (timed): it reads the due rows, builds each message, hands
  it to the sink over a connection of its own and records the outcome in the database;
- bare: a plain smtplib client sends the same built messages, one connection per message
  as the SmtpMailer opens them; and, as the sink's ceiling, over one connection for all.
The figure is the ratio sender/bare (target >= 0.5); the ratio to the one-connection
ceiling is reported beside it.

The database must be a scratch one: the bench creates the mail table and empties it.
"""

from __future__ import annotations

import argparse
import logging
import platform
import smtplib
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, make_url

from bench.figures import say, verdict, write_results
from devstack.ports import free_port
from devstack.smtp_sink import SmtpSink
from eventing.codec import decode
from eventing.examples import all_examples
from eventing.vocabulary import Vocabulary
from mailing.message import Mail, build_message
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.sender import MailSender
from mailing.smtp import SmtpMailer, SmtpSettings
from mailing.tables import mail_outbox, metadata
from notifications.adapters.company_assessments import scored_values
from notifications.adapters.report_mails import CompanyLinks, Report, advisor_mail, company_mail
from servicekit.db import make_engine

DEFAULT_OUT = Path("bench/results/notifications_mail.json")
MAIL_FROM = "wegweiser@cluster.example"
TARGET_RATIO = 0.5


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=200, help="mails per round and side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="a scratch database (default: SQLite in a temp dir)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    mails = report_mails(args.mails)
    with tempfile.TemporaryDirectory(prefix="wegweiser-bench-mail-") as work_dir:
        database_url = args.database_url or f"sqlite:///{Path(work_dir) / 'bench.sqlite3'}"
        engine = make_engine(database_url)
        try:
            metadata.create_all(engine)
            with SmtpSink(Path(work_dir) / "mail", port=free_port()) as sink:
                rounds = measure(engine, sink, mails, args.rounds)
        finally:
            engine.dispose()
    report = build_report(args, database_url, rounds)
    write_results(report, args.out)
    say(summary(report, args.out))
    return 0  # a benchmark, not a test: missing the target is reported, not failed


def report_mails(count: int) -> list[Mail]:
    """`count` report mails as the consumer writes them, half to advisors, half to companies."""
    [scored] = [
        decode(e.raw) for e in all_examples() if e.name.startswith("assessment.scored.v1.machining")
    ]
    assessment = scored_values(scored.data) | {"assessment_id": scored.data["assessment_id"]}
    words = Vocabulary.of(scored.data["vocabulary"])
    now = datetime.now(UTC)
    mails = []
    for number in range(count):
        report = Report(uuid.uuid4(), f"https://reports.example/{number}?signature=abc", now)
        if number % 2:
            advisor = {"id": uuid.uuid4(), "name": "Katrin Weiss", "email": "k@cluster.example"}
            mails.append(advisor_mail(report, assessment, words, advisor, "https://desk.example/"))
        else:
            links = CompanyLinks("https://a.example/r", "https://n.example/book/x", now)
            mails.append(company_mail(report, assessment, words, links, "Katrin Weiss"))
    return mails


def measure(
    engine: Engine, sink: SmtpSink, mails: list[Mail], rounds: int
) -> list[dict[str, float]]:
    """Alternating rounds of the three ways to send; mails per second of each."""
    settings = SmtpSettings(host=sink.host, port=sink.port, mail_from=MAIL_FROM)
    messages = [
        build_message(mail, mail_id=uuid.uuid4(), mail_from=MAIL_FROM, date=datetime.now(UTC))
        for mail in mails
    ]
    results = []
    for _ in range(rounds):
        sides: dict[str, Callable[[], None]] = {
            "sender": lambda: send_through_sender(engine, SmtpMailer(settings), mails),
            "bare_per_message": lambda: send_bare(settings, messages, reuse=False),
            "bare_one_connection": lambda: send_bare(settings, messages, reuse=True),
        }
        figures = {}
        for name, send in sides.items():
            sink.clear()
            seconds = send()
            assert len(sink.paths()) == len(mails), f"{name}: not every mail arrived"
            figures[name] = len(mails) / seconds
        results.append(figures)
    return results


def send_through_sender(engine: Engine, mailer: SmtpMailer, mails: list[Mail]) -> float:
    with engine.begin() as connection:
        connection.execute(delete(mail_outbox))
        now = datetime.now(UTC)
        for mail in mails:
            queue_mail(connection, mail, now, owner=MailOwner.company(uuid.uuid4(), None))
    sender = MailSender(engine, mailer)
    started = time.perf_counter()
    sent = 0
    while sent < len(mails):
        report = sender.send_due_once()
        assert report.retried == report.failed == 0, report
        sent += report.sent
    return time.perf_counter() - started


def send_bare(settings: SmtpSettings, messages: list[EmailMessage], *, reuse: bool) -> float:
    started = time.perf_counter()
    if reuse:
        with smtplib.SMTP(settings.host, settings.port) as smtp:
            for message in messages:
                smtp.send_message(message)
    else:
        for message in messages:
            with smtplib.SMTP(settings.host, settings.port) as smtp:
                smtp.send_message(message)
    return time.perf_counter() - started


def build_report(
    args: argparse.Namespace, database_url: str, rounds: list[dict[str, float]]
) -> dict[str, Any]:
    def median(name: str) -> float:
        return round(statistics.median(r[name] for r in rounds), 1)

    def ratio(name: str) -> float:
        return round(statistics.median(r["sender"] / r[name] for r in rounds), 3)

    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "setup": {
            "mails_per_round": args.mails,
            "rounds": args.rounds,
            "database": make_url(database_url).get_backend_name(),
            "smtp": "devstack SmtpSink (aiosmtpd) on loopback, storing .eml files",
        },
        "mails_per_second": {
            "sender": median("sender"),
            "bare_per_message": median("bare_per_message"),
            "bare_one_connection": median("bare_one_connection"),
        },
        "ratio_sender_to_bare": ratio("bare_per_message"),
        "ratio_sender_to_one_connection": ratio("bare_one_connection"),
        "target_ratio": TARGET_RATIO,
        "target_met": ratio("bare_per_message") >= TARGET_RATIO,
        "rounds": [{name: round(value, 1) for name, value in r.items()} for r in rounds],
    }


def summary(report: dict[str, Any], out: Path) -> str:
    rates = report["mails_per_second"]
    return (
        f"mail sender: {rates['sender']} mails/s, bare smtplib {rates['bare_per_message']} "
        f"mails/s (one connection each), {rates['bare_one_connection']} mails/s (one for all)\n"
        f"  ratio sender/bare {report['ratio_sender_to_bare']} "
        f"(target >= {report['target_ratio']}: {verdict(report['target_met'])}); "
        f"sender/one-connection {report['ratio_sender_to_one_connection']}\n"
        f"  written to {out}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
