"""The Java tools the stack fetches from Maven Central (Apache Kafka, veraPDF) are pinned in
their pom.xml; tests, the Makefile and deploy/ read the version from there, so it is written
once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

_NAMESPACE = {"m": "http://maven.apache.org/POM/4.0.0"}


def pom_property(pom: Path, name: str) -> str:
    """The value of `<properties><name>` in `pom`; ValueError if it has none."""
    root = ET.parse(pom).getroot()  # noqa: S314 - the project's own file, not input
    value = root.findtext(f"m:properties/m:{name}", namespaces=_NAMESPACE)
    if not value:
        raise ValueError(f"{pom} names no {name}")
    return value
