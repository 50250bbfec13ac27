"""What the deploy tests share: the code's console scripts and settings, env files, checks.

test_deploy_files.py (compose, Dockerfile) and test_k8s_manifests.py (Kubernetes) hold the
deployment files against the same facts of the code; they come from here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from assessment.config import AssessmentConfig
from assessment.privacy.config import PrivacyConfig
from eventing.kafka_settings import KafkaSettings
from notifications.adapters.mail_links import MailLinks
from notifications.privacy.export_links import ExportLinks
from notifications.privacy.retention import mail_body_retention
from reporting.config import ReportingConfig
from servicekit.booking_links import BookingLinks
from servicekit.settings import DEFAULT_PORTS, ServiceSettings, SettingsError

REPO = Path(__file__).resolve().parents[3]

SettingsReader = Callable[[Mapping[str, str]], object]

# The console scripts are `<service>-<role>`; the role says how a script is deployed:
# long-running processes (a container each in compose, a Deployment each on Kubernetes) ...
LONG_RUNNING = ("web", "relay", "worker", "mailer")
# ... the migration (runs once per release, then exits) ...
ONE_SHOT = "migrate"
# ... scheduled jobs (servicekit.loops.run_scheduled): one pass and exit, run hourly by a
# Kubernetes CronJob; compose has no scheduler and runs them with `--every SECONDS` ...
SCHEDULED = ("retention",)
# ... and tools an operator runs by hand (`make seed`, the first admin account), never deployed.
CLI_TOOLS = {"notifications-seed", "notifications-admin"}

_NOTIFICATIONS_URL = "https://notifications.invalid"
# Settings whose default only makes sense on a laptop: SQLite under var/, addresses on
# 127.0.0.1 (the links between the services), Kafka on 127.0.0.1:9092.
LAPTOP_DEFAULTS = (
    "KAFKA_BOOTSTRAP_SERVERS",
    *(f"{service.upper()}_DATABASE_URL" for service in DEFAULT_PORTS),
    *(f"PUBLIC_BASE_URL_{service.upper()}" for service in DEFAULT_PORTS),
)

# Settings a service's processes read beyond ServiceSettings and KafkaSettings.
SERVICE_CONFIGS: dict[str, tuple[SettingsReader, ...]] = {
    # The result page's booking link; the privacy pages and their export links.
    "assessment": (AssessmentConfig.from_env, PrivacyConfig.from_env),
    # The report's booking link, the privacy export (BOOKING_LINK_SECRET).
    "reporting": (ReportingConfig.from_env,),
    "notifications": (
        # The web's booking pages and privacy export (BOOKING_LINK_SECRET).
        lambda environ: BookingLinks.from_env(environ, _NOTIFICATIONS_URL),
        # The worker's mail links (booking secret, the assessment's address).
        lambda environ: MailLinks.from_env(environ, _NOTIFICATIONS_URL),
        # The desk's export links to every service's part (their addresses, the secret).
        lambda environ: ExportLinks.from_env(
            environ, BookingLinks.from_env(environ, _NOTIFICATIONS_URL)
        ),
    ),
}
# What a scheduled job reads beyond ServiceSettings: its own rules, nothing else. It only
# touches its own database: no Kafka, no booking links.
SCHEDULED_JOB_CONFIGS: dict[str, SettingsReader] = {
    "assessment-retention": PrivacyConfig.from_env,
    "notifications-retention": mail_body_retention,
}


def service_and_role(script: str) -> tuple[str, str]:
    """`notifications-retention` -> ("notifications", "retention")."""
    service, _, role = script.partition("-")
    assert role, f"{script} is no `<service>-<role>` script"
    return service, role


def is_scheduled(script: str) -> bool:
    return service_and_role(script)[1] in SCHEDULED


def uses_kafka(script: str) -> bool:
    """Whether the process is a Kafka client (scheduled jobs touch their database only)."""
    return not is_scheduled(script)


def settings_readers(script: str) -> tuple[SettingsReader, ...]:
    """Everything the process `script` reads from its environment at start-up."""
    service, _ = service_and_role(script)
    readers: list[SettingsReader] = [lambda environ: ServiceSettings.from_env(service, environ)]
    if is_scheduled(script):
        assert script in SCHEDULED_JOB_CONFIGS, f"{script}: add what it reads to this module"
        readers.append(SCHEDULED_JOB_CONFIGS[script])
    else:
        readers.append(lambda environ: KafkaSettings.from_env(environ, client_id=service))
        readers += SERVICE_CONFIGS.get(service, ())
    return tuple(readers)


def read_settings(script: str, environment: Mapping[str, str]) -> list[object]:
    """Every setting of the process as it reads them; raises SettingsError on a bad value."""
    return [read(environment) for read in settings_readers(script)]


def console_scripts() -> dict[str, Path]:
    """Every console script declared by a package of the repository -> that package's folder."""
    scripts: dict[str, Path] = {}
    for pyproject in sorted(REPO.glob("*/*/pyproject.toml")):
        project = tomllib.loads(pyproject.read_text()).get("project", {})
        for script in project.get("scripts", {}):
            scripts[script] = pyproject.parent
    return scripts


def env_file(path: Path) -> dict[str, str]:
    return env_file_lines(path.read_text().splitlines())


def env_file_lines(lines: Iterable[str]) -> dict[str, str]:
    values = {}
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def required_settings(script: str, *more: SettingsReader) -> set[str]:
    """The variables the process `script` refuses to start without (no default).

    `more`: further settings the process reads (e.g. a mailer's SmtpSettings.from_env).
    """
    missing: set[str] = set()
    for read in (*settings_readers(script), *more):
        try:
            read({})
        except SettingsError as error:
            missing |= set(re.findall(r"(\w+) is required but not set", str(error)))
    return missing


def production_settings(script: str, *more: SettingsReader) -> set[str]:
    """What a production container of `script` must be given: the required settings
    (`more` as in required_settings), and those of LAPTOP_DEFAULTS the process reads."""
    placeholders = dict.fromkeys(required_settings(script), "placeholder")
    before = read_settings(script, placeholders)

    def reads(variable: str) -> bool:
        changed = {**placeholders, variable: "https://changed.invalid"}
        return read_settings(script, changed) != before

    return required_settings(script, *more) | {v for v in LAPTOP_DEFAULTS if reads(v)}


def commented_settings(path: Path) -> dict[str, str]:
    """The `# NAME=value` lines of an env file: settings documented with their default."""
    return env_file_lines(
        line.strip().removeprefix("#").strip()
        for line in path.read_text().splitlines()
        if re.fullmatch(r"#\s*[A-Z][A-Z0-9_]*=\S*\s*", line.strip())
    )


def not_the_defaults(
    path: Path, processes: Iterable[tuple[str, Mapping[str, str]]]
) -> list[tuple[str, str]]:
    """The commented settings of `path` that are no defaults: uncommented, they would change
    what a process reads. `processes`: (script, the environment it is given)."""
    documented = {name: value for name, value in commented_settings(path).items() if value}
    differ = []
    for script, environment in processes:
        for name, value in documented.items():
            without = {k: v for k, v in environment.items() if k != name}
            if read_settings(script, {**without, name: value}) != read_settings(script, without):
                differ.append((script, name))
    return differ


def run_check(command: list[str], environment: Mapping[str, str]) -> int:
    """Run a health check's command the way a container would, with this interpreter as
    `python`."""
    assert command[0] == "python"
    return subprocess.run(
        [sys.executable, *command[1:]],
        env={"PATH": "/usr/bin:/bin", **environment},
        capture_output=True,
        timeout=60,
        check=False,
    ).returncode
