"""The mails about a meeting: to the company contact (in the assessment's language) and to
the advisor (in German, the cluster's working language), each with text and HTML parts.

Booked, moved and cancelled meetings carry the calendar invitation; reminders do not (the
calendar entry is already there). The words are in templates/mail/meeting_company/ and
meeting_advisor/, one mail per recipient that tells each kind of news.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from mailing.message import Attachment, Mail, Unsendable, compose, reply_address
from mailing.owner import MailOwner
from mailing.templates import MailTemplates
from notifications.booking.invitation import CANCEL, REQUEST
from notifications.booking.store import Advisor, Company, Meeting
from notifications.booking.times import meeting_when

BOOKED, RESCHEDULED, CANCELLED, REMINDER = "booked", "rescheduled", "cancelled", "reminder"
COMPANY, ADVISOR = "company", "advisor"
_MAIL_TO = {COMPANY: "meeting_company", ADVISOR: "meeting_advisor"}
REMINDER_AHEAD = timedelta(hours=24)

# The advisor's mails are German whatever the company's language.
_ADVISOR_LANGUAGE = "de"
_MAILS = MailTemplates.of_package("notifications")


@dataclass(frozen=True)
class MeetingNews:
    """What happened to a meeting, as the mails tell it."""

    kind: str
    meeting: Meeting
    company: Company
    advisor: Advisor
    previous_starts_at: datetime | None = None  # set when the meeting was moved

    def company_owner(self) -> MailOwner:
        return MailOwner.company(self.company.company_id, self.company.assessment_id)

    def advisor_owner(self) -> MailOwner:
        return MailOwner.advisor(
            self.advisor.id, self.company.company_id, self.company.assessment_id
        )


def company_mail(
    news: MeetingNews, booking_url: str, invitation: bytes | None = None
) -> Mail | Unsendable:
    """`booking_url` is the company's booking page; the meeting's cancel and reschedule
    pages are below it."""
    language = news.company.language
    meeting_url = f"{booking_url}/meetings/{news.meeting.id}"
    return _mail(
        news,
        COMPANY,
        language,
        to=news.company.contact_email,
        reply_to=news.advisor.email,
        invitation=invitation,
        booking_url=booking_url,
        reschedule_url=f"{meeting_url}/reschedule",
        cancel_url=f"{meeting_url}/cancel",
    )


def advisor_mail(
    news: MeetingNews, desk_url: str, invitation: bytes | None = None
) -> Mail | Unsendable:
    return _mail(
        news,
        ADVISOR,
        _ADVISOR_LANGUAGE,
        to=news.advisor.email,
        reply_to=reply_address(news.company.contact_email),
        invitation=invitation,
        desk_url=desk_url,
    )


def mail_key(meeting: Meeting, kind: str, recipient: str) -> str:
    """One mail per meeting version, kind and recipient: the reminder of version 2 is
    withdrawn by this key when version 3 (a move or a cancellation) is written."""
    return f"meeting:{meeting.id}:{meeting.sequence}:{kind}:{recipient}"


def _mail(
    news: MeetingNews,
    recipient: str,
    language: str,
    *,
    to: str,
    reply_to: str | None,
    invitation: bytes | None,
    **links: str,
) -> Mail | Unsendable:
    meeting = news.meeting
    when = meeting_when(meeting.starts_at, meeting.ends_at, meeting.timezone, language)
    previous_when = None
    if news.previous_starts_at is not None:
        length = meeting.ends_at - meeting.starts_at
        previous_end = news.previous_starts_at + length
        previous_when = meeting_when(
            news.previous_starts_at, previous_end, meeting.timezone, language
        )
    # Date, time and zone in the subject, never the company's name (it is in the body).
    words = _MAILS.render(
        _MAIL_TO[recipient],
        language,
        {
            "kind": news.kind,
            "company": news.company,
            "advisor": news.advisor,
            "when": when,
            "previous_when": previous_when,
            "attached": invitation is not None,
            **links,
        },
    )
    return compose(
        dedupe_key=mail_key(meeting, news.kind, recipient),
        to=to,
        reply_to=reply_to,
        **words,
        attachments=() if invitation is None else (_attachment(invitation, news.kind),),
        not_before=meeting.starts_at - REMINDER_AHEAD if news.kind == REMINDER else None,
    )


def invitation_method(kind: str) -> str:
    """The iTIP method of the invitation a mail of this kind carries."""
    return CANCEL if kind == CANCELLED else REQUEST


def _attachment(invitation: bytes, kind: str) -> Attachment:
    content_type = f"text/calendar; charset=utf-8; method={invitation_method(kind)}"
    return Attachment("invite.ics", content_type, invitation)
