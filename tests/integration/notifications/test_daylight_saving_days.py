"""Meetings on the two days of 2027 when Germany's clocks change, with the app's clock pinned
a few days before: the booking page, the confirmation, the .ics download, the mails, the
reminder and the advisor desk all show the wall-clock time the company chose, with the zone
in force on that day. Every expected time is written out by hand here (UTC offsets: +1 in
winter, +2 in summer; the switch is at 01:00 UTC both times)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar
from notifications_booking_helpers import add_advisor, add_company, meeting_rows, token_for
from notifications_desk_helpers import account, log_in
from sqlalchemy import Engine
from testkit.web import csrf_token_in


@dataclass(frozen=True)
class SwitchDay:
    now: datetime  # the app's clock while the company books
    # The advisor's 09:00, 10:00 and 11:00 slots on the day before and on the switch day,
    # as (UTC instant as in the slot's id, label on the page).
    day_before: list[tuple[str, str]]
    switch_day: list[tuple[str, str]]
    starts: datetime  # the 10:00 slot of the switch day, the one booked
    ics_start: str  # DTSTART as the invitation writes it, in the meeting's zone
    when: str  # the meeting as the confirmation and the mails name it
    desk: str  # the meeting's start as the advisor desk lists it
    reminder_due: datetime  # 24 hours before the start, whatever the clocks did in between


SPRING = SwitchDay(
    now=datetime(2027, 3, 25, 12, 0, tzinfo=UTC),
    # Saturday 27 March still in winter time (UTC+1): 09:00 MEZ is 08:00 UTC.
    day_before=[
        ("20270327T0800", "09:00–10:00"),  # noqa: RUF001 - an en dash
        ("20270327T0900", "10:00–11:00"),  # noqa: RUF001
        ("20270327T1000", "11:00–12:00"),  # noqa: RUF001
    ],
    # Sunday 28 March, summer time from 02:00 (UTC+2): 09:00 MESZ is 07:00 UTC.
    switch_day=[
        ("20270328T0700", "09:00–10:00"),  # noqa: RUF001
        ("20270328T0800", "10:00–11:00"),  # noqa: RUF001
        ("20270328T0900", "11:00–12:00"),  # noqa: RUF001
    ],
    starts=datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
    ics_start="DTSTART;TZID=Europe/Berlin:20270328T100000",
    when="Sonntag, 28. März 2027, 10:00–11:00 Uhr (MESZ, Zeitzone Europe/Berlin)",  # noqa: RUF001
    desk="28.03.2027, 10:00 Uhr (MESZ)",
    # 08:00 UTC on Saturday is 09:00 MEZ: the day before, one hour earlier on the wall.
    reminder_due=datetime(2027, 3, 27, 8, 0, tzinfo=UTC),
)
AUTUMN = SwitchDay(
    now=datetime(2027, 10, 28, 12, 0, tzinfo=UTC),
    # Saturday 30 October still in summer time (UTC+2): 09:00 MESZ is 07:00 UTC.
    day_before=[
        ("20271030T0700", "09:00–10:00"),  # noqa: RUF001
        ("20271030T0800", "10:00–11:00"),  # noqa: RUF001
        ("20271030T0900", "11:00–12:00"),  # noqa: RUF001
    ],
    # Sunday 31 October, winter time from 03:00 (UTC+1): 09:00 MEZ is 08:00 UTC.
    switch_day=[
        ("20271031T0800", "09:00–10:00"),  # noqa: RUF001
        ("20271031T0900", "10:00–11:00"),  # noqa: RUF001
        ("20271031T1000", "11:00–12:00"),  # noqa: RUF001
    ],
    starts=datetime(2027, 10, 31, 9, 0, tzinfo=UTC),
    ics_start="DTSTART;TZID=Europe/Berlin:20271031T100000",
    when="Sonntag, 31. Oktober 2027, 10:00–11:00 Uhr (MEZ, Zeitzone Europe/Berlin)",  # noqa: RUF001
    desk="31.10.2027, 10:00 Uhr (MEZ)",
    # 09:00 UTC on Saturday is 11:00 MESZ: the day before, one hour later on the wall.
    reminder_due=datetime(2027, 10, 30, 9, 0, tzinfo=UTC),
)
_SLOT = re.compile(r'<label for="slot-(\d{8}T\d{4})-[0-9a-f]{8}">([^<]+)</label>')


@pytest.fixture(params=[SPRING, AUTUMN], ids=["spring", "autumn"])
def day(request: pytest.FixtureRequest) -> SwitchDay:
    return request.param


@pytest.fixture
def token(day: SwitchDay, engine: Engine, pin_clock: Callable[[datetime], None]) -> str:
    """A German company's booking link, its advisor free 09:00-12:00 every day, the app's
    clock at `day.now`."""
    pin_clock(day.now)
    advisor_id = add_advisor(engine, meeting_minutes=60, hours=(time(9), time(12)))
    return token_for(add_company(engine, advisor_id=advisor_id), now=day.now)


def _book(client: FlaskClient, token: str, starts: datetime) -> str:
    """Book the slot at `starts` by form; returns the confirmation page."""
    page = client.get(f"/book/{token}").get_data(as_text=True)
    [value] = re.findall(rf'value="([^"|]+\|{re.escape(starts.isoformat())})"', page)
    response = client.post(
        f"/book/{token}", data={"slot": value, "csrf_token": csrf_token_in(page)}
    )
    assert response.status_code == 303
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_booking_page_offers_the_same_wall_clock_hours_before_and_on_the_switch_day(
    booking_client: FlaskClient, token: str, day: SwitchDay
):
    page = booking_client.get(f"/book/{token}").get_data(as_text=True)

    slots = _SLOT.findall(page)
    assert [slot for slot in slots if slot[0][:8] == day.day_before[0][0][:8]] == day.day_before
    assert [slot for slot in slots if slot[0][:8] == day.switch_day[0][0][:8]] == day.switch_day


def test_confirmation_and_invitation_name_the_booked_wall_clock_time_and_zone(
    booking_client: FlaskClient, token: str, day: SwitchDay, engine: Engine
):
    confirmation = _book(booking_client, token, day.starts)

    assert day.when in confirmation
    [meeting] = meeting_rows(engine)
    assert meeting.starts_at.astimezone(UTC) == day.starts
    ics = booking_client.get(f"/book/{token}/meetings/{meeting.id}.ics").get_data(as_text=True)
    assert day.ics_start in ics.splitlines()
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("dtstart").astimezone(UTC) == day.starts
    assert event.decoded("dtend").astimezone(UTC) == day.starts + timedelta(hours=1)
    assert f"DTSTAMP:{day.now:%Y%m%dT%H%M%S}Z" in ics.splitlines()


def test_mails_and_the_reminder_name_the_booked_time_and_the_reminder_comes_24_hours_ahead(
    booking_client: FlaskClient,
    token: str,
    day: SwitchDay,
    send_due: Callable[..., list[EmailMessage]],
):
    _book(booking_client, token, day.starts)

    confirmations = send_due(day.now)
    assert len(confirmations) == 2  # the company's and the advisor's
    for message in confirmations:
        assert day.when in message.get_body(preferencelist=("plain",)).get_content()
        [invitation] = [p for p in message.iter_attachments() if p.get_filename() == "invite.ics"]
        assert day.ics_start in invitation.get_content().splitlines()
    assert send_due(day.reminder_due - timedelta(seconds=1)) == []
    reminders = send_due(day.reminder_due)
    assert len(reminders) == 2
    for message in reminders:
        assert message["Subject"].startswith("Erinnerung")
        assert day.when in message.get_body(preferencelist=("plain",)).get_content()


def test_the_desk_lists_the_meeting_at_its_wall_clock_time_until_it_has_ended(
    booking_client: FlaskClient,
    token: str,
    day: SwitchDay,
    engine: Engine,
    pin_clock: Callable[[datetime], None],
):
    _book(booking_client, token, day.starts)
    desk = booking_client.application.test_client()
    log_in(desk, account(engine, "Bea Admin", role="admin"))

    assert day.desk in desk.get("/desk/meetings").get_data(as_text=True)
    pin_clock(day.starts + timedelta(minutes=59))
    assert day.desk in desk.get("/desk/meetings").get_data(as_text=True)
    pin_clock(day.starts + timedelta(hours=1))
    assert day.desk not in desk.get("/desk/meetings").get_data(as_text=True)
