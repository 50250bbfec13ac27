"""`make run`: broker, SMTP sink, topics, migrations, then every service process, supervised.

Any process that exits on its own stops the whole system with a non-zero exit: half a
system that looks alive is worse than none. Ctrl-C or SIGTERM stops everything and exits 0.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import ExitStack
from pathlib import Path

from devstack.broker import BrokerStartError
from devstack.children import ChildProcess, stop_all
from devstack.dev_settings import PROCESS_ROLES, SERVICES, DevSettings
from devstack.local_kafka import Broker, local_broker
from devstack.mail_page import MailPage
from devstack.ports import LOOPBACK, port_accepts, wait_until
from devstack.signals import StopSignals
from devstack.smtp_sink import SmtpSink, SmtpSinkStartError
from eventing.admin import ensure_topics
from eventing.kafka_settings import KafkaSettings
from servicekit.settings import SettingsError

logger = logging.getLogger(__name__)

READY_LINE = "Wegweiser is running. Press Ctrl-C to stop."
STOP_TIMEOUT_SECONDS = 10.0
WEB_READY_TIMEOUT_SECONDS = 20.0


class StartupFailed(RuntimeError):
    pass


def main() -> int:
    """Exit status: 0 after a requested stop, 1 if anything failed or died."""
    try:
        settings = DevSettings.from_env(os.environ)
    except SettingsError as error:
        logger.error("%s", error)
        return 1
    with StopSignals() as signals:
        with ExitStack() as resources:
            exit_code = _run(settings, signals, resources)
            stopping_since = time.monotonic()
        logger.info("everything stopped in %.1f s", time.monotonic() - stopping_since)
    return exit_code


def _run(settings: DevSettings, signals: StopSignals, resources: ExitStack) -> int:
    children: list[ChildProcess] = []
    try:
        broker = _start_infrastructure(settings, resources)
        # Registered after the broker and the sink, so it runs before they stop.
        resources.callback(_stop_children, children, signals)
        child_env = settings.child_environment(os.environ)
        _create_topics(child_env)
        for service in SERVICES:
            if signals.requested.is_set():
                return 0
            _migrate(service, settings, child_env, signals)
            children.extend(_start_processes(service, settings, child_env))
        _wait_for_webs(children, settings, signals)
    except (StartupFailed, BrokerStartError, SmtpSinkStartError, OSError) as error:
        logger.error("start-up failed: %s", error)
        return 1
    if signals.requested.is_set():
        return 0
    _announce(settings, children, broker)
    return _supervise(children, broker, signals)


def _start_infrastructure(settings: DevSettings, resources: ExitStack) -> Broker | None:
    for directory in (settings.state_dir, settings.log_dir, settings.mail_dir, settings.tmp_dir):
        directory.mkdir(parents=True, exist_ok=True)
    broker: Broker | None = None
    if settings.external_kafka is None:
        broker = local_broker(
            settings.local_kafka, settings.kafka_local_port, log_dir=settings.log_dir
        )
        resources.enter_context(broker)
    if settings.external_smtp_host is None:
        resources.enter_context(SmtpSink(settings.mail_dir, port=settings.smtp_port))
        resources.enter_context(MailPage(settings.mail_dir, port=settings.mail_ui_port))
    return broker


def _create_topics(child_env: dict[str, str]) -> None:
    kafka = KafkaSettings.from_env(child_env, client_id="wegweiser-dev")
    try:
        created = ensure_topics(kafka)
    except Exception as error:
        raise StartupFailed(
            f"could not create topics on {kafka.bootstrap_servers}: {error}"
        ) from error
    if not created:  # ensure_topics logs the ones it creates
        logger.info("all topics exist on %s", kafka.bootstrap_servers)


def _migrate(
    service: str, settings: DevSettings, child_env: dict[str, str], signals: StopSignals
) -> None:
    script = _script(settings.bin_dir, f"{service}-migrate")
    if script is None:
        return
    migration = ChildProcess(script.name, [str(script)], env=child_env, log_dir=settings.log_dir)
    migration.start()
    while (code := migration.wait(timeout=0.2)) is None:
        if signals.requested.is_set():
            stop_all([migration], timeout=STOP_TIMEOUT_SECONDS, forced=signals.forced)
            return
    migration.close()
    if code != 0:
        raise StartupFailed(f"{script.name} failed with exit code {code}; see {migration.log_path}")


def _start_processes(
    service: str, settings: DevSettings, child_env: dict[str, str]
) -> list[ChildProcess]:
    started = []
    for role in PROCESS_ROLES:
        script = _script(settings.bin_dir, f"{service}-{role}")
        if script is not None:
            child = ChildProcess(
                script.name, [str(script)], env=child_env, log_dir=settings.log_dir
            )
            child.start()
            started.append(child)
    return started


def _script(bin_dir: Path, name: str) -> Path | None:
    path = bin_dir / name
    return path if path.is_file() and os.access(path, os.X_OK) else None


def _wait_for_webs(
    children: list[ChildProcess], settings: DevSettings, signals: StopSignals
) -> None:
    """Print URLs only once they answer; a web that dies while starting fails the start."""
    for child in children:
        service, _, role = child.name.rpartition("-")
        if role != "web":
            continue
        port = settings.web_ports[service]

        def settled(port: int = port, child: ChildProcess = child) -> bool:
            return (
                signals.requested.is_set()
                or child.exit_code() is not None
                or port_accepts(LOOPBACK, port)
            )

        if not wait_until(settled, WEB_READY_TIMEOUT_SECONDS, interval=0.1):
            logger.warning("%s does not answer on port %s yet", child.name, port)
        elif child.exit_code() is not None:
            raise StartupFailed(f"{child.name} exited with code {child.exit_code()} while starting")


def _announce(settings: DevSettings, children: list[ChildProcess], broker: Broker | None) -> None:
    running = {child.name for child in children}
    for service in SERVICES:
        if f"{service}-web" in running:
            logger.info(
                "%-18s http://%s:%s/", f"{service} web", LOOPBACK, settings.web_ports[service]
            )
    if settings.external_smtp_host is None:
        logger.info("%-18s http://%s:%s/", "mail", LOOPBACK, settings.mail_ui_port)
        logger.info("%-18s %s:%s", "SMTP sink", LOOPBACK, settings.smtp_port)
    if broker is not None:
        kind = "local Tansu, memory only" if broker.profile == "tansu" else "local Apache Kafka"
        logger.info("%-18s %s (%s)", "Kafka broker", broker.bootstrap_servers, kind)
    else:
        logger.info("%-18s %s (external)", "Kafka broker", settings.external_kafka)
    if not running:
        logger.warning("no service console scripts found in %s", settings.bin_dir)
    logger.info("%s", READY_LINE)


def _supervise(children: list[ChildProcess], broker: Broker | None, signals: StopSignals) -> int:
    while not signals.requested.wait(0.2):
        for child in children:
            if (code := child.exit_code()) is not None:
                logger.error(
                    "!!! %s exited unexpectedly (exit code %s): stopping everything",
                    child.name,
                    code,
                )
                return 1
        if broker is not None and not broker.is_running():
            logger.error("!!! the Kafka broker died: stopping everything; see %s", broker.log_path)
            return 1
    logger.info("%s received: stopping", signals.received)
    return 0


def _stop_children(children: list[ChildProcess], signals: StopSignals) -> None:
    started = time.monotonic()
    stop_all(children, timeout=STOP_TIMEOUT_SECONDS, forced=signals.forced)
    if children:
        logger.info("services stopped in %.1f s", time.monotonic() - started)
