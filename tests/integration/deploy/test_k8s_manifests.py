"""The Kubernetes manifests in deploy/k8s checked against the code, without a cluster.

The kustomizations are resolved here (resources, namespace, labels, images and the
ConfigMap/Secret generators; nothing else is allowed in them, so nothing is left
unresolved), every resource is validated against the Kubernetes API schemas of the
`kubernetes-validate` package, and the workloads are held against what the code declares:
the console scripts of the pyproject.toml files, the settings the services require, the
health files the loops touch, the web ports and the topic partitions. The relay's readiness
check and the init containers' wait for the migrations run here for real, on SQLite.

One module over 350 lines: every check runs on the one resolved overlay, built once here.
"""

from __future__ import annotations

import base64
import copy
import ipaddress
import re
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml
from deploy_helpers import (
    CLI_TOOLS,
    LONG_RUNNING,
    ONE_SHOT,
    REPO,
    SCHEDULED,
    console_scripts,
    env_file,
    not_the_defaults,
    production_settings,
    read_settings,
    required_settings,
    run_check,
    uses_kafka,
)

from eventing.kafka_settings import KafkaSettings
from eventing.topics import TOPICS
from mailing.smtp import SmtpSettings
from reporting.config import DEFAULT_RENDER_TIMEOUT_S, MAX_POLL_INTERVAL_S, RENDER_ATTEMPTS
from servicekit.health import health_file_path
from servicekit.settings import DEFAULT_PORTS, ServiceSettings

K8S = REPO / "deploy" / "k8s"
BASE = K8S / "base"
OVERLAY = K8S / "overlays" / "production"
COMPOSE_FILE = REPO / "deploy" / "compose" / "docker-compose.yml"
DOCKERFILE = REPO / "deploy" / "docker" / "Dockerfile"

SERVICES = tuple(DEFAULT_PORTS)
# The Kubernetes releases the manifests must be valid for: the oldest still supported and
# the newest whose schemas kubernetes-validate bundles.
KUBERNETES_VERSIONS = ("1.33.0", "1.37.0")
# What the resolver below understands; kustomize would do more, this test would not see it.
KUSTOMIZATION_KEYS = {
    "apiVersion",
    "kind",
    "namespace",
    "labels",
    "resources",
    "images",
    "configMapGenerator",
    "secretGenerator",
}
# The workload that runs a console script, by its role (deploy_helpers): a Deployment each
# for the long-running processes, a Job for the migration, a CronJob for a scheduled job.
KIND_OF_ROLE = {
    **dict.fromkeys(LONG_RUNNING, "Deployment"),
    ONE_SHOT: "Job",
    **dict.fromkeys(SCHEDULED, "CronJob"),
}
WORKLOAD_KINDS = tuple(dict.fromkeys(KIND_OF_ROLE.values()))
# A scheduled job's pass must end, and its run be started, within its hour.
SCHEDULE_PERIOD_S = 3600
# Processes that must never run twice: a second relay publishes the outbox rows again, a
# second mailer sends the mails again.
SINGLETONS = ("relay", "mailer")
# The most a health file may age before the process counts as stuck (the reporting worker's
# bound: kafka-python's max_poll_interval, which evicts a member silent for longer).
HEALTH_MAX_AGE_S = {"relay": 60, "worker": MAX_POLL_INTERVAL_S, "mailer": 120}
SETTINGS_CONFIGMAP = "wegweiser-settings"
SECRET_NAME = "wegweiser-secrets"  # noqa: S105 - the name of the Secret, not one
SECRETS_EXAMPLE = OVERLAY / "secrets.env.example"
WAIT_SCRIPT = BASE / "wait_for_migrations.py"
# Where the processes keep health files and temporary files (tempfile.gettempdir()).
TMP = health_file_path("any", "role").parent
# WeasyPrint's render child (~300 MB) beside the worker itself.
REPORTING_WORKER_MIN_MEMORY = 512 * 2**20


# --- resolving the kustomizations -----------------------------------------------------------


def _operator_file(path: Path) -> dict[str, str]:
    """An env file; secrets.env is not in the repository: its example, filled in."""
    if path.exists():
        return env_file(path)
    example = path.with_name(path.name + ".example")
    assert example.exists(), f"{path} is missing and has no example"
    return {name: _secret_value(name) for name in env_file(example)}


def _secret_value(name: str) -> str:
    """What an operator would write for `name`: a database URL where one belongs."""
    match = re.fullmatch(r"(\w+)_DATABASE_URL", name)
    if match:
        service = match[1].lower()
        return f"postgresql+psycopg://{service}:pw-{service}@db.example.org:5432/{service}"
    return f"{name.lower()}-0123456789abcdef"


def _generate(folder: Path, generator: Mapping[str, Any]) -> dict[str, str]:
    data: dict[str, str] = {}
    for env in generator.get("envs", []):
        data.update(_operator_file(folder / env))
    for literal in generator.get("literals", []):
        name, _, value = literal.partition("=")
        data[name] = value
    for file in generator.get("files", []):
        key, _, source = file.rpartition("=")
        data[key or Path(source).name] = (folder / source).read_text()
    return data


