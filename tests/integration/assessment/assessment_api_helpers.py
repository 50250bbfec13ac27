"""Helpers of the assessment API tests (a module of its own: every test folder has a conftest)."""

from __future__ import annotations


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
