"""Admins manage advisors and routing in the desk; the first admin comes from the
`notifications-admin` command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from flask.testing import FlaskClient
from notifications_desk_helpers import PASSWORD, account, advisor_id_of, company, log_in
from sqlalchemy import Engine, select
from testkit.web import csrf_token

from eventing.codec import decode
from eventing.tables import outbox
from notifications.adapters.advisor_store import find_by_email
from notifications.adapters.company_assessments import find

INITIAL = "ein langes Anfangspasswort"
SHORT = "kurz"


def _form(token: str, **fields: object) -> dict[str, object]:
    return {"csrf_token": token, "meeting_minutes": "60", "buffer_minutes": "15"} | fields


def test_an_admin_creates_an_advisor_who_can_then_log_in(
    desk_client: FlaskClient, booking_app, engine: Engine
):
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    token = csrf_token(desk_client, "/desk/advisors/new")

    created = desk_client.post(
        "/desk/advisors/new",
        data=_form(
            token,
            name="Jonas Neu",
            email="Jonas.Neu@Cluster.example",
            password=INITIAL,
            role="advisor",
            active="y",
            districts=["hof", "kulmbach"],
            topics=["energy"],
            meeting_minutes="45",
            buffer_minutes="10",
        ),
    )

    assert created.status_code == 302
    with engine.connect() as connection:
        row = find_by_email(connection, "jonas.neu@cluster.example")
    assert (row.name, row.role, row.active) == ("Jonas Neu", "advisor", True)
    assert (row.districts, row.topics) == (["hof", "kulmbach"], ["energy"])
    assert (row.meeting_minutes, row.buffer_minutes) == (45, 10)
    listed = desk_client.get("/desk/advisors").get_data(as_text=True)
    assert "Jonas Neu" in listed
    # The column of the edit links is named for screen readers, not left empty.
    assert '<th><span class="visually-hidden">Aktionen</span></th>' in listed
    newcomer = booking_app.test_client()
    logged_in = log_in(newcomer, "jonas.neu@cluster.example", INITIAL)
    assert logged_in.status_code == 302


def test_creating_refuses_a_known_address_and_bad_values_next_to_their_fields(
    desk_client: FlaskClient, engine: Engine
):
    existing = account(engine, "Katrin Weiss")
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    token = csrf_token(desk_client, "/desk/advisors/new")

    refused = desk_client.post(
        "/desk/advisors/new",
        data=_form(
            token,
            name="Katrin Zwei",
            email=existing,
            password=SHORT,
            role="advisor",
            meeting_minutes="500",
            districts=["atlantis"],
        ),
    )

    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Mindestens 12 Zeichen." in page
    assert "Zwischen 15 und 240 Minuten." in page
    assert "Unbekannte Auswahl: atlantis" in page
    with engine.connect() as connection:
        assert find_by_email(connection, existing).name == "Katrin Weiss"

    duplicate = desk_client.post(
        "/desk/advisors/new",
        data=_form(token, name="Katrin Zwei", email=existing, password=PASSWORD, role="advisor"),
    )
    assert duplicate.status_code == 422
    assert "Diese Adresse hat schon ein Konto." in duplicate.get_data(as_text=True)


def test_an_admin_edits_the_routing_of_an_advisor(desk_client: FlaskClient, engine: Engine):
    advisor = account(engine, "Katrin Weiss", districts=("hof",))
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    path = f"/desk/advisors/{advisor_id_of(engine, advisor)}"
    token = csrf_token(desk_client, path)
    form = desk_client.get(path).get_data(as_text=True)
    assert re.search(r'<input checked id="districts-\d+" name="districts" [^>]*value="hof">', form)

    saved = desk_client.post(
        path,
        data=_form(
            token, name="Katrin Weiß", role="advisor", districts=["coburg"], topics=["finance"]
        ),
    )

    assert saved.status_code == 302
    with engine.connect() as connection:
        row = find_by_email(connection, advisor)
    assert (row.name, row.districts, row.topics, row.active) == (
        "Katrin Weiß",
        ["coburg"],
        ["finance"],
        False,  # the box was not ticked
    )


def test_an_admin_cannot_lock_themselves_out(desk_client: FlaskClient, engine: Engine):
    admin = account(engine, "Ada Admin", role="admin")
    log_in(desk_client, admin)
    path = f"/desk/advisors/{advisor_id_of(engine, admin)}"
    token = csrf_token(desk_client, path)

    refused = desk_client.post(path, data=_form(token, name="Ada", role="advisor", active="y"))

    assert refused.status_code == 422
    assert "sonst sperren Sie sich aus" in refused.get_data(as_text=True)
    with engine.connect() as connection:
        assert find_by_email(connection, admin).role == "admin"


def test_an_admin_hands_a_company_to_another_advisor(desk_client: FlaskClient, engine: Engine):
    first = advisor_id_of(engine, account(engine, "Katrin Weiss"))
    second = advisor_id_of(engine, account(engine, "Bernd Hof"))
    assessment_id = company(engine, first, "Umzug GmbH", priority=20.0)
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    path = f"/desk/companies/{assessment_id}"
    token = csrf_token(desk_client, path)

    moved = desk_client.post(f"{path}/advisor", data={"csrf_token": token, "advisor_id": second})

    assert moved.status_code == 302
    with engine.connect() as connection:
        assert find(connection, assessment_id)["advisor_id"] == second
        [payload] = connection.execute(select(outbox.c.payload)).scalars()
    event = decode(payload.encode())
    assert event.event_type == "advisor.assigned"
    assert (event.data["advisor_id"], event.data["reason"]) == (second, "manual")


def _admin_command(migrated: str, *arguments: str, password: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("notifications-admin")), "create", *arguments],
        input=password + "\n",
        capture_output=True,
        text=True,
        env=os.environ | {"NOTIFICATIONS_DATABASE_URL": migrated, "SECRET_KEY": "test-secret"},
        timeout=60,
        check=False,
    )


def test_the_first_admin_comes_from_the_command_line_once(
    migrated: str, engine: Engine, desk_client: FlaskClient
):
    arguments = ("--email", "chefin@cluster.example", "--name", "Die Chefin", "--password-stdin")

    first = _admin_command(migrated, *arguments, password=PASSWORD)
    again = _admin_command(migrated, *arguments, password=INITIAL)

    assert first.returncode == 0, first.stderr
    assert "Admin chefin@cluster.example created" in first.stdout
    assert again.returncode == 0, again.stderr
    assert "exists already; nothing changed" in again.stdout
    assert PASSWORD not in first.stdout + first.stderr
    with engine.connect() as connection:
        row = find_by_email(connection, "chefin@cluster.example")
    assert (row.role, row.districts, row.topics) == ("admin", [], [])
    assert log_in(desk_client, "chefin@cluster.example").status_code == 302
    assert desk_client.get("/desk/advisors").status_code == 200


def test_the_command_refuses_a_short_password(migrated: str, engine: Engine):
    refused = _admin_command(
        migrated, "--email", "a@cluster.example", "--name", "A", "--password-stdin", password=SHORT
    )

    assert refused.returncode == 2
    assert "password must be 12-200 characters" in refused.stderr
    with engine.connect() as connection:
        assert find_by_email(connection, "a@cluster.example") is None
