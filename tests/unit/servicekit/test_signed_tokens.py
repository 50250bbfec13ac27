import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from servicekit.booking_links import BookingLinks
from servicekit.settings import EnvReader, SettingsError
from servicekit.signed_tokens import (
    SigningKeys,
    TokenExpired,
    TokenInvalid,
    VerifiedToken,
    sign,
    verify,
    withdrawn,
)

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
KEY = SigningKeys("s3cret-for-tests")
HOUR = timedelta(hours=1)


def token_for(subject: str, purpose: str = "report-download", **times: datetime) -> str:
    times = {"issued_at": NOW, "expires_at": NOW + timedelta(days=30)} | times
    return sign(KEY, purpose, subject, **times)


def test_a_token_gives_back_its_subject_and_issue_time_until_it_expires() -> None:
    token = token_for("b371afbe", issued_at=NOW - HOUR)
    assert verify(KEY, "report-download", token, NOW) == VerifiedToken("b371afbe", NOW - HOUR)
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
    with pytest.raises(TokenInvalid):
        verify(KEY, "report-download", tamper(token_for("b371afbe")), NOW)


def test_neither_a_longer_expiry_nor_a_later_issue_time_can_be_written_into_a_token() -> None:
    subject, issued, expires, signature = token_for("a1", "booking").split(".")
    extended = f"{subject}.{issued}.{int(expires) + 86400 * 365}.{signature}"
    reissued = f"{subject}.{int(issued) + 86400}.{expires}.{signature}"
    for changed in (extended, reissued):
        with pytest.raises(TokenInvalid):
            verify(KEY, "booking", changed, NOW)


def test_a_token_of_the_old_format_without_issue_time_is_refused() -> None:
    subject, _issued, expires, signature = token_for("a1", "booking").split(".")
    with pytest.raises(TokenInvalid):
        verify(KEY, "booking", f"{subject}.{expires}.{signature}", NOW)


def test_a_token_for_one_purpose_or_secret_does_not_pass_for_another() -> None:
    token = token_for("a1", "booking")
    with pytest.raises(TokenInvalid):
        verify(KEY, "report-download", token, NOW)
    with pytest.raises(TokenInvalid):
        verify(SigningKeys("another secret"), "booking", token, NOW)


def test_a_token_issued_before_the_cut_off_is_withdrawn_one_issued_after_is_not() -> None:
    revoked_at = datetime(2026, 11, 27, 9, 30, 15, 400000, tzinfo=UTC)
    before = verify(KEY, "booking", token_for("a1", "booking", issued_at=revoked_at - HOUR), NOW)
    after = verify(KEY, "booking", token_for("a1", "booking", issued_at=revoked_at + HOUR), NOW)

    assert withdrawn(before, revoked_at)
    assert not withdrawn(after, revoked_at)
    assert not withdrawn(before, None)  # the company never revoked its links


def test_a_token_issued_in_the_second_of_the_revocation_still_works() -> None:
    # Issue times have whole seconds: the link minted right after the revocation must work.
    revoked_at = datetime(2026, 11, 27, 9, 30, 15, 400000, tzinfo=UTC)
    same_second = verify(KEY, "booking", token_for("a1", "booking", issued_at=revoked_at), NOW)
    second_before = verify(
        KEY, "booking", token_for("a1", "booking", issued_at=revoked_at - timedelta(seconds=1)), NOW
    )

    assert not withdrawn(same_second, revoked_at)
    assert withdrawn(second_before, revoked_at)


def test_a_booking_link_carries_a_token_that_names_its_assessment() -> None:
    assessment_id = uuid.UUID("526d35a7-46fb-42d7-9f63-5e1ef9880cc8")
    links = BookingLinks("https://termine.example", KEY)
    url = links.url(assessment_id, NOW)

    assert url.startswith("https://termine.example/book/")
    token = links.verify(url.rsplit("/", 1)[1], NOW)
    assert (token.assessment_id, token.issued_at) == (assessment_id, NOW)
    with pytest.raises(TokenExpired):
        links.verify(url.rsplit("/", 1)[1], NOW + timedelta(days=90))
    with pytest.raises(TokenInvalid):
        links.verify(token_for("not-an-id", "booking"), NOW)


def test_one_lifetime_for_every_booking_link_read_from_the_environment() -> None:
    secret = {"BOOKING_LINK_SECRET": "s", "PUBLIC_BASE_URL_NOTIFICATIONS": "https://t.example/"}
    assert BookingLinks.from_env(secret) == BookingLinks(
        "https://t.example", SigningKeys("s"), timedelta(days=90)
    )
    assert BookingLinks.from_env(secret | {"BOOKING_LINK_DAYS": "30"}).lifetime == timedelta(
        days=30
    )
    with pytest.raises(SettingsError, match="BOOKING_LINK_DAYS must be 1-365, got 400"):
        BookingLinks.from_env(secret | {"BOOKING_LINK_DAYS": "400"})


def test_after_a_rotation_new_tokens_use_the_new_secret_and_old_ones_work_until_they_expire():
    before_rotation = token_for("a1", "booking", expires_at=NOW + HOUR)
    rotated = SigningKeys("the next secret", previous=KEY.current)

    assert verify(rotated, "booking", before_rotation, NOW) == VerifiedToken("a1", NOW)
    with pytest.raises(TokenExpired):
        verify(rotated, "booking", before_rotation, NOW + HOUR)
    after_rotation = sign(rotated, "booking", "a2", issued_at=NOW, expires_at=NOW + HOUR)
    # Signed with the new secret only: a service not yet given it refuses the token.
    with pytest.raises(TokenInvalid):
        verify(KEY, "booking", after_rotation, NOW)
    assert verify(SigningKeys("the next secret"), "booking", after_rotation, NOW).subject == "a2"


def test_once_the_previous_secret_is_removed_its_tokens_are_refused():
    before_rotation = token_for("a1", "booking")
    with pytest.raises(TokenInvalid):
        verify(SigningKeys("the next secret"), "booking", before_rotation, NOW)


def test_the_previous_secret_is_read_from_the_variable_beside_the_current_one():
    env = EnvReader({"LINK_SECRET": "new", "LINK_SECRET_PREVIOUS": "old"})
    assert env.signing_keys("LINK_SECRET") == SigningKeys("new", previous="old")
    assert EnvReader({"LINK_SECRET": "new"}).signing_keys("LINK_SECRET") == SigningKeys("new")
