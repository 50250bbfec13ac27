"""`wegweiser-dev run | seed | demo | broker | smtp-sink | translations`: the whole system,
its demo data, one piece of the local stack, or the texts of the code into the catalogues."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from devstack.broker import BrokerStartError, LocalBroker
from devstack.console import configure_logging
from devstack.mail_page import MailPage
from devstack.signals import StopSignals
from devstack.smtp_sink import SmtpSink, SmtpSinkStartError

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    configure_logging()
    if args.command == "run":
        # Imported here so `broker` and `smtp-sink` work even while a service library is broken.
        from devstack import run

        return run.main()
    if args.command in ("seed", "demo"):
        from devstack import demo

        return demo.seed(os.environ) if args.command == "seed" else demo.main(os.environ)
    if args.command == "broker":
        return _broker(args.port, args.log_dir)
    if args.command == "translations":
        from devstack import catalogues

        return catalogues.main(Path.cwd())
    return _smtp_sink(args.port, args.ui_port, args.mail_dir)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wegweiser-dev", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run",
        help="run broker, SMTP sink and all services (settings from the environment)",
    )
    commands.add_parser("seed", help="add the demo advisors with their availability")
    commands.add_parser(
        "demo", help="with `run` running: seed, and take example companies through the check"
    )
    commands.add_parser(
        "translations",
        help="from the repository root: update every package's catalogues from its code",
    )
    broker = commands.add_parser("broker", help="run only the local Tansu broker")
    broker.add_argument("--port", type=int, default=_env_int("KAFKA_LOCAL_PORT", 9092))
    broker.add_argument("--log-dir", type=Path, default=Path("var/log"))
    sink = commands.add_parser("smtp-sink", help="run only the SMTP sink and its mail page")
    sink.add_argument("--port", type=int, default=_env_int("SMTP_PORT", 1025))
    sink.add_argument("--ui-port", type=int, default=_env_int("MAIL_UI_PORT", 8025))
    sink.add_argument("--mail-dir", type=Path, default=Path("var/mail"))
    return parser


def _broker(port: int, log_dir: Path) -> int:
    try:
        with StopSignals() as signals, LocalBroker(port, log_dir=log_dir) as broker:
            logger.info("broker on %s; press Ctrl-C to stop", broker.bootstrap_servers)
            while not signals.requested.wait(0.5):
                if not broker.is_running():
                    logger.error("the broker died; see %s", broker.log_path)
                    return 1
    except BrokerStartError as error:
        logger.error("%s", error)
        return 1
    return 0


def _smtp_sink(port: int, ui_port: int, mail_dir: Path) -> int:
    try:
        with (
            StopSignals() as signals,
            SmtpSink(mail_dir, port=port) as sink,
            MailPage(mail_dir, port=ui_port) as page,
        ):
            logger.info(
                "SMTP on %s:%s, mail page %s; press Ctrl-C to stop", sink.host, sink.port, page.url
            )
            while not signals.requested.wait(0.5):
                pass
    except (SmtpSinkStartError, OSError) as error:
        logger.error("%s", error)
        return 1
    return 0


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() else default


if __name__ == "__main__":
    sys.exit(main())
