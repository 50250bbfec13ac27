"""The retention rules, applied by `assessment-retention` (a Kubernetes CronJob runs it
hourly; in compose `--every 3600` repeats it); each pass deletes only what is due.

- Drafts (never submitted) untouched for ASSESSMENT_DRAFT_RETENTION_DAYS are deleted with
  their company. Only this service ever held them: a draft is in no event.
- Mail bodies, recipients and attachments older than MAIL_BODY_RETENTION_DAYS are blanked;
  the delivery-log rows stay.
- An erasure confirmation is blanked as soon as it has gone out: it was the last use of the
  company's address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, and_, select

from assessment.adapters.tables import STATUS_DRAFT, assessments, companies
from assessment.privacy.config import PrivacyConfig
from assessment.privacy.erasure import CONFIRMATION_KEY_PREFIX
from mailing.privacy import erase_mails, expire_mail_bodies
from mailing.tables import STATUS_QUEUED, mail_outbox


@dataclass(frozen=True)
class RetentionPass:
    drafts_deleted: int
    mails_blanked: int


def apply_retention(engine: Engine, privacy: PrivacyConfig, now: datetime) -> RetentionPass:
    draft_cutoff = now - privacy.draft_retention
    with engine.begin() as connection:
        expired = connection.execute(
            select(assessments.c.id, assessments.c.company_id).where(
                assessments.c.status == STATUS_DRAFT, assessments.c.updated_at < draft_cutoff
            )
        ).all()
        connection.execute(
            assessments.delete().where(assessments.c.id.in_([e.id for e in expired]))
        )
        # A company row exists for its assessment; one left without any goes too.
        candidates = {e.company_id for e in expired}
        orphaned = candidates - set(
            connection.execute(
                select(assessments.c.company_id).where(assessments.c.company_id.in_(candidates))
            ).scalars()
        )
        connection.execute(companies.delete().where(companies.c.id.in_(orphaned)))
        blanked = expire_mail_bodies(connection, now - privacy.mail_body_retention)
        blanked += erase_mails(
            connection,
            and_(
                mail_outbox.c.dedupe_key.startswith(CONFIRMATION_KEY_PREFIX),
                mail_outbox.c.status != STATUS_QUEUED,
            ),
        )
    return RetentionPass(len(expired), blanked)
