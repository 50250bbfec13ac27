"""What each desk user sees: an advisor the companies assigned to them (by priority), with
another advisor's company not found; an admin everything; admin pages for admins only."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from notifications_booking_helpers import add_meeting, token_for
from notifications_desk_helpers import account, advisor_id_of, company, log_in
from sqlalchemy import Engine, select
from testkit.web import csrf_token

from eventing.tables import outbox
from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from notifications.adapters.advisor_store import find_by_email
from notifications.adapters.company_assessments import find


@pytest.fixture
def team(engine: Engine) -> dict[str, uuid.UUID | str]:
    """Two advisors with two and one companies, one unassigned company, and an admin."""
    katrin = account(engine, "Katrin Weiss")
    bernd = account(engine, "Bernd Hof")
    admin = account(engine, "Ada Admin", role="admin")
    katrin_id, bernd_id = advisor_id_of(engine, katrin), advisor_id_of(engine, bernd)
    return {
        "katrin": katrin,
        "bernd": bernd,
        "admin": admin,
        "katrin_id": katrin_id,
        "low": company(engine, katrin_id, "Niedrig GmbH", priority=10.0),
        "urgent": company(engine, katrin_id, "Dringend AG", priority=51.7),
        "bernds": company(engine, bernd_id, "Bernds KG", priority=30.0),
        "nobodys": company(engine, None, "Ohne Freigabe GmbH", priority=45.0),
    }


def test_an_advisor_sees_their_companies_most_urgent_first(desk_client: FlaskClient, team: dict):
    log_in(desk_client, team["katrin"])

    page = desk_client.get("/desk/").get_data(as_text=True)

    assert page.index("Dringend AG") < page.index("Niedrig GmbH")
    assert "51,7 (dringend)" in page
    assert "Bernds KG" not in page
    assert "Ohne Freigabe GmbH" not in page


def test_another_advisors_company_is_not_found(desk_client: FlaskClient, team: dict):
    log_in(desk_client, team["katrin"])

    assert desk_client.get(f"/desk/companies/{team['urgent']}").status_code == 200
    for other in (team["bernds"], team["nobodys"], uuid.uuid4(), "not-an-id"):
        response = desk_client.get(f"/desk/companies/{other}")
        assert response.status_code == 404
        assert "Bernds KG" not in response.get_data(as_text=True)


def test_an_admin_sees_every_company_and_who_has_it(desk_client: FlaskClient, team: dict):
    log_in(desk_client, team["admin"])

    page = desk_client.get("/desk/").get_data(as_text=True)

    order = [page.index(name) for name in ("Dringend AG", "Ohne Freigabe GmbH", "Bernds KG")]
    assert order == sorted(order)
    assert "nicht zugewiesen" in page
    assert desk_client.get(f"/desk/companies/{team['bernds']}").status_code == 200


def test_admin_pages_and_actions_are_forbidden_to_advisors(
    desk_client: FlaskClient, team: dict, engine: Engine
):
    log_in(desk_client, team["katrin"])
    token = csrf_token(desk_client, "/desk/")

    for path in ("/desk/advisors", "/desk/advisors/new", f"/desk/advisors/{team['katrin_id']}"):
        assert desk_client.get(path).status_code == 403
    created = desk_client.post(
        "/desk/advisors/new",
        data={"csrf_token": token, "name": "Mallory", "email": "m@x.example", "password": "x" * 20},
    )
    assert created.status_code == 403
    taken = desk_client.post(
        f"/desk/companies/{team['bernds']}/advisor",
        data={"csrf_token": token, "advisor_id": str(team["katrin_id"])},
    )
    assert taken.status_code == 403
    with engine.connect() as connection:
        assert find_by_email(connection, "m@x.example") is None
        assert find(connection, team["bernds"])["advisor_id"] != team["katrin_id"]


def test_an_advisor_cannot_open_another_advisors_availability(
    desk_client: FlaskClient, team: dict, engine: Engine
):
    log_in(desk_client, team["katrin"])
    bernd_id = advisor_id_of(engine, team["bernd"])

    assert desk_client.get(f"/desk/advisors/{bernd_id}/availability").status_code == 404
    assert desk_client.get("/desk/availability").status_code == 200


def test_an_advisor_sees_their_own_upcoming_meetings_only(
    desk_client: FlaskClient, team: dict, engine: Engine
):
    soon = datetime.now(UTC) + timedelta(days=2)
    katrin_id, bernd_id = team["katrin_id"], advisor_id_of(engine, team["bernd"])
    with engine.begin() as connection:
        for assessment_id, advisor_id, start in (
            (team["urgent"], katrin_id, soon),
            (team["bernds"], bernd_id, soon),
            (team["low"], katrin_id, soon - timedelta(days=5)),  # over
        ):
            add_meeting(connection, assessment_id, advisor_id, start, written_at=start)
    log_in(desk_client, team["katrin"])

    page = desk_client.get("/desk/meetings").get_data(as_text=True)

    assert "Dringend AG" in page
    assert "Bernds KG" not in page
    assert "Niedrig GmbH" not in page
    listing = desk_client.get("/desk/").get_data(as_text=True)
    assert "gebucht: " in listing


def test_the_delivery_log_shows_an_advisor_the_mails_about_their_companies(
    desk_client: FlaskClient, team: dict, engine: Engine
):
    with engine.begin() as connection:
        own = find(connection, team["urgent"])
        other = find(connection, team["bernds"])
        own_company = MailOwner.company(own["company_id"], own["assessment_id"])
        to_katrin = MailOwner.advisor(team["katrin_id"], own["company_id"], own["assessment_id"])
        other_company = MailOwner.company(other["company_id"], other["assessment_id"])
        now = datetime.now(UTC)
        for key, to, subject, owner in (
            ("a", own["contact_email"], "An die Firma von Katrin", own_company),
            ("b", team["katrin"], "An Katrin selbst", to_katrin),
            ("c", other["contact_email"], "An die Firma von Bernd", other_company),
        ):
            queue_mail(connection, Mail(key, to, subject, "text"), now, owner=owner)

    log_in(desk_client, team["katrin"])
    page = desk_client.get("/desk/mails").get_data(as_text=True)
    assert "An die Firma von Katrin" in page
    assert "An Katrin selbst" in page
    assert "An die Firma von Bernd" not in page
    assert "wartet" in page

    desk_client.post("/desk/logout", data={"csrf_token": csrf_token(desk_client, "/desk/")})
    log_in(desk_client, team["admin"])
    assert "An die Firma von Bernd" in desk_client.get("/desk/mails").get_data(as_text=True)


def test_an_admin_hands_a_company_to_another_advisor_and_can_have_its_data_erased(
    desk_client: FlaskClient, team: dict, engine: Engine
):
    log_in(desk_client, team["admin"])
    company_page = desk_client.get(f"/desk/companies/{team['bernds']}").get_data(as_text=True)
    assert f'href="/desk/companies/{team["bernds"]}/privacy"' in company_page
    token = csrf_token(desk_client, f"/desk/companies/{team['bernds']}")

    moved = desk_client.post(
        f"/desk/companies/{team['bernds']}/advisor",
        data={"csrf_token": token, "advisor_id": str(team["katrin_id"])},
    )
    erased = desk_client.post(
        f"/desk/companies/{team['bernds']}/privacy/erasure", data={"csrf_token": token}
    )

    assert moved.status_code == 302
    assert erased.status_code == 302
    with engine.connect() as connection:
        assert find(connection, team["bernds"])["advisor_id"] == team["katrin_id"]
        events = connection.execute(select(outbox.c.event_type, outbox.c.payload)).all()
    assigned = [json.loads(p)["data"] for t, p in events if t == "advisor.assigned"]
    assert [(a["advisor_id"], a["reason"]) for a in assigned] == [
        (str(team["katrin_id"]), "manual")
    ]
    assert [t for t, _ in events].count("erasure.requested") == 1


def test_an_admins_revocation_cuts_off_at_the_apps_time(
    desk_client: FlaskClient,
    booking_client: FlaskClient,
    team: dict,
    engine: Engine,
    pin_clock: Callable[[datetime], None],
):
    revoked_at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    pin_clock(revoked_at)
    log_in(desk_client, team["admin"])
    privacy = f"/desk/companies/{team['urgent']}/privacy"
    token = csrf_token(desk_client, privacy)

    assert desk_client.post(f"{privacy}/links", data={"csrf_token": token}).status_code == 302

    with engine.connect() as connection:
        [payload] = connection.execute(select(outbox.c.payload)).scalars()
    # The other services cut off where this one did.
    assert json.loads(payload)["data"]["links_valid_from"] == revoked_at.isoformat()
    earlier = token_for(team["urgent"], issued_at=revoked_at - timedelta(seconds=1))
    later = token_for(team["urgent"], issued_at=revoked_at + timedelta(seconds=1))
    assert booking_client.get(f"/book/{earlier}").status_code == 403
    assert booking_client.get(f"/book/{later}").status_code == 200


def test_an_admin_revokes_a_companys_links_and_older_booking_links_stop(
    desk_client: FlaskClient, booking_client: FlaskClient, team: dict, engine: Engine
):
    with engine.connect() as connection:
        company_id = find(connection, team["urgent"])["company_id"]
    leaked = token_for(team["urgent"], issued_at=datetime.now(UTC) - timedelta(minutes=5))
    assert booking_client.get(f"/book/{leaked}").status_code == 200
    revoke = f"/desk/companies/{team['urgent']}/privacy/links"

    # Only an admin: the company's own advisor is refused, as on every admin action.
    log_in(desk_client, team["katrin"])
    token = csrf_token(desk_client, "/desk/")
    assert desk_client.post(revoke, data={"csrf_token": token}).status_code == 403
    desk_client.post("/desk/logout", data={"csrf_token": token})
    log_in(desk_client, team["admin"])
    assert desk_client.post(revoke).status_code == 400  # no CSRF token
    with engine.connect() as connection:
        assert connection.execute(select(outbox)).all() == []
    assert booking_client.get(f"/book/{leaked}").status_code == 200

    token = csrf_token(desk_client, f"/desk/companies/{team['urgent']}/privacy")
    revoked = desk_client.post(revoke, data={"csrf_token": token})

    assert revoked.status_code == 302
    assert "Links zurückgezogen" in desk_client.get(revoked.location).get_data(as_text=True)
    with engine.connect() as connection:
        [event] = connection.execute(select(outbox.c.event_type, outbox.c.payload)).all()
    data = json.loads(event.payload)["data"]
    assert event.event_type == "company.links_revoked"
    assert (data["company_id"], data["assessment_ids"]) == (str(company_id), [str(team["urgent"])])
    assert data["revoked_by"] == "admin"
    # At once here, before any consumer: the leaked link is refused, a new one works.
    refused = booking_client.get(f"/book/{leaked}")
    assert refused.status_code == 403
    assert "zurückgezogen" in refused.get_data(as_text=True)
    api = booking_client.get("/api/v1/slots", headers={"Authorization": f"Bearer {leaked}"})
    assert api.status_code == 403
    assert "withdrawn" in api.json["detail"]
    assert booking_client.get(f"/book/{token_for(team['urgent'])}").status_code == 200
    # Another company's links are untouched.
    assert booking_client.get(f"/book/{token_for(team['bernds'])}").status_code == 200
