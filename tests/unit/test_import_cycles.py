"""No import cycles between the packages of a service or a library.

A cycle means two packages can only be understood, tested and changed together; the service
shape (README, "The shape of a service") orders them instead: entrypoints use services and
privacy, which use adapters, which use the domain. Each service and library is read as a
graph of its first-level packages and modules (`assessment.adapters`, `servicekit.web`);
each `domain/`, which is one layer, also as a graph of its modules. Every import counts,
also one inside a function or under TYPE_CHECKING: deferring it hides a cycle, not ends it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from importlib.util import find_spec
from pathlib import Path

import pytest

# Every service belongs here.
SERVICES = ("assessment", "reporting", "notifications")
LIBRARIES = ("servicekit", "charts", "eventing", "mailing", "privacy", "devstack")

Graph = dict[str, set[str]]


def _modules(package: str) -> dict[str, Path]:
    """Every module of the installed package by its dotted name (a package by its own)."""
    spec = find_spec(package)
    assert spec is not None, package
    assert spec.submodule_search_locations, package
    root = Path(next(iter(spec.submodule_search_locations)))
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = (package, *path.relative_to(root).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(name: str, path: Path, modules: Mapping[str, Path]) -> Iterator[str]:
    """The modules of the same package that `name` imports, wherever in the file."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                # `from . import x` in a package's __init__ is relative to the package itself.
                anchor = name.split(".")[: len(name.split(".")) - node.level + is_package]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # `from pkg import module` imports the module, `from module import name` it.
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in modules else base


def _graph(package: str, within: str | None = None) -> Graph:
    """Imports between the first-level parts of `package`, or between the modules of its
    subpackage `within` (imports of that subpackage's __init__ count as imports of it)."""
    modules = _modules(package)
    scope = f"{package}.{within}" if within else package

    def unit(module: str) -> str | None:
        if module != scope and not module.startswith(f"{scope}."):
            return None
        if within:
            return module
        return ".".join(module.split(".")[:2])

    graph: Graph = {}
    for name, path in modules.items():
        source = unit(name)
        if source is None:
            continue
        graph.setdefault(source, set())
        for imported in _imports(name, path, modules):
            target = unit(imported)
            if target is not None and target != source:
                graph[source].add(target)
    return graph


def _cycles(graph: Graph) -> list[list[str]]:
    """One cycle through each group of mutually dependent parts (Tarjan's strongly
    connected components), as the path that closes it: [a, b, a]."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_path_back(graph, group) for group in groups]


def _path_back(graph: Graph, group: set[str]) -> list[str]:
    """The shortest path from the group's first member through the group back to it."""
    start = min(group)
    paths = {target: [start, target] for target in graph[start] if target in group}
    frontier = list(paths)
    while start not in paths:
        next_frontier = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    next_frontier.append(target)
        frontier = next_frontier
    return paths[start]


CHECKED = [
    *((package, None) for package in (*SERVICES, *LIBRARIES)),
    *((service, "domain") for service in SERVICES),
]


@pytest.mark.parametrize(
    ("package", "within"),
    CHECKED,
    ids=[f"{package}.{within}" if within else package for package, within in CHECKED],
)
def test_no_import_cycles(package: str, within: str | None) -> None:
    cycles = _cycles(_graph(package, within))

    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_a_cycle_is_reported_with_its_path() -> None:
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}

    assert _cycles(graph) == [["p.a", "p.b", "p.c", "p.a"]]
