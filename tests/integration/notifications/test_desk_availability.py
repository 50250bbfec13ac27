"""Editing availability in the desk: the usual week and single days, validated with the
message next to the field, stored for the slot generation to read."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask.testing import FlaskClient
from notifications_desk_helpers import account, advisor_id_of, log_in
from sqlalchemy import Engine
from testkit.web import csrf_token

from notifications.adapters import availability_store
from wording.cluster_time import CLUSTER_ZONE


def _today() -> date:
    return datetime.now(CLUSTER_ZONE).date()


def _week(engine: Engine, email: str) -> dict:
    with engine.connect() as connection:
        return availability_store.weekly_hours(connection, advisor_id_of(engine, email))


def test_the_usual_week_round_trips(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")
    log_in(desk_client, email)
    token = csrf_token(desk_client, "/desk/availability")

    saved = desk_client.post(
        "/desk/availability",
        data={
            "week-csrf_token": token,
            "week-day_0": "13:00-16:30, 09:00-12:00",
            "week-day_2": "8:30 - 12:00",
            "week-day_4": "",
        },
    )

    assert saved.status_code == 302
    week = _week(engine, email)
    assert week[0] == [(time(9), time(12)), (time(13), time(16, 30))]
    assert week[2] == [(time(8, 30), time(12))]
    assert week[4] == []
    page = desk_client.get("/desk/availability").get_data(as_text=True)
    assert 'value="09:00-12:00, 13:00-16:30"' in page
    assert "Wochenzeiten gespeichert." in page


def test_wrong_hours_are_refused_with_the_message_next_to_the_field(
    desk_client: FlaskClient, engine: Engine
):
    email = account(engine, "Katrin Weiss")
    log_in(desk_client, email)
    token = csrf_token(desk_client, "/desk/availability")
    desk_client.post(
        "/desk/availability", data={"week-csrf_token": token, "week-day_1": "9:00-17:00"}
    )

    refused = desk_client.post(
        "/desk/availability",
        data={
            "week-csrf_token": token,
            "week-day_0": "09:00-12:00, 11:00-14:00",
            "week-day_1": "17:00-09:00",
            "week-day_3": "morgens",
            "week-day_4": "25:00-26:00",
        },
    )

    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'id="week-day_0-error">Die Zeiträume überschneiden sich.' in page
    assert "liegt das Ende nicht nach dem Beginn" in page
    assert "ist kein Zeitraum wie 09:00-12:00" in page
    assert "enthält keine gültige Uhrzeit" in page
    assert 'value="morgens"' in page  # what was typed stays
    assert _week(engine, email)[1] == [(time(9), time(17))]  # nothing was stored
    # A screen reader reads the hint and the error with the field; a day without an error
    # points to its hint alone.
    assert 'aria-describedby="week-day_0-hint week-day_0-error"' in page
    assert 'aria-describedby="week-day_2-hint"' in page
    assert page.count('aria-invalid="true"') == 4


def test_a_day_off_and_a_day_with_other_hours(desk_client: FlaskClient, engine: Engine):
    email = account(engine, "Katrin Weiss")
    log_in(desk_client, email)
    token = csrf_token(desk_client, "/desk/availability")
    holiday, short_day = _today() + timedelta(days=10), _today() + timedelta(days=11)

    for day, hours, note in ((holiday, "", "Urlaub"), (short_day, "10:00-12:00", "Messe")):
        added = desk_client.post(
            "/desk/availability/days",
            data={
                "day-csrf_token": token,
                "day-day": day.isoformat(),
                "day-hours": hours,
                "day-note": note,
            },
        )
        assert added.status_code == 302

    with engine.connect() as connection:
        rows = availability_store.overrides_from(connection, advisor_id_of(engine, email), _today())
    assert [(r.day, r.starts, r.ends, r.note) for r in rows] == [
        (holiday, None, None, "Urlaub"),
        (short_day, time(10), time(12), "Messe"),
    ]
    page = desk_client.get("/desk/availability").get_data(as_text=True)
    assert "ganztägig abwesend" in page

    removed = desk_client.post(
        f"/desk/availability/days/{holiday.isoformat()}/delete", data={"csrf_token": token}
    )
    assert removed.status_code == 302
    with engine.connect() as connection:
        left = availability_store.overrides_from(connection, advisor_id_of(engine, email), _today())
    assert [row.day for row in left] == [short_day]


def test_a_day_in_the_past_or_without_a_date_is_refused(desk_client: FlaskClient, engine: Engine):
    log_in(desk_client, account(engine, "Katrin Weiss"))
    token = csrf_token(desk_client, "/desk/availability")

    past = desk_client.post(
        "/desk/availability/days",
        data={"day-csrf_token": token, "day-day": "2020-01-01", "day-hours": ""},
    )
    missing = desk_client.post(
        "/desk/availability/days", data={"day-csrf_token": token, "day-hours": "09:00-10:00"}
    )

    assert past.status_code == 422
    assert "Das Datum liegt in der Vergangenheit." in past.get_data(as_text=True)
    assert missing.status_code == 422
    assert "Bitte ein Datum angeben." in missing.get_data(as_text=True)


def test_an_admin_edits_an_advisors_week(desk_client: FlaskClient, engine: Engine):
    advisor = account(engine, "Katrin Weiss")
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    path = f"/desk/advisors/{advisor_id_of(engine, advisor)}/availability"
    token = csrf_token(desk_client, path)

    saved = desk_client.post(path, data={"week-csrf_token": token, "week-day_3": "09:00-11:00"})

    assert saved.status_code == 302
    assert saved.location == path
    assert _week(engine, advisor)[3] == [(time(9), time(11))]
