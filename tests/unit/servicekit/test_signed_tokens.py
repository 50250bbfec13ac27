import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from servicekit.booking_links import assessment_id_from_token, booking_url
from servicekit.signed_tokens import TokenExpired, TokenInvalid, sign, verify

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
KEY = "s3cret-for-tests"
HOUR = timedelta(hours=1)


def test_a_token_gives_back_its_subject_until_it_expires() -> None:
    token = sign(KEY, "report-download", "b371afbe", NOW + timedelta(days=30))
    assert verify(KEY, "report-download", token, NOW) == "b371afbe"
    with pytest.raises(TokenExpired):
        verify(KEY, "report-download", token, NOW + timedelta(days=30))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t.replace("b371afbe", "b371afbf", 1),  # another subject
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # forged signature
        lambda t: t.rsplit(".", 1)[0],  # signature missing
        lambda t: "",
    ],
)
def test_a_changed_token_is_refused(tamper: Callable[[str], str]) -> None:
    token = sign(KEY, "report-download", "b371afbe", NOW + timedelta(days=1))
    with pytest.raises(TokenInvalid):
        verify(KEY, "report-download", tamper(token), NOW)


def test_a_longer_expiry_cannot_be_written_into_a_token() -> None:
    token = sign(KEY, "booking", "a1", NOW + timedelta(days=1))
    subject, expires, signature = token.split(".")
    extended = f"{subject}.{int(expires) + 86400 * 365}.{signature}"
    with pytest.raises(TokenInvalid):
        verify(KEY, "booking", extended, NOW)


def test_a_token_for_one_purpose_or_secret_does_not_pass_for_another() -> None:
    token = sign(KEY, "booking", "a1", NOW + timedelta(days=1))
    with pytest.raises(TokenInvalid):
        verify(KEY, "report-download", token, NOW)
    with pytest.raises(TokenInvalid):
        verify("another secret", "booking", token, NOW)


def test_a_booking_link_carries_a_token_that_names_its_assessment() -> None:
    assessment_id = uuid.UUID("526d35a7-46fb-42d7-9f63-5e1ef9880cc8")
    url = booking_url("https://termine.example/", KEY, assessment_id, NOW + timedelta(days=90))

    assert url.startswith("https://termine.example/book/")
    token = url.rsplit("/", 1)[1]
    assert assessment_id_from_token(KEY, token, NOW) == assessment_id
    with pytest.raises(TokenInvalid):
        assessment_id_from_token(KEY, sign(KEY, "booking", "not-an-id", NOW + HOUR), NOW)
