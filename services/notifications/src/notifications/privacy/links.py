"""Revoked links in the notifications service: booking and export links a company's
revocation ended, and an admin's revocation at the desk.

An admin revokes when the company reports a leaked mail by phone, or sees one forwarded:
every booking, report and export link issued so far stops at once here, the other services
follow on `company.links_revoked` (the assessment service also ends the resume link and mails
a new one to the contact, so the holder of a leaked mail cannot mint new links).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine

from eventing.outbox import add_to_outbox
from notifications.privacy.company_data import find_copies
from privacy import link_cutoffs

SERVICE = "notifications"


def revoke_links_by_admin(engine: Engine, company_id: uuid.UUID, now: datetime) -> None:
    """The cut-off here and the event for the other services, in one transaction."""
    with engine.begin() as connection:
        copies = find_copies(connection, company_id)
        link_cutoffs.move_forward(connection, company_id, now)
        add_to_outbox(
            connection,
            link_cutoffs.revoked_event(SERVICE, company_id, copies.assessment_ids, "admin", now),
        )
