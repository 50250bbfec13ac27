"""The company's booking pages under its booking link (`/book/<token>`), usable without
JavaScript and without a login: choose a slot and book, see the meeting, download its
invitation, move or cancel it.

Where no date is free, the booking page offers to ask for a call back instead.

GET never changes anything (mail scanners open links); booking, moving, cancelling and
asking for a call back are POSTs with a CSRF token, each answered by a redirect
(post/redirect/get). The token is the
whole authorisation, so pages under it are never cached and send no Referer.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from notifications.adapters.meeting_mails import current_invitation
from notifications.domain.booking_errors import (
    AlreadyBooked,
    BookingError,
    DatesOffered,
    MeetingChanged,
    MeetingNotFound,
    NotOffered,
    SlotTaken,
)
from notifications.domain.callback_details import InvalidDetails, read_details
from notifications.domain.meetings import Company, Meeting
from notifications.domain.times import hours, local, meeting_when
from notifications.entrypoints.dependencies import web_dependencies
from notifications.services.book_meeting import book_meeting
from notifications.services.cancel_meeting import cancel_meeting
from notifications.services.offer_slots import OfferedSlot, offered_slots
from notifications.services.open_booking_link import LinkRefused, open_booking
from notifications.services.reschedule_meeting import reschedule_meeting
from servicekit.app_clock import current_time
from servicekit.languages import use_language
from servicekit.look import LINK_EXPIRED, LINK_NOT_VALID, LINK_WITHDRAWN, error_page
from servicekit.request_limits import LimitReached, client_address
from wording.cluster_time import CLUSTER_ZONE_NAME
from wording.formatting import weekday_date

_CHOOSE_AGAIN = lazy_gettext("Please choose one of the offered dates.")
_MEETING_CHANGED = lazy_gettext("The meeting was changed meanwhile. Please reload the page.")
_REASONS = {
    SlotTaken: lazy_gettext(
        "This date has just been booked by someone else. Please choose another."
    ),
    AlreadyBooked: lazy_gettext(
        "You have already booked a meeting. You can reschedule or cancel it."
    ),
    NotOffered: lazy_gettext("This time cannot be booked (any more). Please choose another."),
    MeetingChanged: _MEETING_CHANGED,
    DatesOffered: lazy_gettext("Dates are free again meanwhile. Please choose one of them."),
}
_DID_NOT_WORK = lazy_gettext("That did not work")
# Why a page under the link cannot be shown: the heading and the sentence below it. A refused
# link is headed as the other services head theirs (servicekit.look), so an expired booking
# link reads as an expired download link does.
_REFUSALS = {
    "invalid": (
        LINK_NOT_VALID,
        lazy_gettext("This booking link is not valid. Please use the link from your email."),
    ),
    "expired": (
        LINK_EXPIRED,
        lazy_gettext(
            "This booking link has expired. Please use the link from your latest email or from "
            "your result page."
        ),
    ),
    "withdrawn": (
        LINK_WITHDRAWN,
        lazy_gettext(
            "This link was withdrawn and no longer works. Please use the newest link, on your "
            "result page."
        ),
    ),
    "not_ready": (
        _DID_NOT_WORK,
        lazy_gettext("Your assessment is still being prepared. Please try again in a minute."),
    ),
    "not_found": (_DID_NOT_WORK, lazy_gettext("This page does not exist.")),
    "csrf": (
        _DID_NOT_WORK,
        lazy_gettext("The page was open for too long. Please reload it and try again."),
    ),
    "limited": (
        _DID_NOT_WORK,
        lazy_gettext(
            "There were too many requests from your network or for your company in a short "
            "time. Please try again later."
        ),
    ),
}
_CHOICE_SEPARATOR = "|"


pages = Blueprint("booking", __name__)


@pages.after_request
def no_store(response: Response) -> Response:
    # The token in the address is the authorisation: no copy in any cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@pages.errorhandler(LinkRefused)
def link_refused(refused: LinkRefused) -> tuple[str, int]:
    return _error(refused.reason, refused.status)


@pages.errorhandler(MeetingNotFound)
@pages.errorhandler(NotFound)
def not_found(_exception: Exception) -> tuple[str, int]:
    return _error("not_found", 404)


@pages.errorhandler(CSRFError)
def csrf_refused(_exception: CSRFError) -> tuple[str, int]:
    # The CSRF check runs before the view opens the link: open it here for the company's
    # language; behind a refused link, the language asked for, as on its own error page.
    with suppress(LinkRefused):
        _opened((request.view_args or {})["token"])
    return _error("csrf", 400)


@pages.errorhandler(LimitReached)
def limited(limit: LimitReached) -> tuple[str, int, dict[str, str]]:
    # Only the company's own link gets this far: its page speaks the company's language.
    _opened((request.view_args or {})["token"])
    page, status = _error("limited", 429)
    return page, status, {"Retry-After": str(limit.retry_after)}


def _opened(token: str) -> Company:
    """The company of the link; its pages speak the language it took the check in."""
    dependencies = web_dependencies()
    company = open_booking(dependencies.store, dependencies.links, token, current_time())
    use_language(company.language)
    return company


@pages.route("/book/<token>", methods=["GET", "POST"])
def book(token: str) -> Any:
    company = _opened(token)
    now = current_time()
    store = web_dependencies().store
    if request.method == "GET":
        meeting = store.active_meeting(company)
        if meeting is not None:
            return _render_meeting(company, meeting, token)
        return _render_book(company, token, now)
    choice = _read_choice(request.form.get("slot", ""))
    if choice is None:
        return _render_book(company, token, now, str(_CHOOSE_AGAIN)), 422
    try:
        booked = book_meeting(
            web_dependencies().meeting_changes,
            company,
            choice[0],
            choice[1],
            now,
            client=client_address(),
        )
    except BookingError as refused:
        # AlreadyBooked is mostly a second click on the button: show the booked meeting.
        meeting = store.active_meeting(company) if isinstance(refused, AlreadyBooked) else None
        if meeting is not None:
            return _see_other(url_for(".meeting", token=token, meeting_id=meeting.id))
        return _render_book(company, token, now, _reason(refused)), refused.status
    return _see_other(url_for(".meeting", token=token, meeting_id=booked.meeting.id))


@pages.post("/book/<token>/callback")
def callback(token: str) -> Any:
    company = _opened(token)
    now = current_time()
    typed = {field: request.form.get(field, "") for field in ("phone", "preferred_time")}
    try:
        web_dependencies().callbacks.request(company, read_details(**typed), now, client_address())
    except InvalidDetails as invalid:
        page = _render_book(company, token, now, callback_error=invalid, callback_form=typed)
        return page, 422
    except AlreadyBooked:
        pass  # booked in another tab meanwhile: the booking page shows the meeting
    except BookingError as refused:
        return _render_book(company, token, now, _reason(refused)), refused.status
    return _see_other(url_for(".book", token=token))


@pages.get("/book/<token>/meetings/<uuid:meeting_id>")
def meeting(token: str, meeting_id: uuid.UUID) -> str:
    company = _opened(token)
    return _render_meeting(company, web_dependencies().store.meeting(company, meeting_id), token)


@pages.get("/book/<token>/meetings/<uuid:meeting_id>.ics")
def invitation(token: str, meeting_id: uuid.UUID) -> Response:
    company = _opened(token)
    dependencies = web_dependencies()
    meeting = dependencies.store.meeting(company, meeting_id)
    advisor = dependencies.store.advisor(meeting.advisor_id)
    body = current_invitation(dependencies.links, meeting, company, advisor, current_time())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="invite.ics"'},
    )


@pages.route("/book/<token>/meetings/<uuid:meeting_id>/cancel", methods=["GET", "POST"])
def cancel(token: str, meeting_id: uuid.UUID) -> Any:
    company = _opened(token)
    meeting = web_dependencies().store.meeting(company, meeting_id)
    if not meeting.active:
        return _see_other(url_for(".meeting", token=token, meeting_id=meeting.id))
    if request.method == "GET":
        return _render(
            "booking/cancel.html", company, token, meeting=_shown(meeting, company.language)
        )
    cancel_meeting(
        web_dependencies().meeting_changes,
        company,
        meeting.id,
        current_time(),
        client=client_address(),
    )
    return _see_other(url_for(".meeting", token=token, meeting_id=meeting.id))


@pages.route("/book/<token>/meetings/<uuid:meeting_id>/reschedule", methods=["GET", "POST"])
def reschedule(token: str, meeting_id: uuid.UUID) -> Any:
    company = _opened(token)
    meeting = web_dependencies().store.meeting(company, meeting_id)
    now = current_time()
    if not meeting.active:
        return _see_other(url_for(".meeting", token=token, meeting_id=meeting.id))
    if request.method == "GET":
        return _render_slots("booking/reschedule.html", company, token, meeting, now)
    choice = _read_choice(request.form.get("slot", ""))
    if choice is None or choice[0] != meeting.advisor_id:
        page = _render_slots(
            "booking/reschedule.html", company, token, meeting, now, str(_CHOOSE_AGAIN)
        )
        return page, 422
    try:
        reschedule_meeting(
            web_dependencies().meeting_changes,
            company,
            meeting.id,
            choice[1],
            now,
            client=client_address(),
        )
    except BookingError as refused:
        page = _render_slots(
            "booking/reschedule.html", company, token, meeting, now, _reason(refused)
        )
        return page, refused.status
    return _see_other(url_for(".meeting", token=token, meeting_id=meeting.id))


def _render_book(
    company: Company,
    token: str,
    now: datetime,
    error: str | None = None,
    *,
    callback_error: InvalidDetails | None = None,
    callback_form: dict[str, str] | None = None,
) -> str:
    requested = web_dependencies().callbacks.open_request(company)
    shown = None
    if requested is not None:
        day = local(requested.requested_at, CLUSTER_ZONE_NAME).date()
        shown = {"day": weekday_date(day, company.language)}
    return _render_slots(
        "booking/book.html",
        company,
        token,
        None,
        now,
        error,
        callback=shown,
        callback_error=callback_error,
        callback_form=callback_form or {"phone": "", "preferred_time": ""},
    )


def _render_meeting(company: Company, meeting: Meeting, token: str) -> str:
    return _render(
        "booking/meeting.html", company, token, meeting=_shown(meeting, company.language)
    )


def _render_slots(
    template: str,
    company: Company,
    token: str,
    moving: Meeting | None,
    now: datetime,
    error: str | None = None,
    **context: Any,
) -> str:
    offered = offered_slots(web_dependencies().engine, company, now, moving=moving)
    return _render(
        template,
        company,
        token,
        days=_days(offered, company.language),
        several_advisors=len({slot.advisor_id for slot in offered}) > 1,
        meeting=None if moving is None else _shown(moving, company.language),
        error=error,
        **context,
    )


def _shown(meeting: Meeting, language: str) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "active": meeting.active,
        "advisor": web_dependencies().store.advisor(meeting.advisor_id).name,
        "when": meeting_when(meeting.starts_at, meeting.ends_at, meeting.timezone, language),
    }


def _render(template: str, company: Company, token: str, **context: Any) -> str:
    return render_template(template, company=company, token=token, **context)


def _error(reason: str, status: int) -> tuple[str, int]:
    """Where the link was refused, the company is not known: the language is the one the
    address or the browser asks for (servicekit.languages), else German."""
    heading, detail = _REFUSALS[reason]
    return error_page(str(heading), str(detail)), status


def _reason(refused: BookingError) -> str:
    return str(_REASONS.get(type(refused), _MEETING_CHANGED))


def _days(offered: Sequence[OfferedSlot], language: str) -> list[dict[str, Any]]:
    """Slots grouped by their local day; at one time, the first advisor's slot only (the
    company chooses a time, not a person; the assigned advisor comes first)."""
    days: dict[str, dict[str, Any]] = {}
    seen: set[datetime] = set()
    for slot in offered:
        if slot.starts_at in seen:
            continue
        seen.add(slot.starts_at)
        day = local(slot.starts_at, slot.timezone).date()
        group = days.setdefault(
            day.isoformat(),
            {"id": day.isoformat(), "label": weekday_date(day, language), "slots": []},
        )
        group["slots"].append(
            {
                "value": _CHOICE_SEPARATOR.join((str(slot.advisor_id), slot.starts_at.isoformat())),
                "id": f"slot-{slot.starts_at:%Y%m%dT%H%M}-{slot.advisor_id.hex[:8]}",
                "label": hours(slot.starts_at, slot.ends_at, slot.timezone),
                "advisor": slot.advisor_name,
            }
        )
    return list(days.values())


def _read_choice(value: str) -> tuple[uuid.UUID, datetime] | None:
    advisor, _, start = value.partition(_CHOICE_SEPARATOR)
    try:
        advisor_id = uuid.UUID(advisor)
        starts_at = datetime.fromisoformat(start)
        if starts_at.tzinfo is None:
            return None
        return advisor_id, starts_at.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _see_other(location: str) -> BaseResponse:
    return redirect(location, code=303)
