"""Retention periods of personal data, as each service reads them from its environment."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from servicekit.settings import EnvReader, SettingsError


def retention_days(environ: Mapping[str, str], defaults: Mapping[str, int]) -> dict[str, timedelta]:
    """Retention periods (whole days, 1-3650) from the environment, every problem reported
    together."""
    env = EnvReader(environ)
    days = {name: env.int(name, default) for name, default in defaults.items()}
    env.raise_if_invalid()
    wrong = [
        f"{name} must be 1-3650, got {value}"
        for name, value in days.items()
        if not 1 <= value <= 3650
    ]
    if wrong:
        raise SettingsError("invalid configuration: " + "; ".join(wrong))
    return {name: timedelta(days=value) for name, value in days.items()}
