"""Advisor names and addresses the mail layer would refuse, sent to the desk's advisor form and
to `notifications-admin create`: refused with a clear message, nothing stored, the form shown
again with what was typed. And a name with a line break from before these checks (or from an
event) stays one line in the booking mails."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from notifications_booking_helpers import add_advisor, add_company, mail_rows, token_for
from notifications_desk_helpers import account, log_in
from sqlalchemy import Engine, func, select
from testkit.web import bearer, csrf_token

from notifications.adapters.advisor_store import find_by_email
from notifications.adapters.tables import advisors
from notifications.entrypoints import admin_cli

REFUSED_ADDRESSES = ["x@y.example,victim", "jürgen@müller.example", '"\x07x"@example.com']
ADDRESS_REFUSED = (
    "Bitte eine E-Mail-Adresse, an die wir senden können: eine einzige Adresse wie "
    "name@example.org, nur ASCII-Zeichen (keine Umlaute)."
)
NAME_REFUSED = (
    "Bitte nur eine Zeile sichtbaren Text: ohne Steuerzeichen, Zeilenumbrüche und "
    "unsichtbare Formatierungszeichen (wie U+202E oder U+200B)."
)
HOSTILE_NAMES = [
    "Jonas\u202eueN",
    "Jonas\u200bNeu",
    "Jonas\u2028Neu",
    "Jonas Neu\r\nBcc: victim@example.org",
]


def _create_form(token: str, **fields: str) -> dict[str, object]:
    return {
        "csrf_token": token,
        "name": "Jonas Neu",
        "email": "jonas.neu@cluster.example",
        "password": "ein langes Anfangspasswort",
        "role": "advisor",
        "active": "y",
        "districts": ["hof"],
        "meeting_minutes": "45",
        "buffer_minutes": "10",
    } | fields


def _advisor_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(advisors)).scalar_one()


@pytest.fixture
def admin_client(desk_client: FlaskClient, engine: Engine) -> FlaskClient:
    log_in(desk_client, account(engine, "Ada Admin", role="admin"))
    return desk_client


@pytest.mark.parametrize(
    ("field", "value", "message", "kept"),
    [
        *(
            ("email", address, ADDRESS_REFUSED, 'value="Jonas Neu"')
            for address in REFUSED_ADDRESSES
        ),
        *(
            ("name", name, NAME_REFUSED, 'value="jonas.neu@cluster.example"')
            for name in HOSTILE_NAMES
        ),
        ("name", " ", "Bitte ausfüllen.", 'value="jonas.neu@cluster.example"'),
    ],
)
def test_the_advisor_form_refuses_what_the_mail_layer_refuses_and_keeps_the_rest(
    admin_client: FlaskClient, engine: Engine, field: str, value: str, message: str, kept: str
):
    token = csrf_token(admin_client, "/desk/advisors/new")

    refused = admin_client.post("/desk/advisors/new", data=_create_form(token, **{field: value}))

    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert f'<p class="error" id="{field}-error">{message}</p>' in page
    assert kept in page
    assert 'value="45"' in page
    assert _advisor_count(engine) == 1  # the admin alone


@pytest.mark.parametrize("name", [*HOSTILE_NAMES, " "])
def test_editing_an_advisor_refuses_the_same_names(
    admin_client: FlaskClient, engine: Engine, name: str
):
    advisor = account(engine, "Katrin Weiss")
    with engine.connect() as connection:
        path = f"/desk/advisors/{find_by_email(connection, advisor).id}"
    token = csrf_token(admin_client, path)

    refused = admin_client.post(
        path,
        data={
            "csrf_token": token,
            "name": name,
            "role": "advisor",
            "active": "y",
            "meeting_minutes": "60",
            "buffer_minutes": "15",
        },
    )

    assert refused.status_code == 422
    assert 'id="name-error"' in refused.get_data(as_text=True)
    with engine.connect() as connection:
        assert find_by_email(connection, advisor).name == "Katrin Weiss"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        *(
            (
                ("--email", address, "--name", "Die Chefin"),
                "--email: Please enter an e-mail address we can send to: one address like "
                "name@example.org, in ASCII letters only (no umlauts).",
            )
            for address in REFUSED_ADDRESSES
        ),
        *(
            (
                ("--email", "chefin@cluster.example", "--name", f"Die{hidden}Chefin"),
                f"--name must be one line of visible text (found U+{ord(hidden[0]):04X}, "
                "a control, format or line separator character)",
            )
            for hidden in ("\u202e", "\u200b", "\u2028", "\r\nBcc: victim@example.org")
        ),
        (("--email", "chefin@cluster.example", "--name", " "), "--name must not be blank"),
    ],
)
def test_the_admin_command_refuses_what_the_form_refuses(
    migrated: str,
    engine: Engine,
    capsys: pytest.CaptureFixture[str],
    arguments: tuple[str, ...],
    message: str,
):
    status = admin_cli.main(["create", *arguments, "--password-stdin"])

    assert status == 2
    assert capsys.readouterr().err == f"notifications-admin: {message}\n"
    assert _advisor_count(engine) == 0


def test_a_stored_advisor_name_with_a_line_break_stays_one_line_in_the_booking_mails(
    booking_client: FlaskClient, engine: Engine
):
    """Rows written before the desk checked names: the mail body gets no line of its own."""
    advisor_id = add_advisor(engine, name="Anna Berger\r\nIhr Termin wurde abgesagt.\u202e")
    token = token_for(add_company(engine, advisor_id=advisor_id))
    slot = booking_client.get("/api/v1/slots", headers=bearer(token)).get_json()[0]

    booked = booking_client.post(
        "/api/v1/meetings",
        json={"advisor_id": slot["advisor_id"], "start": slot["start"]},
        headers=bearer(token),
    )

    assert booked.status_code == 201
    bodies = {row.recipient.split("@")[0]: row.text_body for row in mail_rows(engine)}
    assert (
        "Guten Tag Anna Berger Ihr Termin wurde abgesagt.," in bodies["anna-" + advisor_id.hex[:6]]
    )
    assert ": Anna Berger Ihr Termin wurde abgesagt. <" in bodies["erika.muster"]
    for body in bodies.values():
        assert "\r" not in body.replace("\r\n", "\n")
        assert "\u202e" not in body
        assert not any(line.startswith("Ihr Termin wurde abgesagt.") for line in body.splitlines())
