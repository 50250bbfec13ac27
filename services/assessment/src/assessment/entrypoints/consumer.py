"""What the assessment service consumes: report and meeting events, to show their status;
privacy events, to erase a company and to confirm the erasure once every service is done, and
to end the resume links of a company whose links an admin revoked."""

from __future__ import annotations

from functools import partial

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from assessment.privacy.erasure import SERVICE, erase_company, erasure_completed
from assessment.services import track_follow_ups
from assessment.services.renew_resume_link import ResumeLinks, renew_company_tokens
from eventing.inbox import apply_once
from eventing.topics import MEETING_EVENTS, PRIVACY_EVENTS, REPORT_EVENTS
from eventing.worker import ConsumerSpec
from privacy.erasure_ledger import erasure_effect, unless_erased
from privacy.link_cutoffs import revocation_effect

CONSUMER = "assessment"


def consumer_spec(engine: Engine, resume_links: ResumeLinks) -> ConsumerSpec:
    sessions = sessionmaker(engine)
    # A late or replayed event about an erased assessment changes nothing.
    effects = {
        key: unless_erased(effect)
        for key, effect in {
            ("report.generated", 1): track_follow_ups.report_generated,
            ("report.failed", 1): track_follow_ups.report_failed,
            ("meeting.booked", 1): track_follow_ups.meeting_booked,
            ("meeting.rescheduled", 1): track_follow_ups.meeting_rescheduled,
            ("meeting.cancelled", 1): track_follow_ups.meeting_cancelled,
            ("company.links_revoked", 1): revocation_effect(
                partial(renew_company_tokens, resume_links)
            ),
        }.items()
    }
    effects[("erasure.requested", 1)] = erasure_effect(SERVICE, erase_company)
    effects[("erasure.completed", 1)] = erasure_completed
    return ConsumerSpec(
        name=CONSUMER,
        topics=(REPORT_EVENTS.name, MEETING_EVENTS.name, PRIVACY_EVENTS.name),
        handlers={key: apply_once(sessions, CONSUMER, effect) for key, effect in effects.items()},
    )
