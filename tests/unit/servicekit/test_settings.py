"""Settings come from environment variables, and every problem is reported at once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from servicekit.settings import (
    EnvReader,
    Rate,
    ServiceSettings,
    SettingsError,
    database_url_from_env,
)


def test_defaults_give_a_runnable_local_service_with_sqlite_under_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    settings = ServiceSettings.from_env("reporting", {"SECRET_KEY": "s3cret"})

    assert settings.database_url == f"sqlite:///{tmp_path}/var/reporting.sqlite3"
    assert settings.port == 8001
    assert settings.public_base_url == "http://127.0.0.1:8001"


def test_service_specific_variables_override_the_defaults():
    settings = ServiceSettings.from_env(
        "notifications",
        {
            "SECRET_KEY": "s",
            "NOTIFICATIONS_DATABASE_URL": "postgresql+psycopg://db/notifications",
            "NOTIFICATIONS_PORT": "9002",
            "PUBLIC_BASE_URL_NOTIFICATIONS": "https://termine.example",
        },
    )

    assert settings.database_url == "postgresql+psycopg://db/notifications"
    assert settings.port == 9002
    assert settings.public_base_url == "https://termine.example"


def test_every_missing_or_malformed_setting_is_named_in_one_error():
    with pytest.raises(SettingsError) as error:
        ServiceSettings.from_env("assessment", {"ASSESSMENT_PORT": "eighty", "LOG_LEVEL": "loud"})

    message = str(error.value)
    assert "SECRET_KEY is required" in message
    assert "ASSESSMENT_PORT must be a whole number" in message
    assert "LOG_LEVEL must be one of" in message


def test_no_proxy_is_trusted_and_the_limits_have_their_defaults_unless_set():
    default = ServiceSettings.from_env("assessment", {"SECRET_KEY": "s"})
    behind_ingress = ServiceSettings.from_env(
        "assessment",
        {
            "SECRET_KEY": "s",
            "TRUSTED_PROXY_HOPS": "1",
            "LIMIT_PER_CLIENT": "100/30m",
            "LIMIT_PER_RECIPIENT": "3/7d",
        },
    )

    assert default.trusted_proxy_hops == 0
    assert default.limit_per_client == Rate(60, timedelta(hours=1))
    assert default.limit_per_recipient == Rate(10, timedelta(hours=24))
    assert behind_ingress.trusted_proxy_hops == 1
    assert behind_ingress.limit_per_client == Rate(100, timedelta(minutes=30))
    assert behind_ingress.limit_per_recipient == Rate(3, timedelta(days=7))


def test_malformed_proxy_hops_and_limits_are_named():
    with pytest.raises(SettingsError) as error:
        ServiceSettings.from_env(
            "assessment",
            {
                "SECRET_KEY": "s",
                "TRUSTED_PROXY_HOPS": "-1",
                "LIMIT_PER_CLIENT": "60 per hour",
                "LIMIT_PER_RECIPIENT": "0/24h",
            },
        )

    message = str(error.value)
    assert "TRUSTED_PROXY_HOPS must be 0-5, got -1" in message
    assert "LIMIT_PER_CLIENT must be like 10/24h" in message
    assert "LIMIT_PER_RECIPIENT must be like 10/24h" in message


def test_another_services_address_is_http_without_a_trailing_slash():
    env = EnvReader({"PUBLIC_BASE_URL_REPORTING": "https://berichte.example/"})

    assert env.public_url("reporting") == "https://berichte.example"
    assert env.public_url("assessment") == "http://127.0.0.1:8000"  # its default port
    env.raise_if_invalid()

    wrong = EnvReader({"PUBLIC_BASE_URL_ASSESSMENT": "javascript:alert(1)"})
    wrong.public_url("assessment")
    with pytest.raises(SettingsError, match="PUBLIC_BASE_URL_ASSESSMENT must start with http"):
        wrong.raise_if_invalid()


def test_relative_paths_are_taken_from_the_working_directory_at_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    env = EnvReader(
        {
            "STORAGE": "var/reports",
            "ELSEWHERE": "/srv/reports",
            "SQLITE": "sqlite:///var/a.sqlite3?timeout=5",
            "SQLITE_ABSOLUTE": "sqlite:////srv/a.sqlite3",
            "MEMORY": "sqlite://",
            "POSTGRES": "postgresql+psycopg://user:pass@db/a",
        }
    )

    paths = env.path("STORAGE", "x"), env.path("ELSEWHERE", "x"), env.path("UNSET", "var/x")
    assert paths == (tmp_path / "var/reports", Path("/srv/reports"), tmp_path / "var/x")
    assert env.database_url("SQLITE", "") == f"sqlite:///{tmp_path}/var/a.sqlite3?timeout=5"
    assert env.database_url("SQLITE_ABSOLUTE", "") == "sqlite:////srv/a.sqlite3"
    assert env.database_url("MEMORY", "") == "sqlite://"
    assert env.database_url("POSTGRES", "") == "postgresql+psycopg://user:pass@db/a"
    env.raise_if_invalid()


def test_a_database_url_that_is_none_is_named():
    env = EnvReader({"ASSESSMENT_DATABASE_URL": "var/assessment.sqlite3"})
    env.database_url("ASSESSMENT_DATABASE_URL", "")

    with pytest.raises(SettingsError, match="ASSESSMENT_DATABASE_URL must be a database URL"):
        env.raise_if_invalid()


def test_a_services_tools_need_only_its_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`notifications-admin create`, as the README gives it, runs without SECRET_KEY."""
    monkeypatch.chdir(tmp_path)

    url = database_url_from_env("notifications", {})

    assert url == f"sqlite:///{tmp_path}/var/notifications.sqlite3"
