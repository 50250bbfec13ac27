"""Revoking a company's signed links, as the assessment service takes part in it.

The only signed links this service checks are those to its own part of the export
(privacy.export.export_blueprint, against the cut-offs kept here); the booking and report
links are checked by the services that serve them. It takes the company's revocation: ending
its resume link (assessment.services.renew_resume_link) records the cut-off here and publishes
`company.links_revoked`. An admin's revocation at the desk comes in as that event; then the
resume links end too and new ones are mailed to the contact (renew_resume_link), because whoever
holds a leaked resume link could otherwise open the result page and mint new links. The cut-off
kept here makes that happen once per revocation, however often the event is replayed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection, select

from assessment.adapters.tables import assessments
from eventing.outbox import add_to_outbox
from privacy import link_cutoffs

SERVICE = "assessment"


def revoke_links(connection: Connection, company_id: uuid.UUID, now: datetime) -> None:
    """The company's revocation: recorded here and published, in the caller's transaction."""
    assessment_ids = connection.execute(
        select(assessments.c.id).where(assessments.c.company_id == company_id)
    ).scalars()
    link_cutoffs.move_forward(connection, company_id, now)
    add_to_outbox(
        connection, link_cutoffs.revoked_event(SERVICE, company_id, assessment_ids, "company", now)
    )
