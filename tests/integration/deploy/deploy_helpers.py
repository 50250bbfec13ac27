"""What the deploy tests share: the code's console scripts and settings, env files, checks.

test_deploy_files.py (compose, Dockerfile) and test_k8s_manifests.py (Kubernetes) hold the
deployment files against the same facts of the code; they come from here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path

from assessment.config import AssessmentConfig
from eventing.kafka_settings import KafkaSettings
from notifications.messages.links import MailLinks
from reporting.config import ReportingConfig
from servicekit.settings import ServiceSettings, SettingsError

REPO = Path(__file__).resolve().parents[3]

SettingsReader = Callable[[Mapping[str, str]], object]

# Settings a service reads beyond ServiceSettings and KafkaSettings.
SERVICE_CONFIGS: dict[str, SettingsReader] = {
    "assessment": AssessmentConfig.from_env,
    "reporting": ReportingConfig.from_env,
    # The notifications worker's mail links (booking secret, the assessment's address).
    "notifications": lambda environ: MailLinks.from_env(environ, "https://notifications.invalid"),
}


def console_scripts() -> dict[str, Path]:
    """Every console script declared by a package of the repository -> that package's folder."""
    scripts: dict[str, Path] = {}
    for pyproject in sorted(REPO.glob("*/*/pyproject.toml")):
        project = tomllib.loads(pyproject.read_text()).get("project", {})
        for script in project.get("scripts", {}):
            scripts[script] = pyproject.parent
    return scripts


def env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def required_settings(service: str, *more: SettingsReader) -> set[str]:
    """The variables the settings classes refuse to start without (no default).

    `more`: further settings the process reads (e.g. a mailer's SmtpSettings.from_env).
    """
    missing: set[str] = set()
    for read in (
        lambda: ServiceSettings.from_env(service, {}),
        lambda: KafkaSettings.from_env({}, client_id=service),
        lambda: SERVICE_CONFIGS.get(service, dict)({}),
        *(lambda reader=reader: reader({}) for reader in more),
    ):
        try:
            read()
        except SettingsError as error:
            missing |= set(re.findall(r"(\w+) is required but not set", str(error)))
    return missing


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
