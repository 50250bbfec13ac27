"""Every service's domain stays pure: no web, database, broker, mail, network or PDF imports,
nothing of its own service outside the domain, no other service, and only the catalogue
loader reads files (its versioned data, from the package)."""

from __future__ import annotations

import ast
from importlib import resources

import pytest

SERVICES = ("assessment", "reporting", "notifications")
FORBIDDEN = {
    "flask",
    "sqlalchemy",
    "kafka",
    "weasyprint",
    "requests",
    "urllib",
    "http",
    "socket",
    "smtplib",
    "subprocess",
    "servicekit",
    "devstack",
}
READERS = {("assessment", "catalogue_loader.py")}
MODULES = [
    (service, entry.name)
    for service in SERVICES
    for entry in sorted(resources.files(service).joinpath("domain").iterdir(), key=str)
    if entry.name.endswith(".py")
]


def _imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_every_service_has_a_domain_that_is_checked() -> None:
    assert {service for service, _ in MODULES} == set(SERVICES)


@pytest.mark.parametrize(("service", "module"), MODULES, ids=lambda part: part)
def test_domain_module_is_pure(service: str, module: str) -> None:
    tree = ast.parse(resources.files(service).joinpath("domain", module).read_text("utf-8"))
    imported = _imported(tree)

    assert not {name.split(".")[0] for name in imported} & FORBIDDEN
    own_outside_domain = {
        name
        for name in imported
        if name.split(".")[0] == service and not name.startswith(f"{service}.domain")
    }
    assert not own_outside_domain
    assert not {name.split(".")[0] for name in imported} & (set(SERVICES) - {service})
    calls = {
        getattr(node.func, "attr", getattr(node.func, "id", None))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    if (service, module) not in READERS:
        assert not calls & {"open", "read_text", "read_bytes", "files"}
