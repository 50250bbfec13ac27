"""Reading settings from environment variables, once, with every problem reported together."""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError

from servicekit.signed_tokens import SigningKeys


class _Required:
    """The default of a setting that has none."""


_REQUIRED = _Required()

IPNetwork = IPv4Network | IPv6Network

# The fixed local ports of the services' web processes (each overridable by <SERVICE>_PORT).
DEFAULT_PORTS = {"assessment": 8000, "reporting": 8001, "notifications": 8002}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_RATE = re.compile(r"(\d+)/(\d+)([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class SettingsError(RuntimeError):
    """Start-up must stop: settings are missing or malformed (all of them are listed)."""


class EnvReader:
    """Reads typed values from an environment mapping and collects what is wrong.

    Call `raise_if_invalid()` after reading everything, so an operator sees every missing
    or malformed variable in one message instead of one per restart.

    The readers are named after the types they return (`env.str`, `env.int`), so inside
    this class the types themselves are written `builtins.str` and so on.
    """

    def __init__(self, environ: Mapping[builtins.str, builtins.str]) -> None:
        self._environ = environ
        self._problems: list[builtins.str] = []

    def str(
        self, name: builtins.str, default: builtins.str | _Required = _REQUIRED
    ) -> builtins.str:
        value = self._environ.get(name, "")
        if value != "":
            return value
        if isinstance(default, _Required):
            self._problems.append(f"{name} is required but not set")
            return ""
        return default

    def optional(self, name: builtins.str) -> builtins.str | None:
        return self._environ.get(name) or None

    def signing_keys(self, name: builtins.str) -> SigningKeys:
        """The secret in `name` signs; the one in `<name>_PREVIOUS`, while set, is still
        accepted (servicekit.signed_tokens)."""
        return SigningKeys(self.str(name), self.optional(f"{name}_PREVIOUS"))

    def int(
        self, name: builtins.str, default: builtins.int | _Required = _REQUIRED
    ) -> builtins.int:
        raw = self.str(name, default if isinstance(default, _Required) else str(default))
        if raw == "":
            return 0
        try:
            return int(raw)
        except ValueError:
            self._problems.append(f"{name} must be a whole number, got {raw!r}")
            return 0

    def bool(self, name: builtins.str, default: builtins.bool) -> builtins.bool:
        raw = self._environ.get(name, "").strip().lower()
        if raw == "":
            return default
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        self._problems.append(f"{name} must be true or false, got {raw!r}")
        return default

    def choice(
        self, name: builtins.str, choices: Iterable[builtins.str], default: builtins.str
    ) -> builtins.str:
        allowed = tuple(choices)
        value = self.str(name, default)
        if value not in allowed:
            self._problems.append(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
        return value

    def rate(self, name: builtins.str, default: Rate) -> Rate:
        """A limit written `<count>/<window>`, the window in s, m, h or d: `10/24h`."""
        raw = self._environ.get(name, "").strip()
        if raw == "":
            return default
        match = _RATE.fullmatch(raw)
        if match is None or int(match[1]) < 1 or int(match[2]) < 1:
            self._problems.append(
                f"{name} must be like 10/24h (a count, /, a window in s, m, h or d), got {raw!r}"
            )
            return default
        return Rate(int(match[1]), timedelta(**{_UNITS[match[3]]: int(match[2])}))

    def networks(self, name: builtins.str, default: builtins.str) -> tuple[IPNetwork, ...]:
        """Comma-separated networks in CIDR notation (`10.0.0.0/8,fc00::/7`)."""
        raw = self._environ.get(name, "").strip() or default
        try:
            return tuple(ip_network(part.strip()) for part in raw.split(",") if part.strip())
        except ValueError as error:
            self._problems.append(
                f"{name} must be networks like 10.0.0.0/8, comma-separated ({error})"
            )
            return ()

    def path(self, name: builtins.str, default: builtins.str) -> Path:
        """A folder or file; a relative one is taken from the working directory the process
        starts in, here, once. Left relative, each user would resolve it on its own terms:
        Flask's `send_file` against the app's package folder, a later `chdir` against another."""
        return Path(self.str(name, default)).absolute()

    def optional_file(self, name: builtins.str) -> Path | None:
        """A file the process reads at start-up, e.g. a CA; absolute, as by `path`, and
        checked now, so a wrong mount is named before anything connects."""
        value = self.optional(name)
        if value is None:
            return None
        path = Path(value).absolute()
        if not path.is_file():
            self._problems.append(f"{name} {path} is not a readable file")
        return path

    def database_url(self, name: builtins.str, default: builtins.str) -> builtins.str:
        """A SQLAlchemy URL; a SQLite file given by a relative path is made absolute, as by
        `path`, so every process of a service opens the same file."""
        raw = self.str(name, default)
        try:
            url = make_url(raw)
        except ArgumentError:
            self._problems.append(f"{name} must be a database URL, got {raw!r}")
            return raw
        database = url.database
        if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
            return raw
        if database.startswith("file:") or Path(database).is_absolute():
            return raw
        return url.set(database=str(Path(database).absolute())).render_as_string(
            hide_password=False
        )

    def public_url(self, service: builtins.str) -> builtins.str:
        """Where users reach another service (`PUBLIC_BASE_URL_<SERVICE>`), for the links to
        it that this one hands out. Only http(s): the value ends up in mails and pages."""
        name = f"PUBLIC_BASE_URL_{service.upper()}"
        value = self.str(name, f"http://127.0.0.1:{DEFAULT_PORTS[service]}")
        if not value.startswith(("http://", "https://")):
            self._problems.append(f"{name} must start with http:// or https://, got {value!r}")
        return value.rstrip("/")

    def problem(self, message: builtins.str) -> None:
        """A problem found by the caller, e.g. between two settings, reported with the rest."""
        self._problems.append(message)

    def raise_if_invalid(self) -> None:
        if self._problems:
            raise SettingsError("invalid configuration: " + "; ".join(self._problems))


@dataclass(frozen=True)
class Rate:
    """At most `count` per `window`."""

    count: int
    window: timedelta


# Why these numbers: README, "Limits on anonymous requests".
DEFAULT_LIMIT_PER_CLIENT = Rate(60, timedelta(hours=1))
DEFAULT_LIMIT_PER_RECIPIENT = Rate(10, timedelta(hours=24))
# Who may read a web process's /metrics: loopback and the private ranges a cluster's
# monitoring scrapes from, never the internet.
DEFAULT_METRICS_NETWORKS = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"


@dataclass(frozen=True)
class ServiceSettings:
    """What every service process needs, read from `<SERVICE>_*` and common variables."""

    service: str
    database_url: str
    host: str
    port: int
    public_base_url: str
    # Signs the session cookie and the service's own links (SECRET_KEY, SECRET_KEY_PREVIOUS).
    secret_key: SigningKeys
    log_level: str
    # How many proxies in front of the web process set X-Forwarded-*: only their headers
    # are believed, so a client cannot claim another address by sending one itself.
    trusted_proxy_hops: int = 0
    # Anonymous requests that create records or send mail, per client address and per
    # recipient (servicekit.request_limits).
    limit_per_client: Rate = DEFAULT_LIMIT_PER_CLIENT
    limit_per_recipient: Rate = DEFAULT_LIMIT_PER_RECIPIENT
    # The networks /metrics answers to (servicekit.web); only for requests no proxy forwarded.
    metrics_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_env(cls, service: str, environ: Mapping[str, str]) -> ServiceSettings:
        env = EnvReader(environ)
        prefix = service.upper()
        port = env.int(f"{prefix}_PORT", DEFAULT_PORTS[service])
        settings = cls(
            service=service,
            database_url=_database_url(env, service),
            host=env.str(f"{prefix}_HOST", "127.0.0.1"),
            port=port,
            public_base_url=env.str(f"PUBLIC_BASE_URL_{prefix}", f"http://127.0.0.1:{port}"),
            secret_key=env.signing_keys("SECRET_KEY"),
            log_level=env.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO"),
            trusted_proxy_hops=env.int("TRUSTED_PROXY_HOPS", 0),
            limit_per_client=env.rate("LIMIT_PER_CLIENT", DEFAULT_LIMIT_PER_CLIENT),
            limit_per_recipient=env.rate("LIMIT_PER_RECIPIENT", DEFAULT_LIMIT_PER_RECIPIENT),
            metrics_networks=env.networks("METRICS_NETWORKS", DEFAULT_METRICS_NETWORKS),
        )
        if not 0 <= settings.trusted_proxy_hops <= 5:
            env.problem(f"TRUSTED_PROXY_HOPS must be 0-5, got {settings.trusted_proxy_hops}")
        env.raise_if_invalid()
        return settings


def database_url_from_env(service: str, environ: Mapping[str, str]) -> str:
    """Only the service's database: what its tools (migrations, demo data, the first admin)
    need. They sign nothing, so unlike the service they run without SECRET_KEY."""
    env = EnvReader(environ)
    url = _database_url(env, service)
    env.raise_if_invalid()
    return url


def _database_url(env: EnvReader, service: str) -> str:
    # SQLite under var/ is the embedded default; production sets PostgreSQL.
    return env.database_url(f"{service.upper()}_DATABASE_URL", f"sqlite:///var/{service}.sqlite3")
