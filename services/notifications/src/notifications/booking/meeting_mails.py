"""The mails a change of a meeting sends: both sides told at once, each with the calendar
invitation in its new state, and the reminders a day ahead queued or withdrawn."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import Connection

from mailing.outbox import queue_mail, withdraw_mail
from notifications.booking import mails
from notifications.booking.invitation import invitation
from notifications.booking.mails import MeetingNews
from notifications.booking.store import Meeting
from servicekit.booking_links import BookingLinks


def tell_both_sides(
    connection: Connection, links: BookingLinks, news: MeetingNews, now: datetime
) -> None:
    """Mail both sides, each with the invitation in the state the news leaves it in."""
    method = mails.invitation_method(news.kind)
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
        mails.company_mail(news, link, for_company),
        now,
        owner=news.company_owner(),
    )
    queue_mail(
        connection,
        mails.advisor_mail(news, _desk_url(links), for_advisor),
        now,
        owner=news.advisor_owner(),
    )


def queue_reminders(
    connection: Connection, links: BookingLinks, news: MeetingNews, now: datetime
) -> None:
    if news.meeting.starts_at - mails.REMINDER_AHEAD <= now:
        return  # booked less than a day ahead: the confirmation is the reminder
    reminder = dataclasses.replace(news, kind=mails.REMINDER, previous_starts_at=None)
    link = links.url(news.company.assessment_id, now)
    queue_mail(connection, mails.company_mail(reminder, link), now, owner=news.company_owner())
    queue_mail(
        connection,
        mails.advisor_mail(reminder, _desk_url(links)),
        now,
        owner=news.advisor_owner(),
    )


def withdraw_reminders(connection: Connection, meeting: Meeting) -> None:
    for recipient in (mails.COMPANY, mails.ADVISOR):
        withdraw_mail(connection, mails.mail_key(meeting, mails.REMINDER, recipient))


def _desk_url(links: BookingLinks) -> str:
    return f"{links.base_url}/desk/"
