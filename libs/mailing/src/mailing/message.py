"""What a mail is, and the `EmailMessage` that goes out for it.

Header values are single lines: a CR or LF in a recipient, subject or Reply-To would let
whoever wrote it add headers (Bcc: ...) or a body of their own, so `Mail` refuses them, and
the SMTP policy of Python's email package refuses them again when the headers are set.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from email.utils import format_datetime, parseaddr
from typing import Any

from marshmallow import ValidationError, validate

MAX_ADDRESS_LENGTH = 320  # RFC 5321: 64 for the local part, @, 255 for the domain
MAX_SUBJECT_LENGTH = 250
MAX_DEDUPE_KEY_LENGTH = 200
MAX_ATTACHMENT_BYTES = 1_000_000  # invitations and small documents; big files go as links
_FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_EVENT_ADDRESS = validate.Email()


@dataclass(frozen=True)
class Attachment:
    """A file sent with a mail. `content_type` may carry parameters, such as
    `text/calendar; method=REQUEST` for an invitation that calendar programs act on."""

    filename: str
    content_type: str
    data: bytes

    def __post_init__(self) -> None:
        if not _FILENAME.match(self.filename):
            raise ValueError("attachment filename must be a plain name like invite.ics")
        if len(self.data) > MAX_ATTACHMENT_BYTES:
            raise ValueError(f"attachment is over {MAX_ATTACHMENT_BYTES} bytes; send a link")
        # Both refuse here what would otherwise fail only when the mailer builds the message.
        self.mime_parts()
        self.invitation()

    def mime_parts(self) -> tuple[str, str, dict[str, str]]:
        """(maintype, subtype, parameters) of the content type, parsed as a Content-Type
        header: type and parameter names in lower case, parameters in any order, quoted or
        not."""
        check_single_line("attachment content type", self.content_type)
        header = default_policy.header_factory("Content-Type", self.content_type)
        if header.defects:
            raise ValueError(
                f"attachment content type {self.content_type!r} is not allowed: {header.defects[0]}"
            )
        return header.maintype, header.subtype, dict(header.params)

    def invitation(self) -> tuple[str, dict[str, str]] | None:
        """(text, parameters but the charset) of an iCalendar object with an iTIP method
        (RFC 6047), which calendars act on; None for any other attachment."""
        maintype, subtype, parameters = self.mime_parts()
        if (maintype, subtype) != ("text", "calendar") or not parameters.get("method"):
            return None
        charset = parameters.pop("charset", "utf-8")
        try:
            return self.data.decode(charset), parameters
        except (LookupError, UnicodeDecodeError) as error:
            raise ValueError(f"calendar invitation is not {charset} text: {error}") from None


@dataclass(frozen=True)
class Mail:
    """One mail to one recipient. `dedupe_key` names why it is sent (e.g. the event and the
    recipient): queueing the same key again queues nothing."""

    dedupe_key: str
    to: str
    subject: str
    text: str
    html: str | None = None
    reply_to: str | None = None
    attachments: tuple[Attachment, ...] = ()
    # Not sent before this time (a reminder queued when the meeting is booked).
    not_before: datetime | None = None

    def __post_init__(self) -> None:
        if not self.dedupe_key or len(self.dedupe_key) > MAX_DEDUPE_KEY_LENGTH:
            raise ValueError(f"dedupe_key must be 1-{MAX_DEDUPE_KEY_LENGTH} characters")
        check_address("to", self.to)
        if self.reply_to is not None:
            check_address("reply_to", self.reply_to)
        check_single_line("subject", self.subject)
        if not self.subject or len(self.subject) > MAX_SUBJECT_LENGTH:
            raise ValueError(f"subject must be 1-{MAX_SUBJECT_LENGTH} characters")


@dataclass(frozen=True)
class Unsendable:
    """A mail that cannot be written, because the mail layer refuses a header (mostly the
    recipient: an address a mail header cannot carry). Queued, it is recorded as failed with
    the reason: the delivery log shows why nothing went out, and whatever caused the mail
    (a booking) still happens."""

    dedupe_key: str
    to: str
    subject: str
    reason: str


def compose(**fields: Any) -> Mail | Unsendable:
    """`Mail(**fields)`, or what could not be written and why."""
    try:
        return Mail(**fields)
    except ValueError as error:
        return Unsendable(fields["dedupe_key"], fields["to"], fields["subject"], str(error))


def reply_address(value: str) -> str | None:
    """`value` as a Reply-To, or None if the mail layer refuses it: a mail to an advisor
    goes out without the company's address rather than not at all."""
    try:
        check_address("reply_to", value)
    except ValueError:
        return None
    return value


