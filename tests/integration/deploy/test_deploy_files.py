"""The deployment files in deploy/ checked against the code, without Docker.

Nothing here builds an image or starts a container. The tests read the compose file, the
Dockerfile and its ignore file, and hold them against what the code declares: the console
scripts of the pyproject.toml files, the settings `ServiceSettings.from_env` and
`KafkaSettings.from_env` require, the web ports. The health-check commands are run here
against a loopback HTTP server, a SQLite database and a listening socket.

One module over 350 lines: the deploy files against the code, read with the same helpers.
"""

from __future__ import annotations

import http.server
import ipaddress
import json
import re
import shlex
import socket
import subprocess
import threading
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from deploy_helpers import CLI_TOOLS, ONE_SHOT
from deploy_helpers import commented_settings as _commented_settings
from deploy_helpers import console_scripts as _console_scripts
from deploy_helpers import env_file as _env_file
from deploy_helpers import is_scheduled as _is_scheduled
from deploy_helpers import not_the_defaults as _not_the_defaults
from deploy_helpers import production_settings as _production_settings
from deploy_helpers import read_settings as _read_settings
from deploy_helpers import required_settings as _required_settings
from deploy_helpers import run_check as _run_check
from deploy_helpers import service_and_role as _service_and_role
from deploy_helpers import uses_kafka as _uses_kafka
from sqlalchemy import make_url

from devstack.apache_broker import kafka_version
from eventing.kafka_settings import KafkaSettings
from servicekit.health import health_file_path
from servicekit.loops import HEARTBEAT_S
from servicekit.settings import DEFAULT_PORTS, ServiceSettings

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"
COMPOSE_DIR = DEPLOY / "compose"
COMPOSE_FILE = COMPOSE_DIR / "docker-compose.yml"
DOCKERFILE = DEPLOY / "docker" / "Dockerfile"
DOCKERIGNORE = DEPLOY / "docker" / "Dockerfile.dockerignore"
SECRETS_EXAMPLE = COMPOSE_DIR / "secrets.env.example"
PRODUCTION_EXAMPLE = COMPOSE_DIR / "production.env.example"

SERVICES = tuple(DEFAULT_PORTS)
ONE_SHOT_SUFFIX = f"-{ONE_SHOT}"
# Compose has no scheduler: a scheduled job repeats its pass (`--every SECONDS`) at least
# this often, as the Kubernetes CronJob runs it.
SCHEDULED_EVERY_MAX_S = 3600
# The system libraries WeasyPrint loads (weasyprint/text/ffi.py), as Debian packages.
WEASYPRINT_PACKAGES = (
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz0b",
    "libharfbuzz-subset0",
)
# Retention above this is not "bounded" in the GDPR sense the README promises.
MAX_RETENTION_HOURS = 30 * 24


# --- reading the files ------------------------------------------------------------------------


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _compose_services() -> dict[str, dict[str, Any]]:
    return _compose()["services"]


def _app_containers() -> dict[str, dict[str, Any]]:
    """The containers built from the Dockerfile (the services' own processes)."""
    return {name: spec for name, spec in _compose_services().items() if "build" in spec}


def _target(spec: Mapping[str, Any]) -> str:
    return spec["build"]["target"]


def _command(spec: Mapping[str, Any]) -> list[str]:
    """What the container runs: its compose command, or else its image's CMD."""
    command = spec.get("command")
    if command is None:
        return _dockerfile().effective(_target(spec), "CMD")
    return shlex.split(command) if isinstance(command, str) else list(command)


def _is_one_shot(spec: Mapping[str, Any]) -> bool:
    return _command(spec)[0].endswith(ONE_SHOT_SUFFIX)


_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def _referenced_variables(value: str) -> set[str]:
    return {match["name"] for match in _VARIABLE.finditer(value)}