def _kustomize(folder: Path) -> list[dict[str, Any]]:
    """What `kubectl kustomize folder` builds, for the features KUSTOMIZATION_KEYS names.

    Generated names keep no hash suffix: kustomize adds one and rewrites the references.
    """
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unknown = set(kustomization) - KUSTOMIZATION_KEYS
    assert not unknown, f"{folder}: this test cannot resolve {sorted(unknown)}"
    resources: list[dict[str, Any]] = []
    for entry in kustomization.get("resources", []):
        path = (folder / entry).resolve()
        assert path.exists(), f"{folder}/kustomization.yaml: no {entry}"
        if path.is_dir():
            resources += _kustomize(path)
        else:
            resources += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]

    for key, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
        for generator in kustomization.get(key, []):
            data = _generate(folder, generator)
            existing = [
                r
                for r in resources
                if r["kind"] == kind and r["metadata"]["name"] == generator["name"]
            ]
            behavior = generator.get("behavior", "create")
            if behavior == "create":
                assert not existing, f"{kind} {generator['name']} is generated twice"
                resource = {
                    "apiVersion": "v1",
                    "kind": kind,
                    "metadata": {"name": generator["name"]},
                    "data": {},
                }
                if kind == "Secret":
                    resource["type"] = "Opaque"
                resources.append(resource)
            else:
                assert existing, f"{behavior}: no {kind} {generator['name']} to {behavior}"
                resource = existing[0]
                if behavior == "replace":
                    resource["data"] = {}
            if kind == "Secret":
                data = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
            resource["data"].update(data)

    namespace = kustomization.get("namespace")
    for label in kustomization.get("labels", []):
        assert not label.get("includeSelectors"), "selectors would change with the labels"
        for resource in resources:
            resource["metadata"].setdefault("labels", {}).update(label["pairs"])
    for resource in resources:
        if namespace and resource["kind"] != "Namespace":
            resource["metadata"]["namespace"] = namespace
        for container in _all_containers(resource):
            for image in kustomization.get("images", []):
                if _image_name(container["image"]) == image["name"]:
                    name = image.get("newName", image["name"])
                    container["image"] = f"{name}:{image['newTag']}"
    return resources


def _image_name(image: str) -> str:
    last = image.rsplit("/", 1)[-1]
    return image[: len(image) - len(last)] + last.split(":")[0].split("@")[0]


_BUILDS: dict[Path, list[dict[str, Any]]] = {}


def _build(folder: Path = OVERLAY) -> list[dict[str, Any]]:
    if folder not in _BUILDS:
        _BUILDS[folder] = _kustomize(folder)
    return copy.deepcopy(_BUILDS[folder])


def _of_kind(kind: str, folder: Path = OVERLAY) -> dict[str, dict[str, Any]]:
    return {r["metadata"]["name"]: r for r in _build(folder) if r["kind"] == kind}


def _pod_template(resource: Mapping[str, Any]) -> dict[str, Any] | None:
    """The pod template of a workload (a CronJob's is in its Job template), else None."""
    if resource["kind"] in ("Deployment", "Job"):
        return resource["spec"]["template"]
    if resource["kind"] == "CronJob":
        return resource["spec"]["jobTemplate"]["spec"]["template"]
    return None


def _pod_spec(resource: Mapping[str, Any]) -> dict[str, Any]:
    template = _pod_template(resource)
    assert template is not None, f"{resource['kind']} {resource['metadata']['name']} has no pods"
    return template["spec"]


def _pod_labels(resource: Mapping[str, Any]) -> dict[str, str]:
    template = _pod_template(resource)
    assert template is not None, f"{resource['kind']} {resource['metadata']['name']} has no pods"
    return template["metadata"]["labels"]


def _all_containers(resource: Mapping[str, Any]) -> list[dict[str, Any]]:
    template = _pod_template(resource)
    if template is None:
        return []
    return [*template["spec"].get("initContainers", []), *template["spec"]["containers"]]


def _workloads(folder: Path = OVERLAY) -> dict[str, dict[str, Any]]:
    """Everything that runs pods: Deployments, Jobs, CronJobs."""
    workloads: dict[str, dict[str, Any]] = {}
    for kind in WORKLOAD_KINDS:
        workloads |= _of_kind(kind, folder)
    return workloads


def _service_of(resource: Mapping[str, Any]) -> str:
    return _pod_labels(resource)["app.kubernetes.io/name"]


def _script(resource: Mapping[str, Any]) -> str:
    return _main_container(resource)["command"][0]


def _main_container(resource: Mapping[str, Any]) -> dict[str, Any]:
    containers = _pod_spec(resource)["containers"]
    assert len(containers) == 1, f"{resource['metadata']['name']}: one container per pod"
    return containers[0]


def _role(resource: Mapping[str, Any]) -> str:
    script = _script(resource)
    service = _service_of(resource)
    assert script.startswith(f"{service}-"), f"{script} is no script of {service}"
    return script.removeprefix(f"{service}-")


def _deployments_by_role(role: str) -> dict[str, dict[str, Any]]:
    return {n: d for n, d in _of_kind("Deployment").items() if _role(d) == role}


def _secret_data() -> dict[str, str]:
    return {
        key: base64.b64decode(value).decode()
        for key, value in _of_kind("Secret")[SECRET_NAME]["data"].items()
    }


