"""Resume tokens: unguessable, shown to the company once, stored only as a hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    """256 random bits, URL-safe, so it can travel in a resume link."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # A plain sha256 suffices: the token has 256 bits of entropy, so nothing can be
    # brute-forced from the hash; a slow password hash would only slow every request.
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), stored_hash)
