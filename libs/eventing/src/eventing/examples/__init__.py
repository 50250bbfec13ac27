"""Example wire messages, one file per (event type, version, case).

Each file holds exactly what `eventing.codec.encode` emits for that event, pretty-printed.
Contract tests decode every example and re-encode it; consumers can test against them too.
Names read `<event_type>.v<version>.<case>.json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class Example:
    name: str
    raw: bytes


def all_examples() -> list[Example]:
    return sorted(
        (
            Example(name=entry.name.removesuffix(".json"), raw=entry.read_bytes())
            for entry in files(__name__).iterdir()
            if entry.name.endswith(".json")
        ),
        key=lambda example: example.name,
    )
