"""The domain stays pure: no web, database, broker or PDF imports, and only the loader reads."""

from __future__ import annotations

import ast
from importlib import resources

import pytest

FORBIDDEN = {"flask", "sqlalchemy", "kafka", "weasyprint", "requests", "socket", "subprocess"}
DOMAIN = resources.files("assessment").joinpath("domain")
MODULES = sorted(entry.name for entry in DOMAIN.iterdir() if entry.name.endswith(".py"))


def _imported_roots(tree: ast.AST) -> set[str]:
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("module", MODULES)
def test_domain_module_is_pure(module: str) -> None:
    tree = ast.parse(DOMAIN.joinpath(module).read_text(encoding="utf-8"))
    assert not _imported_roots(tree) & FORBIDDEN
    reads = {"open", "read_text", "read_bytes", "files"}
    calls = {
        getattr(node.func, "attr", getattr(node.func, "id", None))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    if module != "catalogue_loader.py":
        assert not calls & reads, module