def _environment(container: Mapping[str, Any]) -> tuple[dict[str, str], set[str]]:
    """What the container's process sees, and which of it comes from the Secret."""
    environment: dict[str, str] = {}
    config_maps = _of_kind("ConfigMap")
    for source in container.get("envFrom", []):
        assert set(source) == {"configMapRef"}, f"only ConfigMaps go whole: {source}"
        name = source["configMapRef"]["name"]
        assert name in config_maps, f"no ConfigMap {name}"
        environment.update(config_maps[name]["data"])
    secret = _secret_data()
    from_secret = set()
    for variable in container.get("env", []):
        if "value" in variable:
            environment[variable["name"]] = variable["value"]
            continue
        reference = variable["valueFrom"]["secretKeyRef"]
        assert reference["name"] == SECRET_NAME, f"no Secret {reference['name']}"
        key = reference["key"]
        assert key in secret or reference.get("optional"), f"the Secret has no {key}"
        environment[variable["name"]] = secret.get(key, "")
        from_secret.add(key)
    return environment, from_secret


def _quantity(value: str | int) -> float:
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9}
    text = str(value)
    for unit, factor in sorted(units.items(), key=lambda item: -len(item[0])):
        if text.endswith(unit):
            return float(text.removesuffix(unit)) * factor
    return float(text)


def _container_ids() -> Iterator[tuple[str, str]]:
    for name, workload in sorted(_workloads().items()):
        for container in _all_containers(workload):
            yield name, container["name"]


def _container(workload: str, container: str) -> dict[str, Any]:
    return next(c for c in _all_containers(_workloads()[workload]) if c["name"] == container)


