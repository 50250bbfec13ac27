"""The calendar invitation (iCalendar, RFC 5545 / iTIP RFC 5546) of a meeting.

One UID per meeting for its whole life and SEQUENCE = the meeting's sequence, so a calendar
program updates the one entry on a reschedule and removes it on a cancellation instead of
adding a second one. The times carry TZID=Europe/Berlin (the meeting's zone) with its
VTIMEZONE, so the entry shows the right hour on either side of a daylight-saving switch.

Everything is written by the icalendar library: it escapes TEXT values and RFC 6868-encodes
parameters, so a company name with commas, semicolons, quotes or line breaks stays text and
cannot add properties (an ATTENDEE of its own, say) or components.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from icalendar import Calendar, Event, Timezone, vCalAddress

from notifications.domain.meetings import Advisor, Company, Meeting
from notifications.domain.times import local
from wording.catalogues import Catalogues

REQUEST, CANCEL = "REQUEST", "CANCEL"
PRODID = "-//Wegweiser//Transformationsgespraech//DE"
_WORDS = Catalogues.of_packages("notifications")


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.id}@wegweiser"


def invitation(
    meeting: Meeting,
    company: Company,
    advisor: Advisor,
    *,
    method: str,
    language: str,
    now: datetime,
    manage_url: str | None = None,
) -> bytes:
    """The .ics bytes: METHOD:REQUEST for a booked (or moved) meeting, METHOD:CANCEL with
    STATUS:CANCELLED for a cancelled one. `manage_url` (the company's booking page) goes
    into the description of the company's copy only."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", local(meeting.starts_at, meeting.timezone))
    event.add("dtend", local(meeting.ends_at, meeting.timezone))
    words = _WORDS.translations(language)
    summary = words.gettext("Transformation meeting %(company)s – %(advisor)s")  # noqa: RUF001
    event.add("summary", summary % {"company": company.company_name, "advisor": advisor.name})
    description = words.gettext(
        "Transformation meeting following the Wegweiser transformation check."
    )
    if manage_url is not None:
        description = f"{description}\n\n{manage_url}"
    event.add("description", description)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(advisor.email, advisor.name))
    attendee = _address(company.contact_email, company.contact_name)
    # The company is asked to attend; no reply is needed, the booking is its answer.
    attendee.params.update(role="REQ-PARTICIPANT", partstat="ACCEPTED", rsvp="FALSE")
    event.add("attendee", attendee)
    calendar.add_component(
        _vtimezone(meeting.timezone, local(meeting.starts_at, meeting.timezone).year)
    )
    calendar.add_component(event)
    return calendar.to_ical()


@cache
def _vtimezone(zone: str, year: int) -> Timezone:
    """The zone's rules around the meeting's year: all a calendar needs to place it, and
    small (the full 1970-2038 history is kilobytes and slow to build, so also cached)."""
    return Timezone.from_tzid(zone, first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = name
    return address
