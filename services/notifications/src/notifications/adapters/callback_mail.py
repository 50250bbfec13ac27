"""The mail that tells every admin about a new call-back request, handed to the mail
outbox in the request's transaction. It names no company: it points to the desk, so nothing
about the company sits in the admins' inboxes or the delivery log."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection

from mailing.message import Mail
from mailing.outbox import queue_mail
from mailing.owner import MailOwner
from mailing.templates import MailTemplates
from notifications.adapters.advisor_store import active_admins

_MAILS = MailTemplates.of_package("notifications")


def tell_admins(
    connection: Connection, request_id: uuid.UUID, desk_url: str, now: datetime
) -> None:
    # Admins work in German, like every advisor.
    words = _MAILS.render("callback_requested", "de", {"callbacks_url": f"{desk_url}callbacks"})
    for admin_id, email in active_admins(connection):
        mail = Mail(dedupe_key=f"callback:{request_id}:{email}", to=email, **words)
        # The admin's own mail: it names no company, so no company's export or erasure
        # touches it.
        queue_mail(connection, mail, now, owner=MailOwner.staff(admin_id))