def _dockerfile_targets() -> set[str]:
    return set(re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", DOCKERFILE.read_text(), re.M | re.I))


def _dockerfile_uid(target: str) -> int:
    """The numeric user the target's stage switches to (USER 10001:10001)."""
    stages = re.split(r"^FROM\s", DOCKERFILE.read_text(), flags=re.M)
    stage = next(s for s in stages if re.match(rf"\S+\s+AS\s+{target}\s*$", s.splitlines()[0]))
    users = re.findall(r"^USER\s+(\d+)", stage, re.M)
    assert users, f"target {target} sets no numeric USER"
    return int(users[-1])


# --- the build --------------------------------------------------------------------------------


def test_the_base_and_the_overlay_resolve() -> None:
    base = _build(BASE)
    overlay = _build(OVERLAY)
    assert {r["kind"] for r in base} >= {
        "Namespace",
        "ConfigMap",
        "Deployment",
        "Job",
        "CronJob",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
    }
    assert "Secret" in {r["kind"] for r in overlay}, "the overlay generates the Secret"
    identities = [
        (r["kind"], r["metadata"].get("namespace"), r["metadata"]["name"]) for r in overlay
    ]
    assert len(identities) == len(set(identities)), "a resource is listed twice"


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_resource_is_valid_for_kubernetes(version: str) -> None:
    for resource in _build():
        try:
            kubernetes_validate.validate(resource, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            kind, name = resource["kind"], resource["metadata"]["name"]
            pytest.fail(f"{kind} {name} is invalid for Kubernetes {version}: {error.message}")


def test_everything_lives_in_the_namespace() -> None:
    resources = _build()
    namespaces = [r["metadata"]["name"] for r in resources if r["kind"] == "Namespace"]
    assert namespaces == ["wegweiser"]
    for resource in resources:
        if resource["kind"] != "Namespace":
            assert resource["metadata"].get("namespace") == "wegweiser", resource["metadata"]


# --- the processes ------------------------------------------------------------------------


def _declared_scripts(service: str) -> list[str]:
    return [s for s, package in console_scripts().items() if package == REPO / "services" / service]


@pytest.mark.parametrize("service", SERVICES)
def test_every_script_runs_in_exactly_one_workload_of_the_kind_its_role_needs(
    service: str,
) -> None:
    running = [(_script(w), w["kind"]) for w in _workloads().values()]
    declared = _declared_scripts(service)
    assert declared, f"services/{service}/pyproject.toml declares no console scripts"
    for script in declared:
        kind = KIND_OF_ROLE.get(script.removeprefix(f"{service}-"))
        if kind is None:
            # A new script is either a tool or a process this test must learn about.
            assert script in CLI_TOOLS, f"{script}: neither a known process nor a CLI tool"
            assert script not in dict(running), f"{script} is a tool, not a process"
            continue
        # Twice would mean two relays publishing, two mailers sending the same rows.
        kinds = [k for s, k in running if s == script]
        assert kinds == [kind], f"{script} runs in {kinds or 'nothing'}, not one {kind}"


@pytest.mark.parametrize("name", sorted(_workloads()))
def test_every_command_is_a_console_script_of_its_image_s_service(name: str) -> None:
    workload = _workloads()[name]
    service = _service_of(workload)
    script = _script(workload)
    package = console_scripts().get(script)
    assert package is not None, f"{name} runs {script!r}, which no pyproject.toml declares"
    assert package == REPO / "services" / service, f"{script} is not a {service} script"
    assert name == script, "a workload is named after its process"
    assert script not in CLI_TOOLS
    kind = KIND_OF_ROLE.get(_role(workload))
    assert workload["kind"] == kind, f"{name} is a {workload['kind']}, not a {kind}"


@pytest.mark.parametrize("name", sorted(_workloads()))
def test_every_container_runs_its_service_s_image(name: str) -> None:
    base = _workloads(BASE)[name]
    service = _service_of(base)
    assert service in _dockerfile_targets(), f"deploy/docker/Dockerfile has no target {service}"
    for container in _all_containers(base):
        assert container["image"] == f"wegweiser/{service}", container["name"]
    overlay = yaml.safe_load((OVERLAY / "kustomization.yaml").read_text())
    images = {image["name"]: image for image in overlay["images"]}
    assert images[f"wegweiser/{service}"].get("newTag"), "the overlay sets the release tag"
    for container in _all_containers(_workloads()[name]):
        assert not container["image"].endswith(":latest"), container["image"]


# --- probes ---------------------------------------------------------------------------------


def _port_number(container: Mapping[str, Any], port: str | int) -> int:
    if isinstance(port, int):
        return port
    numbers = [p["containerPort"] for p in container.get("ports", []) if p.get("name") == port]
    assert numbers, f"{container['name']} has no port named {port}"
    return numbers[0]


@pytest.mark.parametrize("name", sorted(_deployments_by_role("web")))
def test_the_web_probes_ask_healthz_and_readyz_on_its_port(name: str) -> None:
    deployment = _of_kind("Deployment")[name]
    service = _service_of(deployment)
    container = _main_container(deployment)
    settings = ServiceSettings.from_env(service, _environment(container)[0])
    assert ipaddress.ip_address(settings.host).is_unspecified, "must bind all interfaces"
    assert settings.port == DEFAULT_PORTS[service]
    assert [p["containerPort"] for p in container["ports"]] == [settings.port]
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        get = container[probe]["httpGet"]
        assert get["path"] == path, f"{name} {probe}"
        assert _port_number(container, get["port"]) == settings.port, f"{name} {probe}"
    startup = container.get("startupProbe")
    if startup:
        assert startup["httpGet"]["path"] == "/healthz"


def _emptydir_mounts(workload: Mapping[str, Any], container: Mapping[str, Any]) -> list[str]:
    volumes = {v["name"]: v for v in _pod_spec(workload).get("volumes", [])}
    return [
        m["mountPath"]
        for m in container.get("volumeMounts", [])
        if "emptyDir" in volumes.get(m["name"], {})
    ]


@pytest.mark.parametrize(
    "name", sorted(n for n, d in _of_kind("Deployment").items() if _role(d) != "web")
)
def test_the_loops_are_checked_by_the_health_file_they_touch(name: str) -> None:
    deployment = _of_kind("Deployment")[name]
    role = _role(deployment)
    container = _main_container(deployment)
    path = health_file_path(_service_of(deployment), role)
    probe = container["livenessProbe"]["exec"]["command"]
    assert probe[:3] == ["python", "-m", "servicekit.health"], probe
    assert Path(probe[3]) == path, f"{name} checks {probe[3]}, the loop touches {path}"
    max_age = float(probe[4])
    assert 0 < max_age <= HEALTH_MAX_AGE_S[role]
    if name == "reporting-worker":
        # Three render attempts may pass between two touches of the file.
        assert max_age > RENDER_ATTEMPTS * DEFAULT_RENDER_TIMEOUT_S
    compose = _compose_health_file_check(name)
    if compose is not None:
        assert [compose[3], float(compose[4])] == [probe[3], max_age], "as in compose"
    if "startupProbe" in container:
        assert container["startupProbe"]["exec"]["command"] == probe
    # The file must be writable under a read-only root file system, and not shared.
    assert any(path.is_relative_to(m) for m in _emptydir_mounts(deployment, container)), path


def _compose_health_file_check(name: str) -> list[str] | None:
    """compose's `python -m servicekit.health FILE MAX_AGE` check of the same process."""
    services = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    test = services.get(name, {}).get("healthcheck", {}).get("test", [])
    return test[1:] if "servicekit.health" in test else None  # without "CMD"


@pytest.mark.parametrize("name", sorted(_of_kind("Deployment")))
def test_every_process_s_metrics_are_scraped_where_it_serves_them(name: str) -> None:
    deployment = _of_kind("Deployment")[name]
    container = _main_container(deployment)
    environment = _environment(container)[0]
    if _role(deployment) == "web":
        port = DEFAULT_PORTS[_service_of(deployment)]  # /metrics beside the pages
    else:
        # servicekit.metrics.serve_process_metrics: only when METRICS_PORT is set.
        port = int(environment.get("METRICS_PORT", "0"))
        assert port, f"{name} serves no metrics without METRICS_PORT"
        assert _port_number(container, "metrics") == port
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(port)
    assert annotations["prometheus.io/path"] == "/metrics"


def _compose_relay_check() -> str:
    return yaml.safe_load(COMPOSE_FILE.read_text())["x-relay-check"]


@pytest.mark.parametrize("name", sorted(_deployments_by_role("relay")))
def test_the_relay_readiness_is_compose_s_relay_check(name: str, tmp_path: Path) -> None:
    deployment = _of_kind("Deployment")[name]
    service = _service_of(deployment)
    command = _main_container(deployment)["readinessProbe"]["exec"]["command"]
    assert command[:2] == ["python", "-c"]
    assert command[2] == _compose_relay_check()
    assert command[3:] == [service]
    # Run for real: its database (SQLite here) and a listening "Kafka" -> ready.
    database = f"{service.upper()}_DATABASE_URL"
    with socket.create_server(("127.0.0.1", 0)) as kafka:
        environment = {
            database: f"sqlite:///{tmp_path / 'relay.sqlite3'}",
            "SECRET_KEY": "test-key",
            "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka.getsockname()[1]}",
        }
        assert run_check(command, environment) == 0
    assert run_check(command, environment) != 0, "Kafka is gone, the relay is not ready"


@pytest.mark.parametrize(("workload", "container"), sorted(_container_ids()))
def test_every_container_has_requests_and_limits(workload: str, container: str) -> None:
    resources = _container(workload, container)["resources"]
    for resource in ("cpu", "memory"):
        request = _quantity(resources["requests"][resource])
        limit = _quantity(resources["limits"][resource])
        assert 0 < request <= limit, f"{workload}/{container} {resource}"
    if (workload, container) == ("reporting-worker", "worker"):
        assert _quantity(resources["limits"]["memory"]) >= REPORTING_WORKER_MIN_MEMORY


@pytest.mark.parametrize("name", sorted(_workloads()))
def test_every_pod_runs_unprivileged_as_the_image_s_user(name: str) -> None:
    workload = _workloads()[name]
    pod = _pod_spec(workload)
    security = pod["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == _dockerfile_uid(_service_of(workload))
    assert security["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False, "no pod talks to the Kubernetes API"
    # Service links would set e.g. ASSESSMENT_PORT=tcp://..., which the settings read.
    assert pod["enableServiceLinks"] is False
    for container in _all_containers(workload):
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False, container["name"]
        assert context["capabilities"]["drop"] == ["ALL"], container["name"]
        assert not context.get("privileged"), container["name"]
        if context.get("readOnlyRootFilesystem"):
            assert str(TMP) in _emptydir_mounts(workload, container), container["name"]
        else:
            pytest.fail(f"{name}/{container['name']}: say why the root file system is writable")


def _compose_grace_period() -> float:
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    return float(compose["x-service-container"]["stop_grace_period"].removesuffix("s"))


@pytest.mark.parametrize("name", sorted(_workloads()))
def test_every_pod_gets_at_least_compose_s_grace_period(name: str) -> None:
    pod = _pod_spec(_workloads()[name])
    assert pod["terminationGracePeriodSeconds"] >= _compose_grace_period()


# --- replicas and scaling -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", sorted(n for role in SINGLETONS for n in _deployments_by_role(role))
)
def test_relays_and_mailers_run_exactly_once(name: str) -> None:
    deployment = _of_kind("Deployment")[name]
    assert deployment["spec"]["replicas"] == 1
    # RollingUpdate would start the new pod before stopping the old one.
    assert deployment["spec"]["strategy"]["type"] == "Recreate"
    targets = [
        h["spec"]["scaleTargetRef"]["name"] for h in _of_kind("HorizontalPodAutoscaler").values()
    ]
    assert name not in targets, f"{name} must not be autoscaled"


def _partitions_consumed(service: str) -> int:
    """More members of a consumer group than this and the extra ones sit idle."""
    return max(spec.partitions for spec in TOPICS.values() if service in spec.consumers)


def test_the_reporting_and_notifications_workers_are_autoscaled() -> None:
    targets = {
        h["spec"]["scaleTargetRef"]["name"] for h in _of_kind("HorizontalPodAutoscaler").values()
    }
    assert {"reporting-worker", "notifications-worker"} <= targets


@pytest.mark.parametrize("name", sorted(_of_kind("HorizontalPodAutoscaler")))
def test_every_autoscaler_scales_a_worker_within_its_partitions(name: str) -> None:
    autoscaler = _of_kind("HorizontalPodAutoscaler")[name]
    assert autoscaler["apiVersion"] == "autoscaling/v2"
    target = autoscaler["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"]) == ("apps/v1", "Deployment")
    deployments = _of_kind("Deployment")
    assert target["name"] in deployments, f"{name} scales no Deployment {target['name']}"
    deployment = deployments[target["name"]]
    assert _role(deployment) == "worker", "only consumer workers scale"
    assert "replicas" not in deployment["spec"], "the autoscaler owns the replicas"
    service = _service_of(deployment)
    spec = autoscaler["spec"]
    assert 1 <= spec.get("minReplicas", 1) <= spec["maxReplicas"]
    assert spec["maxReplicas"] <= _partitions_consumed(service), (
        f"{name}: members beyond the {_partitions_consumed(service)} partitions sit idle"
    )
    metrics = [m["resource"]["name"] for m in spec["metrics"] if m["type"] == "Resource"]
    assert metrics == ["cpu"]
    # CPU utilisation is measured against the request.
    assert _main_container(deployment)["resources"]["requests"]["cpu"]


# --- settings and secrets -------------------------------------------------------------------


@pytest.mark.parametrize(("workload", "container"), sorted(_container_ids()))
def test_each_container_gets_the_settings_production_needs(workload: str, container: str) -> None:
    resource = _workloads()[workload]
    service = _service_of(resource)
    prefix = service.upper()
    script = _script(resource)
    role = _role(resource)
    is_main = container == _main_container(resource)["name"]
    environment, from_secret = _environment(_container(workload, container))

    more = (SmtpSettings.from_env,) if role == "mailer" and is_main else ()
    needed = production_settings(script, *more)
    if not is_main:  # the init container only reads the database's address
        needed = {f"{prefix}_DATABASE_URL", "SECRET_KEY"}
    missing = sorted(variable for variable in needed if not environment.get(variable))
    assert not missing, f"{workload}/{container} is not given {', '.join(missing)}"

    settings = ServiceSettings.from_env(service, environment)  # raises on malformed values
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert {f"{prefix}_DATABASE_URL", "SECRET_KEY"} <= from_secret, "secrets come from the Secret"
    if is_main:
        read_settings(script, environment)  # everything else it reads, e.g. retention periods
    if uses_kafka(script):
        kafka = KafkaSettings.from_env(environment, client_id=workload)
        assert kafka.profile == "apache"
        assert kafka.replication_factor == 3
        assert len(kafka.bootstrap_servers.split(",")) >= kafka.replication_factor
    if role == "mailer" and is_main:
        smtp = SmtpSettings.from_env(environment)
        assert smtp.host not in ("127.0.0.1", "localhost"), "the mailer needs the mail relay"

    # Only the secrets the process needs: no other service's database, the booking link
    # secret where the process reads it (not in the scheduled jobs), SMTP for mailers only,
    # Kafka's login for what talks to Kafka.
    allowed = {"SECRET_KEY", f"{prefix}_DATABASE_URL"}
    if "BOOKING_LINK_SECRET" in required_settings(script):
        allowed.add("BOOKING_LINK_SECRET")
    if is_main and role in LONG_RUNNING:
        # A rotation must not end what the process signed with the secret before.
        rotating = {f"{name}_PREVIOUS" for name in allowed & {"SECRET_KEY", "BOOKING_LINK_SECRET"}}
        assert rotating <= from_secret, f"{workload}/{container} lacks {sorted(rotating)}"
        allowed |= rotating
    if role == "mailer" and is_main:
        allowed.add("SMTP_PASSWORD")
    if uses_kafka(script) and is_main:
        allowed.add("KAFKA_SASL_PASSWORD")  # a managed cluster's login
    assert from_secret <= allowed, f"{workload}/{container} gets {sorted(from_secret - allowed)}"


@pytest.mark.parametrize("path", [BASE / "settings.env", OVERLAY / "settings.env"])
def test_the_commented_settings_show_the_code_s_defaults(path: Path) -> None:
    """`# NAME=value` documents a default: uncommenting it must change nothing."""
    processes = [(_script(w), _environment(_main_container(w))[0]) for w in _workloads().values()]
    assert not not_the_defaults(path, processes)


def test_the_secrets_are_the_example_s_and_not_in_the_configmap() -> None:
    declared = set(env_file(SECRETS_EXAMPLE))
    assert not any(env_file(SECRETS_EXAMPLE).values()), "secrets.env.example holds a value"
    assert set(_secret_data()) == declared
    assert "secrets.env" in (OVERLAY / ".gitignore").read_text().split()
    for name, config_map in _of_kind("ConfigMap").items():
        for variable, value in config_map["data"].items():
            assert variable not in declared, f"{variable} is secret, not for ConfigMap {name}"
            assert not re.search("PASSWORD|SECRET|DATABASE_URL|TOKEN", variable), variable
            assert not re.search(r"://[^/@\s]*:[^/@\s]*@", value), f"{variable} holds a password"
    referenced = {
        variable["valueFrom"]["secretKeyRef"]["key"]
        for workload in _workloads().values()
        for container in _all_containers(workload)
        for variable in container.get("env", [])
        if "valueFrom" in variable
    }
    assert referenced == declared, f"unused: {declared - referenced}"


# --- Services, disruption budgets, ingress ------------------------------------------------


def _selected(selector: Mapping[str, str]) -> list[str]:
    """The workloads whose pods the selector matches (of any kind: a Service must not send
    requests to a job's pod either)."""
    return [
        name
        for name, workload in _workloads().items()
        if selector.items() <= _pod_labels(workload).items()
    ]


@pytest.mark.parametrize("name", sorted(_of_kind("Deployment")))
def test_every_deployment_selects_its_own_pods(name: str) -> None:
    deployment = _of_kind("Deployment")[name]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert _selected(selector) == [name], f"{name}'s selector also matches other pods"


@pytest.mark.parametrize("name", sorted(_of_kind("Service")))
def test_every_service_targets_a_web_on_its_port(name: str) -> None:
    service = _of_kind("Service")[name]
    selected = _selected(service["spec"]["selector"])
    assert len(selected) == 1, f"{name} selects {selected}"
    deployment = _workloads()[selected[0]]
    assert _role(deployment) == "web", f"{name} points at {selected[0]}"
    container = _main_container(deployment)
    for port in service["spec"]["ports"]:
        target = _port_number(container, port.get("targetPort", port["port"]))
        assert target == DEFAULT_PORTS[_service_of(deployment)], f"{name} targets {target}"


@pytest.mark.parametrize("name", sorted(_of_kind("PodDisruptionBudget")))
def test_every_disruption_budget_leaves_room_to_drain(name: str) -> None:
    budget = _of_kind("PodDisruptionBudget")[name]
    selected = _selected(budget["spec"]["selector"]["matchLabels"])
    assert len(selected) == 1, f"{name} selects {selected}"
    workload = _workloads()[selected[0]]
    assert workload["kind"] == "Deployment", f"{name} selects the pods of a {workload['kind']}"
    replicas = workload["spec"].get("replicas", 1)
    assert budget["spec"]["minAvailable"] < replicas, f"{name} would block every drain"


def test_the_ingress_serves_each_web_on_its_public_address() -> None:
    settings = _of_kind("ConfigMap")[SETTINGS_CONFIGMAP]["data"]
    services = _of_kind("Service")
    hosts = {}
    for ingress in _of_kind("Ingress").values():
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                assert backend["name"] in services, f"no Service {backend['name']}"
                ports = {p.get("name") for p in services[backend["name"]]["spec"]["ports"]}
                assert backend["port"].get("name") in ports
                hosts[rule["host"]] = backend["name"]
    for service in SERVICES:
        url = urlsplit(settings[f"PUBLIC_BASE_URL_{service.upper()}"])
        assert url.scheme == "https"
        assert hosts.get(url.hostname) == f"{service}-web", url.hostname


# --- migrations ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(_of_kind("Job")))
def test_the_migration_job_retries_and_does_not_restart_forever(name: str) -> None:
    job = _of_kind("Job")[name]
    assert job["spec"]["template"]["spec"]["restartPolicy"] in ("Never", "OnFailure")
    assert job["spec"]["backoffLimit"] > 0
    assert job["spec"].get("parallelism", 1) == 1, "one migration at a time"


# --- scheduled jobs -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(_of_kind("CronJob")))
def test_the_scheduled_jobs_run_hourly_one_pass_at_a_time(name: str) -> None:
    cron_job = _of_kind("CronJob")[name]
    spec = cron_job["spec"]
    minute, *rest = spec["schedule"].split()
    # Hourly at a fixed minute (not */N, not a list): one pass per period.
    assert 0 <= int(minute) < 60, f"{name}: {spec['schedule']}"
    assert rest == ["*"] * 4, f"{name}: {spec['schedule']}"
    # Never a second pass racing the first: a run due while one goes waits or is skipped.
    assert spec["concurrencyPolicy"] == "Forbid"
    # A missed run starts late or is skipped, but never piles onto the next hour's.
    assert 0 < spec["startingDeadlineSeconds"] < SCHEDULE_PERIOD_S
    # Finished Jobs are kept for their logs, but not forever.
    assert 1 <= spec["successfulJobsHistoryLimit"] <= 10
    assert 1 <= spec["failedJobsHistoryLimit"] <= 10
    job = spec["jobTemplate"]["spec"]
    assert job["backoffLimit"] > 0, "a pass that failed (database away) is tried again"
    # A stuck pass must end before the next is due: with Forbid it would block all of them.
    assert 0 < job["activeDeadlineSeconds"] < SCHEDULE_PERIOD_S
    assert job.get("parallelism", 1) == 1
    assert _pod_spec(cron_job)["restartPolicy"] in ("Never", "OnFailure")
    # One pass, then exit; `--every` (compose's loop) would keep the Job from completing.
    assert _main_container(cron_job)["command"] == [_script(cron_job)]
    # Probes would watch a loop; the pass is bounded by activeDeadlineSeconds instead.
    assert not {"livenessProbe", "readinessProbe", "startupProbe"} & set(_main_container(cron_job))
    # The health file it touches all the same must be writable.
    path = health_file_path(_service_of(cron_job), _role(cron_job))
    mounts = _emptydir_mounts(cron_job, _main_container(cron_job))
    assert any(path.is_relative_to(m) for m in mounts), path


def test_the_scheduled_jobs_are_where_compose_repeats_them() -> None:
    """compose's `--every SECONDS` loop and the CronJob run the same script as often."""
    compose = yaml.safe_load(COMPOSE_FILE.read_text())["services"]
    for name, cron_job in _of_kind("CronJob").items():
        command = compose[name]["command"]
        assert command[:2] == [_script(cron_job), "--every"], f"compose's {name}: {command}"
        assert float(command[2]) == SCHEDULE_PERIOD_S


@pytest.mark.parametrize("name", sorted(n for n, w in _workloads().items() if _role(w) != ONE_SHOT))
def test_every_pod_but_the_migration_s_waits_for_it(name: str) -> None:
    workload = _workloads()[name]
    service = _service_of(workload)
    init = _pod_spec(workload)["initContainers"]
    assert [c["name"] for c in init] == ["wait-for-migrations"]
    command = init[0]["command"]
    assert command[0] == "python"
    script = Path(command[1])
    assert command[2:] == [service]
    mounts = {m["mountPath"]: m["name"] for m in init[0]["volumeMounts"]}
    volumes = {v["name"]: v for v in _pod_spec(workload)["volumes"]}
    config_map = volumes[mounts[str(script.parent)]]["configMap"]["name"]
    assert _of_kind("ConfigMap")[config_map]["data"][script.name] == WAIT_SCRIPT.read_text()
    assert f"{service}-migrate" in _of_kind("Job")


@pytest.mark.parametrize("service", SERVICES)
def test_the_wait_ends_once_the_migration_ran(service: str, tmp_path: Path) -> None:
    environment = {
        f"{service.upper()}_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "test-key",
        "HOME": str(tmp_path),
    }
    wait = [sys.executable, str(WAIT_SCRIPT), service, "0"]

    def run(command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, env=environment, capture_output=True, text=True, timeout=120, check=False
        )

    assert run(wait).returncode == 1, "an empty database must keep the pod waiting"
    migrate = Path(sys.executable).with_name(f"{service}-migrate")
    migrated = run([str(migrate)])
    assert migrated.returncode == 0, migrated.stderr
    waited = run(wait)
    assert waited.returncode == 0, waited.stderr


# --- network policies -------------------------------------------------------------------------

# Where the traffic the pods need comes from and goes to (the installation's namespaces).
INGRESS_CONTROLLER = {"kubernetes.io/metadata.name": "ingress-nginx"}
MONITORING = {"kubernetes.io/metadata.name": "monitoring"}
KUBE_DNS = ({"kubernetes.io/metadata.name": "kube-system"}, {"k8s-app": "kube-dns"})


def _selects(selector: Mapping[str, Any], labels: Mapping[str, str]) -> bool:
    """A label selector as Kubernetes evaluates it (the operators these manifests use)."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In", f"not evaluated here: {expression}"
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def _allowed(workload: Mapping[str, Any], direction: str) -> set[tuple[Any, ...]]:
    """(peer, protocol, port) the NetworkPolicies allow for the workload's pods, as one set:
    the peer is a namespace's and a pod's labels (None: any), the port a number or a name."""
    rules = "ingress" if direction == "Ingress" else "egress"
    peers_key = "from" if direction == "Ingress" else "to"
    allowed = set()
    for policy in _of_kind("NetworkPolicy").values():
        spec = policy["spec"]
        if direction not in spec["policyTypes"] or not _selects(
            spec["podSelector"], _pod_labels(workload)
        ):
            continue
        for rule in spec.get(rules, []):
            peers = [
                (
                    tuple(sorted(peer.get("namespaceSelector", {}).get("matchLabels", {}).items())),
                    tuple(sorted(peer.get("podSelector", {}).get("matchLabels", {}).items())),
                )
                for peer in rule.get(peers_key, [])
            ] or [None]
            for peer in peers:
                for port in rule["ports"]:
                    allowed.add((peer, port["protocol"], port["port"]))
    return allowed


def _peer(namespace: Mapping[str, str], pods: Mapping[str, str] | None = None) -> tuple:
    return (tuple(sorted(namespace.items())), tuple(sorted((pods or {}).items())))


def test_everything_not_allowed_is_refused() -> None:
    deny_all = [
        name
        for name, policy in _of_kind("NetworkPolicy").items()
        if policy["spec"]["podSelector"] == {}
        and set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
        and not policy["spec"].get("ingress")
        and not policy["spec"].get("egress")
    ]
    assert deny_all == ["default-deny"]


@pytest.mark.parametrize("name", sorted(_workloads()))
def test_each_pod_may_reach_only_what_its_process_talks_to(name: str) -> None:
    workload = _workloads()[name]
    role = _role(workload)
    environment = _environment(_main_container(workload))[0]
    service = _service_of(workload)
    database = urlsplit(environment[f"{service.upper()}_DATABASE_URL"])

    expected = {
        (_peer(*KUBE_DNS), "UDP", 53),
        (_peer(*KUBE_DNS), "TCP", 53),
        (None, "TCP", database.port),
    }
    if role in ("relay", "worker"):  # eventing.processes: the only Kafka clients
        brokers = environment["KAFKA_BOOTSTRAP_SERVERS"].split(",")
        expected |= {(None, "TCP", int(broker.rpartition(":")[2])) for broker in brokers}
    if role == "mailer":
        expected.add((None, "TCP", int(environment["SMTP_PORT"])))
    assert _allowed(workload, "Egress") == expected


@pytest.mark.parametrize("name", sorted(_workloads()))
def test_each_pod_is_reached_only_by_the_ingress_and_the_monitoring(name: str) -> None:
    workload = _workloads()[name]
    served = {port["name"] for port in _main_container(workload).get("ports", [])}
    expected = {(_peer(MONITORING), "TCP", port) for port in served}
    if _role(workload) == "web":
        assert served == {"http"}
        expected.add((_peer(INGRESS_CONTROLLER), "TCP", "http"))
    allowed = _allowed(workload, "Ingress")
    # A named port the pod does not declare opens nothing; a numbered one always does.
    assert {rule for rule in allowed if not isinstance(rule[2], str) or rule[2] in served} == (
        expected
    )
