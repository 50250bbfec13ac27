"""veraPDF's PDF/UA-1 check of PDF files, for the report tests.

`make verapdf` copies veraPDF's validation library (the version in `verapdf/pom.xml`) from
Maven Central into `.cache/verapdf/<version>/libs` and compiles `verapdf/PdfUa1.java` into
`classes` beside it; Java 17 runs it. One JVM checks every file it is given: starting it and
loading the profile take longer than checking a report.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from devstack.maven import pom_property

POM = Path(__file__).parent / "verapdf" / "pom.xml"
_JVM_OPTIONS = ("-Xmx512m", "-Djava.awt.headless=true")


@dataclass(frozen=True)
class FailedRule:
    rule: str  # clause and test number of ISO 14289-1 in veraPDF's profile, e.g. "7.5-1"
    checks: int  # how many times it failed
    description: str
    first_place: str  # where veraPDF found the first failure


def verapdf_version() -> str:
    return pom_property(POM, "verapdf.version")


def default_home() -> Path:
    """Where `make verapdf` puts it, below the working directory (the project root)."""
    return Path(".cache/verapdf", verapdf_version()).absolute()


def is_fetched(home: Path) -> bool:
    return (home / ".complete").is_file()


def validate(pdfs: Sequence[Path], home: Path) -> dict[Path, list[FailedRule]]:
    """The PDF/UA-1 rules each file fails (an empty list: it conforms)."""
    classpath = f"{home / 'classes'}:{home / 'libs'}/*"
    run = subprocess.run(
        ["java", *_JVM_OPTIONS, "-cp", classpath, "PdfUa1", *map(str, pdfs)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if run.returncode not in (0, 1):
        raise RuntimeError(f"veraPDF failed ({run.returncode}): {run.stderr.strip()[-2000:]}")
    results: dict[Path, list[FailedRule]] = {}
    current: list[FailedRule] = []
    for line in run.stdout.splitlines():
        kind, *fields = line.split("\t")
        if kind == "file":
            current = results.setdefault(Path(fields[0]), [])
        elif kind == "rule":
            rule, checks, description, first_place = fields
            current.append(FailedRule(rule, int(checks), description, first_place))
    if set(results) != set(pdfs):
        raise RuntimeError(f"veraPDF reported on {sorted(results)}, not on {sorted(pdfs)}")
    return results
