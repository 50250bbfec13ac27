"""A company that finds no free date asks to be called back (the booking page and the API
both call this); the admins see the open requests in the desk and mark them done.

Only when no date is offered: with a free slot the company books it, and with a meeting it
has its talk. One request per company is open at a time (a partial unique index, so two
concurrent requests make one); asking again returns the open one. The admins are mailed in
the request's transaction, through the mail outbox, without the company's data
(adapters/callback_mail.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from notifications.adapters import callback_store
from notifications.adapters.booking_store import active_meeting
from notifications.adapters.callback_mail import tell_admins
from notifications.adapters.callback_store import CallbackRequest
from notifications.domain.booking_errors import AlreadyBooked, DatesOffered
from notifications.domain.callback_details import CallbackDetails
from notifications.domain.meetings import Company
from notifications.services.offer_slots import offered_slots
from servicekit.request_limits import RequestLimits


class Callbacks:
    def __init__(self, engine: Engine, desk_url: str, limits: RequestLimits) -> None:
        self._engine = engine
        self._desk_url = desk_url
        self._limits = limits

    def open_request(self, company: Company) -> CallbackRequest | None:
        with self._engine.connect() as connection:
            return callback_store.open_request(connection, company.company_id)

    def request(
        self, company: Company, details: CallbackDetails, now: datetime, client: str
    ) -> tuple[CallbackRequest, bool]:
        """The company's open request and whether this call made it. A new request mails
        every admin, and a closed one lets the company ask again: so each new one counts
        against the client's and the company's limits (raises LimitReached)."""
        existing = self.open_request(company)
        if existing is not None:
            return existing, False
        with self._engine.connect() as connection:
            booked = active_meeting(connection, company.assessment_id)
        if booked is not None:
            raise AlreadyBooked("You have a meeting booked already; no call back is needed.")
        if offered_slots(self._engine, company, now):
            raise DatesOffered("Free dates are offered; please book one of them.")
        self._limits.take("callback.request", client, str(company.company_id), now)
        made = CallbackRequest(uuid.uuid4(), details.phone, details.preferred_time, now)
        try:
            with self._engine.begin() as connection:
                callback_store.add_request(connection, company, made)
                tell_admins(connection, made.id, self._desk_url, now)
        except IntegrityError:
            # A concurrent request of the same company was stored first: that one it is.
            existing = self.open_request(company)
            if existing is None:
                raise
            return existing, False
        return made, True
