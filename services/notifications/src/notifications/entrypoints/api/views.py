"""The booking API (`/api/v1`): free slots, book, look at, move and cancel the meeting, and
ask for a call back when no date is free.

Every call carries the company's booking token as `Authorization: Bearer <token>` (the
token of its booking link): missing 401, not genuine 403, expired 410, and 404 while this
service does not know the scored assessment yet. A meeting of another company is 404.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, jsonify, request

from notifications.domain.booking_errors import BookingError
from notifications.domain.callback_details import InvalidDetails, read_details
from notifications.domain.meetings import Company, Meeting
from notifications.domain.times import local
from notifications.entrypoints.api.schemas import (
    BookMeetingSchema,
    CallbackRequestBodySchema,
    CallbackRequestSchema,
    MeetingSchema,
    RescheduleSchema,
    SlotSchema,
)
from notifications.entrypoints.dependencies import web_dependencies
from notifications.services.book_meeting import book_meeting
from notifications.services.cancel_meeting import cancel_meeting
from notifications.services.offer_slots import offered_slots
from notifications.services.open_booking_link import LinkRefused, open_booking
from notifications.services.reschedule_meeting import reschedule_meeting
from servicekit.app_clock import current_time
from servicekit.json_api import (
    ApiProblem,
    install_problem_handlers,
    json_body,
    problem_response,
)
from servicekit.request_limits import client_address

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_REFUSED = {
    "invalid": ("Forbidden", "The booking token is not valid."),
    "withdrawn": (
        "Forbidden",
        "This booking link was withdrawn; use the newest link, on your result page.",
    ),
    "expired": ("Gone", "The booking link has expired; use the link of a newer mail."),
    "not_ready": (
        "Not Found",
        "Your assessment is still being prepared for booking; please try again in a minute.",
    ),
}
_TITLES = {404: "Not Found", 409: "Conflict", 422: "Unprocessable Content"}
_slot_schema = SlotSchema(many=True)
_meeting_schema = MeetingSchema()
_callback_schema = CallbackRequestSchema()


api = Blueprint("booking_api", __name__, url_prefix=API_PREFIX)
install_problem_handlers(api)


@api.errorhandler(BookingError)
def booking_refused(error: BookingError) -> Response:
    return problem_response(ApiProblem(error.status, _TITLES[error.status], str(error)))


def _opened() -> Company:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiProblem(
            401, "Unauthorized", "Send the booking token as `Authorization: Bearer <token>`."
        )
    try:
        dependencies = web_dependencies()
        return open_booking(dependencies.store, dependencies.links, token.strip(), current_time())
    except LinkRefused as refused:
        title, detail = _REFUSED[refused.reason]
        raise ApiProblem(refused.status, title, detail) from None


def _shown(meeting: Meeting) -> dict[str, Any]:
    dependencies = web_dependencies()
    token = request.headers["Authorization"].partition(" ")[2].strip()
    return _meeting_schema.dump(
        {
            "id": meeting.id,
            "advisor_id": meeting.advisor_id,
            "advisor_name": dependencies.store.advisor(meeting.advisor_id).name,
            "start": local(meeting.starts_at, meeting.timezone),
            "end": local(meeting.ends_at, meeting.timezone),
            "timezone": meeting.timezone,
            "status": meeting.status,
            "sequence": meeting.sequence,
            "ics_url": f"{dependencies.links.base_url}/book/{token}/meetings/{meeting.id}.ics",
        }
    )


@api.get("/slots")
def slots() -> Response:
    company = _opened()
    offered = offered_slots(web_dependencies().engine, company, current_time())
    return jsonify(
        _slot_schema.dump(
            {
                "advisor_id": slot.advisor_id,
                "start": local(slot.starts_at, slot.timezone),
                "end": local(slot.ends_at, slot.timezone),
            }
            for slot in offered
        )
    )


@api.post("/meetings")
def book() -> tuple[Response, int, dict[str, str]]:
    company = _opened()
    body = BookMeetingSchema().load(json_body())
    booked = book_meeting(
        web_dependencies().meeting_changes,
        company,
        body["advisor_id"],
        _utc(body["start"]),
        current_time(),
        client=client_address(),
        idempotency_key=_idempotency_key(),
    )
    headers = {"Location": f"{API_PREFIX}/meetings/{booked.meeting.id}"}
    return jsonify(_shown(booked.meeting)), 201, headers


@api.get("/meetings/<meeting_id>")
def meeting(meeting_id: str) -> Response:
    company = _opened()
    return jsonify(_shown(web_dependencies().store.meeting(company, _parse_id(meeting_id))))


@api.post("/meetings/<meeting_id>/reschedule")
def reschedule(meeting_id: str) -> Response:
    company = _opened()
    body = RescheduleSchema().load(json_body())
    moved = reschedule_meeting(
        web_dependencies().meeting_changes,
        company,
        _parse_id(meeting_id),
        _utc(body["start"]),
        current_time(),
        client=client_address(),
    )
    return jsonify(_shown(moved))


@api.delete("/meetings/<meeting_id>")
def cancel(meeting_id: str) -> Response:
    company = _opened()
    cancelled = cancel_meeting(
        web_dependencies().meeting_changes,
        company,
        _parse_id(meeting_id),
        current_time(),
        client=client_address(),
    )
    return jsonify(_shown(cancelled))


@api.post("/callback-requests")
def request_callback() -> tuple[Response, int]:
    company = _opened()
    body = CallbackRequestBodySchema().load(json_body())
    try:
        details = read_details(body["phone"], body["preferred_time"])
    except InvalidDetails as invalid:
        raise ApiProblem(
            422, "Unprocessable Content", str(invalid), {invalid.field: [str(invalid)]}
        ) from None
    requested, created = web_dependencies().callbacks.request(
        company, details, current_time(), client_address()
    )
    shown = _callback_schema.dump(
        {
            "id": requested.id,
            "status": "open",
            "phone": requested.phone,
            "preferred_time": requested.preferred_time,
            "requested_at": requested.requested_at,
        }
    )
    return jsonify(shown), 201 if created else 200


def _utc(start: datetime) -> datetime:
    try:
        return start.astimezone(UTC)
    except OverflowError:  # year 1 at +14:00, say: no time anyone can book
        raise ApiProblem(
            422, "Unprocessable Content", "The start is out of range.", {"start": ["Out of range."]}
        ) from None


def _idempotency_key() -> str | None:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= 100 or not key.isascii() or not key.isprintable():
        raise ApiProblem(
            422,
            "Unprocessable Content",
            f"{IDEMPOTENCY_HEADER} must be 1-100 printable ASCII characters.",
        )
    return key


def _parse_id(meeting_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(meeting_id)
    except ValueError:
        raise ApiProblem(404, "Not Found", "No such meeting of this company.") from None
