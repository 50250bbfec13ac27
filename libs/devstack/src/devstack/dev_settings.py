"""What `wegweiser-dev run` reads from the environment, with the local defaults."""

from __future__ import annotations

import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from devstack.local_kafka import KINDS
from devstack.ports import LOOPBACK
from servicekit.settings import DEFAULT_PORTS, EnvReader

SERVICES = tuple(DEFAULT_PORTS)
# Console scripts a service may install; whichever exist next to the Python get started.
PROCESS_ROLES = ("web", "worker", "relay", "mailer")


@dataclass(frozen=True)
class DevSettings:
    external_kafka: str | None  # KAFKA_BOOTSTRAP_SERVERS: use it and start no broker
    local_kafka: str  # LOCAL_KAFKA: the broker to start, tansu (default) or apache
    kafka_local_port: int
    external_smtp_host: str | None  # SMTP_HOST: use it and start no sink
    smtp_port: int
    mail_ui_port: int
    web_ports: dict[str, int]
    state_dir: Path
    bin_dir: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DevSettings:
        env = EnvReader(environ)
        settings = cls(
            external_kafka=env.optional("KAFKA_BOOTSTRAP_SERVERS"),
            local_kafka=env.choice("LOCAL_KAFKA", KINDS, "tansu"),
            kafka_local_port=env.int("KAFKA_LOCAL_PORT", 9092),
            external_smtp_host=env.optional("SMTP_HOST"),
            smtp_port=env.int("SMTP_PORT", 1025),
            mail_ui_port=env.int("MAIL_UI_PORT", 8025),
            web_ports={
                service: env.int(f"{service.upper()}_PORT", default)
                for service, default in DEFAULT_PORTS.items()
            },
            # Where `make run` starts; absolute, as every configured path (EnvReader.path).
            state_dir=Path("var").absolute(),
            # The services' console scripts live next to the Python running us (the venv's
            # bin); DEVSTACK_BIN_DIR points elsewhere, which the supervisor's tests use.
            bin_dir=env.path("DEVSTACK_BIN_DIR", str(Path(sys.executable).parent)),
        )
        env.raise_if_invalid()
        return settings

    @property
    def log_dir(self) -> Path:
        return self.state_dir / "log"

    @property
    def mail_dir(self) -> Path:
        return self.state_dir / "mail"

    @property
    def tmp_dir(self) -> Path:
        return self.state_dir / "tmp"

    def child_environment(self, environ: Mapping[str, str]) -> dict[str, str]:
        """The inherited environment plus where the broker, the SMTP relay and the webs are
        (their ports, and their addresses unless set)."""
        env = dict(environ)
        if self.external_kafka is None:
            env["KAFKA_BOOTSTRAP_SERVERS"] = f"{LOOPBACK}:{self.kafka_local_port}"
            env["KAFKA_PROFILE"] = self.local_kafka  # each local broker has its own profile
        if self.external_smtp_host is None:
            env["SMTP_HOST"] = LOOPBACK
            env["SMTP_PORT"] = str(self.smtp_port)
            env.setdefault("MAIL_FROM", "wegweiser@localhost")
        for service, port in self.web_ports.items():
            # Set even when defaulted, so the URLs printed are the ports the webs bind.
            env[f"{service.upper()}_PORT"] = str(port)
            # The services link to each other (result page, booking, the export parts): with
            # a web on another port, every service must know, not just the web itself.
            if not env.get(f"PUBLIC_BASE_URL_{service.upper()}"):
                env[f"PUBLIC_BASE_URL_{service.upper()}"] = f"http://{LOOPBACK}:{port}"
        env["PYTHONUNBUFFERED"] = "1"  # output reaches the terminal when it is written
        # Health files and the webs' metrics folders are local state too: under var/, not
        # shared with every other system on the machine in /tmp, and gone with `make clean`.
        env["TMPDIR"] = str(self.tmp_dir)
        for name in ("SECRET_KEY", "BOOKING_LINK_SECRET"):
            if not env.get(name):
                env[name] = self._dev_secret(name.lower().replace("_", "-"))
        return env

    def _dev_secret(self, name: str) -> str:
        """A random secret kept under var/, so signed links stay valid across restarts in dev."""
        path = self.state_dir / f"dev-{name}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip()
