"""The libraries stay layered: charts (pure SVG) and wording (languages, catalogues, dates
and numbers for people) at the bottom; servicekit (what every process reuses, including the
language of a request) on wording; eventing (events and Kafka) and mailing (the mail outbox
and its translated templates) on servicekit, side by side; privacy (erasure, link revocation,
export, retention) on eventing; devstack (the local stack) on top. No library imports a
service. Read from the source, so an import in a function body or under TYPE_CHECKING counts
too, and from each pyproject, so a declared dependency cannot bring back what the imports
left."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
# The first-party packages each library may import besides itself.
MAY_IMPORT = {
    "servicekit": {"wording"},
    "charts": set(),
    "wording": set(),
    "eventing": {"servicekit"},
    "mailing": {"servicekit", "wording"},
    "privacy": {"servicekit", "eventing"},
    "devstack": {"servicekit", "eventing", "wording"},
}
SERVICES = {path.parent.name for path in ROOT.glob("services/*/src/*/__init__.py")}
FIRST_PARTY = set(MAY_IMPORT) | SERVICES


def _imported_first_party(library: str) -> dict[str, set[str]]:
    """First-party package -> the library's files that import it."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / "libs" / library / "src" / library).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                package = name.partition(".")[0]
                if package in FIRST_PARTY:
                    found.setdefault(package, set()).add(str(path.relative_to(ROOT)))
    return found


def _declared_first_party(library: str) -> set[str]:
    project = tomllib.loads((ROOT / "libs" / library / "pyproject.toml").read_text("utf-8"))
    requirements = (dependency.split()[0] for dependency in project["project"]["dependencies"])
    return {
        name.removeprefix("wegweiser-") for name in requirements if name.startswith("wegweiser-")
    }


def test_every_library_has_its_layer_and_the_reader_sees_imports():
    assert {path.name for path in (ROOT / "libs").iterdir() if path.is_dir()} == set(MAY_IMPORT)
    assert "assessment" in SERVICES
    assert set(_imported_first_party("devstack")) == {
        "devstack",
        "eventing",
        "servicekit",
        "wording",
    }


@pytest.mark.parametrize("library", sorted(MAY_IMPORT))
def test_a_library_imports_only_the_layers_below_it(library: str):
    imported = _imported_first_party(library)
    imported.pop(library, None)

    beyond = {
        package: files for package, files in imported.items() if package not in MAY_IMPORT[library]
    }

    assert beyond == {}, f"{library} imports what it must not (package -> files)"


@pytest.mark.parametrize("library", sorted(MAY_IMPORT))
def test_a_library_declares_exactly_the_layers_it_may_import(library: str):
    assert _declared_first_party(library) == MAY_IMPORT[library]
