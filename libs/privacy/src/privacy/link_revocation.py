"""Revoking a company's signed links: the event, and its effect in a consumer.

Whoever takes the revocation (the assessment service when the company ends its resume link,
the notifications desk for an admin) records the new "links valid from" time in its own
`link_cutoffs` and puts `company.links_revoked` into its outbox, in one transaction; every
service that checks signed links of the company (booking, report download, privacy export)
consumes it and refuses the older ones from then on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from eventing.envelope import Envelope, new_envelope
from eventing.inbox import Effect
from privacy.link_cutoffs import LinkCutoffs

logger = logging.getLogger(__name__)

# What a service does besides refusing older links, once the cut-off moved (a new report
# link, new resume links); it runs in the consumer's transaction.
AfterRevocation = Callable[[Session, Envelope], None]


def revoked_event(
    producer: str,
    company_id: uuid.UUID,
    assessment_ids: Iterable[uuid.UUID],
    revoked_by: str,
    links_valid_from: datetime,
) -> Envelope:
    data: dict[str, Any] = {
        "company_id": company_id,
        "assessment_ids": sorted(set(assessment_ids)),
        "links_valid_from": links_valid_from,
        "revoked_by": revoked_by,
    }
    return new_envelope(
        "company.links_revoked", 1, data, producer=producer, correlation_id=str(company_id)
    )


def revocation_effect(cutoffs: LinkCutoffs, after: AfterRevocation | None = None) -> Effect:
    """The effect of `company.links_revoked`: move the company's cut-off forward, then
    `after`. An older revocation (late, replayed) moves nothing and runs nothing."""

    def effect(session: Session, event: Envelope) -> None:
        data = event.data
        if not cutoffs.move_forward(session, data["company_id"], data["links_valid_from"]):
            logger.info("links revocation %s is not newer than the one recorded", event.event_id)
            return
        if after is not None:
            after(session, event)

    return effect
