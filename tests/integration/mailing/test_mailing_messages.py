"""Building messages: single-line headers (no header injection), UTF-8, a stable Message-ID."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from mailing.message import BlankName, Mail, build_message, check_name

INJECTIONS = [
    "erika@example.com\r\nBcc: victim@example.org",
    "erika@example.com\nBcc: victim@example.org",
    "erika@example.com\r",
    "erika@example.com\x00",
    "erika@example.com\u2028Bcc: victim@example.org",
]


def _mail(**changes: str) -> Mail:
    values = {
        "dedupe_key": "test:1",
        "to": "erika@example.com",
        "subject": "Hallo",
        "text": "Text",
    }
    return Mail(**(values | changes))


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("field", ["to", "reply_to"])
def test_a_line_break_or_control_character_in_an_address_is_refused(field: str, value: str):
    with pytest.raises(ValueError, match="header injection"):
        _mail(**{field: value})


@pytest.mark.parametrize(
    "value", ["Hallo\r\nBcc: victim@example.org", "Hallo\nX-Evil: 1", "Hallo\t\x1b[2J", "Hallo\r"]
)
def test_a_line_break_or_control_character_in_the_subject_is_refused(value: str):
    with pytest.raises(ValueError, match="header injection"):
        _mail(subject=value)


@pytest.mark.parametrize(
    "value", ["", "erika", "Erika <erika@example.com>", "a@b@c", "x" * 320 + "@example.com"]
)
def test_only_a_plain_address_is_taken_as_recipient(value: str):
    with pytest.raises(ValueError, match=r"^to "):
        _mail(to=value)


@pytest.mark.parametrize("header", ["To", "Subject", "Reply-To"])
def test_pythons_email_package_refuses_line_breaks_as_well(header: str):
    """The second line of defence, should a value ever reach a header unchecked."""
    message = EmailMessage(policy=SMTP)
    with pytest.raises(ValueError, match="linefeed or carriage return"):
        message[header] = "erika@example.com\r\nBcc: victim@example.org"


def test_the_message_has_from_date_a_stable_message_id_and_both_parts():
    mail_id = uuid.UUID("12345678-1234-5678-1234-567812345678")
    mail = _mail(html="<p>Grüße</p>", text="Grüße", reply_to="berater@example.org")
    when = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    first = build_message(mail, mail_id=mail_id, mail_from="Wegweiser <w@example.org>", date=when)
    again = build_message(mail, mail_id=mail_id, mail_from="Wegweiser <w@example.org>", date=when)

    assert first["Message-ID"] == again["Message-ID"] == f"<mail-{mail_id}@example.org>"
    assert first["From"] == "Wegweiser <w@example.org>"
    assert first["Reply-To"] == "berater@example.org"
    assert first["Date"] == "Fri, 27 Nov 2026 09:00:00 +0000"
    assert first.get_body(("plain",)).get_content() == "Grüße\n"
    assert first.get_body(("html",)).get_content() == "<p>Grüße</p>\n"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("jürgen@müller.example", "to must be plain ASCII (no umlauts, no IDN domain)"),
        ("jurgen@müller.example", "to must be plain ASCII (no umlauts, no IDN domain)"),
        ("erika@example", "to needs a domain with a dot (name@example.org)"),
    ],
)
def test_an_address_the_relay_could_not_take_is_refused_before_it_is_queued(
    value: str, reason: str
):
    with pytest.raises(ValueError, match=f"^{re.escape(reason)}$"):
        _mail(to=value)


@pytest.mark.parametrize("value", ['"\x07x"@example.com', "x@y.example,victim"])
def test_a_control_character_or_a_second_address_is_refused(value: str):
    with pytest.raises(ValueError, match=r"^to "):
        _mail(to=value)


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\u2028", "\r\n", "\x00"])
def test_a_name_is_one_line_of_visible_text(hidden: str):
    reason = (
        f"name must be one line of visible text (found U+{ord(hidden[0]):04X}, "
        "a control, format or line separator character)"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(reason)}$"):
        check_name("name", f"Muster{hidden}HbmG")


@pytest.mark.parametrize("blank", ["", " ", "\u00a0\t"])
def test_a_blank_name_is_refused(blank: str):
    with pytest.raises(BlankName, match=r"^name must not be blank$"):
        check_name("name", blank)


@pytest.mark.parametrize("value", ["x@example.c", "x@ex_ample.com", '"a b"@example.com'])
def test_an_address_the_events_could_not_carry_is_refused(value: str):
    with pytest.raises(ValueError, match=r"^to is not an address the events can carry$"):
        _mail(to=value)
