"""The mails about a meeting, handed to the mail outbox: to the company contact (in the
assessment's language) and to the advisor (in German, the cluster's working language), each
with text and HTML parts; both sides told at once, and the reminders a day ahead queued or
withdrawn.

Booked, moved and cancelled meetings carry the calendar invitation; reminders do not (the
calendar entry is already there). The words are in templates/mail/meeting_company/ and
meeting_advisor/, one mail per recipient that tells each kind of news.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from mailing.message import Attachment, Mail, Unsendable, compose, reply_address
from mailing.outbox import queue_mail, withdraw_mail
from mailing.owner import MailOwner
from mailing.templates import MailTemplates
from notifications.adapters.invitation import CANCEL, REQUEST, invitation
from notifications.domain.meetings import Advisor, Company, Meeting
from notifications.domain.times import meeting_when
from servicekit.booking_links import BookingLinks

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


# -- handed to the mail outbox ----------------------------------------------------------


def tell_both_sides(
    connection: Connection, links: BookingLinks, news: MeetingNews, now: datetime
) -> None:
    """Mail both sides, each with the invitation in the state the news leaves it in."""
    method = invitation_method(news.kind)
    link = links.url(news.company.assessment_id, now)
    for_company = invitation(
        news.meeting,
        news.company,
        news.advisor,
        method=method,
        language=news.company.language,
        now=now,
        manage_url=link,
    )
    for_advisor = invitation(
        news.meeting, news.company, news.advisor, method=method, language="de", now=now
    )
    # A contact address the mail layer refuses is recorded as a failed mail: the meeting
    # is booked all the same, and the advisor's mail goes out.
    queue_mail(
        connection,
        company_mail(news, link, for_company),
        now,
        owner=news.company_owner(),
    )
    queue_mail(
        connection,
        advisor_mail(news, _desk_url(links), for_advisor),
        now,
        owner=news.advisor_owner(),
    )


def queue_reminders(
    connection: Connection, links: BookingLinks, news: MeetingNews, now: datetime
) -> None:
    if news.meeting.starts_at - REMINDER_AHEAD <= now:
        return  # booked less than a day ahead: the confirmation is the reminder
    reminder = dataclasses.replace(news, kind=REMINDER, previous_starts_at=None)
    link = links.url(news.company.assessment_id, now)
    queue_mail(connection, company_mail(reminder, link), now, owner=news.company_owner())
    queue_mail(
        connection,
        advisor_mail(reminder, _desk_url(links)),
        now,
        owner=news.advisor_owner(),
    )


def withdraw_reminders(connection: Connection, meeting: Meeting) -> None:
    for recipient in (COMPANY, ADVISOR):
        withdraw_mail(connection, mail_key(meeting, REMINDER, recipient))


def _desk_url(links: BookingLinks) -> str:
    return f"{links.base_url}/desk/"


def current_invitation(
    links: BookingLinks, meeting: Meeting, company: Company, advisor: Advisor, now: datetime
) -> bytes:
    """The company's copy of the meeting's current invitation (the .ics download)."""
    kind = BOOKED if meeting.active else CANCELLED
    return invitation(
        meeting,
        company,
        advisor,
        method=invitation_method(kind),
        language=company.language,
        now=now,
        manage_url=links.url(company.assessment_id, now),
    )