def _interpolate(value: str, variables: Mapping[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default}, ${NAME:?error} against `variables`."""

    def replace(match: re.Match[str]) -> str:
        value = variables.get(match["name"], "")
        if value:
            return value
        if match["op"] in (":?", "?"):
            raise AssertionError(f"compose would refuse to start: {match['arg']}")
        return match["arg"] or ""

    return _VARIABLE.sub(replace, value).replace("$$", "$")


def _secret_placeholders() -> dict[str, str]:
    """A value for every variable of secrets.env.example, as an operator would fill it in."""
    return {name: f"{name.lower()}-0123456789abcdef" for name in _env_file(SECRETS_EXAMPLE)}


def _container_environment(spec: Mapping[str, Any]) -> dict[str, str]:
    """What a service container sees: the image's ENV, then env_file, then environment.

    `production.env` does not exist in the repository; its example is what gets copied.
    """
    environment = dict(_dockerfile().environment(_target(spec)))
    env_files = spec.get("env_file", [])
    for env_file in [env_files] if isinstance(env_files, str) else env_files:
        path = COMPOSE_DIR / env_file
        environment.update(_env_file(path.with_name(path.name + ".example")))
    secrets = _secret_placeholders()
    for name, value in spec.get("environment", {}).items():
        environment[name] = _interpolate(str(value), secrets)
    return environment


@dataclass
class Stage:
    name: str
    parent: str
    instructions: list[tuple[str, str]] = field(default_factory=list)


class Dockerfile:
    """Just enough of a Dockerfile parser for these checks: stages and their instructions."""

    def __init__(self, text: str) -> None:
        self.stages: dict[str, Stage] = {}
        current: Stage | None = None
        for line in _logical_lines(text):
            keyword, _, arguments = line.partition(" ")
            keyword = keyword.upper()
            if keyword == "FROM":
                words = arguments.split()
                assert len(words) == 3, f"unnamed stage: {line}"
                assert words[1].upper() == "AS", f"unnamed stage: {line}"
                current = Stage(name=words[2], parent=words[0])
                self.stages[current.name] = current
            elif current is not None:
                current.instructions.append((keyword, arguments.strip()))

    def chain(self, target: str) -> list[Stage]:
        """The stage and the stages it is built FROM, base first."""
        stages = []
        name: str | None = target
        while name in self.stages:
            stages.insert(0, self.stages[name])
            name = self.stages[name].parent
        return stages

    def instructions(self, target: str, keyword: str, *, inherited: bool = True) -> list[str]:
        stages = self.chain(target) if inherited else [self.stages[target]]
        return [args for stage in stages for kw, args in stage.instructions if kw == keyword]

    def effective(self, target: str, keyword: str) -> list[str]:
        """The exec-form CMD (or similar) in force for the target: the last one wins."""
        found = self.instructions(target, keyword)
        assert found, f"target {target} has no {keyword}"
        return json.loads(found[-1])

    def environment(self, target: str) -> dict[str, str]:
        environment = {}
        for arguments in self.instructions(target, "ENV"):
            for word in shlex.split(arguments):
                name, _, value = word.partition("=")
                environment[name] = value
        return environment

    def healthcheck(self, target: str) -> list[str]:
        found = self.instructions(target, "HEALTHCHECK")
        assert found, f"target {target} has no HEALTHCHECK"
        _options, _, command = found[-1].partition("CMD ")
        return json.loads(command)


def _logical_lines(text: str) -> Iterator[str]:
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        yield pending + line
        pending = ""


def _dockerfile() -> Dockerfile:
    return Dockerfile(DOCKERFILE.read_text())


# --- the compose file -------------------------------------------------------------------------


def test_compose_runs_every_console_script_of_every_service_exactly_once() -> None:
    running = [_command(spec)[0] for spec in _app_containers().values()]
    for service in SERVICES:
        declared = [
            script
            for script, package in _console_scripts().items()
            if package == REPO / "services" / service and script not in CLI_TOOLS
        ]
        assert declared, f"services/{service}/pyproject.toml declares no console scripts"
        for script in declared:
            # Twice would mean two outbox relays publishing the same rows.
            assert running.count(script) == 1, f"{script} runs {running.count(script)} times"


@pytest.mark.parametrize(
    "name", sorted(n for n, spec in _app_containers().items() if _is_scheduled(_command(spec)[0]))
)
def test_the_scheduled_jobs_repeat_their_pass_themselves(name: str) -> None:
    command = _command(_app_containers()[name])
    # Without --every the job makes one pass and exits: `restart` would run it back to back.
    assert command[1:2] == ["--every"], f"{name} runs {command}"
    assert 0 < float(command[2]) <= SCHEDULED_EVERY_MAX_S, f"{name} runs {command}"
    assert len(command) == 3, f"{name} runs {command}"


@pytest.mark.parametrize("name", sorted(_app_containers()))
def test_every_command_is_a_console_script_of_the_image_it_runs_in(name: str) -> None:
    spec = _app_containers()[name]
    script = _command(spec)[0]
    package = _console_scripts().get(script)
    assert package is not None, f"{name} runs {script!r}, which no pyproject.toml declares"
    assert package == REPO / "services" / _target(spec), (
        f"{name} runs {script} in the {_target(spec)} image, which does not install it"
    )


def test_infrastructure_containers_run_their_image_default() -> None:
    for name, spec in _compose_services().items():
        if "build" not in spec:
            assert "image" in spec, f"{name} has neither build nor image"
            assert "command" not in spec, name
            assert "entrypoint" not in spec, name


@pytest.mark.parametrize("name", sorted(_compose_services()))
def test_every_container_but_the_migrations_has_a_healthcheck(name: str) -> None:
    spec = _compose_services()[name]
    healthcheck = spec.get("healthcheck", {})
    if "build" in spec and _is_one_shot(spec):
        assert spec.get("restart") == "no", f"{name} is one-shot and must not be restarted"
        return
    assert not healthcheck.get("disable"), f"{name} disables its healthcheck"
    test = healthcheck.get("test")
    assert test, f"{name} has no healthcheck test"
    assert test[0] in ("CMD", "CMD-SHELL"), f"{name}: a healthcheck test starts with CMD"


def test_start_up_order() -> None:
    services = _compose_services()
    for name, spec in services.items():
        for dependency, condition in spec.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            needed = condition["condition"]
            if needed == "service_healthy":
                assert services[dependency].get("healthcheck", {}).get("test"), dependency
            elif needed == "service_completed_successfully":
                assert _is_one_shot(services[dependency]), f"{dependency} never completes"
    for name, spec in _app_containers().items():
        depends_on = {dep: cond["condition"] for dep, cond in spec.get("depends_on", {}).items()}
        service = _target(spec)
        if _is_one_shot(spec):
            assert depends_on.get("postgres") == "service_healthy", name
        else:
            migration = f"{service}{ONE_SHOT_SUFFIX}"
            assert depends_on.get(migration) == "service_completed_successfully", name
        if _command(spec)[0].endswith("-relay"):
            assert depends_on.get("kafka") == "service_healthy", name


def test_the_settings_require_at_least_the_secret_keys() -> None:
    # Guards the test below: if parsing the SettingsError broke, it would check nothing.
    assert {"SECRET_KEY", "BOOKING_LINK_SECRET"} <= _required_settings("assessment-web")
    assert {"BOOKING_LINK_SECRET"} <= _required_settings("reporting-web")
    assert {"BOOKING_LINK_SECRET"} <= _required_settings("notifications-web")


@pytest.mark.parametrize("name", sorted(_app_containers()))
def test_each_container_gets_the_settings_production_needs(name: str) -> None:
    spec = _app_containers()[name]
    service = _target(spec)
    script = _command(spec)[0]
    environment = _container_environment(spec)

    # Required without default, and those whose default only makes sense on a laptop.
    needed = _production_settings(script)
    missing = sorted(variable for variable in needed if not environment.get(variable))
    assert not missing, f"{name} is not given {', '.join(missing)}"

    settings = ServiceSettings.from_env(service, environment)  # raises on malformed values
    database = make_url(settings.database_url)
    assert database.drivername == "postgresql+psycopg"
    assert database.host in _compose_services(), f"{database.host} is no compose service"
    assert (database.database, database.username) == (service, service)
    _read_settings(script, environment)  # everything else it reads, e.g. retention periods

    if _uses_kafka(script):
        kafka = KafkaSettings.from_env(environment, client_id=name)
        assert kafka.profile == "apache"
        assert kafka.bootstrap_servers.split(",") == [_kafka_advertised_address()]
        assert kafka.replication_factor <= 1, "one broker holds one copy of a partition"
        # A rotation must not end what the process signed with the secret before.
        assert {"SECRET_KEY_PREVIOUS", "BOOKING_LINK_SECRET_PREVIOUS"} <= set(environment), name
    else:
        # A scheduled job touches its database only: no Kafka, no booking links.
        assert not {"KAFKA_BOOTSTRAP_SERVERS", "BOOKING_LINK_SECRET"} & set(environment), name

    if _command(spec)[0].endswith("-web"):
        assert ipaddress.ip_address(settings.host).is_unspecified, "must bind all interfaces"
        published = [str(port).rsplit(":", 1)[-1] for port in spec.get("ports", [])]
        assert published == [str(settings.port)], f"{name} publishes {published}"


def test_the_commented_settings_show_the_code_s_defaults() -> None:
    """`# NAME=value` in production.env.example documents a default: uncommenting it must
    change nothing."""
    assert _commented_settings(PRODUCTION_EXAMPLE), "the retention periods are documented there"
    processes = [
        (_command(spec)[0], _container_environment(spec)) for spec in _app_containers().values()
    ]
    assert not _not_the_defaults(PRODUCTION_EXAMPLE, processes)


def _kafka_advertised_address() -> str:
    kafka = _compose_services()["kafka"]["environment"]
    listeners = dict(
        listener.split("://") for listener in kafka["KAFKA_ADVERTISED_LISTENERS"].split(",")
    )
    return listeners["PLAINTEXT"]


def test_secrets_come_from_secrets_env_and_nothing_else_does() -> None:
    declared = set(_env_file(SECRETS_EXAMPLE))
    referenced = _referenced_variables(COMPOSE_FILE.read_text())
    assert referenced <= declared, f"not in secrets.env.example: {referenced - declared}"
    assert "SECRET_KEY" in referenced
    # The example must not carry usable secrets, and the non-secret file no secrets at all.
    assert not any(_env_file(SECRETS_EXAMPLE).values()), "secrets.env.example holds a value"
    for env_file in COMPOSE_DIR.glob("*.env.example"):
        if env_file != SECRETS_EXAMPLE:
            for variable in _env_file(env_file):
                assert variable not in declared, f"{variable} is secret, not for {env_file.name}"
                assert not re.search("PASSWORD|SECRET", variable), f"{variable} in {env_file}"


def test_kafka_is_configured_for_production() -> None:
    kafka = _compose_services()["kafka"]
    environment = {name: str(value) for name, value in kafka["environment"].items()}
    assert kafka["image"].startswith("apache/kafka:")
    assert environment["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft, no ZooKeeper
    # Topics are created by the relays, with their partition counts.
    assert environment["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    retention_hours = int(environment["KAFKA_LOG_RETENTION_HOURS"])
    assert 0 < retention_hours <= MAX_RETENTION_HOURS, "retention must be bounded (GDPR)"
    assert "kafka-broker-api-versions.sh" in " ".join(kafka["healthcheck"]["test"])


def test_postgres_creates_one_database_per_service() -> None:
    postgres = _compose_services()["postgres"]
    assert postgres["image"].startswith("postgres:16")
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in postgres["volumes"]}
    init_dir = COMPOSE_DIR / mounts["/docker-entrypoint-initdb.d"]
    scripts = sorted(init_dir.glob("*.sh"))
    assert scripts, f"no init script in {init_dir}"
    text = "\n".join(script.read_text() for script in scripts)
    created = re.search(r"for wegweiser_service in ([\w ]+); do", text)
    assert created is not None
    assert set(created[1].split()) == set(SERVICES)
    for service in SERVICES:
        assert f"{service.upper()}_DB_PASSWORD" in postgres["environment"]


# --- the Dockerfile ---------------------------------------------------------------------------


def test_every_target_named_in_compose_exists() -> None:
    dockerfile = _dockerfile()
    for name, spec in _app_containers().items():
        build = spec["build"]
        context = (COMPOSE_DIR / build["context"]).resolve()
        assert context == REPO, f"{name} builds from {context}, not the repository root"
        assert (context / build["dockerfile"]).resolve() == DOCKERFILE
        assert _target(spec) in dockerfile.stages, f"no stage {_target(spec)} for {name}"


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_target_runs_its_web_as_a_non_root_user(service: str) -> None:
    dockerfile = _dockerfile()
    users = dockerfile.instructions(service, "USER")
    assert users, f"target {service} runs as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), f"target {service} runs as {users[-1]}"

    assert dockerfile.effective(service, "CMD") == [f"{service}-web"]
    assert f"{service}-web" in _console_scripts()
    assert dockerfile.instructions(service, "EXPOSE") == [str(DEFAULT_PORTS[service])]
    host = dockerfile.environment(service)[f"{service.upper()}_HOST"]
    assert ipaddress.ip_address(host).is_unspecified
    assert "/healthz" in " ".join(dockerfile.healthcheck(service))


@pytest.mark.parametrize("service", SERVICES)
def test_each_target_installs_only_its_own_service(service: str) -> None:
    dockerfile = _dockerfile()
    installs = [run for run in dockerfile.instructions(service, "RUN") if "pip install" in run]
    installed = {word for run in installs for word in run.split() if word.startswith("wegweiser-")}
    assert installed == {f"wegweiser-{service}"}
    assert all("-c /wheels/constraints.txt" in run for run in installs), "install unpinned"
    system_packages = " ".join(dockerfile.instructions(service, "RUN"))
    for package in WEASYPRINT_PACKAGES:
        # Only the reporting image renders PDFs; the others stay without Pango.
        assert (package in system_packages) == (service == "reporting"), (service, package)


def test_the_wheels_are_built_under_the_constraints() -> None:
    runs = " ".join(_dockerfile().instructions("wheels", "RUN"))
    assert "pip wheel" in runs
    assert "-c requirements/constraints.txt" in runs
    libraries = _libraries_the_services_need()
    assert {"libs/servicekit", "libs/eventing", "libs/privacy"} <= libraries
    for package in (*sorted(libraries), *(f"services/{s}" for s in SERVICES)):
        assert f"./{package}" in runs, f"{package} is not built"


def _libraries_the_services_need() -> set[str]:
    """libs/<name> of every wegweiser- package a service depends on, directly or through
    another library: pip finds them in no package index, so the image must build each."""
    needed: set[str] = set()
    unread = [REPO / "services" / service for service in SERVICES]
    while unread:
        project = tomllib.loads((unread.pop() / "pyproject.toml").read_text())["project"]
        for requirement in project["dependencies"]:
            name = requirement.split()[0]
            library = f"libs/{name.removeprefix('wegweiser-')}"
            if name.startswith("wegweiser-") and library not in needed:
                needed.add(library)
                unread.append(REPO / library)
    return needed


# --- the build context ------------------------------------------------------------------------


def _ignore_rules() -> list[tuple[bool, re.Pattern[str]]]:
    """The .dockerignore patterns in Docker's own terms: (re-include?, regex of the path)."""
    rules = []
    for line in DOCKERIGNORE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        rules.append((negated, _pattern_regex(line.lstrip("!").strip("/"))))
    return rules


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    regex, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex, i = regex + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
        elif pattern[i] == "*":
            regex, i = regex + "[^/]*", i + 1
        elif pattern[i] == "?":
            regex, i = regex + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            regex, i = regex + pattern[i : end + 1], end + 1
        else:
            regex, i = regex + re.escape(pattern[i]), i + 1
    return re.compile(regex + r"\Z")


def _in_context(path: str) -> bool:
    """Whether the builder sees `path`: the last pattern matching it or a parent decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[:n]) for n in range(len(parts), 0, -1)]
    included = True
    for negated, regex in _ignore_rules():
        if any(regex.match(candidate) for candidate in candidates):
            included = negated
    return included


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        "var/assessment.sqlite3",
        ".git/HEAD",
        "tests/conftest.py",
        "bench/eventing.py",
        "deploy/compose/secrets.env",
        "deploy/compose/production.env",
        "libs/devstack/pyproject.toml",
        "libs/eventing/build/lib/eventing/outbox.py",
        "services/reporting/src/wegweiser_reporting.egg-info/PKG-INFO",
        "services/reporting/src/reporting/__pycache__/web.cpython-311.pyc",
    ],
)
def test_the_build_context_leaves_out(path: str) -> None:
    assert not _in_context(path)


def test_the_build_context_holds_everything_the_dockerfile_copies() -> None:
    dockerfile = _dockerfile()
    sources = [
        words[-2]
        for stage in dockerfile.stages.values()
        for keyword, arguments in stage.instructions
        if keyword == "COPY" and not (words := arguments.split())[0].startswith("--from")
    ]
    assert sources
    for source in sources:
        assert (REPO / source).exists(), f"COPY {source}: no such path"
        # The project's own files there (tracked, or new and not git-ignored).
        files = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", source],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert files, f"COPY {source} copies nothing"
        left_out = [path for path in files if not _in_context(path)]
        assert not left_out, f"left out of the build context: {left_out[:5]}"


# --- the health checks, run for real ----------------------------------------------------------


class _Health(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@pytest.fixture
def health_server() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_healthcheck_asks_healthz_on_the_web_port(
    service: str, health_server: http.server.HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = _dockerfile().healthcheck(service)
    environment = {f"{service.upper()}_PORT": str(health_server.server_address[1])}
    assert _run_check(command, environment) == 0
    monkeypatch.setattr(_Health, "status", 503)
    assert _run_check(command, environment) != 0


@pytest.mark.parametrize("service", SERVICES)
def test_the_compose_web_healthcheck_asks_healthz(
    service: str, health_server: http.server.HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = _compose_services()[f"{service}-web"]["healthcheck"]["test"][1:]
    url = command[-1]
    assert url == f"http://127.0.0.1:{DEFAULT_PORTS[service]}/healthz"
    command[-1] = url.replace(str(DEFAULT_PORTS[service]), str(health_server.server_address[1]))
    assert _run_check(command, {}) == 0
    monkeypatch.setattr(_Health, "status", 503)
    assert _run_check(command, {}) != 0


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@pytest.mark.parametrize("service", SERVICES)
def test_the_relay_healthcheck_needs_its_database_and_kafka(service: str, tmp_path: Path) -> None:
    command = _compose_services()[f"{service}-relay"]["healthcheck"]["test"][1:]
    assert command[-1] == service
    database_variable = f"{service.upper()}_DATABASE_URL"
    with socket.create_server(("127.0.0.1", 0)) as kafka:
        environment = {
            database_variable: f"sqlite:///{tmp_path / 'relay.sqlite3'}",
            "SECRET_KEY": "test-key",
            "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka.getsockname()[1]}",
        }
        assert _run_check(command, environment) == 0
        database_down = f"postgresql+psycopg://relay:relay@127.0.0.1:{_closed_port()}/{service}"
        assert _run_check(command, {**environment, database_variable: database_down}) != 0
    assert _run_check(command, environment) != 0, "Kafka is gone, the check must fail"


def _health_file_checks() -> dict[str, list[str]]:
    """compose's `python -m servicekit.health FILE MAX_AGE` checks, by container."""
    checks = {}
    for name, spec in _app_containers().items():
        test = spec.get("healthcheck", {}).get("test", [])
        if "servicekit.health" in test:
            checks[name] = test[1:]  # without "CMD"
    return checks


@pytest.mark.parametrize("name", sorted(_health_file_checks()))
def test_the_health_file_checks_watch_the_file_their_process_touches(name: str) -> None:
    command = _health_file_checks()[name]
    assert command[:3] == ["python", "-m", "servicekit.health"], command
    script = _command(_app_containers()[name])[0]
    path = health_file_path(*_service_and_role(script))
    assert Path(command[3]) == path, f"{name} checks {command[3]}, {script} touches {path}"
    max_age = float(command[4])
    if _is_scheduled(script):
        # Touched every HEARTBEAT_S while it waits: one late touch must not fail the check.
        assert max_age >= 2 * HEARTBEAT_S, f"{name}: {max_age} s"


def test_compose_and_kubernetes_name_the_apache_kafka_version_the_tests_run():
    version = kafka_version()
    compose = yaml.safe_load((DEPLOY / "compose" / "docker-compose.yml").read_text())
    assert compose["services"]["kafka"]["image"] == f"apache/kafka:{version}"
    settings = (DEPLOY / "k8s" / "base" / "settings.env").read_text()
    assert f"Apache Kafka {version}" in settings