def check_single_line(name: str, value: str) -> None:
    """Refuse control characters and line or paragraph separators in a header value."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise ValueError(
                f"{name} must be a single line without control characters "
                f"(found {char!r}); refused to prevent header injection"
            )


# What each door tells the person whose address or name these checks refuse (the doors speak
# German, English and Dutch), so that pages, API, desk and command line say the same.
ADDRESS_REFUSED = {
    "de": "Bitte eine E-Mail-Adresse, an die wir senden können: eine einzige Adresse wie "
    "name@example.org, nur ASCII-Zeichen (keine Umlaute).",
    "en": "Please enter an e-mail address we can send to: one address like "
    "name@example.org, in ASCII letters only (no umlauts).",
    "nl": "Vul een e-mailadres in waarnaar wij kunnen verzenden: één adres zoals "
    "name@example.org, alleen in ASCII-tekens (zonder umlauts of accenten).",
}
NAME_REFUSED = {
    "de": "Bitte nur eine Zeile sichtbaren Text: ohne Steuerzeichen, Zeilenumbrüche und "
    "unsichtbare Formatierungszeichen (wie U+202E oder U+200B).",
    "en": "Please use one line of visible text: no control characters, line breaks or "
    "invisible formatting characters (such as U+202E or U+200B).",
    "nl": "Gebruik één regel zichtbare tekst: zonder stuurtekens, regeleinden of "
    "onzichtbare opmaaktekens (zoals U+202E of U+200B).",
}


def check_address(name: str, value: str) -> None:
    """A bare address (`someone@example.org`): single-line, bounded, parseable, ASCII, with a
    dot in the domain. Every door that takes an address calls this, so nothing is stored that
    the sender would refuse later, when the person who typed it is gone."""
    check_single_line(name, value)
    if not value or len(value) > MAX_ADDRESS_LENGTH:
        raise ValueError(f"{name} must be 1-{MAX_ADDRESS_LENGTH} characters")
    if not value.isascii():
        # smtplib sends a non-ASCII address only to a relay offering SMTPUTF8, which ours
        # need not; and a local part with umlauts is refused by many receivers anyway.
        raise ValueError(f"{name} must be plain ASCII (no umlauts, no IDN domain)")
    try:
        address = Address(addr_spec=value)
    except (ValueError, IndexError, HeaderParseError) as error:
        raise ValueError(f"{name} is not an email address: {error}") from None
    if not address.username or not address.domain or address.addr_spec != value:
        raise ValueError(f"{name} is not a plain email address")
    if "." not in address.domain.strip("."):
        # A domain without a dot is a typo (erika@example) on the internet: it would bounce.
        raise ValueError(f"{name} needs a domain with a dot (name@example.org)")
    try:
        # The contact's address travels in events through marshmallow's Email field
        # (eventing's ContactSchema): what a door takes must pass there too.
        _EVENT_ADDRESS(value)
    except ValidationError:
        raise ValueError(f"{name} is not an address the events can carry") from None


class BlankName(ValueError):
    """A name of only spaces: shown as nothing in pages, mails and invitations."""


def check_name(name: str, value: str) -> None:
    """A name (company, person) as pages, mails, invitations and PDFs show it: not blank and
    one line of visible text. Every door that takes a name calls this."""
    if not value.strip():
        raise BlankName(f"{name} must not be blank")
    for char in value:
        if hides_or_breaks_text(char):
            raise ValueError(
                f"{name} must be one line of visible text "
                f"(found U+{ord(char):04X}, a control, format or line separator character)"
            )


def hides_or_breaks_text(char: str) -> bool:
    """Control characters (CR/LF start mail header or body lines), format characters (U+202E
    shows the rest of a name reversed, U+200B is invisible) and line or paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


_SPACES = re.compile(r"\s+")


def single_line(value: str, max_length: int = 200) -> str:
    """A name as one line for a mail or an invitation, also one stored before `check_name`
    or carried by an event: control, format and separator characters become spaces, so a
    company name with a CR/LF can neither add a mail header nor fake lines of the mail's text."""
    cleaned = "".join(" " if hides_or_breaks_text(char) else char for char in value)
    return _SPACES.sub(" ", cleaned).strip()[:max_length]


def message_id(mail_id: uuid.UUID, mail_from: str) -> str:
    """The same id on every attempt of a mail, so a resend after an unclear failure can be
    recognised as the same mail."""
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "localhost"
    return f"<mail-{mail_id}@{domain}>"


def build_message(
    mail: Mail, *, mail_id: uuid.UUID, mail_from: str, date: datetime
) -> EmailMessage:
    """The message as it goes out: text part, optional HTML alternative, attachments, UTF-8."""
    message = EmailMessage(policy=SMTP)
    # The policy raises ValueError for a CR or LF in any of these as well.
    message["From"] = mail_from
    message["To"] = mail.to
    if mail.reply_to is not None:
        message["Reply-To"] = mail.reply_to
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id(mail_id, mail_from)
    message.set_content(mail.text, charset="utf-8")
    if mail.html is not None:
        message.add_alternative(mail.html, subtype="html", charset="utf-8")
    for attachment in mail.attachments:
        invitation = attachment.invitation()
        if invitation is not None:
            # Outlook acts on an invitation only as an alternative of the body; others take
            # the attachment. Both carry the same UID, so calendars keep one entry. The
            # text goes out as UTF-8, whatever charset the attachment was declared in.
            text, parameters = invitation
            message.add_alternative(text, subtype="calendar", params=parameters)
    for attachment in mail.attachments:
        maintype, subtype, parameters = attachment.mime_parts()
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
            params=parameters,
        )
    return message
