"""A company that finds no free date asks to be called back (the booking page and the API
both call this); the admins see the open requests in the desk and mark them done.

Only when no date is offered: with a free slot the company books it, and with a meeting it
has its talk. One request per company is open at a time (a partial unique index, so two
concurrent requests make one); asking again returns the open one. The admins are mailed in
the request's transaction, through the mail outbox, without the company's data: the mail
points to the desk, so nothing about the company sits in their inboxes or the delivery log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.templates import MailTemplates
from notifications.adapters.tables import ROLE_ADMIN, advisors, callback_requests
from notifications.booking.booking_errors import AlreadyBooked, BookingError
from notifications.booking.service import BookingService
from notifications.booking.store import Company
from notifications.domain.callback_details import CallbackDetails
from servicekit.request_limits import RequestLimits

_MAILS = MailTemplates.of_package("notifications")


class DatesOffered(BookingError):
    """A free date is offered: the company books it instead of waiting for a call."""


@dataclass(frozen=True)
class CallbackRequest:
    id: uuid.UUID
    phone: str | None
    preferred_time: str | None
    requested_at: datetime


class Callbacks:
    def __init__(
        self, engine: Engine, booking: BookingService, desk_url: str, limits: RequestLimits
    ) -> None:
        self._engine = engine
        self._booking = booking
        self._desk_url = desk_url
        self._limits = limits

    def open_request(self, company: Company) -> CallbackRequest | None:
        with self._engine.connect() as connection:
            return _open_request(connection, company.company_id)

    def request(
        self, company: Company, details: CallbackDetails, now: datetime, client: str
    ) -> tuple[CallbackRequest, bool]:
        """The company's open request and whether this call made it. A new request mails
        every admin, and a closed one lets the company ask again: so each new one counts
        against the client's and the company's limits (raises LimitReached)."""
        existing = self.open_request(company)
        if existing is not None:
            return existing, False
        if self._booking.active_meeting(company) is not None:
            raise AlreadyBooked("You have a meeting booked already; no call back is needed.")
        if self._booking.open_slots(company, now):
            raise DatesOffered("Free dates are offered; please book one of them.")
        self._limits.take("callback.request", client, str(company.company_id), now)
        made = CallbackRequest(uuid.uuid4(), details.phone, details.preferred_time, now)
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    insert(callback_requests).values(
                        id=made.id,
                        assessment_id=company.assessment_id,
                        company_id=company.company_id,
                        phone=made.phone,
                        preferred_time=made.preferred_time,
                        requested_at=now,
                    )
                )
                self._tell_admins(connection, made.id, now)
        except IntegrityError:
            # A concurrent request of the same company was stored first: that one it is.
            existing = self.open_request(company)
            if existing is None:
                raise
            return existing, False
        return made, True

    def _tell_admins(self, connection: Connection, request_id: uuid.UUID, now: datetime) -> None:
        admins = connection.execute(
            select(advisors.c.id, advisors.c.email).where(
                advisors.c.role == ROLE_ADMIN, advisors.c.active.is_(True)
            )
        ).all()
        # Admins work in German, like every advisor.
        words = _MAILS.render(
            "callback_requested", "de", {"callbacks_url": f"{self._desk_url}callbacks"}
        )
        for admin_id, email in admins:
            mail = Mail(dedupe_key=f"callback:{request_id}:{email}", to=email, **words)
            # The admin's own mail: it names no company, so no company's export or erasure
            # touches it.
            queue_mail(connection, mail, now, owner=MailOwner.staff(admin_id))


def mark_done(
    connection: Connection, request_id: uuid.UUID, admin_id: uuid.UUID, now: datetime
) -> bool:
    """Close the open request; False when there is none with this id."""
    closed = connection.execute(
        update(callback_requests)
        .where(callback_requests.c.id == request_id, callback_requests.c.done_at.is_(None))
        .values(done_at=now, done_by=admin_id)
    )
    return closed.rowcount == 1


def _open_request(connection: Connection, company_id: uuid.UUID) -> CallbackRequest | None:
    row = connection.execute(
        select(callback_requests).where(
            callback_requests.c.company_id == company_id, callback_requests.c.done_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    return CallbackRequest(row.id, row.phone, row.preferred_time, row.requested_at)
