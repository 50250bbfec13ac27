"""What the notifications service consumes: scored assessments (routing, the desk's read
model), the rulesets' words, generated reports (the mails to the advisor and the company),
erasure requests (the company's read model, meetings and mails go) and revocations of a
company's links (older booking and export links answer 403)."""

from __future__ import annotations

from functools import partial

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from eventing.inbox import apply_once
from eventing.topics import ASSESSMENT_EVENTS, PRIVACY_EVENTS, REPORT_EVENTS
from eventing.worker import ConsumerSpec
from notifications.adapters.mail_links import MailLinks
from notifications.privacy.erasure import SERVICE, erase_company
from notifications.services.record_ruleset_words import record_ruleset_words
from notifications.services.record_scored_assessment import record_scored_assessment
from notifications.services.send_report_mails import report_generated
from privacy.erasure_ledger import erasure_effect, unless_erased
from privacy.link_cutoffs import revocation_effect

CONSUMER = "notifications"


def consumer_spec(engine: Engine, links: MailLinks) -> ConsumerSpec:
    sessions = sessionmaker(engine)
    effects = {
        # A replayed or late event about an erased assessment stores and mails nothing.
        ("assessment.scored", 1): unless_erased(partial(record_scored_assessment, links)),
        ("report.generated", 1): unless_erased(partial(report_generated, links)),
        ("ruleset.published", 1): record_ruleset_words,
        ("erasure.requested", 1): erasure_effect(SERVICE, erase_company),
        ("company.links_revoked", 1): unless_erased(revocation_effect()),
    }
    return ConsumerSpec(
        name=CONSUMER,
        topics=(ASSESSMENT_EVENTS.name, REPORT_EVENTS.name, PRIVACY_EVENTS.name),
        handlers={key: apply_once(sessions, CONSUMER, effect) for key, effect in effects.items()},
    )
